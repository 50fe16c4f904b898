import { SlipBuilder } from '../builder';
import type { SlipDocument } from '../document';
import { slipLabels } from '../labels';
import { formatAmount, formatDateTime, formatMoney } from '../money-format';
import type { RefundVoucherView } from '../view-models';
import { copyMark, title, venueHeader } from './common';

/**
 * Refund voucher: original receipt, refunded tickets, fee, amount, method, reason, approver,
 * a QR naming the refund, and a signature line when cash left the drawer.
 */
export function refundVoucher(view: RefundVoucherView): SlipDocument {
  const { locale } = view;
  const labels = slipLabels(locale);
  const b = new SlipBuilder('refund-voucher', locale, view.columns);
  venueHeader(b, view.venue, labels, view.copy);
  title(b, labels.refundVoucher);
  b.row(labels.refundNo, view.refundNo);
  b.row(labels.originalReceipt, view.originalReceiptNo);
  b.row(`${labels.terminal} ${view.terminal}`, `${labels.cashier} ${view.cashier}`);
  b.row(labels.date, formatDateTime(view.issuedAt, locale, view.timeZone));
  b.rule();
  b.text(labels.refundedTickets, { bold: true });
  for (const t of view.tickets) b.row(t.label, formatAmount(t.amount, locale), { indent: 2 });
  b.row(labels.fee, `-${formatAmount(view.fee, locale)}`);
  b.rule();
  b.row(labels.refundAmount, formatMoney(view.amount, locale), { bold: true });
  b.row(labels.method, labels.tender[view.method]);
  b.text(`${labels.reason}: ${view.reason}`);
  if (view.approver) b.row(labels.approvedBy, view.approver);
  b.qr(view.refundCode, view.columns === 32 ? 3 : 4);
  if (view.method === 'cash') {
    b.feed(2);
    b.rule();
    b.text(labels.customerSignature, { align: 'center' });
  }
  if (view.copy) copyMark(b, labels);
  return b.build(`${labels.refundVoucher} ${view.refundNo}`);
}
