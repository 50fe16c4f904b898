import { subtract } from '../../money/money';
import type {
  RefundedTicket as RefundedEntryTicket,
  RefundPayload,
} from '../../journal/entry-types';
import type { Payout } from '../../orders/payouts';
import { formatReceiptNumber } from '../../orders/receipt-number';
import type { RefundedTicket, RefundVoucherView, TenderMethod } from '../view-models';
import { performanceNames, seatNames, tierName, type SlipSource } from './slip-source';

/**
 * One refunded ticket's lines from the refund entry's figures (evaluate's, via planRefund):
 * the booking fee kept is the fee not returned, and what the venue keeps beyond the refund
 * fee and that is the part of the price outside the refund window. By the entry's own
 * definition (retained = price + booking fee − amount) the lines add up to the amount.
 */
function refundedTicket(
  t: RefundedEntryTicket,
  source: SlipSource & { readonly seatOf: (ticketId: string) => string | undefined },
): RefundedTicket {
  const { event, startsAt } = performanceNames(source.catalog, t.performanceId);
  const bookingFeeKept = subtract(t.bookingFee, t.bookingFeeReturned);
  return {
    label: event,
    startsAt,
    seat: seatNames(source.catalog, t.performanceId, source.seatOf(t.ticketId)),
    tier: tierName(source.catalog, t.tierId),
    amount: t.amount,
    breakdown: {
      price: t.price,
      bookingFee: t.bookingFee,
      fee: t.fee,
      bookingFeeKept,
      notRefundable: subtract(subtract(t.retained, t.fee), bookingFeeKept),
    },
  };
}

function payoutMethod(p: Payout): TenderMethod {
  return p.kind;
}

/**
 * A committed refund as its voucher: each ticket named (performance, seat, tier) with the sum
 * that gives its amount, the payouts, the reason as a code the layout words in the slip's
 * language, the cashier and approver by name.
 */
export function refundVoucherViewOf(
  refund: RefundPayload,
  source: SlipSource & {
    /** the refunded tickets' seats: the refund entry names tickets, the sale names seats */
    readonly seatOf: (ticketId: string) => string | undefined;
    readonly originalReceiptNo: string;
  },
): RefundVoucherView {
  const first = refund.payouts[0];
  return {
    locale: source.locale,
    columns: source.columns,
    timeZone: source.timeZone,
    venue: source.venue,
    refundNo: formatReceiptNumber(source.terminal, refund.receiptNo, refund.training),
    originalReceiptNo: source.originalReceiptNo,
    terminal: source.terminal,
    cashier: source.staffName(refund.staff.staffId),
    issuedAt: source.issuedAt,
    tickets: refund.tickets.map((t) => refundedTicket(t, source)),
    fee: refund.fees,
    amount: refund.total,
    method: first ? payoutMethod(first) : refund.method === 'voucher' ? 'voucher' : 'cash',
    payouts: refund.payouts.map((p) => ({ method: payoutMethod(p), amount: p.amount })),
    ...(refund.bonus.amount !== 0 ? { bonus: refund.bonus } : {}),
    ...(refund.rounding.amount !== 0 ? { rounding: refund.rounding } : {}),
    ...(refund.shortfall.amount !== 0 ? { shortfall: refund.shortfall } : {}),
    reason: refund.reasonCode,
    ...(refund.approvedBy ? { approver: source.staffName(refund.approvedBy.staffId) } : {}),
    refundCode: refund.refundId,
  };
}
