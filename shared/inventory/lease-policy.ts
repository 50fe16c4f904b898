import type { Venue } from '../catalog/schemas';
import type { LeaseLimits } from './ledger';

/**
 * How many seats (or GA places) a till keeps leased for offline selling of one performance
 * (issue 12, "Leases are topped up while online, sized from the till's recent sales rate and a
 * venue setting"). Pure: the till's top-up and the stranded-seats benchmark call this one rule.
 *
 * The trade-off: a bigger lease lets a till sell longer through a network cut; every leased
 * place is one the web shop and the other windows cannot sell while the till is online. So a
 * lease covers `coverHours` of the till's recent sales (at least the venue's minimum, at most
 * its maximum), never takes more than a fair share of what the venue still has free, and is
 * given back whole once the venue runs low: near a sell-out, the last places go to whoever
 * is online rather than sitting in a drawer at one window.
 */
export interface LeaseSizing {
  /** Places this till sold of the performance in the last hour (seats or GA, as sized). */
  readonly soldLastHour: number;
  /** Places the venue still has free (not sold, held or leased by anyone). */
  readonly venueFree: number;
  /** Places this till's live lease still has unsold. */
  readonly leasedHere: number;
  /** Windows selling the performance (this one included; the web shop counts as one). */
  readonly sellers: number;
  readonly min: number;
  readonly max: number;
  /** How long a network cut the lease should carry the till through (default 1 h). */
  readonly coverHours?: number;
  /** Below this many free places at the venue, leases go back (default 2 × min × sellers). */
  readonly returnBelow?: number;
  /**
   * Places leased to every window together, if known: once more sit in leases than the venue
   * has free, a customer online is turned away while seats wait in drawers — leases go back.
   */
  readonly venueLeased?: number;
}

export type LeaseAdvice =
  | { readonly kind: 'keep' }
  /** Check out `count` more places (a new lease next to the live one). */
  | { readonly kind: 'top_up'; readonly count: number }
  /** Give the live lease back: the venue is running out. */
  | { readonly kind: 'return' };

export function leaseAdvice(s: LeaseSizing): LeaseAdvice {
  const returnBelow = s.returnBelow ?? 2 * s.min * Math.max(1, s.sellers);
  const drawersHoldMore = s.venueLeased !== undefined && s.venueFree < s.venueLeased;
  if (s.venueFree < returnBelow || drawersHoldMore) {
    return s.leasedHere > 0 ? { kind: 'return' } : { kind: 'keep' };
  }
  const wanted = clamp(Math.ceil(s.soldLastHour * (s.coverHours ?? 1)), s.min, s.max);
  const fairShare = Math.floor(s.venueFree / (Math.max(1, s.sellers) + 1));
  const target = Math.min(wanted, fairShare);
  // Top up only by a meaningful step (≥ min): a lease per sold seat would be a request per sale.
  const count = target - s.leasedHere;
  return count >= Math.max(1, s.min) ? { kind: 'top_up', count } : { kind: 'keep' };
}

/** The venue's limits as seat and GA bounds for `leaseAdvice` (GA: per area). */
export function seatBounds(limits: LeaseLimits): { min: number; max: number } {
  return { min: limits.minSeats, max: limits.maxSeats };
}
export function gaBounds(limits: LeaseLimits): { min: number; max: number } {
  return { min: limits.minGa, max: limits.maxGa };
}

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

/**
 * A venue's lease bounds when its catalog sets none: the bounds tills sized their leases within
 * before venues had the setting (a minimum step that keeps top-ups to a request per few sales).
 */
export const DEFAULT_LEASE_LIMITS: LeaseLimits = {
  minSeats: 4,
  maxSeats: 40,
  minGa: 4,
  maxGa: 60,
};

/**
 * The lease bounds of a venue, from its catalog (`venue.leaseLimits`): the till sizes its
 * leases within them and the server refuses a checkout outside them — one rule, both sides.
 */
export function venueLeaseLimits(venue: Pick<Venue, 'leaseLimits'>): LeaseLimits {
  return venue.leaseLimits ?? DEFAULT_LEASE_LIMITS;
}
