import { CURRENT_VERSION } from '../../src-renderer/store/schema';
import type { DBCore, Middleware } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../shared/util/result';
import { JournalWriter } from '../../src-renderer/store/commit-journal';
import type { BoxOfficeDb } from '../../src-renderer/store/db';
import { STORE_ERROR_MESSAGES, toStoreError } from '../../src-renderer/store/errors';
import { openStore } from '../../src-renderer/store/open-store';
import { freshFactory, openTestDb, projectSale, saleDraft } from './store-fixtures';

const dbs: BoxOfficeDb[] = [];
afterEach(() => {
  for (const d of dbs.splice(0)) d.close();
});
const clock = () => new Date('2026-11-22T18:00:00.000Z');

/** Makes IndexedDB refuse writes to one table the way a full disk does. */
function quotaOn(table: string): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'test-quota',
    create: (down) => ({
      ...down,
      table: (name) => {
        const t = down.table(name);
        return name !== table
          ? t
          : {
              ...t,
              mutate: () =>
                Promise.reject(
                  new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
                ),
            };
      },
    }),
  };
}

describe('store errors', () => {
  it('a full disk during a sale becomes storage_full in plain words, with nothing written', async () => {
    const d = openTestDb();
    dbs.push(d);
    // The order's write (a Dexie call; the tickets' go to IndexedDB directly) hits the quota.
    d.use(quotaOn('orders'));
    const w = new JournalWriter(d, 'T1', clock);
    const r = await w.commitJournal((ctx) => ok([saleDraft(ctx, 1)]), projectSale);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('storage_full');
    expect(!r.ok && r.error.message).toBe(
      "This till's storage is full. Nothing was saved. Ask a manager to sync and free space.",
    );
    expect(await d.journal.count()).toBe(0);
    expect(await d.orders.count()).toBe(0);
    expect(await d.counters.count()).toBe(0);
  });

  it('maps IndexedDB failure names, including ones wrapped by Dexie', () => {
    const cases: [unknown, string][] = [
      [new DOMException('x', 'QuotaExceededError'), 'storage_full'],
      [
        {
          name: 'AbortError',
          message: 'aborted',
          inner: { name: 'QuotaExceededError', message: 'q' },
        },
        'storage_full',
      ],
      [{ name: 'AbortError', message: 'Transaction aborted' }, 'aborted'],
      [new DOMException('x', 'ConstraintError'), 'constraint'],
      [
        {
          name: 'BulkError',
          message: '1 of 2 failed',
          failures: [{ name: 'ConstraintError', message: 'Key exists' }],
        },
        'constraint',
      ],
      [new DOMException('x', 'VersionError'), 'version_conflict'],
      [new DOMException('x', 'UnknownError'), 'io_error'],
      [{ name: 'DatabaseClosedError', message: 'closed' }, 'unavailable'],
      ['a string', 'io_error'],
    ];
    for (const [input, code] of cases) {
      const e = toStoreError(input);
      expect(e.error.code).toBe(code);
      expect(e.error.message).toBe(STORE_ERROR_MESSAGES[e.error.code]);
    }
  });

  it('a duplicate journal seq is a constraint error and aborts the whole commit', async () => {
    const d = openTestDb();
    dbs.push(d);
    const w = new JournalWriter(d, 'T1', clock);
    const r = await w.commitJournal(
      (ctx) => ok([saleDraft(ctx, 1)]),
      async (ctx) => {
        await projectSale(ctx);
        await ctx.db.journal.add(ctx.entries[0]!); // same [terminalId+seq] again
      },
    );
    expect(!r.ok && r.error.code).toBe('constraint');
    expect(await d.orders.count()).toBe(0);
    expect(await d.journal.count()).toBe(0);
  });
});

describe('openStore', () => {
  it('asks for persistent storage and reports the answer', async () => {
    const calls: string[] = [];
    const granted = await openStore({
      ...freshFactory(),
      terminalId: 'T1',
      storageManager: {
        persisted: () => (calls.push('persisted'), Promise.resolve(false)),
        persist: () => (calls.push('persist'), Promise.resolve(true)),
      },
    });
    expect(granted.ok && granted.value.status).toEqual({
      persistence: 'persisted',
      schemaVersion: CURRENT_VERSION,
    });
    expect(calls).toEqual(['persisted', 'persist']);
    if (granted.ok) granted.value.close();

    const refused = await openStore({
      ...freshFactory(),
      terminalId: 'T1',
      storageManager: {
        persisted: () => Promise.resolve(false),
        persist: () => Promise.resolve(false),
      },
    });
    expect(refused.ok && refused.value.status.persistence).toBe('best_effort');
    if (refused.ok) {
      // The bound commit path works from the store object.
      const r = await refused.value.commitJournal((ctx) => ok([saleDraft(ctx, 1)]), projectSale);
      expect(r.ok && r.value.receiptNumber).toBe(1);
      refused.value.close();
    }

    const none = await openStore({ ...freshFactory(), terminalId: 'T1', storageManager: null });
    expect(none.ok && none.value.status.persistence).toBe('unsupported');
    if (none.ok) none.value.close();
  });
});
