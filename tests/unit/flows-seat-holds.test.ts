import 'fake-indexeddb/auto';
import { LOCAL_INVENTORY } from '../../src-renderer/inventory/inventory-source';
import { afterEach, describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { money } from '../../shared/money/money';
import { commitSale } from '../../src-renderer/app/sale-service';
import { actorOf, signIn, startShift } from '../../src-renderer/app/shift-service';
import { openTill, type Till } from '../../src-renderer/app/till';
import { loadDemoIfEmpty } from '../../src-renderer/demo/load-demo';
import { persistCart } from '../../src-renderer/flows/cart-persistence';
import { seatHoldActors } from '../../src-renderer/flows/seat-hold-actors';
import { sellMachine } from '../../src-renderer/flows/sell/sell-machine';
import type { HoldSeatsInput, ReleaseSeatsInput } from '../../src-renderer/flows/sell/sell-types';
import type { BoxOfficeDb } from '../../src-renderer/store/db';
import { StoreError } from '../../src-renderer/store/errors';
import { markSeatsSold, renewSeatRows, seatsTakenFrom } from '../../src-renderer/store/seat-holds';
import { demoIndex, NOW, sellFakes, UAH } from './flows-fixtures';
import { openTestDb } from './store-fixtures';
import { closeTills, demoMainStaff } from './till-fixtures';

// The sell flow's seat holds on (fake) IndexedDB: who may hold, sell and release a seat.

const PERF = 'forest-song-1';
const HOLD_MS = 12 * 60_000;
const dbs: BoxOfficeDb[] = [];
const tills: Till[] = [];
afterEach(() => {
  for (const d of dbs.splice(0)) d.close();
  for (const t of tills.splice(0)) t.close();
});
afterEach(closeTills);

async function demoDb(): Promise<BoxOfficeDb> {
  const db = openTestDb();
  dbs.push(db);
  const loaded = await loadDemoIfEmpty(db, { now: new Date(NOW) });
  if (!loaded.ok) throw new Error(loaded.error.message);
  return db;
}

function actors(db: BoxOfficeDb, clock: { now: number }) {
  const catalog = demoIndex();
  return seatHoldActors({
    db,
    catalog: () => catalog,
    clock: () => clock.now,
    holdMs: () => HOLD_MS,
    inventory: LOCAL_INVENTORY,
  });
}

async function run<I, O>(logic: Parameters<typeof createActor>[0], input: I): Promise<O> {
  const a = createActor(logic, { input } as never);
  a.start();
  const done = await waitFor(a, (s) => s.status !== 'active');
  if (done.status === 'error') throw done.error;
  return done.output as O;
}

const seats = (cartId: string, ...seatIds: string[]): HoldSeatsInput => ({
  cartId,
  performanceId: PERF,
  tierId: 'premium',
  request: { kind: 'seats', seatIds },
  includeAccessible: false,
});

describe('seat hold actors', () => {
  it('a hold writes held rows with the cart and expiry; another cart cannot take them until they lapse', async () => {
    const db = await demoDb();
    const clock = { now: NOW };
    const { holdSeats } = actors(db, clock);
    const held = await run(holdSeats, seats('cart-a', 'stalls-5-10', 'stalls-5-11'));
    const until = new Date(NOW + HOLD_MS).toISOString();
    expect(held).toEqual({
      ok: true,
      value: { seatIds: ['stalls-5-10', 'stalls-5-11'], until, together: true },
    });
    expect(await db.seatStates.get([PERF, 'stalls-5-10'])).toEqual({
      performanceId: PERF,
      seatId: 'stalls-5-10',
      state: 'held',
      until,
      holdId: 'cart-a',
    });

    const refused = await run(holdSeats, seats('cart-b', 'stalls-5-11', 'stalls-5-12'));
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'seat_unavailable', details: { seatIds: ['stalls-5-11'] } },
    });
    // Nothing of the refused hold was written.
    expect(await db.seatStates.get([PERF, 'stalls-5-12'])).toBeUndefined();

    // The same cart may hold again (its own hold does not block it).
    expect(await run(holdSeats, seats('cart-a', 'stalls-5-11'))).toMatchObject({ ok: true });

    clock.now = NOW + HOLD_MS; // until <= now: the hold has lapsed
    expect(await run(holdSeats, seats('cart-b', 'stalls-5-11'))).toMatchObject({ ok: true });
    expect((await db.seatStates.get([PERF, 'stalls-5-11']))?.holdId).toBe('cart-b');
  });

  it('a new hold moves the cart’s earlier holds to the new expiry', async () => {
    const db = await demoDb();
    const clock = { now: NOW };
    const { holdSeats } = actors(db, clock);
    await run(holdSeats, seats('cart-a', 'stalls-2-1'));
    clock.now = NOW + 60_000;
    await run(holdSeats, seats('cart-a', 'stalls-2-2'));
    const rows = await db.seatStates.where('performanceId').equals(PERF).toArray();
    expect(rows.map((r) => [r.seatId, r.until])).toEqual([
      ['stalls-2-1', new Date(NOW + 60_000 + HOLD_MS).toISOString()],
      ['stalls-2-2', new Date(NOW + 60_000 + HOLD_MS).toISOString()],
    ]);
  });

  it('refuses a seat the tier does not sell, and an unknown seat', async () => {
    const db = await demoDb();
    const { holdSeats } = actors(db, { now: NOW });
    // Row 8 is Standard; the request is for Premium stalls.
    expect(await run(holdSeats, seats('cart-a', 'stalls-8-3', 'nope'))).toMatchObject({
      ok: false,
      error: { code: 'not_for_this_tier', details: { seatIds: ['stalls-8-3', 'nope'] } },
    });
    expect(await db.seatStates.count()).toBe(0);
  });

  it('best available holds adjacent seats of the tier around other carts’ holds and sales', async () => {
    const db = await demoDb();
    const { holdSeats } = actors(db, { now: NOW });
    const best = (cartId: string, count: number): HoldSeatsInput => ({
      cartId,
      performanceId: PERF,
      tierId: 'standard',
      request: { kind: 'best', count },
      includeAccessible: false,
    });
    const first = await run<HoldSeatsInput, { ok: true; value: { seatIds: string[] } }>(
      holdSeats,
      best('cart-a', 3),
    );
    expect(first.ok).toBe(true);
    expect(first.value.seatIds).toHaveLength(3);
    const row = first.value.seatIds.map((id) => id.split('-')[1]);
    expect(new Set(row).size).toBe(1);
    // A second cart's best available never overlaps the first cart's live hold.
    const second = await run<HoldSeatsInput, { ok: true; value: { seatIds: string[] } }>(
      holdSeats,
      best('cart-b', 3),
    );
    expect(second.value.seatIds.some((id) => first.value.seatIds.includes(id))).toBe(false);
    // Nor does the same cart get its own seats twice.
    const again = await run<HoldSeatsInput, { ok: true; value: { seatIds: string[] } }>(
      holdSeats,
      best('cart-a', 2),
    );
    expect(again.value.seatIds.some((id) => first.value.seatIds.includes(id))).toBe(false);
    expect(await run(holdSeats, best('cart-c', 500))).toMatchObject({
      ok: false,
      error: { code: 'not_enough_seats' },
    });
  });

  it('release deletes only this cart’s held rows: not another cart’s hold, not a sale', async () => {
    const db = await demoDb();
    const { holdSeats, releaseSeats } = actors(db, { now: NOW });
    await run(holdSeats, seats('cart-a', 'stalls-4-1', 'stalls-4-2'));
    await run(holdSeats, seats('cart-b', 'stalls-4-3'));
    await db.seatStates.put({
      performanceId: PERF,
      seatId: 'stalls-4-4',
      state: 'sold',
      ticketId: 't-1',
    });
    const release: ReleaseSeatsInput = {
      cartId: 'cart-a',
      seats: ['stalls-4-1', 'stalls-4-2', 'stalls-4-3', 'stalls-4-4'].map((seatId) => ({
        performanceId: PERF,
        seatId,
      })),
    };
    await run(releaseSeats, release);
    const left = await db.seatStates.where('performanceId').equals(PERF).toArray();
    expect(left.map((r) => [r.seatId, r.state, r.holdId])).toEqual([
      ['stalls-4-3', 'held', 'cart-b'],
      ['stalls-4-4', 'sold', undefined],
    ]);
  });

  it('renewing a resumed cart’s holds re-holds its own and lapsed seats, not ones taken since', async () => {
    const db = await demoDb();
    const clock = { now: NOW };
    const { holdSeats } = actors(db, clock);
    await run(holdSeats, seats('cart-a', 'stalls-3-1', 'stalls-3-2', 'stalls-3-3'));
    clock.now = NOW + HOLD_MS + 1; // the till was down: cart-a's holds lapsed
    await run(holdSeats, seats('cart-b', 'stalls-3-2')); // someone took seat 2 meanwhile
    await db.seatStates.delete([PERF, 'stalls-3-3']); // and seat 3's row is gone altogether
    const later = new Date(clock.now + HOLD_MS);
    const renewed = await renewSeatRows(
      db,
      'cart-a',
      ['stalls-3-1', 'stalls-3-2', 'stalls-3-3'].map((seatId) => ({ performanceId: PERF, seatId })),
      new Date(clock.now),
      later,
    );
    expect(renewed).toEqual({ ok: true, value: ['stalls-3-2'] });
    const rows = await db.seatStates.where('performanceId').equals(PERF).toArray();
    expect(rows.map((r) => [r.seatId, r.holdId, r.until])).toEqual([
      ['stalls-3-1', 'cart-a', later.toISOString()],
      ['stalls-3-2', 'cart-b', new Date(clock.now + HOLD_MS).toISOString()],
      ['stalls-3-3', 'cart-a', later.toISOString()],
    ]);
  });

  it('inside a commit, only sales and other carts’ live holds count as taken', async () => {
    const db = await demoDb();
    await db.seatStates.bulkPut([
      { performanceId: PERF, seatId: 's1', state: 'sold', ticketId: 't' },
      {
        performanceId: PERF,
        seatId: 's2',
        state: 'held',
        holdId: 'mine',
        until: '2026-05-04T10:00:00.000Z',
      },
      {
        performanceId: PERF,
        seatId: 's3',
        state: 'held',
        holdId: 'other',
        until: '2026-05-04T10:00:00.000Z',
      },
      {
        performanceId: PERF,
        seatId: 's4',
        state: 'held',
        holdId: 'other',
        until: '2026-05-04T08:00:00.000Z',
      },
    ]);
    const all = ['s1', 's2', 's3', 's4', 's5'].map((seatId) => ({ performanceId: PERF, seatId }));
    // Read inside a transaction, as a commit reads them.
    const taken = (holdId?: string) =>
      db.transaction('r', db.seatStates, () =>
        seatsTakenFrom(holdId, all, '2026-05-04T09:00:00.000Z'),
      );
    expect(await taken('mine')).toEqual(['s1', 's3']);
    expect(await taken(undefined)).toEqual(['s1', 's2', 's3']);
  });
});

describe('marking issued seats sold inside a commit (sales and exchanges)', () => {
  const at = '2026-05-04T09:00:00.000Z';
  const held = (seatId: string, holdId: string) => ({
    performanceId: PERF,
    seatId,
    state: 'held' as const,
    holdId,
    until: '2026-05-04T10:00:00.000Z',
  });

  it('turns the issuing cart’s holds into sold seats and ignores GA tickets', async () => {
    const db = await demoDb();
    await db.seatStates.bulkPut([held('s1', 'mine')]);
    await db.transaction('rw', db.seatStates, () =>
      markSeatsSold(
        'mine',
        [
          { ticketId: 't1', performanceId: PERF, seatId: 's1' },
          { ticketId: 't2', performanceId: PERF, seatId: 's2' },
          { ticketId: 't3', performanceId: PERF },
        ],
        at,
      ),
    );
    expect(await db.seatStates.where('performanceId').equals(PERF).toArray()).toEqual([
      { performanceId: PERF, seatId: 's1', state: 'sold', ticketId: 't1' },
      { performanceId: PERF, seatId: 's2', state: 'sold', ticketId: 't2' },
    ]);
  });

  it('aborts the whole transaction with conflict when another cart holds one of the seats', async () => {
    const db = await demoDb();
    await db.seatStates.bulkPut([held('s1', 'mine'), held('s2', 'other')]);
    const attempt = db.transaction('rw', db.seatStates, db.settings, async () => {
      // Something the commit wrote before the seats: it must be rolled back with them.
      await db.settings.put({ key: 'probe', value: 1 });
      await markSeatsSold(
        'mine',
        [
          { ticketId: 't1', performanceId: PERF, seatId: 's1' },
          { ticketId: 't2', performanceId: PERF, seatId: 's2' },
        ],
        at,
      );
    });
    await expect(attempt).rejects.toSatisfy(
      (e) => e instanceof StoreError && e.code === 'conflict' && /s2/.test(e.message),
    );
    expect(await db.settings.get('probe')).toBeUndefined();
    expect((await db.seatStates.get([PERF, 's1']))?.state).toBe('held');
    expect((await db.seatStates.get([PERF, 's2']))?.holdId).toBe('other');
  });
});

describe('a sale of held seats', () => {
  it('sells this cart’s held seats (held rows become sold), refuses another cart’s live hold', async () => {
    const opened = await openTill({
      terminalId: 'T1',
      dbName: `holds-till-${Math.random()}`,
      staff: (await demoMainStaff()).authority,
      seed: (store) => loadDemoIfEmpty(store.db),
    });
    if (!opened.ok) throw new Error(opened.error.message);
    const till = opened.value;
    tills.push(till);
    const staff = await signIn(till, 'olena', '1111');
    if (!staff.ok) throw new Error(staff.error.message);
    const actor = actorOf(staff.value);
    const shift = await startShift(till, actor, money(100_000, 'UAH'));
    expect(shift.ok).toBe(true);

    const catalog = till.catalog;
    const { holdSeats } = seatHoldActors({
      db: till.store.db,
      catalog: () => catalog,
      clock: () => till.ports.clock(),
      holdMs: () => HOLD_MS,
      inventory: LOCAL_INVENTORY,
    });
    expect(await run(holdSeats, seats('cart-a', 'stalls-5-10'))).toMatchObject({ ok: true });
    expect(await run(holdSeats, seats('cart-b', 'stalls-5-11'))).toMatchObject({ ok: true });

    const sell = (seatId: string, cartId: string) =>
      commitSale(
        till,
        {
          items: [{ performanceId: PERF, tierId: 'premium', seatId, quantity: 1 }],
          tenders: [{ kind: 'cash', tendered: money(200_000, 'UAH') }],
        },
        actor,
        cartId,
      );
    const journalBefore = await till.store.db.journal.count();

    const theirs = await sell('stalls-5-11', 'cart-a');
    expect(theirs).toMatchObject({ ok: false, error: { code: 'sold_out' } });
    // Without a cart id nobody's hold is exempt: a held seat is not for sale.
    expect(await sell('stalls-5-10', undefined as unknown as string)).toMatchObject({
      ok: false,
      error: { code: 'sold_out' },
    });
    expect(await till.store.db.journal.count()).toBe(journalBefore);

    const mine = await sell('stalls-5-10', 'cart-a');
    expect(mine.ok).toBe(true);
    if (!mine.ok) return;
    const row = await till.store.db.seatStates.get([PERF, 'stalls-5-10']);
    expect(row).toEqual({
      performanceId: PERF,
      seatId: 'stalls-5-10',
      state: 'sold',
      ticketId: mine.value.sale.tickets[0]?.ticketId,
    });
    // Exactly one journal entry for the sale; the other cart's hold is untouched.
    expect(await till.store.db.journal.count()).toBe(journalBefore + 1);
    expect((await till.store.db.seatStates.get([PERF, 'stalls-5-11']))?.holdId).toBe('cart-b');
  });
});

describe('saving the cart for the sell screen', () => {
  it('with states = the cart states, nothing on the way to the commit is saved, and the sale clears it', async () => {
    const fakes = sellFakes();
    const machine = sellMachine.provide({ actors: fakes.actors });
    const a = createActor(machine, {
      input: { cartId: 'cart-1', staff: { staffId: 'olena', role: 'cashier' } },
    });
    const saved: unknown[] = [];
    let cleared = 0;
    const p = persistCart(
      a,
      {
        save: (snapshot) => {
          saved.push(snapshot);
          return Promise.resolve();
        },
        clear: () => {
          cleared++;
          return Promise.resolve();
        },
      },
      { states: ['pickingPerformance', 'shopping.idle'] },
    );
    a.start();
    a.send({ type: 'PERFORMANCE.PICK', performanceId: 'dnipro-lights-1' });
    a.send({ type: 'GA.SET_QUANTITY', tierId: 'ga-standing', quantity: 1 });
    a.send({ type: 'CHECKOUT' });
    await waitFor(a, (s) => s.matches('tender'));
    a.send({ type: 'TENDER.CASH', tendered: UAH(5000) });
    a.send({ type: 'TENDER.DONE' });
    expect(a.getSnapshot().matches('confirming')).toBe(true);
    a.send({ type: 'CONFIRM' });
    await waitFor(a, (s) => s.status === 'done');
    await p.flushed();
    p.stop();
    const states = saved.map((x) => JSON.stringify((x as { value: unknown }).value));
    // Started, performance picked, one ticket added; no tender or confirming snapshot.
    expect(states).toEqual(['"pickingPerformance"', '{"shopping":"idle"}', '{"shopping":"idle"}']);
    expect(cleared).toBe(1);
  });
});
