/**
 * The venue feed (GET /api/sync/pull), the own journal for restore (GET /api/sync/journal)
 * and ticket-key publication (PUT /api/terminal/ticket-key), over real HTTP: every answer
 * parsed with the contract's schemas, as the till's sync agent will.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publicKeyFromSeed } from '../../shared/crypto/ed25519';
import { GENESIS_PREV_HASH, verifyChainBatch } from '../../shared/journal/chain';
import type { DomainEntry, EntryLike } from '../../shared/journal/entry-types';
import { ownJournalResponseSchema, pullResponseSchema } from '../../shared/sync/contract';
import { twoShiftDay } from '../unit/journal-day';
import { sealAs, startServer, type EnrolledTill, type TestServer } from './harness';

let server: TestServer;
let a: EnrolledTill;
let b: EnrolledTill;
let drafts: EntryLike[];
let entriesA: DomainEntry[];

beforeEach(async () => {
  server = await startServer();
  a = await server.enrol();
  b = await server.enrol();
  drafts = (await twoShiftDay()).entries;
  entriesA = await sealAs(a.terminalId, drafts);
  expect((await server.push(a, entriesA)).status).toBe(200);
});
afterEach(async () => {
  await server.close();
});

const bearer = (till: EnrolledTill) => `Bearer ${till.token}`;
const key = (seed: number) =>
  Buffer.from(publicKeyFromSeed(new Uint8Array(32).fill(seed))).toString('base64');

async function pull(till: EnrolledTill, query = '') {
  const res = await server.request('GET', `/api/sync/pull${query}`, { auth: bearer(till) });
  expect(res.status).toBe(200);
  return pullResponseSchema.parse(res.body);
}

describe('pull', () => {
  it("gives another terminal's entries as pushed, in feed order, and skips the caller's own", async () => {
    const page = await pull(b);
    expect(page.entries.map((e) => e.cursor)).toEqual(entriesA.map((_, i) => i + 1));
    expect(page.entries.map((e) => e.entry)).toEqual(entriesA);
    expect(page).toMatchObject({ next: entriesA.length, more: false, ticketKeys: [], revoked: [] });
    // What B received still chains: the journal is the terminal's, byte for byte in meaning.
    const chain = await verifyChainBatch(page.entries.map((e) => e.entry) as DomainEntry[], {
      terminalId: a.terminalId,
      anchor: { seq: 0, hash: GENESIS_PREV_HASH },
    });
    expect(chain.ok).toBe(true);

    // A sees none of its own, and its cursor moves past them.
    expect(await pull(a)).toMatchObject({ entries: [], next: entriesA.length, more: false });
    // Nothing new after the head.
    expect(await pull(b, `?after=${entriesA.length}`)).toMatchObject({
      entries: [],
      next: entriesA.length,
      more: false,
    });

    // B pushes: A gets B's entries after its cursor, with the positions that follow.
    const entriesB = await sealAs(b.terminalId, drafts.slice(0, 4));
    expect((await server.push(b, entriesB)).status).toBe(200);
    const forA = await pull(a, `?after=${entriesA.length}`);
    expect(forA.entries.map((e) => e.cursor)).toEqual([1, 2, 3, 4].map((i) => entriesA.length + i));
    expect(forA.entries.map((e) => e.entry)).toEqual(entriesB);
    // B's cursor skips its own four.
    expect(await pull(b, `?after=${entriesA.length}`)).toMatchObject({
      entries: [],
      next: entriesA.length + 4,
    });
  });

  it('pages with limit and more, and the pages add up to the feed', async () => {
    const seen: unknown[] = [];
    let after = 0;
    let pages = 0;
    for (;;) {
      const page = await pull(b, `?after=${after}&limit=5`);
      pages += 1;
      expect(page.entries.length).toBeLessThanOrEqual(5);
      seen.push(...page.entries.map((e) => e.entry));
      after = page.next;
      if (!page.more) break;
    }
    expect(pages).toBe(Math.ceil(entriesA.length / 5));
    expect(seen).toEqual(entriesA);
  });

  it("says how far the venue's feed goes (head): on every page, own entries counted, per venue", async () => {
    const first = await pull(b, '?limit=5');
    expect(first).toMatchObject({ head: entriesA.length, next: 5, more: true });
    expect(await pull(b, `?after=5&limit=5`)).toMatchObject({ head: entriesA.length });
    // A's own entries are not sent to A, but they are the feed: head counts them.
    expect(await pull(a)).toMatchObject({ entries: [], head: entriesA.length });

    const entriesB = await sealAs(b.terminalId, drafts.slice(0, 4));
    expect((await server.push(b, entriesB)).status).toBe(200);
    const head = entriesA.length + 4;
    expect(await pull(b, '?limit=5')).toMatchObject({ head, next: 5, more: true });
    // Caught up: B's cursor reaches the head past its own four, so it has nothing left.
    expect(await pull(b, `?after=${entriesA.length}`)).toMatchObject({ head, next: head });
    expect(await pull(a, `?after=${entriesA.length}&limit=2`)).toMatchObject({
      head,
      next: entriesA.length + 2,
      more: true,
    });

    const elsewhere = await server.enrol('lviv-hall');
    expect(await pull(elsewhere)).toMatchObject({ entries: [], head: 0, next: 0 });
  });

  it("never gives another venue's entries, keys or revocations", async () => {
    const elsewhere = await server.enrol('lviv-hall');
    const neighbour = await server.enrol('lviv-hall');
    const theirs = await sealAs(elsewhere.terminalId, drafts.slice(0, 3));
    expect((await server.push(elsewhere, theirs)).status).toBe(200);
    const put = await server.request('PUT', '/api/terminal/ticket-key', {
      body: { keyId: 'k1', publicKey: key(90) },
      auth: bearer(a),
    });
    expect(put.status).toBe(204);

    const page = await pull(neighbour);
    // Its own venue's feed starts at 1: positions are per venue.
    expect(page.entries.map((e) => e.cursor)).toEqual([1, 2, 3]);
    expect(page.entries.map((e) => e.entry)).toEqual(theirs);
    expect(page.ticketKeys).toEqual([]);
    // And the podil-stage feed holds none of lviv-hall's.
    const ours = await pull(b);
    expect(ours.entries.map((e) => e.entry)).toEqual(entriesA);
    // A cursor beyond the venue's feed (another venue's position) reads nothing of theirs.
    expect((await pull(neighbour, '?after=2')).entries.map((e) => e.entry)).toEqual([theirs[2]]);
  });

  it('publishes ticket keys, flags a revoked terminal’s as revoked and lists the revocation', async () => {
    for (const [till, keyId, seed] of [
      [a, 'a-1', 91],
      [a, 'a-2', 92],
      [b, 'b-1', 93],
    ] as const) {
      const res = await server.request('PUT', '/api/terminal/ticket-key', {
        body: { keyId, publicKey: key(seed) },
        auth: bearer(till),
      });
      expect(res.status).toBe(204);
    }
    expect((await pull(b)).ticketKeys).toEqual([
      { terminalId: a.terminalId, keyId: 'a-1', publicKey: key(91), revoked: false },
      { terminalId: a.terminalId, keyId: 'a-2', publicKey: key(92), revoked: false },
      { terminalId: b.terminalId, keyId: 'b-1', publicKey: key(93), revoked: false },
    ]);
    const revoke = await server.request(
      'POST',
      `/api/venues/podil-stage/terminals/${a.terminalId}/revoke`,
      { body: { reason: 'stolen' }, auth: server.managerAuth() },
    );
    expect(revoke.status).toBe(200);
    const page = await pull(b);
    expect(page.ticketKeys.map((k) => [k.keyId, k.revoked])).toEqual([
      ['a-1', true],
      ['a-2', true],
      ['b-1', false],
    ]);
    expect(page.revoked).toEqual([
      { terminalId: a.terminalId, revokedAt: expect.any(String), reason: 'stolen' },
    ]);
    // The revoked terminal itself is refused on every sync route.
    for (const [method, path] of [
      ['GET', '/api/sync/pull'],
      ['GET', '/api/sync/journal'],
      ['GET', '/api/sync/live'],
      ['PUT', '/api/terminal/ticket-key'],
    ] as const) {
      const res = await server.request(method, path, {
        auth: bearer(a),
        ...(method === 'PUT' ? { body: { keyId: 'a-3', publicKey: key(94) } } : {}),
      });
      expect(res.status).toBe(403);
      expect(res.body.error).toEqual({
        code: 'terminal_revoked',
        message: expect.stringMatching(/was revoked \(stolen\); a manager must enrol it again/),
      });
    }
  });
});

describe('ticket key registration', () => {
  const put = (body: unknown, till = a) =>
    server.request('PUT', '/api/terminal/ticket-key', { body, auth: bearer(till) });

  it('is idempotent for the same key and refuses another key under the same id', async () => {
    expect((await put({ keyId: 'k1', publicKey: key(95) })).status).toBe(204);
    expect((await put({ keyId: 'k1', publicKey: key(95) })).status).toBe(204);
    const clash = await put({ keyId: 'k1', publicKey: key(96) });
    expect(clash.status).toBe(409);
    expect(clash.body.error).toEqual({
      code: 'ticket_key_conflict',
      message: expect.stringMatching(/register a new key under a new keyId/),
    });
    // The same id on another terminal is that terminal's own key.
    expect((await put({ keyId: 'k1', publicKey: key(96) }, b)).status).toBe(204);
    const stored = await server.db.query(
      `SELECT terminal_id, key_id, public_key FROM ticket_keys ORDER BY terminal_id`,
    );
    expect(stored).toEqual([
      { terminal_id: a.terminalId, key_id: 'k1', public_key: key(95) },
      { terminal_id: b.terminalId, key_id: 'k1', public_key: key(96) },
    ]);
  });

  it('refuses a key that is not a usable Ed25519 public key, and a body off the contract', async () => {
    // 32 zero bytes: well-formed base64 of the right length, but a point of small order.
    const small = await put({ keyId: 'k1', publicKey: `${'A'.repeat(43)}=` });
    expect(small.status).toBe(400);
    expect(small.body.error.code).toBe('invalid_public_key');
    const shape = await put({ keyId: '', publicKey: 'AAAA', extra: 1 });
    expect(shape.status).toBe(400);
    expect(shape.body.error.code).toBe('invalid_request');
    expect(await server.db.query(`SELECT * FROM ticket_keys`)).toEqual([]);
  });
});

describe('own journal (restore)', () => {
  it('gives the caller its own stored entries in seq order, pages, and the head', async () => {
    const last = entriesA[entriesA.length - 1]!;
    const res = await server.request('GET', '/api/sync/journal', { auth: bearer(a) });
    expect(res.status).toBe(200);
    const all = ownJournalResponseSchema.parse(res.body);
    expect(all).toEqual({
      entries: entriesA,
      head: { seq: last.seq, hash: last.hash },
      more: false,
    });
    const page = ownJournalResponseSchema.parse(
      (await server.request('GET', '/api/sync/journal?after=3&limit=4', { auth: bearer(a) })).body,
    );
    expect(page.entries).toEqual(entriesA.slice(3, 7));
    expect(page.more).toBe(true);
    // B has pushed nothing: an empty journal and the genesis head.
    const empty = await server.request('GET', '/api/sync/journal', { auth: bearer(b) });
    expect(empty.body).toEqual({
      entries: [],
      head: { seq: 0, hash: '0'.repeat(64) },
      more: false,
    });
  });
});

describe('refusals', () => {
  it('401 without a token or with a made-up one, 400 for a query off the contract', async () => {
    for (const path of ['/api/sync/pull', '/api/sync/journal', '/api/sync/live']) {
      const none = await server.request('GET', path);
      expect(none.status).toBe(401);
      expect(none.body.error).toEqual({
        code: 'unauthenticated',
        message: expect.stringMatching(/needs a terminal bearer token/),
      });
      const forged = await server.request('GET', path, {
        auth: `Bearer podil-stage.${a.terminalId}.${'x'.repeat(43)}`,
      });
      expect(forged.status).toBe(401);
      expect(forged.body.error.code).toBe('invalid_token');
    }
    const put = await server.request('PUT', '/api/terminal/ticket-key', {
      body: { keyId: 'k', publicKey: key(97) },
    });
    expect(put.status).toBe(401);
    for (const query of ['?limit=0', '?limit=1001', '?after=-1', '?after=x', '?since=3']) {
      for (const path of ['/api/sync/pull', '/api/sync/journal']) {
        const res = await server.request('GET', path + query, { auth: bearer(b) });
        expect(res.status).toBe(400);
        expect(res.body.error).toEqual({
          code: 'invalid_request',
          message: expect.stringMatching(/^The request does not match the API: querystring/),
        });
      }
    }
  });
});
