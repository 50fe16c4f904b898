import type { ExchangePayload } from '../../journal/entry-types';
import { formatReceiptNumber } from '../../orders/receipt-number';
import type { ExchangeReceiptView } from '../view-models';
import { performanceNames, seatNames, tenderLine, tierName, type SlipSource } from './slip-source';

/**
 * A committed exchange as its receipt: the returned tickets with the credit each gives, the
 * new tickets with their price, and the entry's credit, new total, fee, difference, tenders,
 * change and payouts as quoteExchange and the exchange command recorded them.
 */
export function exchangeReceiptViewOf(
  x: ExchangePayload,
  source: SlipSource & {
    /** the returned tickets' seats, from the sale (the exchange entry names tickets) */
    readonly seatOf: (ticketId: string) => string | undefined;
    readonly originalReceiptNo: string;
  },
): ExchangeReceiptView {
  const { catalog } = source;
  return {
    locale: source.locale,
    columns: source.columns,
    timeZone: source.timeZone,
    venue: source.venue,
    receiptNo: formatReceiptNumber(source.terminal, x.receiptNo, x.training),
    originalReceiptNo: source.originalReceiptNo,
    terminal: source.terminal,
    cashier: source.staffName(x.staff.staffId),
    ...(x.approvedBy ? { approver: source.staffName(x.approvedBy.staffId) } : {}),
    issuedAt: source.issuedAt,
    returned: x.returned.map((t) => ({
      ...performanceNames(catalog, t.performanceId),
      seat: seatNames(catalog, t.performanceId, source.seatOf(t.ticketId)),
      tier: tierName(catalog, t.tierId),
      amount: t.credit,
    })),
    issued: x.issued.map((t) => ({
      ...performanceNames(catalog, t.performanceId),
      seat: seatNames(catalog, t.performanceId, t.seatId),
      tier: tierName(catalog, t.tierId),
      amount: t.price,
    })),
    credit: x.credit,
    newTotal: x.newTotal,
    fee: x.fee,
    difference: x.difference,
    tenders: x.tenders.map(tenderLine),
    ...(x.change.amount > 0 ? { change: x.change } : {}),
    ...(x.rounding.amount !== 0 ? { rounding: x.rounding } : {}),
    payouts: x.payouts.map((p) => ({ method: p.kind, amount: p.amount })),
  };
}
