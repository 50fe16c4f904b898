import { multiply } from '../../money/money';
import { SlipBuilder } from '../builder';
import type { SlipDocument } from '../document';
import { slipLabels } from '../labels';
import { formatAmount, formatDateTime, formatMoney, formatRate } from '../money-format';
import type { ReceiptLine, SaleReceiptView, TenderLine } from '../view-models';
import type { SlipLabels } from '../labels';
import type { SlipLocale } from '../document';
import { copyMark, ticketHeadLines, title, venueHeader } from './common';

function tenderLabel(t: TenderLine, labels: SlipLabels): string {
  const name = labels.tender[t.method];
  if (t.method === 'card' && t.cardLast4) return `${name} **** ${t.cardLast4}`;
  if (t.method === 'voucher' && t.voucherCode) return `${name} ${t.voucherCode}`;
  return name;
}

/** Tenders, with what a cash customer handed over and a card's approval code under each. */
export function tenderRows(
  b: SlipBuilder,
  tenders: readonly TenderLine[],
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

/** "2 x 600.00" on the left, the product on the right: every right-hand amount adds to TOTAL. */
function perTicketRow(
  b: SlipBuilder,
  label: string,
  quantity: number,
  unit: ReceiptLine['unitPrice'],
  labels: SlipLabels,
  locale: SlipLocale,
): void {
  const left = `${label}${label ? ' ' : ''}${quantity} ${labels.qtyTimes} ${formatAmount(unit, locale)}`;
  b.row(left, formatAmount(multiply(unit, quantity), locale), { indent: 2 });
}

/**
 * One receipt line as the sell screen shows it: what the tickets are for, the ticket price,
 * each discount or promo code and the booking fee on their own lines. A line without the
 * breakdown (an older caller) prints its unit price and total as they come.
 */
function receiptLine(
  b: SlipBuilder,
  line: ReceiptLine,
  labels: SlipLabels,
  locale: SlipLocale,
  timeZone: string,
): void {
  ticketHeadLines(
    b,
    { event: line.description, startsAt: line.startsAt, tier: line.tier, seats: line.seats },
    labels,
    locale,
    timeZone,
  );
  if (line.adjustments === undefined && line.unitBookingFee === undefined) {
    b.row(
      `${line.quantity} ${labels.qtyTimes} ${formatAmount(line.unitPrice, locale)}`,
      formatAmount(line.total, locale),
      { indent: 2 },
    );
    return;
  }
  perTicketRow(b, '', line.quantity, line.unitPrice, labels, locale);
  for (const a of line.adjustments ?? []) {
    const label = a.promoCode ? `${labels.promoCode} ${a.promoCode}` : a.label;
    perTicketRow(b, label, line.quantity, a.unitAmount, labels, locale);
  }
  if (line.unitBookingFee && line.unitBookingFee.amount !== 0) {
    perTicketRow(b, labels.bookingFee, line.quantity, line.unitBookingFee, labels, locale);
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
  for (const line of view.lines) receiptLine(b, line, labels, locale, view.timeZone);
  b.rule();
  b.row(labels.total, formatMoney(view.total, locale), { bold: true });
  for (const t of view.taxes) {
    b.row(
      `${labels.vatIncluded} ${formatRate(t.rate, locale)} (${labels.taxNet} ${formatAmount(t.net, locale)})`,
      formatAmount(t.tax, locale),
    );
  }
  if (view.rounding && view.rounding.amount !== 0) {
    b.row(labels.cashRounding, formatAmount(view.rounding, locale));
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
      if (ticket.detail !== undefined) b.text(ticket.detail, { align: 'center' });
      b.qr(ticket.code, view.columns === 32 ? 3 : 4);
    }
  }
  b.text(labels.thankYou, { align: 'center' });
  if (view.copy) copyMark(b, labels);
  return b.build(`${labels.receipt} ${view.receiptNo}`);
}
