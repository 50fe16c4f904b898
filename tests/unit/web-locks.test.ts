/**
 * The one typed Web Locks wrapper (src-renderer/store/web-locks.ts) the uploader and the
 * lease keeper share, with and without the browser's `navigator.locks`.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserLocks } from '../../src-renderer/store/web-locks';
import { startLeaseKeeper } from '../../src-renderer/inventory/lease-keeper';
import type { InventoryPort } from '../../src-renderer/inventory/inventory-port';
import { BoxOfficeDb } from '../../src-renderer/store/db';
import { freshFactory } from './store-fixtures';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A promise and the function that settles it. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => undefined as void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('browserLocks without navigator.locks (one page)', () => {
  it('requestIfFree runs once per name at a time, page-wide, and hands the value back', async () => {
    const first = gate();
    const a = browserLocks().requestIfFree('x', async () => {
      await first.promise;
      return 42;
    });
    // Another wrapper of the same page (a remounted keeper): the name is taken.
    expect(await browserLocks().requestIfFree('x', () => Promise.resolve(1))).toBeNull();
    expect(await browserLocks().requestIfFree('y', () => Promise.resolve(2))).toBe(2);
    first.open();
    expect(await a).toBe(42);
    expect(await browserLocks().requestIfFree('x', () => Promise.resolve(3))).toBe(3);
  });

  it('a failing callback frees the name', async () => {
    const locks = browserLocks();
    await expect(locks.requestIfFree('x', () => Promise.reject(new Error('no')))).rejects.toThrow(
      'no',
    );
    expect(await locks.requestIfFree('x', () => Promise.resolve('again'))).toBe('again');
  });
});

describe('browserLocks over navigator.locks', () => {
  it('asks the browser (ifAvailable for requestIfFree) and resolves with the callback’s value', async () => {
    const asked: { name: string; options: unknown }[] = [];
    const request = (
      name: string,
      ...rest: [unknown, (lock: unknown) => unknown] | [(lock: unknown) => unknown]
    ) => {
      const options = rest.length === 2 ? rest[0] : undefined;
      const cb = rest.length === 2 ? rest[1] : rest[0];
      asked.push({ name, options });
      const free = name !== 'busy';
      return Promise.resolve(cb(free ? { name } : null));
    };
    vi.stubGlobal('navigator', { locks: { request } });
    const locks = browserLocks();
    expect(await locks.request('a', () => Promise.resolve('done'))).toBe('done');
    expect(await locks.requestIfFree('b', () => Promise.resolve(7))).toBe(7);
    expect(await locks.requestIfFree('busy', () => Promise.resolve(7))).toBeNull();
    expect(asked).toEqual([
      { name: 'a', options: undefined },
      { name: 'b', options: { ifAvailable: true } },
      { name: 'busy', options: { ifAvailable: true } },
    ]);
  });
});

describe('the lease keeper under the lock', () => {
  it('two keepers of one page run one round at a time', async () => {
    const db = new BoxOfficeDb('keeper', freshFactory());
    await db.open();
    const answer = gate();
    let asked = 0;
    const never = () => Promise.reject(new Error('not used here'));
    const port: InventoryPort = {
      availability: async () => {
        asked++;
        await answer.promise;
        return { ok: false, error: { code: 'unavailable', message: 'not reached' } };
      },
      hold: never,
      renewHold: never,
      shrinkHold: never,
      releaseHold: never,
      checkoutLease: never,
      returnLease: never,
    };
    const starts = '2026-12-04T19:00:00.000Z';
    const catalog = {
      venue: {},
      catalog: { performances: [{ id: 'p-1', status: 'scheduled', startsAt: starts }] },
      performance: () => undefined,
    };
    const rounds: string[] = [];
    const deps = {
      port,
      db,
      terminalId: 'T1',
      catalog: () => catalog as never,
      clock: () => Date.parse('2026-12-03T12:00:00.000Z'),
      everyMs: 3_600_000,
      onRound: (r: { reach: string }) => rounds.push(r.reach),
      onError: (e: unknown) => rounds.push(`error: ${String(e)}`),
    };
    const first = startLeaseKeeper(deps);
    const second = startLeaseKeeper(deps);
    await vi.waitFor(() => expect(asked).toBe(1));
    answer.open();
    await vi.waitFor(() => expect(rounds).toEqual(['offline']));
    expect(asked).toBe(1);
    first.stop();
    second.stop();
    db.close();
  });
});
