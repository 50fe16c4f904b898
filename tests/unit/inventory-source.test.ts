/**
 * The till's inventory source against an in-memory port (issue 12 review): how many times a
 * seat-map refresh and the performance list ask the server, the hold both claims share, and
 * the offline "the venue still has N" that outlives a reload.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AvailabilityResponse } from '../../shared/inventory/contract';
import { err, ok } from '../../shared/util/result';
import {
  inventoryFor,
  placesLeftFor,
  seatMapFor,
  seatStates,
  LIST_COUNTS_MAX_AGE_MS,
} from '../../src-renderer/app/sale-service';
import type { Till } from '../../src-renderer/app/till';
import { venueCountOf } from '../../src-renderer/store';
import { createTranslator } from '../../src-renderer/i18n/translator';
import type { InventoryPort } from '../../src-renderer/inventory/inventory-port';
import {
  createInventorySource,
  type InventorySource,
} from '../../src-renderer/inventory/inventory-source';
import { NOW } from './flows-fixtures';
import { closeTills, openDemoTill } from './till-fixtures';

afterEach(closeTills);

const P = 'forest-song-1';
const GA = 'dnipro-lights-1';
const UNTIL = NOW + 10 * 60_000;

type Reach = 'online' | 'offline' | 'local' | 'refused';

/** An in-memory server behind the port's shape, counting what it is asked. */
function fakePort(state: { reach: Reach }) {
  const calls = { availability: 0, hold: 0 };
  const failure = () =>
    state.reach === 'local'
      ? err('not_configured' as const, 'Not enrolled.')
      : state.reach === 'refused'
        ? err('invalid_argument' as const, 'That seat is taken.', { code: 'seat_taken' })
        : err('unavailable' as const, 'The server was not reached.');
  const answer = (performanceId: string): AvailabilityResponse => ({
    performanceId,
    seatsAvailable: ['stalls-1-1', 'stalls-1-2', 'stalls-1-3'],
    gaAvailable: { 'ga-standing': 40 },
    held: { seats: 0, ga: 0 },
    leased: { seats: 0, ga: 0 },
    sold: { seats: 0, ga: 0 },
    seats: { leasedHere: [], leasedElsewhere: [], heldHere: [], heldElsewhere: [], heldWeb: [] },
  });
  const never = () => Promise.reject(new Error('not used here'));
  const port: InventoryPort = {
    availability: ({ performanceId }) => {
      calls.availability++;
      return Promise.resolve(state.reach === 'online' ? ok(answer(performanceId)) : failure());
    },
    hold: ({ performanceId, seatIds, ga }) => {
      calls.hold++;
      return Promise.resolve(
        state.reach === 'online'
          ? ok({
              hold: {
                holdId: `hold-${calls.hold}`,
                performanceId,
                seatIds: seatIds ?? [],
                ga: ga ?? {},
                expiresAt: new Date(UNTIL).toISOString(),
              },
            })
          : failure(),
      );
    },
    renewHold: never,
    shrinkHold: never,
    releaseHold: never,
    checkoutLease: never,
    returnLease: never,
  };
  return { port, calls, answer };
}

async function enrolledTill(reach: Reach = 'online') {
  const state = { reach };
  const server = fakePort(state);
  const clock = { now: NOW };
  let source: InventorySource | undefined;
  const till: Till = await openDemoTill({
    inventory: (store, terminalId) =>
      (source = createInventorySource({
        port: server.port,
        db: store.db,
        terminalId,
        clock: () => clock.now,
      })),
  });
  return { till, state, server, clock, source: source! };
}

describe('requests per refresh', () => {
  it('a seat-map refresh asks the server once (inventory and marks from one answer)', async () => {
    const { till, server } = await enrolledTill();
    // The two reads the sell screen used to run side by side asked twice.
    await Promise.all([inventoryFor(till, P, 'cart-1'), seatStates(till, P, 'cart-1')]);
    expect(server.calls.availability).toBe(2);

    server.calls.availability = 0;
    const { inventory, states } = await seatMapFor(till, P, 'cart-1');
    expect(server.calls.availability).toBe(1);
    // And it reads the same as the two separate reads.
    expect(inventory).toEqual(await inventoryFor(till, P, 'cart-1'));
    expect(states).toEqual(await seatStates(till, P, 'cart-1'));
  });

  it('the performance list reuses an answer under a minute old, its own or the lease keeper’s', async () => {
    const { till, server, clock, source } = await enrolledTill();
    const first = await placesLeftFor(till, P);
    expect(server.calls.availability).toBe(1);
    // Re-rendered (a sale, a sync, a search): no request.
    expect(await placesLeftFor(till, P)).toBe(first);
    expect(server.calls.availability).toBe(1);
    // What the lease keeper heard for another performance stands as well.
    source.noteAvailability(GA, server.answer(GA));
    await placesLeftFor(till, GA);
    expect(server.calls.availability).toBe(1);
    // Older than that: asked again.
    clock.now += LIST_COUNTS_MAX_AGE_MS + 1;
    await placesLeftFor(till, P);
    expect(server.calls.availability).toBe(2);
  });

  it('the seat map never takes an answer it did not ask for', async () => {
    const { till, server } = await enrolledTill();
    await placesLeftFor(till, P);
    await seatMapFor(till, P);
    await seatMapFor(till, P);
    expect(server.calls.availability).toBe(3);
  });
});

describe('a claim at the server (claimSeats and claimForSale ask one way)', () => {
  it('online: one hold; not enrolled: nothing asked after; refused and offline say why', async () => {
    const { state, server, source } = await enrolledTill();
    const seats = { performanceId: P, seatIds: ['stalls-1-1'], untilMs: UNTIL };
    expect(await source.claimSeats(seats)).toEqual(ok({ serverHoldId: 'hold-1' }));
    expect(await source.claimForSale({ ...seats, ga: {} })).toEqual(ok({ serverHoldId: 'hold-2' }));
    expect(source.mode()).toBe('online');

    state.reach = 'refused';
    expect(await source.claimSeats(seats)).toMatchObject({
      ok: false,
      error: { code: 'seat_unavailable', details: { server: 'seat_taken' } },
    });
    expect(await source.claimForSale({ ...seats, ga: {} })).toMatchObject({
      ok: false,
      error: { code: 'seat_unavailable', details: { server: 'seat_taken' } },
    });

    state.reach = 'offline';
    expect(await source.claimSeats(seats)).toMatchObject({
      ok: false,
      error: { code: 'sold_out_here' },
    });
    expect(source.mode()).toBe('offline');
    expect(await source.claimForSale({ ...seats, ga: {} })).toMatchObject({
      ok: false,
      error: { code: 'not_at_this_window' },
    });

    state.reach = 'local';
    expect(await source.claimSeats(seats)).toEqual(ok({ serverHoldId: null }));
    expect(source.mode()).toBe('local');
    const asked = server.calls.hold;
    expect(await source.claimForSale({ ...seats, ga: { 'ga-standing': 1 } })).toEqual(
      ok({ serverHoldId: null }),
    );
    expect(server.calls.hold).toBe(asked);
  });
});

/** The till's page reloaded while offline: a new source over the same store, knowing nothing. */
const offlineSourceOver = (till: Till, clock: { now: number }): InventorySource =>
  createInventorySource({
    port: fakePort({ reach: 'offline' }).port,
    db: till.store.db,
    terminalId: till.terminalId,
    clock: () => clock.now,
  });

describe('the venue count offline', () => {
  it('outlives a reload: the last real answer and when it came', async () => {
    const { till, server, clock } = await enrolledTill();
    await seatMapFor(till, GA);
    const heardAt = new Date(clock.now).toISOString();
    // Written without the refresh waiting for it: wait here, as a reload would come later.
    await vi.waitFor(async () => expect(await venueCountOf(till.store.db, GA)).toBeDefined());
    clock.now += 30 * 60_000;

    const reloaded = offlineSourceOver(till, clock);
    const refused = await reloaded.claimForSale({
      performanceId: GA,
      seatIds: [],
      ga: { 'ga-standing': 2 },
      untilMs: clock.now + 60_000,
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'sold_out_here', details: { here: 0, venue: 40, venueAt: heardAt } },
    });
    expect(await reloaded.seatScope(P)).toMatchObject({
      kind: 'offline',
      venueLeft: null,
      venueLeftAt: null,
    });
    await seatMapFor(till, P);
    await vi.waitFor(async () => expect(await venueCountOf(till.store.db, P)).toBeDefined());
    expect(await reloaded.seatScope(P)).toMatchObject({
      kind: 'offline',
      venueLeft: server.answer(P).seatsAvailable.length,
      venueLeftAt: new Date(clock.now).toISOString(),
    });

    // The cashier reads how old the count is.
    const tr = createTranslator('en', { currency: 'UAH', timeZone: 'Europe/Kyiv' });
    if (refused.ok) throw new Error('expected a refusal');
    const sentence = tr.error(refused.error);
    // The partition e2e reads the count out of the sentence's start: it stays as it was.
    expect(sentence).toMatch(
      /Sold out at this window while offline \(0 left here\)\. The venue still has 40:/,
    );
    expect(sentence).toContain(`(That count is from ${tr.date(heardAt)}.)`);
  });

  it('is written without the refresh waiting, again only when it changed or a minute on', async () => {
    const { till, server, clock, source } = await enrolledTill();
    const iso = () => new Date(clock.now).toISOString();
    const stored = () => venueCountOf(till.store.db, P);
    const first = iso();
    await seatMapFor(till, P);
    await vi.waitFor(async () => expect((await stored())?.at).toBe(first));
    clock.now += 20_000;
    await seatMapFor(till, P);
    // The same counts 20 s on: not written again (the stored "as of" stays the first).
    source.noteAvailability(GA, server.answer(GA));
    await vi.waitFor(async () => expect(await venueCountOf(till.store.db, GA)).toBeDefined());
    expect((await stored())?.at).toBe(first);
    // Changed counts are written at once.
    source.noteAvailability(P, { ...server.answer(P), seatsAvailable: ['stalls-1-1'] });
    await vi.waitFor(async () => expect(await stored()).toMatchObject({ seats: 1, at: iso() }));
    // Unchanged a minute on: written, so the "as of" moves on.
    clock.now += 61_000;
    source.noteAvailability(P, { ...server.answer(P), seatsAvailable: ['stalls-1-1'] });
    await vi.waitFor(async () => expect((await stored())?.at).toBe(iso()));
  });

  it('never asked: no count and no time', async () => {
    const { till, clock } = await enrolledTill('offline');
    const source = offlineSourceOver(till, clock);
    const refused = await source.claimForSale({
      performanceId: GA,
      seatIds: [],
      ga: { 'ga-standing': 1 },
      untilMs: UNTIL,
    });
    expect(refused).toMatchObject({ ok: false, error: { details: { venue: '?' } } });
    if (refused.ok) throw new Error('expected a refusal');
    expect(refused.error.details).not.toHaveProperty('venueAt');
    const tr = createTranslator('en', { currency: 'UAH', timeZone: 'Europe/Kyiv' });
    expect(tr.error(refused.error)).toContain('The venue still has ?');
  });
});
