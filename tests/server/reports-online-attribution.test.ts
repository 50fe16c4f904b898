/**
 * Online payouts in every refund figure of the reports (issue 11 item 9): a till sells
 * (harness, real sync route), hamlet-0501 is cancelled in the back office (the till pulls the
 * catalog), a request for a ticket of it with the reason "performance cancelled" is paid online
 * to the card through the payment-provider simulator, and a cash purchase's approved request
 * for the same show is collected at the window by its cash code. The day report's refunds by
 * reason and by performance, and the refund analytics' totals, day bucket, reasons,
 * performances and payout methods (and its CSV) count the online payout — saying so in their
 * `online` part, an online card refund as its own method `online_card` — and the cash-code
 * payout once, as the window's refund it is, under the request's reason the code carries
 * (version 2), like the online payout of the same reason.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dayReportSchema } from '../../src-server/reports/day-report';
import { refundAnalyticsSchema } from '../../src-server/reports/refund-analytics';
import { startRequestsServer, type RequestsServer } from './refund-requests-harness';

const VENUE = 'podil-stage';
const API = `/api/venues/${VENUE}`;
const EMAIL = 'oksana.petrenko@example.org';
const SHOW = 'hamlet-0501';
const uah = (amount: number) => ({ amount, currency: 'UAH' });
const major = (minor: number) => (minor / 100).toFixed(2);

let s: RequestsServer;
beforeEach(async () => {
  s = await startRequestsServer({ cashCodes: 'issue' });
  s.clock.ms = Date.parse('2026-04-01T12:00:00Z');
});
afterEach(async () => {
  await s.close();
});

interface Made {
  statusToken: string;
  status: { requestId: string; state: string; amount: { amount: number; currency: string } };
}

async function ask(orderId: string, ticketIds: string[], reasonCode: string): Promise<Made> {
  const made = await s.request('POST', '/api/public/refund-requests', {
    venueId: VENUE,
    orderRef: orderId,
    contact: EMAIL,
    ticketIds,
    reasonCode,
    locale: 'en',
  });
  expect(made.status).toBe(201);
  return made.body as Made;
}

describe('online payouts by performance, reason and day', () => {
  it('count once in every refund figure of the day report and the analytics', async () => {
    const contact = { email: EMAIL, locale: 'en' as const };
    const byCard = await s.sale({ tickets: 2, paidBy: 'card', contact });
    const inCash = await s.sale({ tickets: 1, paidBy: 'cash', contact });
    const cancelled = await s.request(
      'POST',
      `${API}/performances/${SHOW}/cancel`,
      { reason: 'Lead actor ill' },
      s.manager,
    );
    expect(cancelled.status).toBe(200);
    await s.pullCatalog();

    const card = await ask(byCard.orderId, [byCard.tickets[0]!.ticketId], 'performance_cancelled');
    expect(card.status.state).toBe('paid');
    const cash = await ask(inCash.orderId, [inCash.tickets[0]!.ticketId], 'performance_cancelled');
    expect(cash.status.state).toBe('under_review');
    // The window pays it in cash by its code, under the request's reason the code carries —
    // the amount the server approved: the cancellation refunds all, booking fee included.
    const atWindow = await s.approveAndCollect({ ...cash.status, statusToken: cash.statusToken });
    expect(atWindow.reasonCode).toBe('performance_cancelled');
    const online = card.status.amount;
    const window = atWindow.total;
    expect(online).toEqual(uah(15_500));
    expect(window).toEqual(uah(15_500));
    expect(atWindow.fees).toEqual(uah(0));

    // The day report: the windows' totals stay the tills' (the Z check), every channel beside.
    const res = await s.request('GET', `${API}/reports/day?date=2026-04-01`, undefined, s.manager);
    expect(res.status).toBe(200);
    const day = dayReportSchema.parse(res.body);
    expect(day.totals.refunds).toMatchObject({ count: 1, tickets: 1, total: window });
    expect(day.refundsAllChannels.byReason).toEqual([
      {
        reasonCode: 'performance_cancelled',
        count: 2,
        tickets: 2,
        total: uah(window.amount + online.amount),
        online: { count: 1, tickets: 1, total: online },
      },
    ]);
    expect(day.refundsAllChannels.byPerformance).toEqual([
      {
        performanceId: SHOW,
        tickets: 2,
        total: uah(window.amount + online.amount),
        online: { tickets: 1, total: online },
      },
    ]);

    // The analytics of that day: every refund figure holds the payout, once.
    const range = 'from=2026-04-01&to=2026-04-02';
    const got = await s.request('GET', `${API}/analytics/refunds?${range}`, undefined, s.manager);
    expect(got.status).toBe(200);
    const a = refundAnalyticsSchema.parse(got.body);
    const both = uah(window.amount + online.amount);
    const onlinePart = { count: 1, tickets: 1, amount: online };
    expect(a.totals.refunds).toEqual({ count: 2, tickets: 2, amount: both, online: onlinePart });
    expect(a.totals.rateBp).toBe(Math.round((2 * 10000) / 3));
    expect(a.buckets.map((b) => [b.start, b.refunds])).toEqual([
      ['2026-04-01', { count: 2, tickets: 2, amount: both, online: onlinePart }],
      [
        '2026-04-02',
        {
          count: 0,
          tickets: 0,
          amount: uah(0),
          online: { count: 0, tickets: 0, amount: uah(0) },
        },
      ],
    ]);
    expect(a.byReason).toEqual([
      {
        reasonCode: 'performance_cancelled',
        count: 2,
        tickets: 2,
        amount: both,
        online: onlinePart,
      },
    ]);
    expect(a.byPerformance).toEqual([
      expect.objectContaining({
        performanceId: SHOW,
        sold: 3,
        refunded: 2,
        refundAmount: both,
        online: { tickets: 1, amount: online },
      }),
    ]);
    // The card refund went back through the payment provider, not a window's card terminal:
    // its own method, and the terminals' `card` row holds none of it.
    expect(a.byMethod.map((m) => m.method)).toEqual(['cash', 'card', 'online_card', 'voucher']);
    expect(a.byMethod.find((m) => m.method === 'online_card')).toEqual({
      method: 'online_card',
      count: 1,
      amount: online,
      online: { count: 1, amount: online },
    });
    expect(a.byMethod.find((m) => m.method === 'card')).toEqual({
      method: 'card',
      count: 0,
      amount: uah(0),
      online: { count: 0, amount: uah(0) },
    });
    expect(a.byMethod.find((m) => m.method === 'cash')).toMatchObject({ count: 1, amount: window });
    // The windows' own breakdown stays theirs: only the cash-code refund.
    expect(a.byWindow.map((w) => w.refunds.count)).toEqual([1]);
    // The channel lines add up to the total.
    expect(a.byChannel.reduce((n, c) => n + c.amount.amount, 0)).toBe(both.amount);

    // The CSV: the same figures, with their online part in its own columns.
    const csv = await fetch(`${s.url}${API}/analytics/refunds.csv?${range}`, {
      headers: { authorization: s.manager },
    });
    const lines = (await csv.text())
      .slice(1)
      .trimEnd()
      .split('\r\n')
      .map((l) => l.split(','));
    const header = lines[0]!;
    expect(lines.every((l) => l.length === header.length)).toBe(true);
    const cell = (breakdown: string, key: string, column: string) =>
      lines.find((l) => l[0] === breakdown && l[1] === key)![header.indexOf(column)];
    expect(cell('reason', 'performance_cancelled', 'refunded_amount')).toBe(major(both.amount));
    expect(cell('reason', 'performance_cancelled', 'refunds')).toBe('2');
    expect(cell('reason', 'performance_cancelled', 'online_refunds')).toBe('1');
    expect(lines.some((l) => l[0] === 'reason' && l[1] === 'customer_request')).toBe(false);
    expect(cell('performance', SHOW, 'refunded_tickets')).toBe('2');
    expect(cell('performance', SHOW, 'online_refunded_amount')).toBe(major(online.amount));
    expect(cell('day', '2026-04-01', 'refunded_amount')).toBe(major(both.amount));
    expect(cell('day', '2026-04-01', 'online_refunded_tickets')).toBe('1');
    expect(cell('method', 'online_card', 'refunded_amount')).toBe(major(online.amount));
    expect(cell('method', 'card', 'refunded_amount')).toBe(major(0));
  });
});
