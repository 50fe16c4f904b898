import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { draft, type DomainEntry } from '../../shared/journal/entry-types';
import { MAX_PUSH_BYTES, MAX_PUSH_ENTRIES } from '../../shared/sync/contract';
import type { Till } from '../../src-renderer/app/till';
import { backoffDelay } from '../../src-renderer/sync/backoff';
import { startSync, type StartSyncOptions } from '../../src-renderer/sync/sync-engine';
import { classifyFailure } from '../../src-renderer/sync/sync-port';
import { browserLocks, drainOutbox, nextBatch, queueState } from '../../src-renderer/sync/uploader';
import { FakeSyncServer, manualTimers } from './sync-fake-server';
import { closeTills, olena, openDemoTill, sellSeats } from './till-fixtures';

afterEach(closeTills);

/** `n` sign-in/sign-out entries: real, chained journal entries, quick to make in bulk. */
async function commitSessions(till: Till, n: number): Promise<void> {
  const at = new Date(till.ports.clock()).toISOString();
  const drafts = Array.from({ length: n }, (_, i) =>
    draft(i % 2 === 0 ? 'logout' : 'login', at, { staff: olena }),
  );
  const r = await till.store.commitJournal(drafts);
  if (!r.ok) throw new Error(r.error.message);
}

async function localSeqs(till: Till): Promise<number[]> {
  return (await till.store.db.journal.where('terminalId').equals('T1').toArray()).map((e) => e.seq);
}

/**
 * A demo till with a sale queued, the fake server as told (offline, not enrolled) and the
 * sync engine over them on manual timers; `random` just under 1 shows the backoff ceilings.
 */
async function startEngine(
  server: { readonly offline?: boolean; readonly enrolled?: boolean },
  options: Partial<Pick<StartSyncOptions, 'pollMs' | 'onReconnect'>> = {},
) {
  const till = await openDemoTill();
  const fake = new FakeSyncServer();
  fake.offline = server.offline ?? false;
  fake.enrolled = server.enrolled ?? true;
  const { timers, due } = manualTimers();
  const engine = startSync({
    db: till.store.db,
    terminalId: 'T1',
    port: fake.port('T1'),
    timers,
    random: () => 0.999,
    ...options,
  });
  return { till, server: fake, due, engine };
}

describe('the uploader', { timeout: 30_000 }, () => {
  it('pushes the whole outbox in seq order in batches of at most 100 and deletes only acked rows', async () => {
    const till = await openDemoTill();
    await sellSeats(till, 'forest-song-1', 'standard', ['stalls-10-9']);
    await commitSessions(till, 230);
    const server = new FakeSyncServer();
    const seqs = await localSeqs(till);
    expect((await queueState(till.store.db, 'T1')).queued).toBe(seqs.length);

    const out = await drainOutbox(till.store.db, 'T1', server.port('T1'), browserLocks());
    expect(out).toEqual({ kind: 'drained', pushed: seqs.length });
    expect(server.pushes.every((p) => p.seqs.length <= MAX_PUSH_ENTRIES)).toBe(true);
    expect(server.pushes.flatMap((p) => p.seqs)).toEqual(seqs);
    expect(server.journals.get('T1')!.map((e) => e.hash)).toEqual(
      (await till.store.db.journal.where('terminalId').equals('T1').toArray()).map((e) => e.hash),
    );
    expect(await till.store.db.outbox.count()).toBe(0);
  });

  it('cuts batches at 256 KB of JSON as well as at 100 entries', () => {
    const big = (seq: number) =>
      ({ seq, hash: 'h', payload: { note: 'ї'.repeat(30_000) } }) as unknown as DomainEntry;
    const entries = Array.from({ length: 20 }, (_, i) => big(i + 1));
    const batch = nextBatch(entries);
    const bytes = new TextEncoder().encode(JSON.stringify({ entries: batch })).length;
    expect(bytes).toBeLessThanOrEqual(MAX_PUSH_BYTES);
    // 60 KB each (two bytes per Cyrillic letter): four fit, a fifth would not.
    expect(batch.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    const small = Array.from({ length: 150 }, (_, i) => ({ seq: i + 1 }) as unknown as DomainEntry);
    expect(nextBatch(small)).toHaveLength(MAX_PUSH_ENTRIES);
  });

  it('two tabs draining at once push every entry exactly once (one upload lock)', async () => {
    const till = await openDemoTill();
    await commitSessions(till, 150);
    const server = new FakeSyncServer();
    const locks = browserLocks();
    const [a, b] = await Promise.all([
      drainOutbox(till.store.db, 'T1', server.port('T1'), locks),
      drainOutbox(till.store.db, 'T1', server.port('T1'), locks),
    ]);
    const pushed = server.pushes.flatMap((p) => p.seqs);
    expect(pushed).toEqual(await localSeqs(till));
    expect(new Set(pushed).size).toBe(pushed.length);
    expect([a.pushed, b.pushed].sort()).toEqual([0, pushed.length]);
  });

  it('a chain_gap refusal keeps every row in order, stops the upload and says why', async () => {
    const till = await openDemoTill();
    await commitSessions(till, 5);
    const { db } = till.store;
    // The server has lost nothing, but this till's outbox lost its first rows: the first entry
    // it would push is past the server's head + 1.
    await db.transaction('rw', db.outbox, () =>
      db.outbox.bulkDelete([
        ['T1', 1],
        ['T1', 2],
      ]),
    );
    const before = await db.outbox.toArray();
    const server = new FakeSyncServer();
    const { timers } = manualTimers();
    const engine = startSync({ db, terminalId: 'T1', port: server.port('T1'), timers });
    await engine.idle();
    expect(engine.snapshot().blocked).toMatchObject({ code: 'chain_gap' });
    expect(engine.snapshot().connection).toBe('online');
    expect(await db.outbox.toArray()).toEqual(before);
    expect(server.journals.get('T1') ?? []).toEqual([]);
    // A later commit does not push over the refusal either.
    const pushesSoFar = server.pushes.length;
    engine.nudge('push');
    await engine.idle();
    expect(server.pushes.length).toBe(pushesSoFar);
    engine.stop();
  });

  it('offline: keeps the queue, backs off with jitter up to a minute, and drains once the server answers', async () => {
    const { till, server, due, engine } = await startEngine({ offline: true }, { pollMs: 30_000 });
    await engine.idle();
    const queued = (await queueState(till.store.db, 'T1')).queued;
    expect(queued).toBeGreaterThan(0);
    expect(engine.snapshot()).toMatchObject({ connection: 'offline', queued, lastSyncAt: null });
    const waits: number[] = [];
    for (let i = 0; i < 9; i++) {
      const next = due.shift()!;
      waits.push(next.ms);
      next.cb();
      await engine.idle();
    }
    // Doubling from 1 s, capped at 60 s (random() just under 1 shows the ceiling).
    expect(waits).toEqual([999, 1998, 3996, 7992, 15984, 31968, 59940, 59940, 59940]);
    server.offline = false;
    due.shift()!.cb();
    await engine.idle();
    expect(engine.snapshot()).toMatchObject({ connection: 'online', queued: 0, blocked: null });
    expect(engine.snapshot().lastSyncAt).not.toBeNull();
    // Back online: the next wake-up is the slow poll.
    expect(due.map((d) => d.ms)).toEqual([30_000]);
    engine.stop();
  });

  it('the network back (main’s live channel up again): the queue drains at once, not after the backoff', async () => {
    let reconnects = 0;
    const { server, due, engine } = await startEngine(
      { offline: true },
      { onReconnect: () => (reconnects += 1) },
    );
    await engine.idle();
    expect(engine.snapshot().connection).toBe('offline');
    const pending = due.length;
    server.offline = false;
    server.live(true);
    await engine.idle();
    // No timer fired: the live channel's return alone drained the queue.
    expect(due.length).toBeGreaterThanOrEqual(pending);
    expect(engine.snapshot()).toMatchObject({ connection: 'online', queued: 0 });
    expect(reconnects).toBe(1);
    // Still up: another status report is not another reconnect.
    server.live(true);
    expect(reconnects).toBe(1);
    engine.stop();
  });

  it('not enrolled: idle, no error, nothing deleted; enrolment later drains the queue', async () => {
    const { server, due, engine } = await startEngine({ enrolled: false });
    await engine.idle();
    expect(engine.snapshot()).toMatchObject({ connection: 'not_enrolled', blocked: null });
    expect(engine.snapshot().queued).toBeGreaterThan(0);
    server.enrolled = true;
    due.shift()!.cb();
    await engine.idle();
    expect(engine.snapshot()).toMatchObject({ connection: 'online', queued: 0 });
    engine.stop();
  });
});

describe('backoff and failures', () => {
  it('full jitter stays within [0, min(60 s, 1 s · 2^n))', () => {
    for (let n = 0; n < 20; n++) {
      const ceiling = Math.min(60_000, 1000 * 2 ** n);
      expect(backoffDelay(n, { random: () => 0 })).toBe(0);
      expect(backoffDelay(n, { random: () => 0.9999999 })).toBeLessThan(ceiling);
    }
  });

  it('reads the server code main passes in details, else out of the message', () => {
    expect(
      classifyFailure({
        code: 'invalid_argument',
        message: 'A push must continue from seq 3.',
        details: { status: 409, code: 'seq_conflict' },
      }),
    ).toEqual(expect.objectContaining({ kind: 'refused', code: 'seq_conflict' }));
    // A push main could not vouch for yet is worth another try, not a refusal.
    expect(
      classifyFailure({ code: 'unavailable', message: 'x', details: { code: 'not_anchored' } })
        .kind,
    ).toBe('offline');
    expect(
      classifyFailure({
        code: 'invalid_argument',
        message: 'Server refused (409 chain_gap): push from seq 3',
      }),
    ).toEqual(expect.objectContaining({ kind: 'refused', code: 'chain_gap' }));
    expect(classifyFailure({ code: 'not_configured', message: 'x' })).toEqual({
      kind: 'not_enrolled',
    });
    expect(classifyFailure({ code: 'timeout', message: 'x' }).kind).toBe('offline');
    expect(classifyFailure({ code: 'forbidden', message: 'revoked' }).kind).toBe('revoked');
  });
});
