import 'fake-indexeddb/auto';
import { LOCAL_INVENTORY } from '../../src-renderer/inventory/inventory-source';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { exchangeFlowActors, keepExchangeSeats } from '../../src-renderer/app/exchange-flow-actors';
import { findQueryOf } from '../../src-renderer/app/order-flow-actors';
import { HOLD_GRACE_MS } from '../../src-renderer/app/sell-session';
import { signIn, startShift } from '../../src-renderer/app/shift-service';
import { openTill, type Till } from '../../src-renderer/app/till';
import { exchangeMachine } from '../../src-renderer/flows/exchange/exchange-machine';
import { keepCartHolds, type RenewHolds } from '../../src-renderer/flows/hold-keeper';
import { renewHolds, seatHoldActors } from '../../src-renderer/flows/seat-hold-actors';
import { sellMachine } from '../../src-renderer/flows/sell/sell-machine';
import type { HoldSeatsInput } from '../../src-renderer/flows/sell/sell-types';
import { loadDemoIfEmpty } from '../../src-renderer/demo/load-demo';
import type { BoxOfficeDb } from '../../src-renderer/store/db';
import { demoIndex, NOW, sellFakes, UAH } from './flows-fixtures';
import { olena, printerClient, sellSeats } from './till-fixtures';
import { closeTills, demoMainStaff } from './till-fixtures';

// A cart the cashier keeps working on keeps its seat holds past their first expiry; an idle
// cart does not (its abandon timer lets them go). Real sell machine, real holds on
// fake-indexeddb, the machine's idle timer and the hold clock on fake time.

const PERF = 'forest-song-1';
const TIMEOUT_MS = 60_000;
const HOLD_MS = TIMEOUT_MS + HOLD_GRACE_MS;
const staff = { staffId: 'olena', role: 'cashier' as const };
const stops: (() => void)[] = [];
const tills: Till[] = [];

afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  for (const t of tills.splice(0)) t.close();
  vi.useRealTimers();
});
afterEach(closeTills);

/** A till on fake-indexeddb with the demo venue, on the given clock. */
async function openTillAt(clock: () => number): Promise<Till> {
  const opened = await openTill({
    terminalId: 'T1',
    dbName: `hold-keeper-${Math.random()}`,
    clock,
    staff: (await demoMainStaff()).authority,
    seed: (store) => loadDemoIfEmpty(store.db, { now: new Date(NOW) }),
  });
  if (!opened.ok) throw new Error(opened.error.message);
  tills.push(opened.value);
  return opened.value;
}

/** One cart on the real sell machine with store holds, and a count of the renewals it wrote. */
function cart(db: BoxOfficeDb, cartId: string) {
  const catalog = demoIndex();
  const holds = seatHoldActors({
    db,
    catalog: () => catalog,
    clock: () => Date.now(),
    holdMs: () => HOLD_MS,
    inventory: LOCAL_INVENTORY,
  });
  const machine = sellMachine.provide({ actors: { ...sellFakes(catalog).actors, ...holds } });
  const actor = createActor(machine, { input: { cartId, staff, timeoutMs: TIMEOUT_MS } });
  const renew = renewHolds(db, cartId, LOCAL_INVENTORY);
  const writes = { count: 0 };
  const counted: RenewHolds = (...args) => {
    writes.count += 1;
    return renew(...args);
  };
  const kept = keepCartHolds(actor, {
    renew: counted,
    clock: () => Date.now(),
    holdMs: () => HOLD_MS,
  });
  actor.start();
  stops.push(() => {
    kept.stop();
    actor.stop();
  });
  return { actor, kept, writes, holds };
}

async function holdSeat(c: ReturnType<typeof cart>, seatId: string): Promise<void> {
  c.actor.send({ type: 'PERFORMANCE.PICK', performanceId: PERF });
  c.actor.send({ type: 'SEATS.SELECT', tierId: 'premium', seatIds: [seatId] });
  const s = await waitFor(
    c.actor,
    (x) => x.matches({ shopping: 'idle' }) && x.context.seats.some((l) => l.seatId === seatId),
  );
  expect(s.context.error).toBeNull();
}

/** Another cart trying the seat now. */
async function otherCartTakes(
  holds: ReturnType<typeof cart>['holds'],
  seatId: string,
): Promise<boolean> {
  const input: HoldSeatsInput = {
    cartId: 'cart-other',
    performanceId: PERF,
    tierId: 'premium',
    request: { kind: 'seats', seatIds: [seatId] },
    includeAccessible: false,
  };
  const a = createActor(holds.holdSeats, { input });
  a.start();
  const done = await waitFor(a, (s) => s.status !== 'active');
  return (done.output as { ok: boolean }).ok;
}

describe('an active cart keeps its seat holds', () => {
  it('renews them on activity past the first expiry, with one write per minute at most', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: NOW });
    const db = (await openTillAt(() => Date.now())).store.db;
    const a = cart(db, 'cart-a');
    await holdSeat(a, 'stalls-5-10');
    const first = (await db.seatStates.get([PERF, 'stalls-5-10']))?.until ?? '';
    expect(first).toBe(new Date(NOW + HOLD_MS).toISOString());

    // Four minutes of typing a promo code, a keystroke every two seconds: never idle for the
    // cart's one-minute timeout, and well past the hold's first three minutes.
    const codes = ['S', 'SP', 'SPR', 'SPRI', 'SPRIN', 'SPRING'];
    for (let i = 0; i < 120; i++) {
      await vi.advanceTimersByTimeAsync(2_000);
      a.actor.send({ type: 'PROMO.SET', code: codes[i % codes.length] ?? null });
      await a.kept.settled();
    }
    expect(Date.now()).toBeGreaterThan(Date.parse(first));
    expect(a.actor.getSnapshot().matches({ shopping: 'idle' })).toBe(true);
    const row = await db.seatStates.get([PERF, 'stalls-5-10']);
    expect(row).toMatchObject({ state: 'held', holdId: 'cart-a' });
    // Still more than the cart's timeout to run: it outlives the abandon timer.
    expect(Date.parse(row?.until ?? '')).toBeGreaterThan(Date.now() + TIMEOUT_MS);
    expect(await otherCartTakes(a.holds, 'stalls-5-10')).toBe(false);
    // 120 edits, about one renewal a minute — not one write per keystroke.
    expect(a.writes.count).toBeGreaterThanOrEqual(3);
    expect(a.writes.count).toBeLessThanOrEqual(5);

    // Typing a payment (outside the flow) counts as work on the cart too.
    for (let i = 0; i < 6; i++) {
      await vi.advanceTimersByTimeAsync(20_000);
      a.actor.send({ type: 'CART.ACTIVITY' });
      await a.kept.settled();
    }
    expect(a.actor.getSnapshot().status).toBe('active');
    expect(await otherCartTakes(a.holds, 'stalls-5-10')).toBe(false);
  });

  it('an idle cart gets no renewal: it is abandoned and its seat is free for another cart', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: NOW });
    const db = (await openTillAt(() => Date.now())).store.db;
    const b = cart(db, 'cart-b');
    await holdSeat(b, 'stalls-5-12');
    await vi.advanceTimersByTimeAsync(TIMEOUT_MS + 1_000);
    await waitFor(b.actor, (s) => s.status === 'done');
    expect(b.actor.getSnapshot().output).toEqual({ outcome: 'abandoned', sale: null });
    expect(b.writes.count).toBe(0);
    expect(await db.seatStates.get([PERF, 'stalls-5-12'])).toBeUndefined();
    expect(await otherCartTakes(b.holds, 'stalls-5-12')).toBe(true);
  });
});

describe('an exchange being worked on keeps its new seats', () => {
  it('past the first expiry while the cashier works; an exchange left alone lets them lapse', async () => {
    const clock = { now: NOW };
    const till = await openTillAt(() => clock.now);
    expect((await signIn(till, 'olena', '1111')).ok).toBe(true);
    expect((await startShift(till, olena, UAH(2000))).ok).toBe(true);
    const sale = await sellSeats(till, 'forest-song-1', 'standard', ['stalls-10-9']);
    const ticketId = sale.tickets[0]!.ticketId;

    const flow = (cartId: string, seatId: string) => {
      const actor = createActor(
        exchangeMachine.provide({
          actors: exchangeFlowActors({
            till,
            client: printerClient('printed').client,
            locale: () => 'en',
            ticketScanner: () => null,
          }),
        }),
        { input: { cartId, staff: olena, cashIncrement: till.settings.cashRoundingIncrement } },
      );
      const kept = keepExchangeSeats(till, cartId, actor);
      actor.start();
      stops.push(() => {
        kept.stop();
        actor.stop();
      });
      const toSeat = async () => {
        actor.send({ type: 'FIND', query: findQueryOf('T1-000001')! });
        await waitFor(actor, (s) => s.matches('choosingTickets'));
        actor.send({ type: 'TICKET.TOGGLE', ticketId });
        actor.send({ type: 'CONTINUE' });
        actor.send({ type: 'PERFORMANCE.PICK', performanceId: 'forest-song-2' });
        actor.send({ type: 'SEATS.SELECT', tierId: 'premium', seatIds: [seatId] });
        await waitFor(
          actor,
          (s) => s.matches({ choosingReplacement: 'idle' }) && s.context.seats.length === 1,
        );
      };
      return { actor, kept, toSeat };
    };
    const catalog = till.catalog;
    const other = seatHoldActors({
      db: till.store.db,
      catalog: () => catalog,
      clock: () => clock.now,
      holdMs: () => HOLD_MS,
      inventory: LOCAL_INVENTORY,
    });
    const otherTakes = async (seatId: string) => {
      const a = createActor(other.holdSeats, {
        input: {
          cartId: 'cart-other',
          performanceId: 'forest-song-2',
          tierId: 'premium',
          request: { kind: 'seats', seatIds: [seatId] },
          includeAccessible: false,
        },
      });
      a.start();
      const done = await waitFor(a, (s) => s.status !== 'active');
      return (done.output as { ok: boolean }).ok;
    };

    const active = flow('x-active', 'stalls-5-5');
    const idle = flow('x-idle', 'stalls-5-6');
    await active.toSeat();
    await idle.toSeat();
    active.actor.send({ type: 'QUOTE' });
    await waitFor(active.actor, (s) => s.matches('settling'));
    // Half an hour at the window (the exchange holds for 20 minutes): the cashier types a
    // split payment now and then; the other exchange sits untouched.
    for (let minute = 3; minute <= 30; minute += 3) {
      clock.now = NOW + minute * 60_000;
      active.kept.touch();
      await active.kept.settled();
    }
    expect(await otherTakes('stalls-5-5')).toBe(false);
    expect(await otherTakes('stalls-5-6')).toBe(true);

    active.actor.send({ type: 'TENDER.CASH', tendered: UAH(5_000) });
    active.actor.send({ type: 'CONFIRM' });
    const end = await waitFor(active.actor, (s) => s.status === 'done');
    expect(end.output?.outcome).toBe('completed');
    expect(await till.store.db.seatStates.get(['forest-song-2', 'stalls-5-5'])).toMatchObject({
      state: 'sold',
    });
  });
});
