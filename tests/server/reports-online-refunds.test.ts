/**
 * Refunds the server pays itself (issue 14) in the venue's day report and on the customer's
 * record: a till sells (harness, real sync route), one request is refunded online to the card
 * through the payment-provider simulator, one as a credit voucher, and one cash purchase is
 * approved and collected at the till by its cash code. The day report lists sales, the
 * windows' refunds, online to card and online vouchers, and a net that is sales less all
 * three — the cash collected by code counted once, at the window — and each order's refunded
 * amount counts what the server paid back.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dayReportSchema } from '../../src-server/reports/day-report';
import { verifyLedger } from '../../src-server/requests/server-ledger';
import { startRequestsServer, type RequestsServer } from './refund-requests-harness';

const VENUE = 'podil-stage';
const API = `/api/venues/${VENUE}`;
const EMAIL = 'oksana.petrenko@example.org';
const uah = (amount: number) => ({ amount, currency: 'UAH' });

let s: RequestsServer;
beforeEach(async () => {
  s = await startRequestsServer({ cashCodes: 'issue' });
  // The payouts happen the afternoon of the sales' day (the till opened 07:00Z on 1 April).
  s.clock.ms = Date.parse('2026-04-01T12:00:00Z');
});
afterEach(async () => {
  await s.close();
});

interface Made {
  statusToken: string;
  status: { requestId: string; state: string; amount: { amount: number; currency: string } };
}

async function ask(orderId: string, ticketIds: string[], method?: 'voucher'): Promise<Made> {
  const made = await s.request('POST', '/api/public/refund-requests', {
    venueId: VENUE,
    orderRef: orderId,
    contact: EMAIL,
    ticketIds,
    reasonCode: 'customer_request',
    locale: 'en',
    ...(method ? { method } : {}),
  });
  expect(made.status).toBe(201);
  return made.body as Made;
}

describe('online refunds in the day report and on the order', () => {
  it('lists window, online-to-card and online-voucher refunds, and nets them off the sales once', async () => {
    const contact = { email: EMAIL, locale: 'en' as const };
    const byCard = await s.sale({ tickets: 2, paidBy: 'card', contact });
    const forVoucher = await s.sale({ tickets: 1, paidBy: 'card', contact });
    const inCash = await s.sale({ tickets: 1, paidBy: 'cash', contact });

    // Online to the card: inside the policy, paid at once through the provider.
    const card = await ask(byCard.orderId, [byCard.tickets[0]!.ticketId]);
    expect(card.status.state).toBe('paid');
    expect(s.provider.calls).toBe(1);
    // A credit voucher, issued by the server.
    const voucher = await ask(forVoucher.orderId, [forVoucher.tickets[0]!.ticketId], 'voucher');
    expect(voucher.status.state).toBe('paid');
    // A cash purchase: a manager approves, the customer collects it at the till by the code.
    const cash = await ask(inCash.orderId, [inCash.tickets[0]!.ticketId]);
    expect(cash.status.state).toBe('under_review');
    const paidAtWindow = await s.approveAndCollect({
      ...cash.status,
      statusToken: cash.statusToken,
    });
    expect(paidAtWindow.cashCode?.requestId).toBe(cash.status.requestId);
    expect(await verifyLedger(s.db, VENUE)).toBeNull();

    const cardAmount = card.status.amount;
    const voucherAmount = voucher.status.amount;
    const windowAmount = paidAtWindow.total;
    // Each is a whole ticket back (150.00 + 5.00 fee inside the policy): real money moved.
    for (const a of [cardAmount, voucherAmount, windowAmount]) expect(a.amount).toBeGreaterThan(0);

    const res = await s.request('GET', `${API}/reports/day?date=2026-04-01`, undefined, s.manager);
    expect(res.status).toBe(200);
    const day = dayReportSchema.parse(res.body);
    const sales = uah(4 * 15_500);
    expect(day.totals.sales).toEqual({ count: 3, tickets: 4, gross: sales });
    // The tills' journals carry only the window's refund (the cash code's payout).
    expect(day.totals.refunds).toMatchObject({ count: 1, tickets: 1, total: windowAmount });
    expect(day.refundChannels.lines).toEqual([
      { channel: 'window', count: 1, tickets: 1, total: windowAmount },
      { channel: 'online_card', count: 1, tickets: 1, total: cardAmount },
      { channel: 'online_voucher', count: 1, tickets: 1, total: voucherAmount },
    ]);
    expect(day.refundChannels.collectedByCashCode).toEqual({ count: 1, total: windowAmount });
    expect(day.refundChannels.online).toEqual(uah(cardAmount.amount + voucherAmount.amount));
    const allRefunds = windowAmount.amount + cardAmount.amount + voucherAmount.amount;
    expect(day.refundChannels.total).toEqual(uah(allRefunds));
    expect(day.net).toEqual(uah(sales.amount - allRefunds));

    // The refund analytics carry the same lines (the one fold), in the answer and its CSV.
    const range = 'from=2026-04-01&to=2026-04-01';
    const analytics = await s.request(
      'GET',
      `${API}/analytics/refunds?${range}`,
      undefined,
      s.manager,
    );
    expect(analytics.status).toBe(200);
    expect(analytics.body.byChannel).toEqual(
      day.refundChannels.lines.map((l) => ({
        channel: l.channel,
        count: l.count,
        tickets: l.tickets,
        amount: l.total,
      })),
    );
    const csv = await fetch(`${s.url}${API}/analytics/refunds.csv?${range}`, {
      headers: { authorization: s.manager },
    });
    expect(await csv.text()).toContain(
      `channel,online_voucher,,1,1,${(voucherAmount.amount / 100).toFixed(2)},`,
    );

    // The next day holds none of it (the payouts are on the server clock's day).
    const next = await s.request('GET', `${API}/reports/day?date=2026-04-02`, undefined, s.manager);
    expect(dayReportSchema.parse(next.body).refundChannels.total).toEqual(uah(0));

    // The customer's record: each order's refunded amount counts what went back by any channel.
    const found = await s.request('GET', `${API}/customers?q=${EMAIL}`, undefined, s.manager);
    const key = (found.body.customers as { customerKey: string }[])[0]!.customerKey;
    const record = await s.request('GET', `${API}/customers/${key}`, undefined, s.manager);
    expect(record.status).toBe(200);
    const refundedOf = (orderId: string) =>
      (record.body.orders as { orderId: string; refunded: unknown }[]).find(
        (o) => o.orderId === orderId,
      )?.refunded;
    expect(refundedOf(byCard.orderId)).toEqual(cardAmount);
    expect(refundedOf(forVoucher.orderId)).toEqual(voucherAmount);
    // Collected at the window: the till's entry only, not counted a second time.
    expect(refundedOf(inCash.orderId)).toEqual(windowAmount);
    const refunds = record.body.refunds as {
      orderId: string;
      channel: string;
      method: string;
      amount: unknown;
      refundId: string;
    }[];
    expect(
      refunds
        .map((r) => [r.orderId, r.channel, r.method, r.amount])
        .sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
    ).toEqual([
      [byCard.orderId, 'online_card', 'card', cardAmount],
      [forVoucher.orderId, 'online_voucher', 'voucher', voucherAmount],
      [inCash.orderId, 'window', 'cash', windowAmount],
    ]);
    expect(refunds.find((r) => r.channel === 'online_card')!.refundId).toMatch(/^R-[0-9A-F]{8}$/);
  });
});
