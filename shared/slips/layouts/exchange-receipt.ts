import { negate } from '../../money/money';
import { SlipBuilder } from '../builder';
import type { SlipDocument, SlipLocale } from '../document';
import { slipLabels, type SlipLabels } from '../labels';
import { formatAmount, formatDateTime, formatMoney } from '../money-format';
import type { ExchangeReceiptView, ExchangeTicketLine } from '../view-models';
import { copyMark, ticketHeadLines, title, venueHeader } from './common';
import { tenderRows } from './sale-receipt';

function ticketLines(
  b: SlipBuilder,
  tickets: readonly ExchangeTicketLine[],
  labels: SlipLabels,
  locale: SlipLocale,
  timeZone: string,
): void {
  for (const t of tickets) {
    ticketHeadLines(
      b,
      { event: t.event, startsAt: t.startsAt, tier: t.tier, seats: t.seat ? [t.seat] : [] },
      labels,
      locale,
      timeZone,
    );
    // A returned ticket counts for its price (the credit); a new one costs its price.
    b.row(labels.ticketPrice, formatAmount(t.amount, locale), { indent: 2 });
  }
}

/**
 * Exchange receipt (issue 10 item 4): the old tickets, marked void; the new ones; then new
 * tickets − credit + fee = the difference, and how it was settled (tenders and change, or
 * what went back). Every figure is the exchange entry's, as quoteExchange computed it.
 */
export function exchangeReceipt(view: ExchangeReceiptView): SlipDocument {
  const { locale } = view;
  const labels = slipLabels(locale);
  const b = new SlipBuilder('exchange-receipt', locale, view.columns);
  venueHeader(b, view.venue, labels, view.copy);
  title(b, labels.exchangeReceipt);
  b.row(labels.receiptNo, view.receiptNo);
  b.row(labels.originalReceipt, view.originalReceiptNo);
  b.row(`${labels.terminal} ${view.terminal}`, `${labels.cashier} ${view.cashier}`);
  b.row(labels.date, formatDateTime(view.issuedAt, locale, view.timeZone));
  b.rule();
  b.text(labels.returnedTickets, { bold: true });
  ticketLines(b, view.returned, labels, locale, view.timeZone);
  b.rule();
  b.text(labels.newTickets, { bold: true });
  ticketLines(b, view.issued, labels, locale, view.timeZone);
  b.rule();
  b.row(labels.newTicketsTotal, formatAmount(view.newTotal, locale));
  b.row(labels.creditForReturned, formatAmount(negate(view.credit), locale));
  if (view.fee.amount !== 0) b.row(labels.exchangeFee, formatAmount(view.fee, locale));
  const d = view.difference.amount;
  b.row(
    d > 0 ? labels.toPay : d < 0 ? labels.toPayBack : labels.nothingToPay,
    formatMoney(d < 0 ? negate(view.difference) : view.difference, locale),
    { bold: true },
  );
  if (view.rounding && view.rounding.amount !== 0) {
    b.row(labels.cashRounding, formatAmount(view.rounding, locale));
  }
  if (view.tenders.length > 0 || view.payouts.length > 0) b.rule();
  tenderRows(b, view.tenders, labels, locale);
  if (view.change && view.change.amount > 0) {
    b.row(labels.change, formatAmount(view.change, locale), { bold: true });
  }
  if (view.payouts.length > 0) {
    b.text(labels.paidBack, { bold: true });
    for (const p of view.payouts)
      b.row(labels.tender[p.method], formatAmount(p.amount, locale), { indent: 2 });
  }
  if (view.approver) b.row(labels.approvedBy, view.approver);
  b.text(labels.thankYou, { align: 'center' });
  if (view.copy) copyMark(b, labels);
  return b.build(`${labels.exchangeReceipt} ${view.receiptNo}`);
}
