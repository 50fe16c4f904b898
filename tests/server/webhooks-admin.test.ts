/**
 * The venue's webhook and refund-link keys from the back office, on the real server (the
 * refund-request harness: PGlite or PostgreSQL, real HTTP, the provider simulator): the
 * manager's setting refused in words and audited without its secret; a real refund request's
 * steps queued as webhook events in their own transactions; refund-link key rotation — a link
 * signed before still opens, one whose key was retired is refused in words (branch webhooks).
 */
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  REFUND_LINK_DAYS,
  signRefundLink,
  venueLinkKey,
} from '../../src-server/requests/refund-link';
import type { LinkKeyView } from '../../shared/requests/webhook-contract';
import { startRequestsServer, type RequestsServer } from './refund-requests-harness';

const VENUE = 'podil-stage';
const SECRET = 'whsec-podil-stage-0123456789';

let s: RequestsServer;
beforeEach(async () => {
  s = await startRequestsServer();
});
afterEach(async () => {
  await s.close();
});

const audit = (kind: string) =>
  s.db.query<{ actor: string; detail: unknown }>(
    `SELECT actor, detail FROM audit_events WHERE kind = $1 ORDER BY at`,
    [kind],
  );

describe("the venue's webhook setting", () => {
  it('refuses a non-http address in words, keeps the secret unread, and audits the change', async () => {
    const path = `/api/venues/${VENUE}/webhook`;
    const bad = await s.request(
      'PUT',
      path,
      { url: 'ftp://crm.example.org/in', secret: SECRET },
      s.manager,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      code: 'webhook_url_scheme',
      message: 'A webhook address must start with https:// or http://; this one starts with ftp:',
    });
    const short = await s.request(
      'PUT',
      path,
      { url: 'https://crm.example.org/in', secret: 'x' },
      s.manager,
    );
    expect(short.body.error.code).toBe('webhook_secret_length');
    const bySupervisor = await s.request(
      'PUT',
      path,
      { url: 'https://crm.example.org/in', secret: SECRET },
      s.supervisor,
    );
    expect(bySupervisor.status).toBe(403);

    const set = await s.request(
      'PUT',
      path,
      { url: 'https://crm.example.org/in', secret: SECRET },
      s.manager,
    );
    expect(set.status).toBe(200);
    expect(set.body.webhook).toMatchObject({ url: 'https://crm.example.org/in' });
    expect(JSON.stringify(set.body)).not.toContain(SECRET);
    const read = await s.request('GET', path, undefined, s.supervisor);
    expect(read.body).toEqual({ webhook: set.body.webhook, deliveries: [] });

    const removed = await s.request('DELETE', path, undefined, s.manager);
    expect(removed.body.webhook).toBeNull();
    expect((await audit('webhook_set')).map((a) => a.detail)).toEqual([
      { before: null, after: 'https://crm.example.org/in' },
    ]);
    expect(JSON.stringify(await audit('webhook_set'))).not.toContain(SECRET);
    expect((await audit('webhook_removed')).map((a) => a.detail)).toEqual([
      { before: 'https://crm.example.org/in' },
    ]);
  });

  it("queues a refund request's steps and its voucher as events, in the steps' transactions", async () => {
    await s.request(
      'PUT',
      `/api/venues/${VENUE}/webhook`,
      { url: 'https://crm.example.org/in', secret: SECRET },
      s.manager,
    );
    // A customer without e-mail (an SMS contact): the CRM hears of the request all the same.
    const sale = await s.sale({ contact: { phone: '+380 67 123-45-67', locale: 'en' } });
    const made = await s.request('POST', '/api/public/refund-requests', {
      venueId: VENUE,
      orderRef: sale.orderId,
      contact: '+380671234567',
      ticketIds: [sale.tickets[0]!.ticketId],
      reasonCode: 'customer_request',
      locale: 'en',
      method: 'voucher',
    });
    expect(made.status).toBe(201);
    const requestId = made.body.status.requestId as string;
    const voucherCode = made.body.status.voucherCode as string;
    const events = await s.db.query<{
      kind: string;
      data: Record<string, unknown>;
      status: string;
    }>(`SELECT kind, data, status FROM outbox WHERE channel = 'webhook' ORDER BY created_at, kind`);
    expect(events.map((e) => e.kind).sort()).toEqual([
      'refund_request.approved',
      'refund_request.paid',
      'refund_request.received',
      'voucher.issued',
    ]);
    const of = (kind: string) => events.find((e) => e.kind === kind)!.data;
    expect(of('refund_request.received')).toMatchObject({
      requestId,
      orderId: sale.orderId,
      channel: 'web',
      currency: 'UAH',
    });
    expect(of('refund_request.approved')).toMatchObject({ decidedBy: 'policy' });
    expect(of('refund_request.paid')).toMatchObject({ method: 'voucher', voucherCode });
    expect(of('voucher.issued')).toMatchObject({ voucherCode, requestId, currency: 'UAH' });
    const deliveries = await s.request('GET', `/api/venues/${VENUE}/webhook`, undefined, s.manager);
    expect(deliveries.body.deliveries).toHaveLength(4);
    expect(deliveries.body.deliveries[0]).toMatchObject({ status: 'queued', attempts: 0 });
  });
});

describe('a cash request paid at the window', () => {
  it("queues the manager's approval and the till's payout as events (the push's transaction)", async () => {
    await s.close();
    s = await startRequestsServer({ cashCodes: 'issue' });
    await s.request(
      'PUT',
      `/api/venues/${VENUE}/webhook`,
      { url: 'https://crm.example.org/in', secret: SECRET },
      s.manager,
    );
    const sale = await s.sale({
      paidBy: 'cash',
      contact: { email: 'o@example.org', locale: 'uk' },
    });
    const made = await s.request('POST', '/api/public/refund-requests', {
      venueId: VENUE,
      orderRef: sale.orderId,
      contact: 'o@example.org',
      ticketIds: [sale.tickets[0]!.ticketId],
      reasonCode: 'customer_request',
      locale: 'uk',
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
    await s.payOutCashCode(status.body.cashCode as string);
    const events = await s.db.query<{ kind: string; data: Record<string, unknown> }>(
      `SELECT kind, data FROM outbox WHERE channel = 'webhook' ORDER BY created_at, kind`,
    );
    expect(events.map((e) => e.kind)).toEqual([
      'refund_request.received',
      'refund_request.approved',
      'refund_request.paid_at_window',
    ]);
    expect(events[1]!.data).toMatchObject({ decidedBy: 'manager', collectAtBoxOffice: true });
    expect(events[2]!.data).toMatchObject({ requestId, orderId: sale.orderId, currency: 'UAH' });
  });
});

describe('refund-link key rotation', () => {
  const open = (token: string) => s.request('POST', '/api/public/refund-requests/link', { token });
  async function linkFor(orderId: string): Promise<string> {
    const key = await venueLinkKey(s.db, VENUE);
    return signRefundLink(key, {
      venueId: VENUE,
      orderId,
      performanceId: 'hamlet-0501',
      expiresAtMs: s.clock.ms + REFUND_LINK_DAYS * 86_400_000,
    });
  }
  /** One-step links refund only a cancelled performance's tickets. */
  async function cancelShow(): Promise<void> {
    const cancelled = await s.request(
      'POST',
      `/api/venues/${VENUE}/performances/hamlet-0501/cancel`,
      { reason: 'Lead actor ill' },
      s.manager,
    );
    expect(cancelled.status).toBe(200);
  }
  const keyIdOf = (token: string) =>
    JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).k as string;

  it('a link signed before a rotation still opens; one whose key was retired is refused in words', async () => {
    const sale = await s.sale({ contact: { email: 'oksana@example.org', locale: 'uk' } });
    await cancelShow();
    const before = await linkFor(sale.orderId);
    const rotate = (retireNow: boolean, who = s.manager) =>
      s.request('POST', `/api/venues/${VENUE}/refund-link-keys/rotate`, { retireNow }, who);

    expect((await rotate(false, s.supervisor)).status).toBe(403);
    const rotated = await rotate(false);
    expect(rotated.status).toBe(200);
    const [live, old] = rotated.body.keys as LinkKeyView[];
    expect(old).toMatchObject({ keyId: keyIdOf(before), retiredAt: expect.any(String) });
    expect(Date.parse(old!.opensLinksUntil!)).toBe(s.clock.ms + REFUND_LINK_DAYS * 86_400_000);
    expect(live).toMatchObject({ retiredAt: null, opensLinksUntil: null });

    // Signed before: still opens. Signed now: names the new key, and opens.
    expect((await open(before)).body.order.orderId).toBe(sale.orderId);
    const after = await linkFor(sale.orderId);
    expect(keyIdOf(after)).toBe(live!.keyId);
    expect((await open(after)).status).toBe(200);

    // Retired at once (the key leaked): the link it signed is refused in words, the new one not.
    const leaked = await rotate(true);
    expect(leaked.body.keys).toHaveLength(3);
    const refused = await open(after);
    expect(refused.status).toBe(410);
    expect(refused.body.error).toMatchObject({
      code: 'refund_link_retired',
      message: expect.stringContaining('the venue has replaced the key it was signed with'),
    });
    expect((await open(before)).status).toBe(200); // its own key's 90 days still run
    expect((await open(await linkFor(sale.orderId))).status).toBe(200);

    const audited = await audit('refund_link_key_rotated');
    expect(audited.map((a) => a.detail)).toEqual([
      expect.objectContaining({
        retiredKeyId: keyIdOf(before),
        newKeyId: live!.keyId,
        retireNow: false,
      }),
      expect.objectContaining({ retiredKeyId: live!.keyId, retireNow: true }),
    ]);
    expect(JSON.stringify(audited)).not.toMatch(/secret/);
  });

  it("opens a link from before key ids with migration 020's key, until that key is retired", async () => {
    // A venue whose only key is the old table's (made by the release before), and its old link.
    const secret = Buffer.alloc(32, 9);
    await s.db.query(`INSERT INTO refund_link_keys (venue_id, secret) VALUES ($1, $2)`, [
      VENUE,
      secret.toString('base64url'),
    ]);
    // The sale's thank-you carries the first link this release signs (its feedback link): it
    // takes the old key over as k0.
    const sale = await s.sale({ contact: { email: 'oksana@example.org', locale: 'uk' } });
    const payload = Buffer.from(
      JSON.stringify({
        v: VENUE,
        o: sale.orderId,
        p: 'hamlet-0501',
        e: Math.floor((s.clock.ms + 86_400_000) / 1000),
      }),
    ).toString('base64url');
    const mac = createHmac('sha256', secret)
      .update('box-office refund link v1\n' + payload)
      .digest('base64url');
    const legacy = `${payload}.${mac}`;
    // Its signature is accepted (the show is not cancelled yet: that is all it is refused for).
    expect((await open(legacy)).body.error.code).toBe('not_cancelled');
    // The cancellation's links are signed with k0 too, and the old link still opens.
    await cancelShow();
    expect(keyIdOf(await linkFor(sale.orderId))).toBe('k0');
    expect((await open(legacy)).status).toBe(200);
    await s.request(
      'POST',
      `/api/venues/${VENUE}/refund-link-keys/rotate`,
      { retireNow: true },
      s.manager,
    );
    expect((await open(legacy)).body.error.code).toBe('refund_link_retired');
  });
});
