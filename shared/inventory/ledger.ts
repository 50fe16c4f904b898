import type { Result } from '../util/result';

/**
 * One performance's inventory as records: holds, leases and sales, each naming the seats
 * (reserved, by seat id) and the GA places (by area: a GA tier) it has. A seat or GA place
 * in no record is the venue's. Escrow (DESIGN.md "Offline inventory: leases"): a lease is a
 * slice the server hands a till for offline selling, so Σ sold + held + leased ≤ capacity at
 * every step and no seat sits in two records — the till can sell its lease offline and
 * never oversell.
 *
 * Pure: the clock comes in as `now` (epoch ms). Every operation first lets time pass
 * (`expire`), then refuses with a code or returns the next ledger; the old one is untouched
 * (unchanged records keep their identity, which the server uses to write only what moved).
 */

/** Who holds: a till (its terminal id) or a selling channel such as the web shop. */
export interface Holder {
  readonly channel: 'terminal' | 'web';
  readonly id: string;
}

/** GA places by area (GA tier id) → count; absent or 0 means none. */
export type GaCounts = Readonly<Record<string, number>>;

export interface Hold {
  readonly id: string;
  readonly holder: Holder;
  readonly seatIds: readonly string[];
  readonly ga: GaCounts;
  readonly expiresAt: number;
}

/** What is still unsold of a lease: seats and GA places only its till may sell. */
export interface Lease {
  readonly id: string;
  readonly terminalId: string;
  readonly seatIds: readonly string[];
  readonly ga: GaCounts;
  readonly expiresAt: number;
}

export interface Sale {
  readonly id: string;
  readonly seatIds: readonly string[];
  readonly ga: GaCounts;
  /** The lease it was sold from: a refund goes back there while the lease lives. */
  readonly leaseId?: string;
}

/** What the venue has: the plan's seats, GA quota per area, and the GA total over areas. */
export interface Capacity {
  readonly seatIds: readonly string[];
  readonly gaAreas: GaCounts;
  /** Σ of every area's places may not pass this (areas' quotas may add up to more). */
  readonly gaCapacity: number;
}

export interface Ledger {
  readonly capacity: Capacity;
  readonly holds: ReadonlyMap<string, Hold>;
  readonly leases: ReadonlyMap<string, Lease>;
  readonly sales: ReadonlyMap<string, Sale>;
}

/** A venue's bounds on a lease's size (seats and GA places each), from its settings. */
export interface LeaseLimits {
  readonly minSeats: number;
  readonly maxSeats: number;
  readonly minGa: number;
  readonly maxGa: number;
}

export type InventoryErrorCode =
  | 'empty_request'
  | 'unknown_seat'
  | 'unknown_area'
  | 'seat_taken'
  | 'ga_sold_out'
  | 'duplicate_id'
  | 'expiry_in_past'
  | 'hold_not_found'
  | 'not_your_hold'
  | 'lease_not_found'
  | 'not_your_lease'
  | 'not_in_lease'
  | 'not_in_hold'
  | 'lease_too_small'
  | 'lease_too_large'
  | 'sale_not_found'
  | 'sold_out';

export type InventoryResult = Result<Ledger, InventoryErrorCode>;

/** What a request asks for: seats by id and GA places by area. */
export interface Places {
  readonly seatIds?: readonly string[];
  readonly ga?: GaCounts;
}

export function emptyLedger(capacity: Capacity): Ledger {
  return { capacity, holds: new Map(), leases: new Map(), sales: new Map() };
}

/** Who owns a seat now, if anyone but the venue. */
export type SeatOwner =
  | { readonly kind: 'hold'; readonly id: string }
  | { readonly kind: 'lease'; readonly id: string }
  | { readonly kind: 'sale'; readonly id: string };

/** Every claimed seat → its owner (the first record found if, wrongly, two claim one). */
export function seatOwners(ledger: Ledger): Map<string, SeatOwner> {
  const owners = new Map<string, SeatOwner>();
  const add = (
    kind: SeatOwner['kind'],
    records: ReadonlyMap<string, { seatIds: readonly string[] }>,
  ) => {
    for (const [id, r] of records)
      for (const s of r.seatIds) if (!owners.has(s)) owners.set(s, { kind, id });
  };
  add('sale', ledger.sales);
  add('lease', ledger.leases);
  add('hold', ledger.holds);
  return owners;
}

/** GA places in use per area (held + leased + sold). */
export function gaUsed(ledger: Ledger): Record<string, number> {
  const used: Record<string, number> = {};
  const add = (records: ReadonlyMap<string, { ga: GaCounts }>) => {
    for (const r of records.values())
      for (const [area, n] of Object.entries(r.ga)) used[area] = (used[area] ?? 0) + n;
  };
  add(ledger.holds);
  add(ledger.leases);
  add(ledger.sales);
  return used;
}

/** GA places the venue can still hand out over all areas (the performance's GA total). */
export function gaLeft(ledger: Ledger): number {
  const total = Object.values(gaUsed(ledger)).reduce((a, b) => a + b, 0);
  return Math.max(0, ledger.capacity.gaCapacity - total);
}

/**
 * GA places the venue can still hand out per area: the area's quota and the total both bind
 * (so a request over several areas is checked against `gaLeft` too).
 */
export function gaAvailable(ledger: Ledger): Record<string, number> {
  const used = gaUsed(ledger);
  const left = gaLeft(ledger);
  const out: Record<string, number> = {};
  for (const [area, quota] of Object.entries(ledger.capacity.gaAreas)) {
    out[area] = Math.max(0, Math.min(quota - (used[area] ?? 0), left));
  }
  return out;
}

/** The venue's unclaimed seats, in plan order. */
export function availableSeats(ledger: Ledger): string[] {
  const owners = seatOwners(ledger);
  return ledger.capacity.seatIds.filter((s) => !owners.has(s));
}

/**
 * Time passes: expired holds and leases end. A hold's or lease's places go back to the venue
 * (a lease's unsold places only; what it sold stays sold).
 */
export function expire(ledger: Ledger, now: number): Ledger {
  const live = <T extends { expiresAt: number }>(m: ReadonlyMap<string, T>) => {
    let changed = false;
    const next = new Map<string, T>();
    for (const [id, r] of m) {
      if (r.expiresAt > now) next.set(id, r);
      else changed = true;
    }
    return changed ? next : m;
  };
  const holds = live(ledger.holds);
  const leases = live(ledger.leases);
  return holds === ledger.holds && leases === ledger.leases ? ledger : { ...ledger, holds, leases };
}

/** Places of each state, after time passed: what a seat map or a status bar shows. */
export interface Availability {
  readonly seatsAvailable: string[];
  readonly gaAvailable: Record<string, number>;
  readonly held: { readonly seats: number; readonly ga: number };
  readonly leased: { readonly seats: number; readonly ga: number };
  readonly sold: { readonly seats: number; readonly ga: number };
}

export function availability(before: Ledger, now: number): Availability {
  const ledger = expire(before, now);
  const count = (records: ReadonlyMap<string, { seatIds: readonly string[]; ga: GaCounts }>) => {
    let seats = 0;
    let ga = 0;
    for (const r of records.values()) {
      seats += r.seatIds.length;
      for (const n of Object.values(r.ga)) ga += n;
    }
    return { seats, ga };
  };
  return {
    seatsAvailable: availableSeats(ledger),
    gaAvailable: gaAvailable(ledger),
    held: count(ledger.holds),
    leased: count(ledger.leases),
    sold: count(ledger.sales),
  };
}

/** Whose the claimed seats are, as one terminal's seat map shows them. */
export interface SeatsSeenFrom {
  readonly leasedHere: string[];
  readonly leasedElsewhere: string[];
  readonly heldHere: string[];
  readonly heldElsewhere: string[];
  readonly heldWeb: string[];
}

/** The live holds' and leases' seats relative to `terminalId` (after time passed). */
export function seatsSeenFrom(before: Ledger, terminalId: string, now: number): SeatsSeenFrom {
  const ledger = expire(before, now);
  const out: SeatsSeenFrom = {
    leasedHere: [],
    leasedElsewhere: [],
    heldHere: [],
    heldElsewhere: [],
    heldWeb: [],
  };
  for (const l of ledger.leases.values())
    (l.terminalId === terminalId ? out.leasedHere : out.leasedElsewhere).push(...l.seatIds);
  for (const h of ledger.holds.values()) {
    const list =
      h.holder.channel === 'web'
        ? out.heldWeb
        : h.holder.id === terminalId
          ? out.heldHere
          : out.heldElsewhere;
    list.push(...h.seatIds);
  }
  return out;
}
