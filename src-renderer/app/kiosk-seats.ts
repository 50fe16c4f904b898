import { createActor, toPromise } from 'xstate';
import { seatHoldActors } from '../flows/seat-hold-actors';
import type { HoldActorResult, HoldRequest, SeatRef } from '../flows/sell/sell-types';
import type { Till } from './till';

/**
 * How long a kiosk customer's seats stay held. Longer than the inactivity warning and reset
 * (which release them at once); the expiry only covers a kiosk that died mid-purchase.
 */
export const KIOSK_HOLD_MS = 10 * 60_000;

export interface KioskSeatHolds {
  /** Holds seats for the customer's cart: the ones tapped, or the best N of a tier. */
  hold(
    cartId: string,
    performanceId: string,
    tierId: string,
    request: HoldRequest,
  ): Promise<HoldActorResult>;
  /** Gives the cart's seats back (a declined card, a reset, "start over"). */
  release(cartId: string, seats: readonly SeatRef[]): Promise<void>;
}

/**
 * The kiosk's seat holds are the till's (flows/seat-hold-actors.ts over the store and the
 * venue's inventory): one hold rule for a cashier's cart and a kiosk customer's, so a seat
 * held at a window is never offered at the kiosk and the other way round.
 */
export function kioskSeatHolds(till: Till): KioskSeatHolds {
  const actors = seatHoldActors({
    db: till.store.db,
    catalog: () => till.catalog,
    clock: till.ports.clock,
    holdMs: () => KIOSK_HOLD_MS,
    inventory: till.inventory,
  });
  return {
    hold: (cartId, performanceId, tierId, request) =>
      toPromise(
        createActor(actors.holdSeats, {
          input: { cartId, performanceId, tierId, request, includeAccessible: false },
        }).start(),
      ),
    release: async (cartId, seats) => {
      if (seats.length === 0) return;
      await toPromise(createActor(actors.releaseSeats, { input: { cartId, seats } }).start());
    },
  };
}
