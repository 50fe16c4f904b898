import { fromPromise } from 'xstate';
import type { CatalogIndex } from '../../shared/catalog/catalog';
import type { Seat } from '../../shared/catalog/schemas';
import { err, ok, type Result } from '../../shared/util/result';
import type { BoxOfficeDb } from '../store/db';
import { scopeAllows, type InventorySource } from '../inventory/inventory-source';
import {
  holdSeatRows,
  releaseSeatRows,
  renewSeatRows,
  serverHoldsOf,
  tagServerHold,
} from '../store/seat-holds';
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
  /** Where seats come from: the store alone, the server, or this till's lease (issue 12). */
  readonly inventory: InventorySource;
}

const HOLD_CODES: ReadonlySet<string> = new Set<HoldErrorCode>([
  'seat_unavailable',
  'not_enough_seats',
  'not_for_this_tier',
  'not_at_this_window',
  'sold_out_here',
  'lease_other_category',
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
      // Asked before the store's transaction (no request can run inside one): which seats
      // this till may take — all (not enrolled), the venue's free ones and this till's lease
      // (online), or the lease alone (offline).
      const scope = await deps.inventory.seatScope(input.performanceId);

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
          const elsewhere = request.seatIds.filter(
            (id) => !blocked.has(id) && !own.has(id) && !scopeAllows(scope, id),
          );
          if (taken.length === 0 && elsewhere.length > 0) {
            return scope.kind === 'offline'
              ? err(
                  'not_at_this_window',
                  `Offline, this window sells only its own seats; not ${labels(elsewhere)}.`,
                  { seats: labels(elsewhere), seatIds: elsewhere },
                )
              : err('seat_unavailable', `Held or sold elsewhere: ${labels(elsewhere)}.`, {
                  seatIds: elsewhere,
                });
          }
          if (taken.length > 0)
            return err('seat_unavailable', `Already sold or held: ${labels(taken)}.`, {
              seatIds: taken,
            });
          return ok(request.seatIds);
        }
        const free = new Set<string>();
        for (const [id, seat] of seats)
          if (
            categories.has(seat.categoryId) &&
            !blocked.has(id) &&
            !own.has(id) &&
            scopeAllows(scope, id)
          )
            free.add(id);
        const found = bestAvailable(plan, free, request.count, {
          categoryIds: [...categories],
          includeAccessible: input.includeAccessible,
        });
        if (found === null && scope.kind === 'offline') {
          // What this window still has of any category: a lease of Premium seats is not
          // "sold out" because the cashier asked for Standard ones.
          const leaseLeft = [...scope.leased].filter(
            (id) => seats.has(id) && !blocked.has(id) && !own.has(id),
          );
          if (leaseLeft.length > free.size) {
            return err(
              'lease_other_category',
              `Offline, this window's own seats left are of another category (${leaseLeft.length}): pick them on the map.`,
              { here: leaseLeft.length, seats: labels(leaseLeft.slice(0, 6)) },
            );
          }
          return err(
            'sold_out_here',
            `Sold out at this window while offline (${free.size} left here).`,
            {
              here: free.size,
              venue: scope.venueLeft ?? '?',
              ...(scope.venueLeftAt === null ? {} : { venueAt: scope.venueLeftAt }),
            },
          );
        }
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
      // Online, the venue's seats are held at the server too; this till's lease needs no ask.
      const fromVenue =
        scope.kind === 'online' ? held.value.filter((id) => !scope.leased.has(id)) : [];
      if (fromVenue.length > 0) {
        const claim = await deps.inventory.claimSeats({
          performanceId: input.performanceId,
          seatIds: fromVenue,
          untilMs: until.getTime(),
        });
        if (!claim.ok) {
          await releaseSeatRows(
            deps.db,
            input.cartId,
            held.value.map((seatId) => ({ performanceId: input.performanceId, seatId })),
          );
          return err(claim.error.code, claim.error.message, claim.error.details);
        }
        if (claim.value.serverHoldId !== null) {
          await tagServerHold(
            deps.db,
            input.cartId,
            input.performanceId,
            fromVenue,
            claim.value.serverHoldId,
          );
        }
      }
      return ok({ seatIds: held.value, until: until.toISOString(), together });
    }),

    releaseSeats: fromPromise<void, ReleaseSeatsInput>(async ({ input }) => {
      const atServer = await serverHoldsOf(deps.db, input.cartId, input.seats);
      const released = await releaseSeatRows(deps.db, input.cartId, input.seats);
      for (const [serverHoldId, seatIds] of atServer) {
        await deps.inventory.releaseSeats(serverHoldId, seatIds);
      }
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
export function renewHolds(
  db: BoxOfficeDb,
  holdId: string,
  inventory: InventorySource,
): RenewHolds {
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
    // The server's holds behind the seats (an enrolled till) are kept alive as long.
    const atServer = await serverHoldsOf(db, holdId, seats);
    if (atServer.size > 0) await inventory.renew([...atServer.keys()], until.getTime());
    return ok(taken);
  };
}
