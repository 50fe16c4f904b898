import { equals, sum } from '../../money/money';
import type { SalePayload } from '../../journal/entry-types';
import type { OrderLine, TicketRecord } from '../../orders/records';
import { formatReceiptNumber } from '../../orders/receipt-number';
import { slipLabels, type SlipLabels } from '../labels';
import { formatDateTime } from '../money-format';
import { seatText } from '../layouts/common';
import type { PriceAdjustmentLine, ReceiptLine, SaleReceiptView, SeatRef } from '../view-models';
import { performanceNames, seatNames, tenderLine, tierName, type SlipSource } from './slip-source';

/** "Stalls, row 7, seat 10" or "General admission": what a ticket's QR is labelled with. */
export function seatLabel(seat: SeatRef | null, labels: SlipLabels): string {
  return seat ? seatText(seat, labels) : labels.generalAdmission;
}

/**
 * The price adjustments of a line's tickets, when they are the same for every ticket and add
 * up to the price paid (base + adjustments = price, as priceTicket made them). Otherwise null:
 * the line then prints the price paid, never a breakdown that does not add up.
 */
function sharedAdjustments(
  line: OrderLine,
  tickets: readonly TicketRecord[],
): { base: TicketRecord['base']; adjustments: PriceAdjustmentLine[] } | null {
  const first = tickets[0];
  if (first === undefined || first.adjustments.length === 0) return null;
  const key = (t: TicketRecord) =>
    JSON.stringify([t.base, t.adjustments.map((a) => [a.ruleId, a.amount]), t.promoCode]);
  if (tickets.some((t) => key(t) !== key(first))) return null;
  const total = sum(first.base.currency, [first.base, ...first.adjustments.map((a) => a.amount)]);
  if (!equals(total, line.unitPrice)) return null;
  return {
    base: first.base,
    adjustments: first.adjustments.map((a) => ({
      label: a.label,
      ...(a.kind === 'promo' && first.promoCode ? { promoCode: first.promoCode } : {}),
      unitAmount: a.amount,
    })),
  };
}

function receiptLine(
  line: OrderLine,
  byId: ReadonlyMap<string, TicketRecord>,
  source: SlipSource,
): ReceiptLine {
  const tickets = line.ticketIds.flatMap((id) => {
    const t = byId.get(id);
    return t ? [t] : [];
  });
  const { event, startsAt } = performanceNames(source.catalog, line.performanceId);
  const seats = tickets.flatMap((t) => {
    const s = seatNames(source.catalog, t.performanceId, t.seatId);
    return s ? [s] : [];
  });
  const adjusted = sharedAdjustments(line, tickets);
  return {
    description: event,
    startsAt,
    tier: tierName(source.catalog, line.tierId),
    seats,
    quantity: line.quantity,
    unitPrice: adjusted?.base ?? line.unitPrice,
    ...(adjusted ? { adjustments: adjusted.adjustments } : {}),
    unitBookingFee: line.unitBookingFee,
    total: line.total,
    taxRate: line.taxRateBp,
  };
}

/**
 * A committed sale as its receipt: event, date and time, tier and seat names per line; ticket
 * price, discounts or promo code and booking fee each on their own line (the sell screen's
 * ₴600 + fee, not 620); staff by name. Every figure is the sale entry's (priceTicket's).
 */
export function saleReceiptViewOf(
  sale: SalePayload,
  source: SlipSource & { readonly terminalOfSale?: string },
): SaleReceiptView {
  const labels = slipLabels(source.locale);
  const byId = new Map(sale.tickets.map((t) => [t.ticketId, t]));
  const terminal = source.terminalOfSale ?? source.terminal;
  return {
    locale: source.locale,
    columns: source.columns,
    timeZone: source.timeZone,
    venue: source.venue,
    receiptNo: formatReceiptNumber(terminal, sale.receiptNo, sale.training),
    terminal,
    cashier: source.staffName(sale.staff.staffId),
    issuedAt: source.issuedAt,
    lines: sale.lines.map((l) => receiptLine(l, byId, source)),
    taxes: sale.totals.taxes.map((t) => ({ rate: t.rateBp, net: t.net, tax: t.tax })),
    total: sale.totals.total,
    tenders: sale.tenders.map(tenderLine),
    ...(sale.totals.change.amount > 0 ? { change: sale.totals.change } : {}),
    ...(sale.totals.rounding.amount !== 0 ? { rounding: sale.totals.rounding } : {}),
    // Each QR says which ticket it is: two general-admission tickets of one evening differ
    // only by tier, and a customer holding several evenings tells them apart by the date.
    tickets: sale.tickets.map((t) => {
      const { event, startsAt } = performanceNames(source.catalog, t.performanceId);
      const when = startsAt ? formatDateTime(startsAt, source.locale, source.timeZone) : '';
      return {
        label: when === '' ? event : `${event} · ${when}`,
        detail: `${tierName(source.catalog, t.tierId)} · ${seatLabel(
          seatNames(source.catalog, t.performanceId, t.seatId),
          labels,
        )}`,
        code: t.code,
      };
    }),
  };
}
