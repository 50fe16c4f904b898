/**
 * Issue 14, a cash purchase from request to paid, on the server as wired (no stand-ins for the
 * code or the outbox's rules): a customer asks online; the request goes to review; a manager
 * approves it; the approval issues the signed cash-collection code, which the status page hands
 * the customer and a till verifies offline with the key it pulled; the till pays it out once
 * (the refund command) and pushes it; the request then reads paid and the customer's "paid"
 * message is queued once in the outbox, in Ukrainian, with the request's number and the status
 * page's link. The code carries the request's reason (version 2) and the till's refund entry
 * is journaled under it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyCashCode } from '../../shared/cash-codes';
import { pullResponseSchema } from '../../shared/sync/contract';
import { createKeyRing } from '../../shared/tickets/key-ring';
import { startRequestsServer, type RequestsServer } from './refund-requests-harness';

const VENUE = 'podil-stage';

let s: RequestsServer;
beforeEach(async () => {
  s = await startRequestsServer({ cashCodes: 'issue' });
});
afterEach(async () => {
  await s.close();
});

describe('a cash purchase refunded through a request', () => {
  it('approved → code on the status page → paid once at a till → request paid, customer told', async () => {
    const sale = await s.sale({
      paidBy: 'cash',
      contact: { email: 'oksana.petrenko@example.org', locale: 'uk' },
    });
    const ticketIds = [sale.tickets[0]!.ticketId];
    const made = await s.request('POST', '/api/public/refund-requests', {
      venueId: VENUE,
      orderRef: sale.orderId,
      contact: 'oksana.petrenko@example.org',
      ticketIds,
      // Not the reason a version 1 code read as: the code must carry this one.
      reasonCode: 'duplicate_purchase',
      locale: 'uk',
    });
    expect(made.status).toBe(201);
    expect(made.body.status).toMatchObject({ state: 'under_review', cashCode: null });
    const requestId = made.body.status.requestId as string;
    const token = made.body.statusToken as string;

    const approved = await s.request(
      'POST',
      `/api/venues/${VENUE}/refund-requests/${requestId}/approve`,
      { note: '' },
      s.manager,
    );
    expect(approved.status).toBe(200);
    const status = await s.request('POST', '/api/public/refund-requests/status', { token });
    expect(status.body).toMatchObject({ state: 'approved', collectAtBoxOffice: true });
    const code = status.body.cashCode as string;
    expect(code).toMatch(/^CASH:/);
    expect(Date.parse(status.body.cashCodeExpiresAt as string)).toBeGreaterThan(s.clock.ms);

    // A till checks it offline with the key the server published in its pull.
    const pulled = await s.request('GET', '/api/sync/pull?after=0', undefined, s.tillAuth);
    const keys = pullResponseSchema.parse(pulled.body).cashCodeKeys ?? [];
    expect(keys.length).toBe(1);
    const ring = createKeyRing(
      keys.map((k) => ({
        keyId: k.keyId,
        publicKey: new Uint8Array(Buffer.from(k.publicKey, 'base64')),
      })),
    );
    if (!ring.ok) throw new Error('the pulled key does not make a key ring');
    const verdict = await verifyCashCode(code, {
      keyRing: ring.value,
      venueId: VENUE,
      nowMs: s.clock.ms + 60_000,
      backend: 'webcrypto',
    });
    expect(verdict).toMatchObject({
      verdict: 'genuine',
      payload: {
        version: 2,
        requestId,
        orderId: sale.orderId,
        amount: approved.body.request.amount,
        reasonCode: 'duplicate_purchase',
      },
    });

    const paid = await s.payOutCashCode(code);
    expect(paid.total).toEqual(approved.body.request.amount);
    expect(paid.reasonCode).toBe('duplicate_purchase');
    expect(paid.cashCode?.requestId).toBe(requestId);

    const after = await s.request('POST', '/api/public/refund-requests/status', { token });
    expect(after.body).toMatchObject({ state: 'paid', cashCode: null });
    // The payout's push queued the "paid" message in the server's own outbox (the push is not
    // the request routes, so it goes through the real enqueue, checked by the outbox's rules).
    const paidMessages = async () =>
      s.db.query<{ recipient: string; locale: string; data: unknown }>(
        `SELECT recipient, locale, data FROM outbox WHERE kind = 'request_paid'`,
      );
    const told = await paidMessages();
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ recipient: 'oksana.petrenko@example.org', locale: 'uk' });
    const data = typeof told[0]!.data === 'string' ? JSON.parse(told[0]!.data) : told[0]!.data;
    expect(data).toMatchObject({
      requestNumber: requestId.slice(0, 8).toUpperCase(),
      amount: expect.stringMatching(/UAH$/),
      // The status page's link, like every other step's message (the push knows no address:
      // the request keeps the link its first message gave).
      statusUrl: `https://tickets.podil-stage.example/refund-request/#status=${encodeURIComponent(token)}`,
    });

    // Pushing the same entries again changes nothing: still one "paid" message.
    // A second payout of the same code is refused by the till's own refund command.
    await expect(s.payOutCashCode(code)).rejects.toThrow();
    expect(await paidMessages()).toHaveLength(1);
  });
});
