/**
 * A cash code's amount on the server as wired, at a venue whose smallest coin is 0.10: a cash
 * sale of two standing places (2 × 97.81 = 195.62, paid 195.60) asked back online, approved by
 * a manager, the code read from the status page and paid at the selling till. The server signs
 * what the customer is paid (refundPaidOut: 5 % fee, booking fees kept, cash in coins) and the
 * till hands over exactly that — the whole order, and one ticket of another order.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCashCode } from '../../shared/cash-codes';
import { money } from '../../shared/money/money';
import { payoutsTotal } from '../../shared/orders/payouts';
import { startRequestsServer, type RequestsServer } from './refund-requests-harness';

const VENUE = 'podil-stage';
const uah = (minor: number) => money(minor, 'UAH');

let s: RequestsServer;
beforeEach(async () => {
  s = await startRequestsServer({ cashCodes: 'issue', roundedCash: true });
});
afterEach(async () => {
  await s.close();
});

async function askAndCollect(ticketIds: readonly string[], orderId: string, email: string) {
  const made = await s.request('POST', '/api/public/refund-requests', {
    venueId: VENUE,
    orderRef: orderId,
    contact: email,
    ticketIds,
    reasonCode: 'customer_request',
    locale: 'en',
  });
  expect(made.status).toBe(201);
  expect(made.body.status).toMatchObject({ state: 'under_review' });
  const requestId = made.body.status.requestId as string;
  const statusToken = made.body.statusToken as string;
  const paid = await s.approveAndCollect({ requestId, statusToken });
  const status = await s.request('POST', '/api/public/refund-requests/status', {
    token: statusToken,
  });
  return { paid, status: status.body };
}

describe('a cash code at a venue that rounds cash', () => {
  it('the whole rounded order, and one ticket of another: signed, shown and paid to the coin', async () => {
    const email = 'oksana.petrenko@example.org';
    const sale = await s.sale({ paidBy: 'cash', contact: { email, locale: 'en' } });
    expect(sale.tenders[0]!.amount).toEqual(uah(19560));
    const whole = await askAndCollect(
      sale.tickets.map((t) => t.ticketId),
      sale.orderId,
      email,
    );
    // 2 × (92.81 − 4.64 fee) = 176.34, booking fees kept: 176.30 in coins.
    expect(whole.status).toMatchObject({ state: 'paid', amount: uah(17630) });
    expect(payoutsTotal('UAH', whole.paid.payouts)).toEqual(uah(17630));
    expect(whole.paid.cashCode?.requestId).toBeDefined();

    const other = await s.sale({ paidBy: 'cash', contact: { email, locale: 'en' } });
    const one = await askAndCollect([other.tickets[0]!.ticketId], other.orderId, email);
    // 92.81 − 4.64 = 88.17: 88.10 in coins.
    expect(one.status).toMatchObject({ state: 'paid', amount: uah(8810) });
    expect(payoutsTotal('UAH', one.paid.payouts)).toEqual(uah(8810));
  });

  it("the code's signed amount is the request's", async () => {
    const email = 'li.wei@example.org';
    const sale = await s.sale({ paidBy: 'cash', contact: { email, locale: 'zh-Hans' } });
    const made = await s.request('POST', '/api/public/refund-requests', {
      venueId: VENUE,
      orderRef: sale.orderId,
      contact: email,
      ticketIds: sale.tickets.map((t) => t.ticketId),
      reasonCode: 'customer_request',
      locale: 'zh-Hans',
    });
    const requestId = made.body.status.requestId as string;
    const approved = await s.request(
      'POST',
      `/api/venues/${VENUE}/refund-requests/${requestId}/approve`,
      { note: '' },
      s.manager,
    );
    expect(approved.status).toBe(200);
    const status = await s.request('POST', '/api/public/refund-requests/status', {
      token: made.body.statusToken,
    });
    const parsed = parseCashCode(status.body.cashCode as string);
    expect(parsed.ok && parsed.value.payload.amount).toEqual(uah(17630));
    expect(status.body.amount).toEqual(uah(17630));
  });
});
