import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../shared/util/result';
import { loadCart, saveCart, clearCart } from '../../src-renderer/store/carts';
import { JournalWriter } from '../../src-renderer/store/commit-journal';
import type { BoxOfficeDb } from '../../src-renderer/store/db';
import {
  ordersByCustomer,
  performancesTodayFirst,
  seatStatesFor,
  ticketByCode,
  ticketsByOrder,
} from '../../src-renderer/store/queries';
import { localePreference } from '../../src-renderer/store/settings';
import { validTicketsByTier } from '../../src-renderer/store/ticket-counts';
import { openTestDb, projectSale, saleDraft } from './store-fixtures';

const dbs: BoxOfficeDb[] = [];
afterEach(() => {
  for (const d of dbs.splice(0)) d.close();
});
function db(): BoxOfficeDb {
  const d = openTestDb();
  dbs.push(d);
  return d;
}

const perf = (id: string, startsAt: string, searchText: string) => ({
  id,
  eventId: 'e',
  startsAt,
  status: 'scheduled' as const,
  searchText,
});

describe('store queries', () => {
  it("lists today's performances (venue time zone) first, then later ones, with search", async () => {
    const d = db();
    // 23:30 UTC on 21 Nov is 01:30 on 22 Nov in Kyiv: "today" there, "yesterday" in UTC.
    await d.performances.bulkPut([
      perf('late-show', '2026-11-21T23:30:00.000Z', 'jazz night late-show'),
      perf('matinee', '2026-11-22T10:00:00.000Z', 'hamlet matinee'),
      perf('evening', '2026-11-22T17:00:00.000Z', 'hamlet evening'),
      perf('tomorrow', '2026-11-23T17:00:00.000Z', 'hamlet tomorrow'),
      perf('last-week', '2026-11-15T17:00:00.000Z', 'hamlet last-week'),
    ]);
    const now = new Date('2026-11-22T08:00:00.000Z');
    const all = await performancesTodayFirst(d, { now, timeZone: 'Europe/Kyiv' });
    expect(all.today.map((p) => p.id)).toEqual(['late-show', 'matinee', 'evening']);
    expect(all.upcoming.map((p) => p.id)).toEqual(['tomorrow']);

    const utc = await performancesTodayFirst(d, { now, timeZone: 'UTC' });
    expect(utc.today.map((p) => p.id)).toEqual(['matinee', 'evening']);

    const notStarted = await performancesTodayFirst(d, {
      now,
      timeZone: 'Europe/Kyiv',
      includeStartedToday: false,
    });
    expect(notStarted.today.map((p) => p.id)).toEqual(['matinee', 'evening']);

    const hamlet = await performancesTodayFirst(d, {
      now,
      timeZone: 'Europe/Kyiv',
      search: '  HAMLET ',
    });
    expect([...hamlet.today, ...hamlet.upcoming].map((p) => p.id)).toEqual([
      'matinee',
      'evening',
      'tomorrow',
    ]);
  });

  it('finds tickets by code and order, seat states, counts and customers', async () => {
    const d = db();
    const w = new JournalWriter(d, 'T1', () => new Date('2026-11-22T18:00:00.000Z'));
    for (const n of [1, 2])
      expect((await w.commitJournal((ctx) => ok([saleDraft(ctx, n)]), projectSale)).ok).toBe(true);
    expect((await ticketByCode(d, 'CODE-t-2-b'))?.orderId).toBe('order-2');
    expect(await ticketByCode(d, 'CODE-nope')).toBeUndefined();
    expect((await ticketsByOrder(d, 'order-1')).map((t) => t.id).sort()).toEqual([
      't-1-a',
      't-1-b',
    ]);
    expect((await seatStatesFor(d, 'perf-1')).every((s) => s.state === 'sold')).toBe(true);
    // Counted as they were added, in the commit's own transaction.
    expect(await validTicketsByTier(d, 'perf-1')).toEqual(new Map([['stalls', 4]]));
    expect(await validTicketsByTier(d, 'perf-2')).toEqual(new Map());

    await d.orders.update('order-1', { customerKey: 'olena kovalenko' });
    expect((await ordersByCustomer(d, 'Olena')).map((o) => o.id)).toEqual(['order-1']);
    expect(await ordersByCustomer(d, '   ')).toEqual([]);
  });

  it('remembers the locale per terminal and resumes the cart', async () => {
    const d = db();
    const t1 = localePreference(d, 'T1');
    const t2 = localePreference(d, 'T2');
    expect(await t1.load()).toBeNull();
    await t1.save('uk');
    await t2.save('zh-Hans');
    expect(await t1.load()).toBe('uk');
    expect(await t2.load()).toBe('zh-Hans');
    await d.settings.put({ key: 'locale:T1', value: 'fr' }); // not one of ours: ignored
    expect(await t1.load()).toBeNull();

    const now = new Date('2026-11-22T18:00:00.000Z');
    await saveCart(d, 'T1', { lines: [{ seatId: 'A-1' }] }, now);
    expect(await loadCart(d, 'T1')).toEqual({
      terminalId: 'T1',
      updatedAt: now.toISOString(),
      cart: { lines: [{ seatId: 'A-1' }] },
    });
    await clearCart(d, 'T1');
    expect(await loadCart(d, 'T1')).toBeUndefined();
  });
});
