/**
 * Cash-collection codes on the server (issue 14 item 3): the venue's signing key published
 * in every pull (never its private half), `issueCashCode` storing what it signs, a till's
 * payout marking the request paid, and the same code paid at a second offline till raised
 * as a reconciliation exception. Real HTTP to a real server over PGlite (or PostgreSQL).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCashCode, verifyCashCode } from '../../shared/cash-codes';
import { login, openShift, refund, sell } from '../../shared/commands';
import type { DomainEntry, RefundPayload } from '../../shared/journal/entry-types';
import { pullResponseSchema } from '../../shared/sync/contract';
import { createKeyRing } from '../../shared/tickets/key-ring';
import { seedFirstCatalog } from '../../src-server/catalog/catalogs';
import { issueCashCode } from '../../src-server/customer-service/cash-code';
import { num } from '../../src-server/db/port';
import { HttpError } from '../../src-server/http-error';
import { STAFF, Till, uah } from '../fixtures/domain';
import { cash } from '../unit/journal-day';
import { sealAs, startServer, type EnrolledTill, type TestServer, fixtureCatalog } from './harness';

const VENUE = 'podil-stage';
const SHOW = 'hamlet-0501';
const REQUEST = '0190f5c2-7e1a-7c3d-8a4b-1c2d3e4f5a6b';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
  await seedFirstCatalog(server.db, VENUE, fixtureCatalog(VENUE, 5), 'test');
});
afterEach(async () => {
  await server.close();
});

interface Window {
  readonly enrolled: EnrolledTill;
  readonly till: Till;
  pushed: number;
}

let seed = 40;
async function openWindow(): Promise<Window> {
  const till = new Till('2026-04-01T10:00:00+03:00', seed++);
  till.take(login(till.terminal, { staff: STAFF.olena }, till.ports));
  till.take(openShift(till.base(), { float: uah(1000) }, STAFF.olena, till.ports));
  return { enrolled: await server.enrol(), till, pushed: 0 };
}

async function push(w: Window): Promise<DomainEntry[]> {
  const sealed = await sealAs(w.enrolled.terminalId, w.till.entries);
  const res = await server.push(w.enrolled, sealed.slice(w.pushed));
  expect(res.status).toBe(200);
  const fresh = sealed.slice(w.pushed);
  w.pushed = sealed.length;
  return fresh;
}

async function pull(w: Window) {
  const res = await server.request('GET', '/api/sync/pull?after=0', {
    auth: `Bearer ${w.enrolled.token}`,
  });
  expect(res.status).toBe(200);
  return { parsed: pullResponseSchema.parse(res.body), raw: JSON.stringify(res.body) };
}

/** A cash sale of two standing places at window A, pushed. */
async function cashSale(a: Window) {
  a.till.clock.advance(60_000);
  const sale = a.till.take(
    await sell(
      a.till.base(),
      {
        items: [{ performanceId: SHOW, tierId: 'hamlet-standing', quantity: 2 }],
        tenders: [cash(310)],
      },
      STAFF.olena,
      a.till.ports,
    ),
  ).sale;
  await push(a);
  return sale;
}

/** Pays the code out at window `w` with the refund command, from the seller's order view. */
function payOut(w: Window, from: Window, code: string, orderRefunds: RefundPayload[] = []) {
  const parsed = parseCashCode(code);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const { payload } = parsed.value;
  w.till.clock.advance(60_000);
  return w.till.take(
    refund(
      {
        ...w.till.base(),
        order: from.till.order(payload.orderId),
        cashCode: { payload, orderRefunds },
      },
      {
        orderId: payload.orderId,
        ticketIds: [...payload.ticketIds],
        method: 'cash',
        reasonCode: payload.reasonCode,
        cashCode: { requestId: payload.requestId },
      },
      STAFF.olena,
      w.till.ports,
    ),
  ).refund;
}

const issue = (
  sale: { orderId: string; tickets: readonly { ticketId: string }[] },
  amount = uah(285),
  replace = false,
) =>
  server.db.transaction((tx) =>
    issueCashCode(
      tx,
      {
        venueId: VENUE,
        requestId: REQUEST,
        orderId: sale.orderId,
        ticketIds: sale.tickets.map((t) => t.ticketId),
        amount,
        decidedAt: '2026-04-01T07:05:00Z',
        expiresAt: '2026-04-20T00:00:00Z',
        reasonCode: 'customer_request',
        ...(replace ? { replace } : {}),
      },
      Date.parse('2026-04-01T07:05:00Z'),
    ),
  );

const codeRow = async () =>
  (
    await server.db.query<{ paid_terminal_id: string | null; paid_seq: number | null }>(
      `SELECT paid_terminal_id, paid_seq FROM cash_codes WHERE venue_id = $1 AND request_id = $2`,
      [VENUE, REQUEST],
    )
  )[0];

describe('the venue cash-code key', () => {
  it('is made once and published to every till in the pull, never its private half', async () => {
    const [a, b] = [await openWindow(), await openWindow()];
    const first = await pull(a);
    const second = await pull(b);
    expect(first.parsed.cashCodeKeys).toHaveLength(1);
    expect(second.parsed.cashCodeKeys).toEqual(first.parsed.cashCodeKeys);
    const key = first.parsed.cashCodeKeys![0]!;
    // The ring accepts it: a valid Ed25519 key whose id derives from its bytes.
    const ring = createKeyRing([
      { keyId: key.keyId, publicKey: new Uint8Array(Buffer.from(key.publicKey, 'base64')) },
    ]);
    expect(ring.ok).toBe(true);
    const stored = await server.db.query<{ private_seed: string }>(
      `SELECT private_seed FROM cash_code_keys WHERE venue_id = $1`,
      [VENUE],
    );
    expect(stored).toHaveLength(1);
    expect(first.raw).not.toContain(stored[0]!.private_seed);
  });
});

describe('issueCashCode', () => {
  it('signs a code a till verifies offline with the pulled key; idempotent; refuses what it must', async () => {
    const a = await openWindow();
    const sale = await cashSale(a);
    const issued = await issue(sale);
    expect(issued.code.startsWith('CASH:')).toBe(true);
    const key = (await pull(a)).parsed.cashCodeKeys![0]!;
    expect(issued.keyId).toBe(key.keyId);
    const ring = createKeyRing([
      { keyId: key.keyId, publicKey: new Uint8Array(Buffer.from(key.publicKey, 'base64')) },
    ]);
    const verdict = await verifyCashCode(issued.code, {
      keyRing: ring.ok ? ring.value : (undefined as never),
      venueId: VENUE,
      nowMs: Date.parse('2026-04-02T00:00:00Z'),
      backend: 'webcrypto',
    });
    expect(verdict).toMatchObject({
      verdict: 'genuine',
      payload: { requestId: REQUEST, orderId: sale.orderId, amount: uah(285) },
    });
    // Asked again (a retried approval): the same code, not a second one.
    expect((await issue(sale)).code).toBe(issued.code);
    await expect(issue(sale, uah(300))).rejects.toMatchObject({ code: 'cash_code_conflict' });
    // A manager's renewal replaces a code still good whose amount the tills no longer pay: a
    // new code with the new amount, and that one is what a retry answers from then on.
    const renewed = await issue(sale, uah(300), true);
    expect(renewed.code).not.toBe(issued.code);
    const renewedVerdict = await verifyCashCode(renewed.code, {
      keyRing: ring.ok ? ring.value : (undefined as never),
      venueId: VENUE,
      nowMs: Date.parse('2026-04-02T00:00:00Z'),
      backend: 'webcrypto',
    });
    expect(renewedVerdict).toMatchObject({ verdict: 'genuine', payload: { amount: uah(300) } });
    expect((await issue(sale, uah(300))).code).toBe(renewed.code);
    const stranger = { orderId: '0190f5c2-7e1a-7c3d-8a4b-00000000dead', tickets: sale.tickets };
    const unknown = server.db.transaction((tx) =>
      issueCashCode(tx, {
        venueId: VENUE,
        requestId: '0190f5c2-7e1a-7c3d-8a4b-00000000beef',
        orderId: stranger.orderId,
        ticketIds: sale.tickets.map((t) => t.ticketId),
        amount: uah(285),
        expiresAt: '2099-01-01T00:00:00Z',
        reasonCode: 'customer_request',
      }),
    );
    await expect(unknown).rejects.toBeInstanceOf(HttpError);
    await expect(unknown).rejects.toMatchObject({ statusCode: 404, code: 'order_not_found' });
    expect(await codeRow()).toEqual({ paid_terminal_id: null, paid_seq: null });
  });
});

describe('a payout pushed', () => {
  it('marks the request paid; the same code paid at a second offline till → one exception', async () => {
    const [a, b, c] = [await openWindow(), await openWindow(), await openWindow()];
    const sale = await cashSale(a);
    const { code } = await issue(sale);
    // B and C are both offline: neither knows of the other's payout.
    const atB = payOut(b, a, code);
    const atC = payOut(c, a, code);
    expect(atB.total).toEqual(uah(285));
    const pushedB = await push(b);
    const seqB = pushedB.find((e) => e.type === 'refund')!.seq;
    expect(await codeRow()).toEqual({ paid_terminal_id: b.enrolled.terminalId, paid_seq: seqB });
    expect(await server.db.query(`SELECT 1 FROM reconciliation_exceptions`)).toEqual([]);
    // Pushing B's entries again (a retried batch) changes nothing.
    expect(
      (await server.push(b.enrolled, await sealAs(b.enrolled.terminalId, b.till.entries))).status,
    ).toBe(200);
    expect(await server.db.query(`SELECT 1 FROM reconciliation_exceptions`)).toEqual([]);

    const pushedC = await push(c);
    const seqC = pushedC.find((e) => e.type === 'refund')!.seq;
    const raised = await server.db.query<{
      terminal_id: string;
      seq: number;
      kind: string;
      code: string;
      message: string;
      entries: unknown;
      amount_minor: unknown;
    }>(
      `SELECT terminal_id, seq, kind, code, message, entries, amount_minor FROM reconciliation_exceptions`,
    );
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      terminal_id: c.enrolled.terminalId,
      seq: seqC,
      kind: 'double_refund',
      code: 'cash_code_paid_twice',
      message: `The cash code of refund request ${REQUEST} was paid out at ${b.enrolled.terminalId} (seq ${seqB}) and again at ${c.enrolled.terminalId} (seq ${seqC}).`,
    });
    const entries = raised[0]!.entries;
    expect(typeof entries === 'string' ? JSON.parse(entries) : entries).toEqual([
      { terminalId: b.enrolled.terminalId, seq: seqB },
      { terminalId: c.enrolled.terminalId, seq: seqC },
    ]);
    expect(num(raised[0]!.amount_minor)).toBe(atC.total.amount);
    // The first payout stands; asking for a new code for a paid request is refused.
    expect(await codeRow()).toEqual({ paid_terminal_id: b.enrolled.terminalId, paid_seq: seqB });
    await expect(issue(sale)).rejects.toMatchObject({ statusCode: 409, code: 'cash_code_paid' });
  });
});
