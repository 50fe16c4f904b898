import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { pullResponseSchema } from '../../shared/sync/contract';
import { err } from '../../shared/util/result';
import type { Till } from '../../src-renderer/app/till';
import { feedCursor } from '../../src-renderer/sync/feed-apply';
import { type FeedProgress, pullFeed } from '../../src-renderer/sync/puller';
import type { FeedLoad } from '../../src-renderer/sync/sync-engine';
import { startSync } from '../../src-renderer/sync/sync-engine';
import type { SyncPort } from '../../src-renderer/sync/sync-port';
import { browserLocks, drainOutbox } from '../../src-renderer/sync/uploader';
import { closeTills, openDemoTill, sellSeats } from './till-fixtures';
import { FakeSyncServer, manualTimers } from './sync-fake-server';

afterEach(closeTills);

const P = 'forest-song-1';

/** Till A with `sales` one-seat sales pushed: the feed B loads (sign-in, shift, the sales). */
async function venueWithSales(sales: number): Promise<{ server: FakeSyncServer; b: Till }> {
  const server = new FakeSyncServer();
  const a = await openDemoTill({ terminalId: 'TA' });
  for (let i = 1; i <= sales; i++) await sellSeats(a, P, 'standard', [`stalls-10-${i}`]);
  const pushed = await drainOutbox(a.store.db, 'TA', server.port('TA'), browserLocks());
  if (pushed.kind !== 'drained') throw new Error(JSON.stringify(pushed));
  const b = await openDemoTill({ terminalId: 'TB' });
  return { server, b };
}

/** B's port, with every pull's `after` noted and the pulls numbered in `failOn` failing. */
function watchedPort(server: FakeSyncServer, failOn: number[] = []) {
  const inner = server.port('TB');
  const asked: number[] = [];
  const port: SyncPort = {
    ...inner,
    pull: (after, limit) => {
      asked.push(after);
      if (failOn.includes(asked.length))
        return Promise.resolve(err('unavailable' as const, 'The server could not be reached.'));
      return inner.pull(after, limit);
    },
  };
  return { port, asked };
}

/** A sells in row 10, B in row 11. */
const ticketsInRow = async (till: Till, row: number) =>
  (await till.store.db.tickets.toArray()).filter((t) => t.seatId?.startsWith(`stalls-${row}-`))
    .length;

describe('the chunked load of the venue feed', { timeout: 60_000 }, () => {
  it('reports position of head after every page, yields between pages, and ends at the head', async () => {
    const { server, b } = await venueWithSales(8);
    const head = server.feed.length;
    expect(head).toBeGreaterThan(9);
    const { port, asked } = watchedPort(server);
    const progress: FeedProgress[] = [];
    let yields = 0;
    const out = await pullFeed(b.store.db, 'TB', port, {
      limit: 3,
      onProgress: (p) => progress.push(p),
      yieldToUi: async () => {
        yields++;
        // The cashier sells at B between two pages: the load goes on around the sale.
        if (yields === 1) await sellSeats(b, P, 'standard', ['stalls-11-1']);
      },
    });
    expect(out).toMatchObject({ ok: true, caughtUp: true, kept: 0 });
    const pages = Math.ceil(head / 3);
    const positions = Array.from({ length: pages }, (_, i) => Math.min(head, (i + 1) * 3));
    expect(progress).toEqual(positions.map((position) => ({ position, head })));
    expect(asked).toEqual([0, ...positions.slice(0, -1)]);
    expect(yields).toBe(pages - 1);
    expect(await feedCursor(b.store.db)).toBe(head);
    expect(await ticketsInRow(b, 10)).toBe(8);
    expect(await ticketsInRow(b, 11)).toBe(1);
  });

  it('a failure mid-load keeps the pages applied; the next pull resumes from the last one', async () => {
    const { server, b } = await venueWithSales(8);
    const head = server.feed.length;
    const { port, asked } = watchedPort(server, [3]);
    const progress: FeedProgress[] = [];
    const options = { limit: 3, onProgress: (p: FeedProgress) => progress.push(p) };
    const broken = await pullFeed(b.store.db, 'TB', port, options);
    expect(broken).toMatchObject({ ok: false, failure: { kind: 'offline' } });
    expect(progress).toEqual([
      { position: 3, head },
      { position: 6, head },
    ]);
    expect(await feedCursor(b.store.db)).toBe(6);
    const partly = await ticketsInRow(b, 10);

    const resumed = await pullFeed(b.store.db, 'TB', port, options);
    expect(resumed).toMatchObject({ ok: true, caughtUp: true });
    // The failed request asked from 6, and so did the first of the next pull: nothing twice.
    expect(asked.slice(0, 4)).toEqual([0, 3, 6, 6]);
    expect(progress.slice(2)[0]).toEqual({ position: 9, head });
    expect(progress.at(-1)).toEqual({ position: head, head });
    expect(partly).toBeLessThan(8);
    expect(await ticketsInRow(b, 10)).toBe(8);
  });

  it('a server without the head figure still loads everything, with no progress reported', async () => {
    const { server, b } = await venueWithSales(3);
    server.omitHead = true;
    const progress: FeedProgress[] = [];
    const out = await pullFeed(b.store.db, 'TB', server.port('TB'), {
      limit: 2,
      onProgress: (p) => progress.push(p),
    });
    expect(out).toMatchObject({ ok: true, caughtUp: true });
    expect(progress).toEqual([]);
    expect(await ticketsInRow(b, 10)).toBe(3);
  });
});

describe("the sync engine's feed load figure", { timeout: 60_000 }, () => {
  async function watch(
    pullPage: number,
    server: FakeSyncServer,
    b: Till,
    port?: SyncPort,
    pullPages?: number,
  ) {
    const { timers, due } = manualTimers();
    const engine = startSync({
      db: b.store.db,
      terminalId: 'TB',
      port: port ?? server.port('TB'),
      timers,
      pullPage,
      ...(pullPages !== undefined ? { pullPages } : {}),
    });
    const seen: (FeedLoad | null)[] = [];
    engine.subscribe(() => {
      const load = engine.snapshot().feedLoad;
      if (load !== (seen.at(-1) ?? null)) seen.push(load);
    });
    await engine.idle();
    return { engine, seen, due };
  }

  it('more than a page behind: loaded of total after each page, then nothing once caught up', async () => {
    const { server, b } = await venueWithSales(8);
    const { engine, seen } = await watch(3, server, b);
    // The feed: A's 10 entries (sign-in, shift, 8 sales), then B's own 2, pushed first.
    expect(server.feed.length).toBe(12);
    expect(seen).toEqual([...[3, 6, 9, 10].map((loaded) => ({ loaded, total: 12 })), null]);
    expect(engine.snapshot()).toMatchObject({ connection: 'online', feedLoad: null });
    expect(await ticketsInRow(b, 10)).toBe(8);
    engine.stop();
  });

  it('a load longer than one pull goes on at once, not at the next poll', async () => {
    const { server, b } = await venueWithSales(8);
    const { engine, seen, due } = await watch(3, server, b, undefined, 2);
    expect(seen).toEqual([...[3, 6, 9, 10].map((loaded) => ({ loaded, total: 12 })), null]);
    expect(await ticketsInRow(b, 10)).toBe(8);
    // Nothing waits but the slow poll.
    expect(due.map((d) => d.ms)).toEqual([30_000]);
    engine.stop();
  });

  it('one page behind or less shows no load', async () => {
    const { server, b } = await venueWithSales(2);
    const { engine, seen } = await watch(server.feed.length, server, b);
    expect(seen).toEqual([]);
    expect(await ticketsInRow(b, 10)).toBe(2);
    engine.stop();
  });

  it('a failure mid-load keeps the figure on screen; the retry goes on from there', async () => {
    const { server, b } = await venueWithSales(8);
    const { port } = watchedPort(server, [3]);
    const { engine, seen, due } = await watch(3, server, b, port);
    expect(engine.snapshot()).toMatchObject({
      connection: 'offline',
      feedLoad: { loaded: 6, total: 12 },
    });
    due.shift()!.cb();
    await engine.idle();
    expect(seen).toEqual([...[3, 6, 9, 10].map((loaded) => ({ loaded, total: 12 })), null]);
    expect(engine.snapshot().connection).toBe('online');
    expect(await ticketsInRow(b, 10)).toBe(8);
    engine.stop();
  });
});

describe('the pull answer contract', () => {
  const answer = { entries: [], next: 0, more: false, ticketKeys: [], revoked: [] };
  it('carries the feed head; an older answer without it still parses; a bad one does not', () => {
    expect(pullResponseSchema.parse({ ...answer, head: 50_000 }).head).toBe(50_000);
    expect(pullResponseSchema.parse(answer).head).toBeUndefined();
    expect(pullResponseSchema.safeParse({ ...answer, head: -1 }).success).toBe(false);
    expect(pullResponseSchema.safeParse({ ...answer, head: 1.5 }).success).toBe(false);
  });
});
