import { afterEach, describe, expect, it, vi } from 'vitest';
import { ok } from '../../shared/util/result';
import type { BoxOfficeDb } from '../../src-renderer/store/db';
import {
  CLOCK_BEHIND_TOLERANCE_MS,
  JournalWriter,
  clockBehind,
} from '../../src-renderer/store/commit-journal';
import { STORE_ERROR_MESSAGES } from '../../src-renderer/store/errors';
import { openTestDb, projectSale, saleDraft } from './store-fixtures';

const dbs: BoxOfficeDb[] = [];
function db(): BoxOfficeDb {
  const d = openTestDb();
  dbs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dbs.splice(0)) d.close();
  vi.restoreAllMocks();
});

/** A clock the test moves: it starts at 18:00 and reads whatever it is set to. */
function settableClock(start = Date.parse('2026-11-22T18:00:00.000Z')) {
  let now = start;
  return {
    read: () => new Date(now),
    set: (ms: number) => {
      now = ms;
    },
    back: (ms: number) => {
      now -= ms;
    },
  };
}

function sell(writer: JournalWriter, n: number) {
  return writer.commitJournal((ctx) => ok([saleDraft(ctx, n)]), projectSale);
}

describe('clockBehind', () => {
  const last = '2026-11-22T18:00:00.000Z';
  it('allows an empty journal, a clock ahead, and one up to two minutes behind', () => {
    expect(clockBehind('2000-01-01T00:00:00.000Z', null)).toBeNull();
    expect(clockBehind('2026-11-22T19:00:00.000Z', last)).toBeNull();
    expect(clockBehind('2026-11-22T17:58:00.000Z', last)).toBeNull();
  });
  it('refuses a clock more than two minutes behind the last entry', () => {
    expect(CLOCK_BEHIND_TOLERANCE_MS).toBe(120_000);
    expect(clockBehind('2026-11-22T17:57:59.999Z', last)).toMatch(/before the last journal entry/);
    expect(clockBehind('2026-11-22T17:00:00.000Z', last)).toContain('3600 s');
  });
});

describe('commitJournal with a clock set back', () => {
  it('refuses a commit an hour behind the last entry and writes nothing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const d = db();
    const clock = settableClock();
    const writer = new JournalWriter(d, 'T1', clock.read);
    expect((await sell(writer, 1)).ok).toBe(true);

    clock.back(60 * 60_000);
    let built = false;
    const refused = await writer.commitJournal((ctx) => {
      built = true;
      return ok([saleDraft(ctx, 2)]);
    }, projectSale);

    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.code).toBe('clock_behind');
    expect(!refused.ok && refused.error.message).toBe(STORE_ERROR_MESSAGES.clock_behind);
    expect(STORE_ERROR_MESSAGES.clock_behind).toMatch(/clock is wrong/);
    // Refused before the command ran: no draft, no journal row, no counter, no read model.
    expect(built).toBe(false);
    expect(await d.journal.count()).toBe(1);
    expect(await d.outbox.count()).toBe(1);
    expect((await d.counters.get('receipt:T1'))?.value).toBe(1);
    expect(await d.orders.get('order-2')).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/clock went back/));
  });

  it('accepts a clock up to two minutes behind, and sells again once the clock is set right', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const d = db();
    const clock = settableClock();
    const writer = new JournalWriter(d, 'T1', clock.read);
    expect((await sell(writer, 1)).ok).toBe(true);

    clock.back(CLOCK_BEHIND_TOLERANCE_MS);
    expect((await sell(writer, 2)).ok).toBe(true);

    clock.back(CLOCK_BEHIND_TOLERANCE_MS + 1);
    const refused = await sell(writer, 3);
    expect(!refused.ok && refused.error.code).toBe('clock_behind');

    clock.set(Date.parse('2026-11-22T18:05:00.000Z'));
    const again = await sell(writer, 3);
    expect(again.ok && again.value.receiptNumber).toBe(3);
    expect(await d.journal.count()).toBe(3);
  });

  it('holds a fresh writer (a restarted till) to the last entry through the checkpoint', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const d = db();
    const clock = settableClock();
    expect((await sell(new JournalWriter(d, 'T1', clock.read), 1)).ok).toBe(true);

    // A new writer has no cached tail: it reads checkpoint and the checkpoint's entry.
    clock.back(60 * 60_000);
    const refused = await sell(new JournalWriter(d, 'T1', clock.read), 2);
    expect(!refused.ok && refused.error.code).toBe('clock_behind');
    expect(await d.journal.count()).toBe(1);
  });
});
