/**
 * The one attribution of the server's online payouts (src-server/reports/online-payouts.ts)
 * and the reports page's rows by performance (src-renderer/manage/refund-channels-view.ts):
 * a payout's amount split over its tickets' performances by price in whole minor units that
 * add up to it, its request's reason and its day; the every-channel rows by reason and by
 * performance that add the payouts to the windows' lines, each saying what was online.
 */
import { describe, expect, it } from 'vitest';
import type { ServerRefund } from '../../shared/orders/server-refund';
import {
  attributePayout,
  onlineLine,
  refundsByPerformance,
  refundsByReason,
  UNKNOWN_PERFORMANCE,
} from '../../src-server/reports/online-payouts';
import { dayPerformanceRows } from '../../src-renderer/manage/refund-channels-view';
import type { DayReportView } from '../../src-renderer/manage/views';

const uah = (amount: number) => ({ amount, currency: 'UAH' as const });
const refund = (amount: number, ticketIds: string[], at = '2026-04-01T23:59:59.000Z') =>
  ({
    seq: 1,
    kind: 'card_refund',
    requestId: 'r-1',
    orderId: 'o-1',
    ticketIds,
    at,
    amount: uah(amount),
    sources: [],
  }) satisfies ServerRefund;
const ticket = (ticketId: string, performanceId: string, priceMinor: number) => ({
  ticketId,
  performanceId,
  priceMinor,
});

describe('attributePayout', () => {
  it("gives a one-performance payout whole to it, with its request's reason and its UTC day", () => {
    const p = attributePayout(refund(31_000, ['a', 'b']), 'performance_cancelled', [
      ticket('a', 'hamlet-0501', 15_000),
      ticket('b', 'hamlet-0501', 15_000),
    ]);
    expect(p.reasonCode).toBe('performance_cancelled');
    expect(p.day).toBe('2026-04-01');
    expect(p.performances).toEqual([
      { performanceId: 'hamlet-0501', tickets: 2, amount: uah(31_000) },
    ]);
  });

  it('splits over performances by price in whole minor units that add up to the payout', () => {
    const p = attributePayout(refund(10_001, ['a', 'b', 'c']), 'customer_request', [
      ticket('c', 'x', 10_000),
      ticket('a', 'y', 10_000),
      ticket('b', 'y', 10_000),
    ]);
    expect(p.performances).toEqual([
      { performanceId: 'x', tickets: 1, amount: uah(3_333) },
      { performanceId: 'y', tickets: 2, amount: uah(6_668) },
    ]);
    const free = attributePayout(refund(3, ['a', 'b']), 'other', [
      ticket('a', 'x', 0),
      ticket('b', 'y', 0),
    ]);
    expect(free.performances.map((q) => q.amount.amount)).toEqual([2, 1]);
  });

  it('reads an unknown reason as the customer record does and names an unknown ticket', () => {
    const p = attributePayout(refund(500, ['gone']), 'no-such-reason', []);
    expect(p.reasonCode).toBe('customer_request');
    expect(p.performances).toEqual([
      { performanceId: UNKNOWN_PERFORMANCE, tickets: 1, amount: uah(500) },
    ]);
  });
});

describe('every-channel rows', () => {
  const online = attributePayout(refund(15_500, ['a']), 'performance_cancelled', [
    ticket('a', 'hamlet-0501', 15_000),
  ]);

  it('adds the payouts to the windows by reason and performance, saying what was online', () => {
    expect(onlineLine('UAH', [online])).toEqual({ count: 1, tickets: 1, total: uah(15_500) });
    expect(
      refundsByReason(
        'UAH',
        [{ reasonCode: 'customer_request', count: 1, tickets: 2, total: uah(30_000) }],
        [online],
      ),
    ).toEqual([
      {
        reasonCode: 'customer_request',
        count: 1,
        tickets: 2,
        total: uah(30_000),
        online: { count: 0, tickets: 0, total: uah(0) },
      },
      {
        reasonCode: 'performance_cancelled',
        count: 1,
        tickets: 1,
        total: uah(15_500),
        online: { count: 1, tickets: 1, total: uah(15_500) },
      },
    ]);
    expect(
      refundsByPerformance(
        'UAH',
        [{ performanceId: 'hamlet-0501', tickets: 1, amount: uah(15_000) }],
        [online],
      ),
    ).toEqual([
      {
        performanceId: 'hamlet-0501',
        tickets: 2,
        amount: uah(30_500),
        online: { tickets: 1, amount: uah(15_500) },
      },
    ]);
  });

  it("the reports page's rows by performance take every channel's refunds, online-only ones too", () => {
    const rows = dayPerformanceRows({
      totals: {
        refunds: { count: 1, tickets: 1, total: uah(1_000), byReason: [] },
        performances: [
          {
            performanceId: 'a',
            sold: 5,
            refunded: 1,
            voided: 0,
            exchangedOut: 0,
            exchangedIn: 0,
            net: 4,
          },
          {
            performanceId: 'c',
            sold: 2,
            refunded: 0,
            voided: 0,
            exchangedOut: 0,
            exchangedIn: 0,
            net: 2,
          },
        ],
      } as unknown as DayReportView['totals'],
      refundsAllChannels: {
        byReason: [],
        byPerformance: [
          {
            performanceId: 'a',
            tickets: 3,
            total: uah(3_000),
            online: { tickets: 2, total: uah(2_000) },
          },
          {
            performanceId: 'b',
            tickets: 1,
            total: uah(1_500),
            online: { tickets: 1, total: uah(1_500) },
          },
        ],
      },
    });
    // Refunded tickets, their amount and its online part side by side (the refunds page's
    // order), and the day's net change in tickets over every channel: 'b' was only refunded
    // online (tickets sold on an earlier day), so its change is −1, as the column now says.
    expect(
      rows.map((r) => [
        r.performanceId,
        r.sold,
        r.refunded,
        r.refundedAmount.amount,
        r.online.tickets,
        r.online.amount.amount,
        r.net,
      ]),
    ).toEqual([
      ['a', 5, 3, 3_000, 2, 2_000, 2],
      ['b', 0, 1, 1_500, 1, 1_500, -1],
      ['c', 2, 0, 0, 0, 0, 2],
    ]);
    expect(rows[2]!.refundedAmount).toEqual(uah(0));
  });
});
