import { fromPromise } from 'xstate';
import type { CatalogIndex } from '../../shared/catalog/catalog';
import type { Seat } from '../../shared/catalog/schemas';
import { err, ok, type Result } from '../../shared/util/result';
import type { BoxOfficeDb } from '../store/db';
import { holdSeatRows, releaseSeatRows, renewSeatRows } from '../store/seat-holds';
import { bestAvailable } from './best-available';
import type { RenewHolds } from './hold-keeper';
import type {
  HoldActorResult,
  HoldErrorCode,
  HoldSeatsInput,
  ReleaseSeatsInput,
  SeatRef,
} from './sell/sell-types';

export interface SeatHoldDeps {
  readonly db: BoxOfficeDb;
  /** The catalog in force (read on every call: a catalog sync may replace it). */
  readonly catalog: () => CatalogIndex;
  readonly clock: () => number;
  /**
   * How long a hold lasts. Longer than the cart's idle timeout, so an abandoned cart is ended
   * by its release and the expiry only covers a till that died with a cart open.
   */
  readonly holdMs: () => number;
}

const HOLD_CODES: ReadonlySet<string> = new Set<HoldErrorCode>([
  'seat_unavailable',
  'not_enough_seats',
  'not_for_this_tier',
]);

/**
 * The sell machine's `holdSeats` and `releaseSeats` actors over the store's `seatStates`
 * (see store/seat-holds.ts): the check and the write of a hold are one transaction, best
 * available is chosen inside it from the seats free at that moment.
 */
export function seatHoldActors(deps: SeatHoldDeps) {
  return {
    holdSeats: fromPromise<HoldActorResult, HoldSeatsInput>(async ({ input }) => {
      const catalog = deps.catalog();
      const performance = catalog.performance(input.performanceId);
      const plan =
        performance?.seatingPlanId !== undefined
          ? catalog.plan(performance.seatingPlanId)
          : undefined;
      const tier = catalog.tiersFor(input.performanceId).find((t) => t.id === input.tierId);
      if (performance === undefined || plan === undefined || tier?.kind !== 'seated') {
        return err('not_for_this_tier', 'This performance has no seats of that kind.');
      }
      const categories = new Set(tier.seatCategoryIds ?? []);
      const seats = new Map<string, Seat>();
      for (const section of plan.sections)
        for (const row of section.rows) for (const seat of row.seats) seats.set(seat.id, seat);
      const now = deps.clock();
      let together = true;

      const pick = (
        blocked: ReadonlySet<string>,
        own: ReadonlySet<string>,
      ): Result<readonly string[], HoldErrorCode> => {
        const request = input.request;
        if (request.kind === 'seats') {
          const wrong = request.seatIds.filter((id) => {
            const seat = seats.get(id);
            return seat === undefined || !categories.has(seat.categoryId);
          });
          if (wrong.length > 0)
            return err('not_for_this_tier', `Not sold as ${tier.name}: ${wrong.join(', ')}.`, {
              seatIds: wrong,
            });
          const taken = request.seatIds.filter((id) => blocked.has(id));
          if (taken.length > 0)
            return err('seat_unavailable', `Already sold or held: ${labels(taken)}.`, {
              seatIds: taken,
            });
          return ok(request.seatIds);
        }
        const free = new Set<string>();
        for (const [id, seat] of seats)
          if (categories.has(seat.categoryId) && !blocked.has(id) && !own.has(id)) free.add(id);
        const found = bestAvailable(plan, free, request.count, {
          categoryIds: [...categories],
          includeAccessible: input.includeAccessible,
        });
        if (found === null)
          return err('not_enough_seats', `Fewer than ${request.count} seats are free.`, {
            count: request.count,
          });
        together = found.together;
        return ok(found.seatIds);
      };
      const labels = (ids: readonly string[]) =>
        ids.map((id) => seats.get(id)?.label ?? id).join(', ');

      const until = new Date(now + deps.holdMs());
      const held = await holdSeatRows(deps.db, {
        performanceId: input.performanceId,
        holdId: input.cartId,
        now: new Date(now),
        until,
        pick,
      });
      if (!held.ok) {
        // The refusals above keep their code; anything else is the store failing.
        return HOLD_CODES.has(held.error.code)
          ? err(held.error.code as HoldErrorCode, held.error.message, held.error.details)
          : err('store_error', held.error.message, { store: held.error.code });
      }
      return ok({ seatIds: held.value, until: until.toISOString(), together });
    }),

    releaseSeats: fromPromise<void, ReleaseSeatsInput>(async ({ input }) => {
      const released = await releaseSeatRows(deps.db, input.cartId, input.seats);
      // The machine treats a failed release as harmless (the hold lapses at `until`); a
      // rejection still reaches its onError, so it is not silently lost.
      if (!released.ok) throw new Error(`release failed: ${released.error.message}`);
    }),
  };
}

/**
 * Renews a cart's holds (for the hold keeper, flows/hold-keeper.ts): its own and lapsed-free
 * seats are held until `until`, one transaction per performance (the store reports the seats
 * another cart took by id within one performance).
 */
export function renewHolds(db: BoxOfficeDb, holdId: string): RenewHolds {
  return async (seats, now, until) => {
    const byPerformance = new Map<string, SeatRef[]>();
    for (const s of seats)
      byPerformance.set(s.performanceId, [...(byPerformance.get(s.performanceId) ?? []), s]);
    const taken: SeatRef[] = [];
    for (const [performanceId, refs] of byPerformance) {
      const r = await renewSeatRows(db, holdId, refs, now, until);
      if (!r.ok) return err(r.error.code, r.error.message);
      taken.push(...r.value.map((seatId) => ({ performanceId, seatId })));
    }
    return ok(taken);
  };
}
