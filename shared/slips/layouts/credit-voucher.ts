import { SlipBuilder } from '../builder';
import type { SlipDocument } from '../document';
import { slipLabels } from '../labels';
import { formatDate, formatDateTime, formatMoney } from '../money-format';
import type { CreditVoucherView } from '../view-models';
import { copyMark, title, venueHeader } from './common';

/** Credit voucher: the code as QR (phones, kiosks) and CODE128 (older scanners), balance, expiry. */
export function creditVoucher(view: CreditVoucherView): SlipDocument {
  const { locale } = view;
  const labels = slipLabels(locale);
  const b = new SlipBuilder('credit-voucher', locale, view.columns);
  venueHeader(b, view.venue, labels, view.copy);
  title(b, labels.creditVoucher);
  b.row(labels.voucherCode, view.code, { bold: true });
  b.row(labels.balance, formatMoney(view.balance, locale), { bold: true });
  if (view.expiresAt !== undefined)
    b.row(labels.validUntil, formatDate(view.expiresAt, locale, view.timeZone));
  b.row(labels.date, formatDateTime(view.issuedAt, locale, view.timeZone));
  b.rule();
  b.qr(view.code, view.columns === 32 ? 4 : 5);
  b.code128(view.code, true);
  if (view.copy) copyMark(b, labels);
  return b.build(`${labels.creditVoucher} ${view.code}`);
}
