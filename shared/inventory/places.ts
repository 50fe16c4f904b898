import { err, ok, type Result } from '../util/result';
import {
  gaAvailable,
  gaLeft,
  seatOwners,
  type GaCounts,
  type InventoryErrorCode,
  type Ledger,
  type Places,
} from './ledger';

/**
 * The checks every operation shares: one rule each (is this in the plan, may the venue hand
 * it out), so a hold, a lease and an online sale can never disagree on what is free.
 */
export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function countGa(ga: GaCounts | undefined): number {
  return Object.values(ga ?? {}).reduce((a, b) => a + b, 0);
}

/** The request without zero GA counts, checked against the plan: ids exist, no seat twice. */
export function checkPlaces(
  ledger: Ledger,
  places: Places,
): Result<Required<Places>, InventoryErrorCode> {
  const seatIds = places.seatIds ?? [];
  const ga: Record<string, number> = {};
  for (const [area, n] of Object.entries(places.ga ?? {})) if (n > 0) ga[area] = n;
  if (seatIds.length === 0 && Object.keys(ga).length === 0) {
    return err('empty_request', 'Choose at least one seat or standing place.');
  }
  const plan = new Set(ledger.capacity.seatIds);
  const seen = new Set<string>();
  for (const s of seatIds) {
    if (!plan.has(s) || seen.has(s)) {
      return err(
        'unknown_seat',
        `Seat ${s} is not in this performance's seating plan (or asked for twice).`,
      );
    }
    seen.add(s);
  }
  for (const area of Object.keys(ga)) {
    if (ledger.capacity.gaAreas[area] === undefined) {
      return err('unknown_area', `${area} is not a standing area of this performance.`);
    }
  }
  return ok({ seatIds, ga });
}

/** May the venue hand these out now? (the one rule behind hold, lease and online sale) */
export function fromVenue(
  ledger: Ledger,
  places: Required<Places>,
): Result<true, InventoryErrorCode> {
  const owners = seatOwners(ledger);
  const taken = places.seatIds.filter((s) => owners.has(s));
  if (taken.length > 0) {
    return err(
      'seat_taken',
      `${taken.length === 1 ? `Seat ${taken[0]} is` : `Seats ${taken.join(', ')} are`} already held, leased or sold elsewhere; choose another.`,
      { seatIds: taken },
    );
  }
  const available = gaAvailable(ledger);
  for (const [area, n] of Object.entries(places.ga)) {
    const left = available[area] ?? 0;
    if (n > left) {
      return err(
        'ga_sold_out',
        `Only ${plural(left, 'standing place', 'standing places')} left in ${area}; ${n} asked for.`,
        {
          area,
          left,
        },
      );
    }
  }
  // Each area may have room and the performance still not: the areas share its GA total.
  const asked = countGa(places.ga);
  const left = gaLeft(ledger);
  if (asked > left) {
    return err(
      'ga_sold_out',
      `Only ${plural(left, 'standing place', 'standing places')} left in all; ${asked} asked for.`,
      { left },
    );
  }
  return ok(true);
}

export function isNewId(ledger: Ledger, id: string): boolean {
  return !ledger.holds.has(id) && !ledger.leases.has(id) && !ledger.sales.has(id);
}

export const duplicate = (id: string) =>
  err(
    'duplicate_id' as const,
    `${id} is already used for a hold, lease or sale of this performance.`,
  );
export const pastExpiry = () =>
  err('expiry_in_past' as const, 'The expiry must be later than now.');

export function withMap<T>(
  m: ReadonlyMap<string, T>,
  id: string,
  value: T | undefined,
): Map<string, T> {
  const next = new Map(m);
  if (value === undefined) next.delete(id);
  else next.set(id, value);
  return next;
}
