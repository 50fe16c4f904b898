import { SlipBuilder } from '../builder';
import type { SlipDocument } from '../document';
import { slipLabels } from '../labels';
import { formatAmount, formatDateTime, formatMoney, formatRate } from '../money-format';
import type { SaleReceiptView, TenderLine } from '../view-models';
import type { SlipLabels } from '../labels';
import type { SlipLocale } from '../document';
import { copyMark, title, venueHeader } from './common';

function tenderLabel(t: TenderLine, labels: SlipLabels): string {
  const name = labels.tender[t.method];
  if (t.method === 'card' && t.cardLast4) return `${name} **** ${t.cardLast4}`;
  if (t.method === 'voucher' && t.voucherCode) return `${name} ${t.voucherCode}`;
  return name;
}

function tenderRows(
  b: SlipBuilder,
  tenders: SaleReceiptView['tenders'],
  labels: SlipLabels,
  locale: SlipLocale,
): void {
  for (const t of tenders) {
    b.row(tenderLabel(t, labels), formatAmount(t.amount, locale));
    if (t.method === 'cash' && t.tendered) {
      b.row(labels.tendered, formatAmount(t.tendered, locale), { indent: 2 });
    }
    if (t.method === 'card' && t.approvalCode) {
      b.row(labels.cardApproval, t.approvalCode, { indent: 2 });
    }
  }
}

/** Sale receipt: venue, receipt no., items, taxes by rate, tenders, change, ticket QR codes. */
export function saleReceipt(view: SaleReceiptView): SlipDocument {
  const { locale } = view;
  const labels = slipLabels(locale);
  const b = new SlipBuilder('sale-receipt', locale, view.columns);
  venueHeader(b, view.venue, labels, view.copy);
  title(b, labels.receipt);
  b.row(labels.receiptNo, view.receiptNo);
  b.row(`${labels.terminal} ${view.terminal}`, `${labels.cashier} ${view.cashier}`);
  b.row(labels.date, formatDateTime(view.issuedAt, locale, view.timeZone));
  b.rule();
  for (const line of view.lines) {
    b.text(line.description);
    b.row(
      `${line.quantity} ${labels.qtyTimes} ${formatAmount(line.unitPrice, locale)}`,
      formatAmount(line.total, locale),
      { indent: 2 },
    );
  }
  b.rule();
  b.row(labels.total, formatMoney(view.total, locale), { bold: true });
  for (const t of view.taxes) {
    b.row(
      `${labels.vatIncluded} ${formatRate(t.rate, locale)} (${labels.taxNet} ${formatAmount(t.net, locale)})`,
      formatAmount(t.tax, locale),
    );
  }
  b.rule();
  tenderRows(b, view.tenders, labels, locale);
  if (view.change && view.change.amount > 0) {
    b.row(labels.change, formatAmount(view.change, locale), { bold: true });
  }
  if (view.tickets.length > 0) {
    b.rule();
    b.text(labels.tickets, { align: 'center', bold: true });
    for (const ticket of view.tickets) {
      b.text(ticket.label, { align: 'center' });
      b.qr(ticket.code, view.columns === 32 ? 3 : 4);
    }
  }
  b.text(labels.thankYou, { align: 'center' });
  if (view.copy) copyMark(b, labels);
  return b.build(`${labels.receipt} ${view.receiptNo}`);
}
