/**
 * The refund fees an online refund kept (fees-online): a card purchase's request, the
 * customer's own reason, is paid online to the card less its refund fee; a cash purchase's
 * request is approved and paid at the window by its cash code, the window keeping the fee on
 * its refund entry. The refund analytics' "fees kept" (and its CSV) count both fees, each
 * once: the online request's from its request (refund_requests.fees_minor), the cash code's
 * from the till's journal only — its request's own fees_minor is not added a second time.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { num } from '../../src-server/db/port';
import { refundAnalyticsSchema } from '../../src-server/reports/refund-analytics';
import { startRequestsServer, type RequestsServer } from './refund-requests-harness';

const VENUE = 'podil-stage';
const API = `/api/venues/${VENUE}`;
const EMAIL = 'oksana.petrenko@example.org';
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

async function ask(orderId: string, ticketId: string) {
  const made = await s.request('POST', '/api/public/refund-requests', {
    venueId: VENUE,
    orderRef: orderId,
    contact: EMAIL,
    ticketIds: [ticketId],
    reasonCode: 'customer_request',
    locale: 'en',
  });
  expect(made.status).toBe(201);
  return made.body as {
    statusToken: string;
    status: { requestId: string; state: string; amount: { amount: number; currency: string } };
  };
}

async function feesOf(requestId: string): Promise<number> {
  const rows = await s.db.query<{ fees_minor: unknown }>(
    `SELECT fees_minor FROM refund_requests WHERE venue_id = $1 AND request_id = $2`,
    [VENUE, requestId],
  );
  return num(rows[0]!.fees_minor);
}

describe('fees kept by online refunds', () => {
  it('are counted in the analytics once, beside the windows’ (a cash code’s is the window’s)', async () => {
    const contact = { email: EMAIL, locale: 'en' as const };
    const byCard = await s.sale({ tickets: 1, paidBy: 'card', contact });
    const inCash = await s.sale({ tickets: 1, paidBy: 'cash', contact });

    const online = await ask(byCard.orderId, byCard.tickets[0]!.ticketId);
    expect(online.status.state).toBe('paid');
    const onlineFee = await feesOf(online.status.requestId);
    expect(onlineFee).toBeGreaterThan(0);

    const cash = await ask(inCash.orderId, inCash.tickets[0]!.ticketId);
    expect(cash.status.state).toBe('under_review');
    const atWindow = await s.approveAndCollect({ ...cash.status, statusToken: cash.statusToken });
    const windowFee = atWindow.fees.amount;
    expect(windowFee).toBeGreaterThan(0);
    // The same fee is on the cash code's request: it must not be counted a second time.
    expect(await feesOf(cash.status.requestId)).toBe(windowFee);

    const range = 'from=2026-04-01&to=2026-04-01';
    const got = await s.request('GET', `${API}/analytics/refunds?${range}`, undefined, s.manager);
    expect(got.status).toBe(200);
    const a = refundAnalyticsSchema.parse(got.body);
    expect(a.feesKept).toEqual({
      refundFees: uah(windowFee + onlineFee),
      exchangeFees: uah(0),
      total: uah(windowFee + onlineFee),
      online: { count: 1, amount: uah(onlineFee) },
    });
    // The windows' own figures hold the cash code's refund only.
    expect(a.byWindow.map((w) => w.refunds.count)).toEqual([1]);
    // What the methods paid out adds up to the page's refunded amount (its total row's figure).
    expect(a.byMethod.reduce((n, m) => n + m.amount.amount, 0)).toBe(
      a.totals.refunds.amount.amount,
    );
    expect(a.byMethod.reduce((n, m) => n + m.online.amount.amount, 0)).toBe(
      a.totals.refunds.online.amount.amount,
    );

    const csv = await fetch(`${s.url}${API}/analytics/refunds.csv?${range}`, {
      headers: { authorization: s.manager },
    });
    const lines = (await csv.text())
      .slice(1)
      .trimEnd()
      .split('\r\n')
      .map((l) => l.split(','));
    const header = lines[0]!;
    const fees = lines.find((l) => l[0] === 'fees_kept' && l[1] === 'refund_fees')!;
    expect(fees[header.indexOf('fees_kept')]).toBe(major(windowFee + onlineFee));
    expect(fees[header.indexOf('online_refunds')]).toBe('1');
    expect(fees[header.indexOf('online_refunded_amount')]).toBe(major(onlineFee));
  });
});
