/**
 * Server payouts reach the tills (issue 14): a refund the server paid itself (card through the
 * provider simulator on loopback, or a credit voucher) is in the tills' pull after the
 * server-ledger cursor and wakes the live stream; and the reverse race — a window refunded the
 * ticket first and pushed it — pays nothing. Real HTTP, PGlite by default;
 * scripts/with-postgres.mjs runs it on PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIVE_FEED_EVENT, pullResponseSchema, type PullResponse } from '../../shared/sync/contract';
import { readPerformance } from '../../src-server/inventory/apply';
import { startRequestsServer, type RequestsServer } from './refund-requests-harness';

const VENUE = 'podil-stage';
const CONTACT = { email: 'oksana.petrenko@example.org', locale: 'uk' as const };

let s: RequestsServer;
const cleanups: (() => Promise<void>)[] = [];
beforeEach(async () => {
  s = await startRequestsServer();
});
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  await s.close();
});

async function submit(orderId: string, ticketIds: string[], extra: Record<string, unknown> = {}) {
  const made = await s.request('POST', '/api/public/refund-requests', {
    venueId: VENUE,
    orderRef: orderId,
    contact: CONTACT.email,
    ticketIds,
    reasonCode: 'customer_request',
    locale: 'uk',
    ...extra,
  });
  expect(made.status).toBe(201);
  return made.body as { status: { requestId: string; state: string; voucherCode?: string } };
}

async function pull(query: string): Promise<PullResponse> {
  const res = await s.request('GET', `/api/sync/pull?${query}`, undefined, s.tillAuth);
  expect(res.status).toBe(200);
  return pullResponseSchema.parse(res.body);
}

/** Counts `feed` events on the till's live stream (Server-Sent Events, read with fetch). */
async function openLive(): Promise<{ events: () => number }> {
  const abort = new AbortController();
  const res = await fetch(`${s.url}/api/sync/live`, {
    headers: { authorization: s.tillAuth, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  expect(res.status).toBe(200);
  let count = 0;
  let buffer = '';
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const read = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        if (buffer.slice(0, end).startsWith(`event: ${LIVE_FEED_EVENT}`)) count++;
        buffer = buffer.slice(end + 2);
      }
    }
  })().catch(() => undefined);
  cleanups.push(async () => {
    abort.abort();
    await read;
  });
  return { events: () => count };
}

async function until(condition: () => boolean, ms = 3000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('server payouts in the tills’ pull', () => {
  it('a card refund and a voucher appear after the cursor, once, and wake the live stream', async () => {
    const sale = await s.sale({ contact: CONTACT });
    const [first, second] = sale.tickets.map((t) => t.ticketId) as [string, string];
    const before = await pull('after=0&refundsAfter=0');
    expect(before.serverRefunds).toEqual({ entries: [], next: 0, more: false });
    // A till that does not ask (an older one) gets the answer as before.
    expect((await pull('after=0')).serverRefunds).toBeUndefined();

    const live = await openLive();
    await until(() => live.events() >= 1); // the stream's opening event
    const opened = live.events();

    const card = await submit(sale.orderId, [first]);
    expect(card.status.state).toBe('paid');
    await until(() => live.events() > opened);

    const one = await pull('after=0&refundsAfter=0');
    expect(one.serverRefunds!.entries).toHaveLength(1);
    const paid = one.serverRefunds!.entries[0]!;
    expect(paid).toMatchObject({
      seq: 1,
      kind: 'card_refund',
      requestId: card.status.requestId,
      orderId: sale.orderId,
      ticketIds: [first],
      amount: { amount: s.provider.refunds[0]!.amountMinor, currency: 'UAH' },
      sources: [{ tenderId: sale.tenders[0]!.tenderId }],
    });
    expect(paid.sources[0]!.amount.amount).toBe(paid.amount.amount);
    expect(one.serverRefunds!.next).toBe(1);

    // The server's own view of the order counts its payout: the ticket reads refunded.
    const looked = await s.request('POST', '/api/public/refund-requests/lookup', {
      venueId: VENUE,
      orderRef: sale.orderId,
      contact: CONTACT.email,
    });
    expect(
      (looked.body.tickets as { ticketId: string; status: string }[]).map((t) => t.status),
    ).toEqual(['refunded', 'valid']);

    const voucher = await submit(sale.orderId, [second], { method: 'voucher' });
    expect(voucher.status.voucherCode).toMatch(/^RV-/);
    const after = await pull(`after=0&refundsAfter=${one.serverRefunds!.next}`);
    expect(after.serverRefunds!.entries).toEqual([
      expect.objectContaining({
        seq: 2,
        kind: 'voucher_issued',
        ticketIds: [second],
        voucherCode: voucher.status.voucherCode,
      }),
    ]);
    expect(after.serverRefunds!.next).toBe(2);
    expect((await pull('after=0&refundsAfter=2')).serverRefunds!.entries).toEqual([]);
  });
});

describe('the reverse race: a window refunded the ticket first', () => {
  it('a payout retried after the till’s refund was pushed pays nothing', async () => {
    const sale = await s.sale({ contact: CONTACT });
    const ticket = sale.tickets[0]!.ticketId;
    s.provider.next('fail');
    const made = await submit(sale.orderId, [ticket]);
    expect(made.status.state).toBe('approved');
    expect(s.provider.refunds).toHaveLength(0);

    // Meanwhile the customer is refunded at the window; the till pushes the refund.
    await s.refundAtTill(sale.orderId, [ticket]);
    const retried = await s.request(
      'POST',
      `/api/venues/${VENUE}/refund-requests/${made.status.requestId}/retry-payout`,
      {},
      s.manager,
    );
    expect(retried.status).toBe(200);
    expect(retried.body.request.state).toBe('approved');
    expect(retried.body.request.payoutError).toMatch(/already refunded/);
    expect(s.provider.calls).toBe(1);
    expect(s.provider.refunds).toHaveLength(0);
    expect(await s.db.query(`SELECT 1 FROM server_ledger`)).toHaveLength(0);
    expect((await s.notifications()).map((n) => n.kind)).not.toContain('request_paid');
  });

  it('a request under review for a ticket a window refunded cannot be approved', async () => {
    const sale = await s.sale({ contact: CONTACT });
    const ticket = sale.tickets[0]!.ticketId;
    // Three days before the show the policy gives nothing without a manager: to review.
    s.clock.ms = Date.parse('2026-04-30T18:00:00+03:00');
    const made = await submit(sale.orderId, [ticket]);
    expect(made.status.state).not.toBe('paid');
    await s.refundAtTill(sale.orderId, [ticket]);
    const approved = await s.request(
      'POST',
      `/api/venues/${VENUE}/refund-requests/${made.status.requestId}/approve`,
      { note: 'ok' },
      s.manager,
    );
    expect(approved.status).toBe(409);
    expect(s.provider.refunds).toHaveLength(0);
    expect(await s.db.query(`SELECT 1 FROM server_ledger`)).toHaveLength(0);
  });

  it('a window that refunds a ticket the server paid (offline, before its pull) raises a double refund', async () => {
    const sale = await s.sale({ contact: CONTACT });
    const ticket = sale.tickets[0]!.ticketId;
    const paid = await submit(sale.orderId, [ticket]);
    expect(paid.status.state).toBe('paid');
    // The till never pulled it: it refunds the ticket at the window and pushes.
    await s.refundAtTill(sale.orderId, [ticket]);
    const raised = await s.db.query<{ kind: string; message: string; entries: unknown }>(
      `SELECT kind, message, entries FROM reconciliation_exceptions WHERE venue_id = $1`,
      [VENUE],
    );
    expect(raised).toHaveLength(1);
    expect(raised[0]!.kind).toBe('double_refund');
    expect(raised[0]!.message).toMatch(
      new RegExp(
        `^Ticket ${ticket} was refunded online by the server \\(ledger row 1\\) and again at `,
      ),
    );
    // Only the till's entry is linked: the server's payout is its ledger row, not a journal entry.
    const entries = (
      typeof raised[0]!.entries === 'string' ? JSON.parse(raised[0]!.entries) : raised[0]!.entries
    ) as { terminalId: string }[];
    expect(entries.map((e) => e.terminalId)).not.toContain('server-ledger');
    expect(entries).toHaveLength(1);
  });
});

describe('a server payout and the inventory', () => {
  it("a place sold from the till's lease and refunded online goes back to that lease", async () => {
    const key = { venueId: VENUE, performanceId: 'hamlet-0501' };
    const leased = await s.request(
      'POST',
      '/api/inventory/leases',
      { performanceId: key.performanceId, ga: { 'hamlet-standing': 10 } },
      s.tillAuth,
    );
    expect(leased.status).toBe(201);
    const leaseId = (leased.body as { lease: { leaseId: string } }).lease.leaseId;
    const leftInLease = async () =>
      (await readPerformance(s.db, key)).leases.get(leaseId)?.ga['hamlet-standing'];
    expect(await leftInLease()).toBe(10);

    const sale = await s.sale({ contact: CONTACT });
    expect(await leftInLease()).toBe(8); // both places came out of the till's lease
    const paid = await submit(sale.orderId, [sale.tickets[0]!.ticketId]);
    expect(paid.status.state).toBe('paid');
    // Back where the window's own refund would have put it: the lease, which still lives.
    expect(await leftInLease()).toBe(9);
    const ticket = await s.db.query<{ status: string }>(
      `SELECT status FROM tickets WHERE venue_id = $1 AND ticket_id = $2`,
      [VENUE, sale.tickets[0]!.ticketId],
    );
    expect(ticket).toEqual([{ status: 'refunded' }]);
  });
});
