import { isRefundReason, type RefundReasonCode } from '../../shared/journal/entry-types';
import type { Currency } from '../../shared/money/currency';
import { allocate } from '../../shared/money/allocate';
import { money, sum, type Money } from '../../shared/money/money';
import type { ServerRefund } from '../../shared/orders/server-refund';
import { num, type Queryable } from '../db/port';
import { venueDayOf } from '../../shared/time/venue-day';
import { readServerRefundsBetween } from '../requests/server-ledger';

/**
 * The server's own refund payouts (server_ledger rows: to the card, or a credit voucher) as
 * the reports count them beside the windows' refunds. A payout is one amount for a request's
 * tickets; the reports need it by reason, by performance and by day, so this is the one place
 * it is attributed — the day report and the refund analytics (and its CSV) both read these.
 *
 * A cash-collection code paid out at a window is never here: that refund is the till's
 * journal entry only (the server ledgers no row for it), so it is counted once, at the window.
 */
export interface OnlinePayout {
  readonly refund: ServerRefund;
  /** The request's reason (refund_requests.reason_code). */
  readonly reasonCode: RefundReasonCode;
  /** The venue's day the server paid it (the day report's and the analytics' day). */
  readonly day: string;
  /** Its tickets and amount by performance (in performance id order); amounts add up to it. */
  readonly performances: readonly { performanceId: string; tickets: number; amount: Money }[];
  /**
   * The refund fee the request kept (refund_requests.fees_minor, planRefund's `fees` at the
   * decision): what the customer asked less what this payout paid, bar the booking fees the
   * policy keeps. The windows' refund fees are their journals'; this is the online part.
   */
  readonly fees: Money;
}

/** A payout's ticket as the server's ticket projection (`tickets`) holds it. */
export interface PayoutTicket {
  readonly ticketId: string;
  readonly performanceId: string;
  readonly priceMinor: number;
}

/** Performance id of a ticket the server's projection does not hold (never expected). */
export const UNKNOWN_PERFORMANCE = 'unknown';

/**
 * Attributes one payout: its request's reason, its day, and its amount split over its
 * tickets in proportion to their prices (all equal when none has a price), largest
 * remainder first so the parts are whole minor units adding up to the payout exactly.
 * A payout of one performance's tickets (a cancellation link always is) is exact. Its day
 * is the venue's calendar day in `timeZone`.
 */
export function attributePayout(
  refund: ServerRefund,
  reasonCode: string,
  tickets: readonly PayoutTicket[],
  fees: Money = money(0, refund.amount.currency),
  timeZone = 'UTC',
): OnlinePayout {
  const known = new Map(tickets.map((t) => [t.ticketId, t]));
  const own = refund.ticketIds.map((id) => ({
    performanceId: known.get(id)?.performanceId ?? UNKNOWN_PERFORMANCE,
    weight: Math.max(0, known.get(id)?.priceMinor ?? 0),
  }));
  const weights = own.every((t) => t.weight === 0) ? own.map(() => 1) : own.map((t) => t.weight);
  const shares = allocate(refund.amount, weights);
  const currency = refund.amount.currency;
  const byPerformance = new Map<string, { tickets: number; amounts: Money[] }>();
  own.forEach((t, i) => {
    const was = byPerformance.get(t.performanceId) ?? { tickets: 0, amounts: [] };
    was.tickets += 1;
    was.amounts.push(shares[i]!);
    byPerformance.set(t.performanceId, was);
  });
  return {
    refund,
    // Requests take their reason from REFUND_REASONS; a row written otherwise reads as the
    // customer record reads it (customers/record.ts).
    reasonCode: isRefundReason(reasonCode) ? reasonCode : 'customer_request',
    day: venueDayOf(refund.at, timeZone),
    performances: [...byPerformance]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([performanceId, p]) => ({
        performanceId,
        tickets: p.tickets,
        amount: sum(currency, p.amounts),
      })),
    fees,
  };
}

/**
 * The venue's server payouts recorded in [from, until), attributed (ledger order), each to
 * its day in the venue's `timeZone`.
 */
export async function readOnlinePayouts(
  db: Queryable,
  venueId: string,
  from: string,
  until: string,
  timeZone: string,
): Promise<OnlinePayout[]> {
  const refunds = await readServerRefundsBetween(db, venueId, from, until);
  if (refunds.length === 0) return [];
  const reasons = await db.query<{ request_id: string; reason_code: string; fees_minor: unknown }>(
    `SELECT request_id, reason_code, fees_minor FROM refund_requests
     WHERE venue_id = $1 AND request_id = ANY($2::text[])`,
    [venueId, refunds.map((r) => r.requestId)],
  );
  const tickets = await db.query<{
    ticket_id: string;
    performance_id: string;
    price_minor: unknown;
  }>(
    `SELECT ticket_id, performance_id, price_minor FROM tickets
     WHERE venue_id = $1 AND ticket_id = ANY($2::text[])`,
    [venueId, refunds.flatMap((r) => r.ticketIds)],
  );
  const reasonOf = new Map(reasons.map((r) => [r.request_id, r.reason_code]));
  const feesOf = new Map(reasons.map((r) => [r.request_id, num(r.fees_minor)]));
  const ticketOf = new Map(
    tickets.map((t) => [
      t.ticket_id,
      { ticketId: t.ticket_id, performanceId: t.performance_id, priceMinor: num(t.price_minor) },
    ]),
  );
  // A request's fee is kept once: on its first payout row, should it ever have two.
  const feeTaken = new Set<string>();
  return refunds.map((r) => {
    const first = !feeTaken.has(r.requestId);
    feeTaken.add(r.requestId);
    return attributePayout(
      r,
      reasonOf.get(r.requestId) ?? '',
      r.ticketIds.flatMap((id) => ticketOf.get(id) ?? []),
      money(first ? (feesOf.get(r.requestId) ?? 0) : 0, r.amount.currency),
      timeZone,
    );
  });
}

/**
 * The refund fees the online payouts kept: their amount and how many payouts kept one. A
 * cash-code payout is a window's refund (no server_ledger row, so never a payout here): its
 * fee is in the till's refund entry and the windows' figures, counted once there.
 */
export function onlineFees(
  currency: Currency,
  payouts: readonly OnlinePayout[],
): { count: number; amount: Money } {
  const kept = payouts.filter((p) => p.fees.amount > 0);
  return {
    count: kept.length,
    amount: sum(
      currency,
      kept.map((p) => p.fees),
    ),
  };
}

/** Payouts' count, tickets and amount (zero for none). */
export interface OnlineLine {
  readonly count: number;
  readonly tickets: number;
  readonly total: Money;
}

export function onlineLine(currency: Currency, payouts: readonly OnlinePayout[]): OnlineLine {
  return {
    count: payouts.length,
    tickets: payouts.reduce((n, p) => n + p.refund.ticketIds.length, 0),
    total: sum(
      currency,
      payouts.map((p) => p.refund.amount),
    ),
  };
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Refunds by reason over every channel: the windows' lines (their journals' fold) with the
 * payouts' added, each row saying what of it was paid online. Sorted by reason code.
 */
export function refundsByReason(
  currency: Currency,
  windows: readonly {
    reasonCode: RefundReasonCode;
    count: number;
    tickets: number;
    total: Money;
  }[],
  payouts: readonly OnlinePayout[],
): {
  reasonCode: RefundReasonCode;
  count: number;
  tickets: number;
  total: Money;
  online: OnlineLine;
}[] {
  const codes = [
    ...new Set([...windows.map((w) => w.reasonCode), ...payouts.map((p) => p.reasonCode)]),
  ];
  return codes.sort(byKey).map((reasonCode) => {
    const own = windows.filter((w) => w.reasonCode === reasonCode);
    const online = onlineLine(
      currency,
      payouts.filter((p) => p.reasonCode === reasonCode),
    );
    return {
      reasonCode,
      count: own.reduce((n, w) => n + w.count, 0) + online.count,
      tickets: own.reduce((n, w) => n + w.tickets, 0) + online.tickets,
      total: sum(currency, [...own.map((w) => w.total), online.total]),
      online,
    };
  });
}

/**
 * Refunded tickets and amounts by performance over every channel: the windows' (their
 * journals' refund entries) with the payouts' parts added, each row saying what of it was
 * paid online. Sorted by performance id.
 */
export function refundsByPerformance(
  currency: Currency,
  windows: readonly { performanceId: string; tickets: number; amount: Money }[],
  payouts: readonly OnlinePayout[],
): {
  performanceId: string;
  tickets: number;
  amount: Money;
  online: { tickets: number; amount: Money };
}[] {
  const rows = new Map<string, { window: typeof windows; online: OnlinePayout['performances'] }>();
  const row = (id: string) => {
    const was = rows.get(id) ?? { window: [], online: [] };
    rows.set(id, was);
    return was;
  };
  for (const w of windows) (row(w.performanceId).window as (typeof w)[]).push(w);
  for (const p of payouts)
    for (const part of p.performances)
      (row(part.performanceId).online as (typeof part)[]).push(part);
  return [...rows.keys()].sort(byKey).map((performanceId) => {
    const { window, online } = rows.get(performanceId)!;
    const onlineTickets = online.reduce((n, o) => n + o.tickets, 0);
    const onlineAmount = sum(
      currency,
      online.map((o) => o.amount),
    );
    return {
      performanceId,
      tickets: window.reduce((n, w) => n + w.tickets, 0) + onlineTickets,
      amount: sum(currency, [...window.map((w) => w.amount), onlineAmount]),
      online: { tickets: onlineTickets, amount: onlineAmount },
    };
  });
}
