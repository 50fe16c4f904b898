/**
 * Bad pushes (issue 11 must-show): malformed, oversized, wrong-venue, revoked-terminal,
 * tampered-chain, replayed and unauthenticated pushes each get a 4xx with a clear error
 * in the one error shape, and the database is exactly as it was before.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeEntryHash } from '../../shared/journal/chain';
import type { DomainEntry, EntryLike } from '../../shared/journal/entry-types';
import { MAX_DB_INT } from '../../shared/util/db-int';
import { twoShiftDay } from '../unit/journal-day';
import { sealAs, startServer, type EnrolledTill, type TestServer } from './harness';

let server: TestServer;
let till: EnrolledTill;
let drafts: EntryLike[];
let entries: DomainEntry[];
let before: Record<string, unknown[]>;

beforeEach(async () => {
  server = await startServer();
  till = await server.enrol();
  drafts = (await twoShiftDay()).entries;
  entries = await sealAs(till.terminalId, drafts);
  // The first five are on the server already: refusals below must leave them as they are.
  expect((await server.push(till, entries.slice(0, 5))).status).toBe(200);
  before = await server.snapshot();
});
afterEach(async () => {
  await server.close();
});

async function expectRefused(
  res: { status: number; body: { error: { code: string; message: string } } },
  status: number,
  code: string,
  message: RegExp,
) {
  expect(res.status).toBe(status);
  expect(res.body).toEqual({ error: { code, message: expect.stringMatching(message) } });
  expect(await server.snapshot()).toEqual(before);
}

const clone = <T>(v: T): T => structuredClone(v);

describe('a bad push changes nothing', () => {
  it('malformed: not JSON, not the API shape, an entry that fails the journal schema', async () => {
    const auth = `Bearer ${till.token}`;
    await expectRefused(
      await server.request('POST', '/api/sync/push', { raw: '{"entries": [', auth }),
      400,
      'invalid_json',
      /not valid JSON/,
    );
    await expectRefused(
      await server.request('POST', '/api/sync/push', { body: { entries: [] }, auth }),
      400,
      'invalid_request',
      /entries/,
    );
    await expectRefused(
      await server.request('POST', '/api/sync/push', {
        body: { entries: entries.slice(5), extra: 1 },
        auth,
      }),
      400,
      'invalid_request',
      /extra|Unrecognized/,
    );

    const sale = clone(entries.slice(5));
    const withFloat = sale.findLast((e) => e.type === 'sale')!;
    (withFloat.payload as { totals: { total: { amount: number } } }).totals.total.amount = 12.5;
    await expectRefused(
      await server.push(till, sale),
      400,
      'invalid_entry',
      /^entries\[\d+\] is not a valid journal entry: payload\.totals\.total\.amount/,
    );

    // A card number smuggled into a tender is refused by the strict schema.
    const card = clone(entries.slice(5, 6));
    (card[0]!.payload as unknown as Record<string, unknown>).cardNumber = '4111111111111111';
    await expectRefused(await server.push(till, card), 400, 'invalid_entry', /entries\[0\]/);
  });

  it('oversized: more than 100 entries, or a body over 256 KB, is 413', async () => {
    const many = Array.from({ length: 101 }, () => entries[5]);
    await expectRefused(
      await server.push(till, many),
      413,
      'batch_too_large',
      /at most 100 entries; this one has 101/,
    );
    const padded = clone(entries.slice(5, 6));
    (padded[0]!.payload as unknown as Record<string, unknown>).reason = 'x'.repeat(300 * 1024);
    await expectRefused(
      await server.push(till, padded),
      413,
      'payload_too_large',
      /Request body is too large/,
    );
  });

  it('wrong venue: a till of another venue cannot push (or overwrite) this terminal’s journal', async () => {
    const stranger = await server.enrol('lviv-hall');
    before = await server.snapshot();
    await expectRefused(
      await server.push(stranger, entries.slice(5)),
      403,
      'wrong_terminal',
      new RegExp(
        `belongs to terminal ${till.terminalId}; this token is terminal ${stranger.terminalId}'s`,
      ),
    );
    // Nor by re-sealing the entries under its own id with a forged token for ours.
    const [venue, , secret] = stranger.token.split('.');
    const forged = `${venue === 'lviv-hall' ? 'podil-stage' : venue}.${till.terminalId}.${secret}`;
    await expectRefused(
      await server.push({ token: forged }, entries.slice(5)),
      401,
      'invalid_token',
      /not one this server issued/,
    );
  });

  it('revoked terminal: refused with 403 before its body is read', async () => {
    const revoke = await server.request(
      'POST',
      `/api/venues/podil-stage/terminals/${till.terminalId}/revoke`,
      {
        body: { reason: 'till stolen' },
        auth: server.managerAuth(),
      },
    );
    expect(revoke.status).toBe(200);
    before = await server.snapshot();
    await expectRefused(
      await server.push(till, entries.slice(5)),
      403,
      'terminal_revoked',
      /was revoked \(till stolen\); a manager must enrol it again/,
    );
  });

  it('tampered chain: an edited entry, a broken link, a gap, an entry out of order', async () => {
    const edited = clone(entries.slice(5));
    const movement = edited.findLast((e) => e.type === 'sale')!;
    (movement.payload as { totals: { total: { amount: number } } }).totals.total.amount += 100;
    await expectRefused(
      await server.push(till, edited),
      422,
      'chain_broken',
      /breaks the hash chain: its content does not match its hash/,
    );

    // Re-hashed after the edit, it no longer links to the entry the server holds before it.
    const relinked = clone(entries.slice(5, 6));
    relinked[0]!.prevHash = 'f'.repeat(64);
    relinked[0]!.hash = await computeEntryHash(relinked[0]!);
    await expectRefused(
      await server.push(till, relinked),
      422,
      'chain_broken',
      /prevHash does not link/,
    );

    await expectRefused(
      await server.push(till, entries.slice(7, 9)),
      409,
      'chain_gap',
      /up to seq 5; this batch starts at seq 8\. Push from seq 6/,
    );
    await expectRefused(
      await server.push(till, [entries[5], entries[7], entries[6]]),
      422,
      'chain_broken',
      /out of order|missing/,
    );
  });

  it('tampered chain in a sales-only batch right after the head (the one-statement projection): 422, nothing kept', async () => {
    // Up to the second shift's open on the server; entry 18 is that shift's first sale.
    expect((await server.push(till, entries.slice(5, 18))).status).toBe(200);
    before = await server.snapshot();
    const sale = entries.slice(18, 19);
    expect(sale.map((e) => e.type)).toEqual(['sale']);

    const edited = clone(sale);
    (edited[0]!.payload as { totals: { total: { amount: number } } }).totals.total.amount += 100;
    await expectRefused(
      await server.push(till, edited),
      422,
      'chain_broken',
      /entries\[0\] \(seq 19\) breaks the hash chain: its content does not match its hash/,
    );
    // Nothing of the refused batch stayed: the sale as sealed then goes in, applied.
    const res = await server.push(till, sale);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      acks: [{ seq: 19, hash: sale[0]!.hash, status: 'applied' }],
      head: { seq: 19, hash: sale[0]!.hash },
    });
  });

  it('numbers the database cannot hold: a seq or receipt number of 2^31 is 400, not an exception', async () => {
    const tooBig = MAX_DB_INT + 1;
    const relink = async (run: DomainEntry[]) => {
      let prev = entries[4]!.hash;
      for (const e of run) {
        e.prevHash = prev;
        e.hash = await computeEntryHash(e);
        prev = e.hash;
      }
      return run;
    };
    // A well-sealed chain whose sale carries receipt number 2^31: without the bound it passes
    // the schema and the chain, and fails in the orders INSERT (an `unappliable` exception).
    const receipts = clone(entries.slice(5));
    const sale = receipts.find((e) => e.type === 'sale')!;
    (sale.payload as { receiptNo: number }).receiptNo = tooBig;
    await expectRefused(
      await server.push(till, await relink(receipts)),
      400,
      'invalid_entry',
      /^entries\[\d+\] is not a valid journal entry: payload\.receiptNo: Must be at most 2147483647 \(the largest number the server stores\)/,
    );
    const seqs = clone(entries.slice(5, 6));
    seqs[0]!.seq = tooBig;
    await expectRefused(
      await server.push(till, await relink(seqs)),
      400,
      'invalid_entry',
      /^entries\[0\] is not a valid journal entry: seq: Must be at most 2147483647/,
    );
    const negative = clone(entries.slice(5, 6));
    negative[0]!.seq = -1;
    await expectRefused(
      await server.push(till, await relink(negative)),
      400,
      'invalid_entry',
      /^entries\[0\] is not a valid journal entry: seq: Must be at least 1/,
    );
    // The own-journal cursor is compared with the integer seq column: bounded the same way.
    await expectRefused(
      await server.request('GET', `/api/sync/journal?after=${tooBig}`, {
        auth: `Bearer ${till.token}`,
      }),
      400,
      'invalid_request',
      /after/,
    );
  });

  it('replayed: an old seq with another body is a fork (409); the exact replay is answered as before', async () => {
    // The till's journal rewritten from seq 4 and sealed again: a valid chain that forks.
    const rewritten = await sealAs(till.terminalId, [
      ...drafts.slice(0, 3),
      { ...drafts[3]!, at: '2026-04-01T11:11:11+03:00' },
      ...drafts.slice(4, 6),
    ]);
    await expectRefused(
      await server.push(till, rewritten.slice(3)),
      409,
      'seq_conflict',
      /already holds a different entry at seq 4/,
    );
    // Another terminal's captured batch replayed with this token.
    const other = await sealAs('podil-stage-T09', drafts.slice(0, 2));
    await expectRefused(
      await server.push(till, other),
      403,
      'wrong_terminal',
      /belongs to terminal podil-stage-T09/,
    );

    const replay = await server.push(till, entries.slice(0, 5));
    expect(replay.status).toBe(200);
    expect(replay.body.acks).toEqual(
      entries.slice(0, 5).map((e) => ({ seq: e.seq, hash: e.hash, status: 'applied' })),
    );
    expect(await server.snapshot()).toEqual(before);
  });

  it('unauthenticated: no token, a malformed token, a token with the wrong secret', async () => {
    await expectRefused(
      await server.request('POST', '/api/sync/push', { body: { entries: entries.slice(5) } }),
      401,
      'unauthenticated',
      /needs a terminal bearer token/,
    );
    await expectRefused(
      await server.push({ token: 'nonsense' }, entries.slice(5)),
      401,
      'invalid_token',
      /not one this server issued/,
    );
    const [venue, terminal] = till.token.split('.');
    const guessed = `${venue}.${terminal}.${'A'.repeat(43)}`;
    await expectRefused(
      await server.push({ token: guessed }, entries.slice(5)),
      401,
      'invalid_token',
      /not one this server issued/,
    );
    // An unauthenticated oversized body is refused as unauthenticated, before it is read.
    await expectRefused(
      await server.request('POST', '/api/sync/push', {
        raw: JSON.stringify({ entries: ['x'.repeat(300 * 1024)] }),
      }),
      401,
      'unauthenticated',
      /bearer token/,
    );
  });
});
