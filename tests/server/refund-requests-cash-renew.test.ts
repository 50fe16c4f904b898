/**
 * A new cash-collection code for an approved cash request, on the server as wired: the first
 * code expired unpaid (the customer came after 30 days), a manager issues a new one from the
 * requests queue; the refund is still decided as of the first decision (same amount, same
 * issue time the till plans from), the new code runs 30 days from now, the customer is told
 * again, the old code is refused at the window and the new one pays once. A code still good
 * and still what the tills pay is not replaced, and a paid one never is.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCashCode } from '../../shared/cash-codes';
import { startRequestsServer, type RequestsServer } from './refund-requests-harness';

const VENUE = 'podil-stage';
const DAY = 86_400_000;

let s: RequestsServer;
beforeEach(async () => {
  s = await startRequestsServer({ cashCodes: 'issue', outbox: 'real' });
});
afterEach(async () => {
  await s.close();
});

const payloadOf = (code: string) => {
  const parsed = parseCashCode(code);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value.payload;
};

/** A cash sale and the customer's refund request for its first ticket: the request's id. */
async function cashRequest(reasonCode: string): Promise<string> {
  const sale = await s.sale({ paidBy: 'cash', contact: { email: 'x@example.org', locale: 'en' } });
  const made = await s.request('POST', '/api/public/refund-requests', {
    venueId: VENUE,
    orderRef: sale.orderId,
    contact: 'x@example.org',
    ticketIds: [sale.tickets[0]!.ticketId],
    reasonCode,
    locale: 'en',
  });
  const requestId = made.body.status?.requestId as string | undefined;
  if (requestId === undefined) throw new Error(JSON.stringify(made.body));
  return requestId;
}

const renewCode = (requestId: string) =>
  s.request(
    'POST',
    `/api/venues/${VENUE}/refund-requests/${requestId}/renew-cash-code`,
    {},
    s.manager,
  );

describe('a new cash-collection code', () => {
  it('replaces an expired unpaid code: same decision, 30 new days, customer told, old code refused', async () => {
    const sale = await s.sale({
      paidBy: 'cash',
      contact: { email: 'oksana.petrenko@example.org', locale: 'uk' },
    });
    const made = await s.request('POST', '/api/public/refund-requests', {
      venueId: VENUE,
      orderRef: sale.orderId,
      contact: 'oksana.petrenko@example.org',
      ticketIds: [sale.tickets[0]!.ticketId],
      reasonCode: 'duplicate_purchase',
      locale: 'uk',
    });
    expect(made.status).toBe(201);
    const requestId = made.body.status.requestId as string;
    const token = made.body.statusToken as string;
    const renew = () => renewCode(requestId);
    const status = async (): Promise<Record<string, unknown>> =>
      (await s.request('POST', '/api/public/refund-requests/status', { token })).body as Record<
        string,
        unknown
      >;

    const approved = await s.request(
      'POST',
      `/api/venues/${VENUE}/refund-requests/${requestId}/approve`,
      { note: '' },
      s.manager,
    );
    expect(approved.status).toBe(200);
    expect(approved.body.request).toMatchObject({ cashCodeExpired: false });
    const first = (await status()).cashCode as string;

    // Still good and still what the tills pay: the customer can use it; nothing changes.
    const early = await renew();
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('cash_code_valid');
    expect((await status()).cashCode).toBe(first);

    // 31 days on, unpaid: the queue says so and offers a new code.
    s.clock.ms += 31 * DAY;
    const queue = await s.request(
      'GET',
      `/api/venues/${VENUE}/refund-requests?state=open`,
      undefined,
      s.manager,
    );
    const row = (queue.body.requests as { requestId: string }[]).find(
      (r) => r.requestId === requestId,
    );
    expect(row).toMatchObject({ state: 'approved', cashCodeExpired: true });
    // The queue names the order by the receipt the customer holds, not by its id.
    expect((row as { receiptNumber?: string }).receiptNumber).toMatch(/^[A-Za-z0-9_-]+-\d{6}$/);

    const renewed = await renew();
    expect(renewed.status).toBe(200);
    expect(renewed.body.request).toMatchObject({
      cashCodeExpired: false,
      amount: approved.body.request.amount,
    });
    const after = await status();
    const second = after.cashCode as string;
    expect(second).not.toBe(first);
    const [a, b] = [payloadOf(first), payloadOf(second)];
    // Decided as of the first decision (the till plans from issuedAt); valid 30 days from now.
    expect(b.issuedAt).toBe(a.issuedAt);
    expect(b).toMatchObject({
      requestId,
      orderId: a.orderId,
      ticketIds: a.ticketIds,
      amount: a.amount,
      reasonCode: 'duplicate_purchase',
    });
    expect(Date.parse(b.expiresAt)).toBe(
      Date.parse(new Date(s.clock.ms).toISOString().replace(/\.\d{3}Z$/, 'Z')) + 30 * DAY,
    );
    expect(Date.parse(after.cashCodeExpiresAt as string)).toBe(Date.parse(b.expiresAt));

    // The customer is told again (a second approval message, not deduplicated away)…
    const told = await s.db.query<{ recipient: string; data: unknown }>(
      `SELECT recipient, data FROM outbox WHERE kind = 'request_approved' ORDER BY created_at`,
    );
    expect(told.map((t) => t.recipient)).toEqual([
      'oksana.petrenko@example.org',
      'oksana.petrenko@example.org',
    ]);
    const data = told.map(
      (t) => (typeof t.data === 'string' ? JSON.parse(t.data) : t.data) as Record<string, unknown>,
    );
    expect(data[1]).toMatchObject({ collectAtBoxOffice: 1, requestNumber: data[0]!.requestNumber });
    // …and the back office's audit names it.
    const audit = await s.db.query<{ detail: unknown }>(
      `SELECT detail FROM audit_events WHERE kind = 'refund_request_cash_code_renewed'`,
    );
    expect(audit).toHaveLength(1);
    const detail = audit[0]!.detail;
    expect(typeof detail === 'string' ? JSON.parse(detail) : detail).toMatchObject({
      requestId,
      amountMinor: approved.body.request.amount.amount,
      expiresAt: new Date(b.expiresAt).toISOString(),
    });

    // At the window: the old code is refused (expired), the new one pays once.
    await expect(s.payOutCashCode(first)).rejects.toThrow(/expired/);
    const paid = await s.payOutCashCode(second);
    expect(paid.total).toEqual(approved.body.request.amount);
    expect(paid.cashCode?.requestId).toBe(requestId);

    // Paid: no new code.
    const late = await renew();
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('no_cash_code');
  });

  it("says until when a code still good lasts as a day of the venue's calendar, not of UTC", async () => {
    // Approved at 22:30 UTC on 2 April: 01:30 on the 3rd in Kyiv, so the code runs until
    // 01:30 on 3 May there — 2 May in UTC.
    s.clock.ms = Date.parse('2026-04-02T22:30:00Z');
    const requestId = await cashRequest('duplicate_purchase');
    const approved = await s.request(
      'POST',
      `/api/venues/${VENUE}/refund-requests/${requestId}/approve`,
      { note: '' },
      s.manager,
    );
    expect(approved.status).toBe(200);
    const early = await renewCode(requestId);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('cash_code_valid');
    expect(early.body.error.message).toMatch(/still good until 2026-05-03 and pays/);
  });

  it('is refused for a request not yet decided (no code yet)', async () => {
    const renewed = await renewCode(await cashRequest('customer_request'));
    expect(renewed.status).toBe(409);
    expect(renewed.body.error.code).toBe('no_cash_code');
  });
});
