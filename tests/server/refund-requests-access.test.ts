/**
 * Issue 14, how real customers reach their order (requests-fix), on the real server over
 * PGlite/PostgreSQL with the provider simulator on loopback:
 * 1. a cancelled performance's message carries a signed, expiring, order-scoped link that
 *    refunds in one step without a contact; forged, altered and expired links are refused in
 *    words;
 * 2. phone numbers as people type them match the contact on the order (+380 and +86);
 * 4. a buyer with no contact finds the order by the printed receipt number and the card's
 *    last 4 digits — refunded to that card only, five wrong tries lock the order's look-up;
 * 6. the venue's target answer time is a manager's audited setting that new requests use.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatReceiptNumber } from '../../shared/orders/receipt-number';
import { startRequestsServer, type RequestsServer } from './refund-requests-harness';

const VENUE = 'podil-stage';

let s: RequestsServer;
beforeEach(async () => {
  s = await startRequestsServer();
});
afterEach(async () => {
  await s.close();
});

const lookup = (orderRef: string, contact: string) =>
  s.request('POST', '/api/public/refund-requests/lookup', { venueId: VENUE, orderRef, contact });

/** The cancellation's messages, newest last: each order's one-step link token. */
async function cancelAndReadLinks(): Promise<Map<string, string>> {
  const cancelled = await s.request(
    'POST',
    `/api/venues/${VENUE}/performances/hamlet-0501/cancel`,
    { reason: 'Lead actor ill' },
    s.manager,
  );
  expect(cancelled.status).toBe(200);
  const rows = await s.db.query<{ recipient: string; data: unknown }>(
    `SELECT recipient, data FROM outbox WHERE kind = 'performance_cancelled' ORDER BY recipient`,
  );
  const links = new Map<string, string>();
  for (const r of rows) {
    const data = (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as {
      refundUrl: string;
    };
    expect(data.refundUrl).toMatch(
      /^https:\/\/tickets\.podil-stage\.example\/refund-request\/\?venue=podil-stage#refund=/,
    );
    links.set(r.recipient, data.refundUrl.split('#refund=')[1]!);
  }
  return links;
}

describe('the one-step refund link of a cancelled performance', () => {
  it('opens the order without a contact and refunds it in one step under the cancellation rule', async () => {
    const sale = await s.sale({ contact: { email: 'oksana@example.org', locale: 'uk' } });
    // 31 hours before the show every refund window is closed (a request would go to review):
    // only the cancellation rule refunds now.
    s.clock.ms = Date.parse('2026-04-30T12:00:00+03:00');
    const links = await cancelAndReadLinks();
    const token = links.get('oksana@example.org')!;
    // The link names the order only inside its signed token, never as a bare id.
    expect(token).not.toContain(sale.orderId);

    const opened = await s.request('POST', '/api/public/refund-requests/link', { token });
    expect(opened.status).toBe(200);
    expect(opened.body.order.orderId).toBe(sale.orderId);
    expect(opened.body.ticketIds).toEqual(sale.tickets.map((t) => t.ticketId));
    // The cancellation rule: everything paid, booking fees too, nothing kept.
    expect(opened.body.decision).toMatchObject({
      outcome: 'approved',
      amount: { amount: 31_000, currency: 'UAH' },
      fees: { amount: 0 },
    });

    const made = await s.request('POST', '/api/public/refund-requests/link/submit', {
      token,
      locale: 'uk',
    });
    expect(made.status).toBe(201);
    expect(made.body.status).toMatchObject({ state: 'paid', amount: { amount: 31_000 } });
    expect(s.provider.refunds.map((r) => r.amountMinor)).toEqual([31_000]);
    const reasons = await s.db.query<{ reason_code: string }>(
      `SELECT reason_code FROM refund_requests`,
    );
    expect(reasons).toEqual([{ reason_code: 'performance_cancelled' }]);

    // The same link again: nothing left to refund, said in words; no second refund.
    const again = await s.request('POST', '/api/public/refund-requests/link/submit', { token });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_requested');
    const reopened = await s.request('POST', '/api/public/refund-requests/link', { token });
    expect(reopened.body).toMatchObject({ ticketIds: [], decision: null });
    expect(s.provider.refunds).toHaveLength(1);
  });

  it('refuses forged, altered and expired links in words, and a link opens only its own order', async () => {
    const mine = await s.sale({ contact: { email: 'oksana@example.org', locale: 'uk' } });
    const other = await s.sale({ contact: { email: 'petro@example.org', locale: 'en' } });
    const links = await cancelAndReadLinks();
    const token = links.get('oksana@example.org')!;
    const [payload, mac] = token.split('.') as [string, string];

    const refused = async (t: string) => {
      const res = await s.request('POST', '/api/public/refund-requests/link/submit', { token: t });
      return { status: res.status, code: res.body.error?.code, message: res.body.error?.message };
    };
    // A signature that is not the server's.
    const forgedMac = `${mac.slice(0, -2)}${mac.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await refused(`${payload}.${forgedMac}`)).toMatchObject({
      status: 404,
      code: 'refund_link_invalid',
      message: expect.stringContaining('This refund link is not valid'),
    });
    // My signature on a payload naming the other order: the signature no longer fits.
    const claimed = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const retargeted = Buffer.from(JSON.stringify({ ...claimed, o: other.orderId })).toString(
      'base64url',
    );
    expect(await refused(`${retargeted}.${mac}`)).toMatchObject({
      status: 404,
      code: 'refund_link_invalid',
    });
    // A later expiry written in by hand: refused the same way.
    const extended = Buffer.from(JSON.stringify({ ...claimed, e: claimed.e + 86_400 })).toString(
      'base64url',
    );
    expect(await refused(`${extended}.${mac}`)).toMatchObject({ status: 404 });
    // Not a token at all: the schema's 400.
    expect((await refused(mine.orderId)).status).toBe(400);
    expect(s.provider.refunds).toHaveLength(0);

    // My genuine link opens my order, not the other one.
    const opened = await s.request('POST', '/api/public/refund-requests/link', { token });
    expect(opened.body.order.orderId).toBe(mine.orderId);

    // 90 days on, the link has expired: said so, and the contact route named.
    s.clock.ms += 91 * 86_400_000;
    expect(await refused(token)).toMatchObject({
      status: 410,
      code: 'refund_link_expired',
      message: expect.stringContaining('has expired'),
    });
    expect(s.provider.refunds).toHaveLength(0);
  });
});

describe('phone numbers as people type them', () => {
  it('match the contact on the order however it was typed, Ukrainian and Chinese', async () => {
    const ua = await s.sale({ contact: { phone: '050 123 45 67', locale: 'uk' } });
    for (const typed of [
      '050 123 45 67',
      '+380 50 123 45 67',
      '(050) 123-45-67',
      '+380501234567',
    ]) {
      expect((await lookup(ua.orderId, typed)).status, typed).toBe(200);
    }
    expect((await lookup(ua.orderId, '050 123 45 68')).status).toBe(404);

    const cn = await s.sale({ contact: { phone: '+86 138 0013 8000', locale: 'zh-Hans' } });
    for (const typed of ['138 0013 8000', '13800138000', '+86 13800138000', '0086 138-0013-8000']) {
      expect((await lookup(cn.orderId, typed)).status, typed).toBe(200);
    }
    // Kept as its international digits: texts go to a real E.164 number.
    const stored = await s.db.query<{ phone: string }>(
      `SELECT phone FROM order_contacts ORDER BY phone`,
    );
    expect(stored.map((r) => r.phone)).toEqual(['380501234567', '8613800138000']);
  });
});

describe('a buyer who gave no contact', () => {
  async function receiptOf(orderId: string, receiptNo: number): Promise<string> {
    const rows = await s.db.query<{ terminal_id: string }>(
      `SELECT terminal_id FROM orders WHERE venue_id = $1 AND order_id = $2`,
      [VENUE, orderId],
    );
    return formatReceiptNumber(rows[0]!.terminal_id, receiptNo);
  }

  it('finds a card order by its printed receipt number and the card’s last 4 digits: refunded to that card only', async () => {
    const sale = await s.sale({ tickets: 2 });
    const receipt = await receiptOf(sale.orderId, sale.receiptNo);
    expect(receipt).toMatch(/-0000\d\d$/);

    const found = await lookup(receipt, '4242');
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ orderId: sale.orderId, onlyToCard: true });
    // Two standing tickets of one tier are told apart by their place in the order.
    const rows = found.body.tickets as { position: number; seat: unknown }[];
    expect(rows.map((t) => [t.position, t.seat])).toEqual([
      [1, null],
      [2, null],
    ]);
    expect(found.body.tickets[0].tierName).toBeTruthy();

    const ids = [sale.tickets[0]!.ticketId];
    const asVoucher = await s.request('POST', '/api/public/refund-requests/preview', {
      venueId: VENUE,
      orderRef: receipt,
      contact: '4242',
      ticketIds: ids,
      method: 'voucher',
    });
    expect(asVoucher.status).toBe(409);
    expect(asVoucher.body.error.code).toBe('card_only');

    const made = await s.request('POST', '/api/public/refund-requests', {
      venueId: VENUE,
      orderRef: receipt,
      contact: '42 42',
      ticketIds: ids,
      reasonCode: 'customer_request',
    });
    expect(made.status).toBe(201);
    expect(made.body.status.state).toBe('paid');
    expect(s.provider.refunds).toHaveLength(1);
  });

  it('five wrong card digits lock the order’s look-up; a cash buyer is sent to the box office', async () => {
    const sale = await s.sale({ tickets: 1 });
    const receipt = await receiptOf(sale.orderId, sale.receiptNo);
    for (let i = 0; i < 5; i++) {
      const wrong = await lookup(receipt, String(1000 + i));
      expect(wrong.status).toBe(404);
    }
    // Locked, whoever asks: the right digits now get the same answer as a wrong guess.
    const locked = await lookup(receipt, '4242');
    expect(locked.status).toBe(404);
    expect(locked.body.error.code).toBe('order_not_found');
    // A day later (the lock is kept on the database's clock): the right digits open it again.
    await s.db.query(
      `UPDATE order_card_claim_failures SET locked_until = now() - interval '1 minute'`,
    );
    expect((await lookup(receipt, '4242')).status).toBe(200);

    const cash = await s.sale({ tickets: 1, paidBy: 'cash' });
    const cashReceipt = await receiptOf(cash.orderId, cash.receiptNo);
    const refused = await lookup(cashReceipt, '4242');
    expect(refused.status).toBe(404);
    expect(refused.body.error.message).toContain('Come to the box office with your receipt');
    // The same words as for a receipt that does not exist: nothing tells which orders exist.
    const unknown = await lookup('ZZ9-000999', '4242');
    expect(unknown.body).toEqual(refused.body);
  });
});

describe('the target answer time, a venue setting', () => {
  it('a manager sets it (audited, checked); new requests are due by it', async () => {
    const path = `/api/venues/${VENUE}/refund-request-settings`;
    expect((await s.request('GET', path, undefined, s.supervisor)).body).toEqual({
      answerBusinessDays: 5,
    });
    const bySupervisor = await s.request('PUT', path, { answerBusinessDays: 2 }, s.supervisor);
    expect(bySupervisor.status).toBe(403);
    const tooMany = await s.request('PUT', path, { answerBusinessDays: 61 }, s.manager);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.code).toBe('invalid_request');

    const set = await s.request('PUT', path, { answerBusinessDays: 2 }, s.manager);
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ answerBusinessDays: 2 });
    const audit = await s.db.query<{ kind: string; detail: unknown }>(
      `SELECT kind, detail FROM audit_events WHERE kind = 'request_answer_time_changed'`,
    );
    expect(audit).toHaveLength(1);
    const detail =
      typeof audit[0]!.detail === 'string' ? JSON.parse(audit[0]!.detail) : audit[0]!.detail;
    expect(detail).toEqual({ before: 5, after: 2 });

    // A cash purchase waits for a person: asked on Thursday 2 April, due two business days on.
    const sale = await s.sale({
      paidBy: 'cash',
      contact: { email: 'a@example.org', locale: 'en' },
    });
    const made = await s.request('POST', '/api/public/refund-requests', {
      venueId: VENUE,
      orderRef: sale.orderId,
      contact: 'a@example.org',
      ticketIds: [sale.tickets[0]!.ticketId],
      reasonCode: 'customer_request',
    });
    expect(made.body.status.state).toBe('under_review');
    expect(String(made.body.status.answerDueAt).slice(0, 10)).toBe('2026-04-06');
    expect(made.body.status.answerDueBeforeShow).toBe(false);
    const queue = await s.request(
      'GET',
      `/api/venues/${VENUE}/refund-requests`,
      undefined,
      s.manager,
    );
    expect(queue.body.answerBusinessDays).toBe(2);
  });
});
