import { describe, expect, it } from 'vitest';
import { ok } from '../../shared/util/result';
import { HOLD_RENEW_STEP_MS, holdKeeper } from '../../src-renderer/flows/hold-keeper';
import type { SeatLine } from '../../src-renderer/flows/sell/sell-types';

// Renewals are due by the wall clock or by real (monotonic) time, whichever comes first: a
// wall clock set back must not stop a worked-on cart from renewing its holds.

const HOLD_MS = 10 * 60_000;
const T0 = Date.parse('2026-11-22T18:00:00.000Z');

function seatHeldUntil(until: number): SeatLine {
  return {
    performanceId: 'p1',
    tierId: 'stalls',
    seatId: 'A-1',
    heldUntil: new Date(until).toISOString(),
  };
}

function keeperAt() {
  const clocks = { wall: T0, mono: 1_000 };
  const renewals: { now: number; until: number }[] = [];
  const keeper = holdKeeper({
    renew: (_seats, now, until) => {
      renewals.push({ now: now.getTime(), until: until.getTime() });
      return Promise.resolve(ok([]));
    },
    clock: () => clocks.wall,
    monotonic: () => clocks.mono,
    holdMs: () => HOLD_MS,
  });
  return { clocks, renewals, keeper };
}

describe('hold keeper on monotonic time', () => {
  it('renews after a real step even when the wall clock went back an hour', async () => {
    const { clocks, renewals, keeper } = keeperAt();
    const seats = [seatHeldUntil(T0 + HOLD_MS)];
    keeper.activity(seats); // just held: nothing due
    await keeper.settled();
    expect(renewals).toEqual([]);

    clocks.wall = T0 - 3_600_000 + 30_000;
    clocks.mono += 30_000;
    keeper.activity(seats); // half a step of real time: not yet
    await keeper.settled();
    expect(renewals).toEqual([]);

    clocks.wall = T0 - 3_600_000 + HOLD_RENEW_STEP_MS;
    clocks.mono += HOLD_RENEW_STEP_MS - 30_000;
    keeper.activity(seats); // by the wall the hold has an hour to run; a real step passed
    await keeper.settled();
    expect(renewals).toEqual([{ now: clocks.wall, until: clocks.wall + HOLD_MS }]);
  });

  it('still renews by the wall clock alone (a clock set forward)', async () => {
    const { clocks, renewals, keeper } = keeperAt();
    const seats = [seatHeldUntil(T0 + HOLD_MS)];
    keeper.activity(seats);
    clocks.wall = T0 + 3_600_000;
    clocks.mono += 1_000;
    keeper.activity(seats);
    await keeper.settled();
    expect(renewals).toHaveLength(1);
  });
});
