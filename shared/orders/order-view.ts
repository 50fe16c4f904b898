import type {
  AdmissionPayload,
  ExchangePayload,
  RefundPayload,
  SalePayload,
  VoidPayload,
} from '../journal/entry-types';
import { money, type Money } from '../money/money';
import type { RefundedOnline, TicketStatus } from '../refund-policy/evaluate';
import { strictAssert } from '../util/assert';
import type { PayoutSource, TenderBalanceView } from './payouts';
import type { TicketRecord } from './records';
import { requestLabel, type ServerRefund } from './server-refund';
import type { TenderRecord } from './tenders';

/** Something that happened to an order after its sale, in journal order. */
export type OrderEvent =
  | { readonly type: 'refund'; readonly payload: RefundPayload }
  | { readonly type: 'exchange'; readonly payload: ExchangePayload }
  | { readonly type: 'void'; readonly payload: VoidPayload }
  /** Let in at the door: the ticket is used from then on. */
  | { readonly type: 'admission'; readonly payload: AdmissionPayload }
  /**
   * Paid back by the central server for a customer's request (its ledger, not a till's
   * journal): the tickets are refunded from then on, the money came out of `sources`.
   */
  | { readonly type: 'server_refund'; readonly payload: ServerRefund };

export interface TicketView {
  readonly ticket: TicketRecord;
  readonly status: TicketStatus;
  /** Set when the server refunded it (status `refunded`): the refusal says when and which request. */
  readonly refundedOnline?: RefundedOnline;
}

type MutableTicket = {
  ticket: TicketRecord;
  status: TicketStatus;
  refundedOnline?: RefundedOnline;
};

/**
 * An order as it stands now: each ticket's status and, per tender, what was paid and what has
 * gone back. Built from the journal alone (sale + refunds/exchanges/voids), so every terminal
 * that has the entries agrees on it.
 */
export interface OrderView {
  readonly orderId: string;
  readonly currency: Money['currency'];
  readonly sale: SalePayload;
  readonly tickets: readonly TicketView[];
  readonly tenders: readonly TenderBalanceView[];
  /** Σ paid − Σ refunded over the tenders. */
  readonly netPaid: Money;
  /** What the venue kept out of refunds and exchanges (fees, kept booking fees). */
  readonly retained: Money;
  /** Cash rounding on money taken in (sale and exchange collections). */
  readonly rounding: Money;
  /**
   * Owed by the order's cash refunds so far but not handed over: Σ −rounding of their cash
   * payouts, read back from the refund entries. The next cash refund rounds down what it owes
   * plus this, so the order as a whole is rounded down once, not once per refund.
   */
  readonly cashRefundCarry: Money;
}

export function projectOrder(
  sale: SalePayload,
  events: readonly OrderEvent[] = [],
  usedTicketIds: ReadonlySet<string> = new Set(),
): OrderView {
  const currency = sale.totals.total.currency;
  const tickets = new Map<string, MutableTicket>();
  for (const t of sale.tickets) tickets.set(t.ticketId, { ticket: t, status: 'valid' });
  const tenders: TenderRecord[] = [...sale.tenders];
  const refunded = new Map<string, number>();
  let retained = 0;
  let rounding = sale.totals.rounding.amount;
  let cashRefundCarry = 0;
  const takeBack = (payouts: readonly { readonly sources: readonly PayoutSource[] }[]): void => {
    for (const p of payouts) {
      for (const s of p.sources)
        refunded.set(s.tenderId, (refunded.get(s.tenderId) ?? 0) + s.amount.amount);
    }
  };

  for (const e of events) {
    strictAssert(
      e.payload.orderId === sale.orderId,
      `event for order ${e.payload.orderId} applied to ${sale.orderId}`,
    );
    switch (e.type) {
      case 'refund':
        for (const t of e.payload.tickets) setStatus(tickets, t.ticketId, 'refunded');
        retained += e.payload.retained.amount;
        // What the sale's rounding down never took in is not paid back either.
        rounding += e.payload.shortfall.amount;
        for (const p of e.payload.payouts)
          if (p.kind === 'cash') cashRefundCarry -= p.rounding.amount;
        takeBack(e.payload.payouts);
        break;
      case 'exchange':
        for (const t of e.payload.returned) {
          setStatus(tickets, t.ticketId, 'exchanged');
          // The old booking fee is kept by the venue; the credit moves to the new tickets.
          retained += t.bookingFee.amount;
        }
        for (const t of e.payload.issued) tickets.set(t.ticketId, { ticket: t, status: 'valid' });
        retained += e.payload.fee.amount;
        tenders.push(...e.payload.tenders);
        rounding += e.payload.rounding.amount;
        takeBack(e.payload.payouts);
        break;
      case 'void':
        // A void gives back everything the tenders took, rounding included.
        for (const t of e.payload.tickets) setStatus(tickets, t.ticketId, 'voided');
        takeBack(e.payload.payouts);
        rounding = 0;
        break;
      case 'server_refund': {
        const online = { at: e.payload.at, request: requestLabel(e.payload.requestId) };
        for (const id of e.payload.ticketIds) {
          setStatus(tickets, id, 'refunded');
          tickets.get(id)!.refundedOnline = online;
        }
        takeBack([e.payload]);
        break;
      }
      case 'admission': {
        const t = tickets.get(e.payload.ticketId);
        strictAssert(
          t !== undefined && t.status === 'valid',
          `ticket ${e.payload.ticketId} cannot be let in: it is ${t?.status ?? 'not in this order'}`,
        );
        t.status = 'used';
        break;
      }
    }
  }
  for (const id of usedTicketIds) {
    const t = tickets.get(id);
    if (t && t.status === 'valid') t.status = 'used';
  }
  const balances = tenders.map((t): TenderBalanceView => ({
    tender: t,
    paid: t.amount,
    refunded: money(refunded.get(t.tenderId) ?? 0, currency),
  }));
  const netPaid = balances.reduce((n, b) => n + b.paid.amount - b.refunded.amount, 0);
  return {
    orderId: sale.orderId,
    currency,
    sale,
    tickets: [...tickets.values()],
    tenders: balances,
    netPaid: money(netPaid, currency),
    retained: money(retained, currency),
    rounding: money(rounding, currency),
    cashRefundCarry: money(cashRefundCarry, currency),
  };
}

function setStatus(
  tickets: Map<string, MutableTicket>,
  ticketId: string,
  status: TicketStatus,
): void {
  const t = tickets.get(ticketId);
  strictAssert(t !== undefined, `unknown ticket ${ticketId} in order events`);
  t.status = status;
}
