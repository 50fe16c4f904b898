import { err, ok, type Result } from '../util/result';
import {
  expire,
  type Hold,
  type Holder,
  type InventoryErrorCode,
  type InventoryResult,
  type Lease,
  type LeaseLimits,
  type Ledger,
  type Places,
  type Sale,
  type GaCounts,
  availableSeats,
  seatOwners,
} from './ledger';
import {
  checkPlaces,
  countGa,
  duplicate,
  fromVenue,
  isNewId,
  pastExpiry,
  plural,
  withMap,
} from './places';

/**
 * The operations on one performance's ledger (see ledger.ts): hold, renew, release, lease
 * checkout/renew/return, sales from a hold, from a lease or online, refund. Each lets time
 * pass first, then refuses with a code and a sentence a cashier can read out, or returns the
 * next ledger. Business refusals never throw.
 */
/** Holds seats and GA places for a cart (a till's or the web shop's) until `expiresAt`. */
export function hold(
  before: Ledger,
  request: Places & {
    readonly holdId: string;
    readonly holder: Holder;
    readonly expiresAt: number;
  },
  now: number,
): InventoryResult {
  const ledger = expire(before, now);
  if (!isNewId(ledger, request.holdId)) return duplicate(request.holdId);
  if (request.expiresAt <= now) return pastExpiry();
  const places = checkPlaces(ledger, request);
  if (!places.ok) return places;
  const free = fromVenue(ledger, places.value);
  if (!free.ok) return free;
  const h: Hold = {
    id: request.holdId,
    holder: request.holder,
    ...places.value,
    expiresAt: request.expiresAt,
  };
  return ok({ ...ledger, holds: withMap(ledger.holds, h.id, h) });
}

function ownHold(ledger: Ledger, holdId: string, holder: Holder): Result<Hold, InventoryErrorCode> {
  const h = ledger.holds.get(holdId);
  if (!h)
    return err(
      'hold_not_found',
      'This hold has ended (released, sold or expired); choose the seats again.',
    );
  if (h.holder.channel !== holder.channel || h.holder.id !== holder.id) {
    return err('not_your_hold', 'This hold belongs to another window or channel.');
  }
  return ok(h);
}

/** Keeps a live hold (the cart is still active) until `expiresAt`. An expired one is gone. */
export function renewHold(
  before: Ledger,
  request: { readonly holdId: string; readonly holder: Holder; readonly expiresAt: number },
  now: number,
): InventoryResult {
  const ledger = expire(before, now);
  const h = ownHold(ledger, request.holdId, request.holder);
  if (!h.ok) return h;
  if (request.expiresAt <= now) return pastExpiry();
  return ok({
    ...ledger,
    holds: withMap(ledger.holds, h.value.id, { ...h.value, expiresAt: request.expiresAt }),
  });
}

/** Ends a hold: its places go back to the venue. */
export function releaseHold(
  before: Ledger,
  request: { readonly holdId: string; readonly holder: Holder },
  now: number,
): InventoryResult {
  const ledger = expire(before, now);
  const h = ownHold(ledger, request.holdId, request.holder);
  if (!h.ok) return h;
  return ok({ ...ledger, holds: withMap(ledger.holds, h.value.id, undefined) });
}

/**
 * Gives back part of a hold (a cart drops one seat of three): the named seats and GA places
 * return to the venue, the rest stays held until the same expiry. Giving back everything
 * ends the hold as a release would.
 */
export function shrinkHold(
  before: Ledger,
  request: Places & { readonly holdId: string; readonly holder: Holder },
  now: number,
): InventoryResult {
  const ledger = expire(before, now);
  const h = ownHold(ledger, request.holdId, request.holder);
  if (!h.ok) return h;
  const drop = new Set(request.seatIds ?? []);
  if (drop.size === 0 && countGa(request.ga) === 0) {
    return err('empty_request', 'Name the seats or standing places to give back.');
  }
  const outside = [...drop].filter((s) => !h.value.seatIds.includes(s));
  if (outside.length > 0) {
    return err('not_in_hold', `Seat ${outside[0]} is not in this hold.`, { seatIds: outside });
  }
  const ga: Record<string, number> = { ...h.value.ga };
  for (const [area, n] of Object.entries(request.ga ?? {})) {
    const have = ga[area] ?? 0;
    if (n > have) {
      return err(
        'not_in_hold',
        `This hold has ${plural(have, 'standing place', 'standing places')} of ${area}; ${n} to give back.`,
        { area, have },
      );
    }
    ga[area] = have - n;
  }
  const left: Hold = {
    ...h.value,
    seatIds: h.value.seatIds.filter((s) => !drop.has(s)),
    ga: dropZeros(ga),
  };
  const empty = left.seatIds.length === 0 && Object.keys(left.ga).length === 0;
  return ok({ ...ledger, holds: withMap(ledger.holds, left.id, empty ? undefined : left) });
}

/**
 * Checks out a lease to a till for offline selling: seats by id, or `seatCount` of them (the
 * first free in plan order — a block of neighbours in a row-by-row plan; fewer when fewer are
 * left), and GA places; each count within the venue's limits when asked for.
 */
export function checkoutLease(
  before: Ledger,
  request: Places & {
    readonly leaseId: string;
    readonly terminalId: string;
    readonly expiresAt: number;
    readonly limits: LeaseLimits;
    readonly seatCount?: number;
  },
  now: number,
): InventoryResult {
  const ledger = expire(before, now);
  if (!isNewId(ledger, request.leaseId)) return duplicate(request.leaseId);
  if (request.expiresAt <= now) return pastExpiry();
  let seatIds = request.seatIds;
  if (request.seatCount !== undefined && request.seatCount > 0) {
    seatIds = [...(seatIds ?? []), ...availableSeats(ledger).slice(0, request.seatCount)];
    if (seatIds.length === 0) {
      return err(
        'sold_out',
        'No seats are left to lease: the venue has sold, held or leased them all.',
      );
    }
  }
  const places = checkPlaces(ledger, { ...request, seatIds: seatIds ?? [] });
  if (!places.ok) return places;
  // GA is bounded per area, as the till sizes it (one `leaseAdvice` per GA tier).
  const { limits } = request;
  const seats = places.value.seatIds.length;
  const gaCounts = Object.values(places.value.ga).filter((n) => n > 0);
  if ((seats > 0 && seats < limits.minSeats) || gaCounts.some((n) => n < limits.minGa)) {
    return err(
      'lease_too_small',
      `A lease holds at least ${plural(limits.minSeats, 'seat', 'seats')} or ${plural(limits.minGa, 'standing place', 'standing places')} of an area (venue setting).`,
    );
  }
  if (seats > limits.maxSeats || gaCounts.some((n) => n > limits.maxGa)) {
    return err(
      'lease_too_large',
      `A lease holds at most ${plural(limits.maxSeats, 'seat', 'seats')} and ${plural(limits.maxGa, 'standing place', 'standing places')} of an area (venue setting).`,
    );
  }
  const free = fromVenue(ledger, places.value);
  if (!free.ok) return free;
  const lease: Lease = {
    id: request.leaseId,
    terminalId: request.terminalId,
    ...places.value,
    expiresAt: request.expiresAt,
  };
  return ok({ ...ledger, leases: withMap(ledger.leases, lease.id, lease) });
}

function ownLease(
  ledger: Ledger,
  leaseId: string,
  terminalId: string,
): Result<Lease, InventoryErrorCode> {
  const l = ledger.leases.get(leaseId);
  if (!l)
    return err(
      'lease_not_found',
      'This lease has ended (returned or expired); sell online or take a new lease.',
    );
  if (l.terminalId !== terminalId)
    return err('not_your_lease', 'This lease belongs to another window.');
  return ok(l);
}

/** Keeps a live lease until `expiresAt`. */
export function renewLease(
  before: Ledger,
  request: { readonly leaseId: string; readonly terminalId: string; readonly expiresAt: number },
  now: number,
): InventoryResult {
  const ledger = expire(before, now);
  const l = ownLease(ledger, request.leaseId, request.terminalId);
  if (!l.ok) return l;
  if (request.expiresAt <= now) return pastExpiry();
  return ok({
    ...ledger,
    leases: withMap(ledger.leases, l.value.id, { ...l.value, expiresAt: request.expiresAt }),
  });
}

/** The till gives its lease back: every unsold place returns to the venue. */
export function returnLease(
  before: Ledger,
  request: { readonly leaseId: string; readonly terminalId: string },
  now: number,
): InventoryResult {
  const ledger = expire(before, now);
  const l = ownLease(ledger, request.leaseId, request.terminalId);
  if (!l.ok) return l;
  return ok({ ...ledger, leases: withMap(ledger.leases, l.value.id, undefined) });
}

/** Sells everything a hold holds; the hold ends. */
export function sellFromHold(
  before: Ledger,
  request: { readonly saleId: string; readonly holdId: string; readonly holder: Holder },
  now: number,
): InventoryResult {
  const ledger = expire(before, now);
  if (!isNewId(ledger, request.saleId)) return duplicate(request.saleId);
  const h = ownHold(ledger, request.holdId, request.holder);
  if (!h.ok) return h;
  const sale: Sale = { id: request.saleId, seatIds: h.value.seatIds, ga: h.value.ga };
  return ok({
    ...ledger,
    holds: withMap(ledger.holds, h.value.id, undefined),
    sales: withMap(ledger.sales, sale.id, sale),
  });
}

/** Sells places straight from the venue (the web shop without a hold, a till online). */
export function sellOnline(
  before: Ledger,
  request: Places & { readonly saleId: string },
  now: number,
): InventoryResult {
  const ledger = expire(before, now);
  if (!isNewId(ledger, request.saleId)) return duplicate(request.saleId);
  const places = checkPlaces(ledger, request);
  if (!places.ok) return places;
  const free = fromVenue(ledger, places.value);
  if (!free.ok) return free;
  const sale: Sale = { id: request.saleId, ...places.value };
  return ok({ ...ledger, sales: withMap(ledger.sales, sale.id, sale) });
}

/** A till sells from its own lease: only seats and GA places the lease still has. */
export function sellFromLease(
  before: Ledger,
  request: Places & {
    readonly saleId: string;
    readonly leaseId: string;
    readonly terminalId: string;
  },
  now: number,
): InventoryResult {
  const ledger = expire(before, now);
  if (!isNewId(ledger, request.saleId)) return duplicate(request.saleId);
  const l = ownLease(ledger, request.leaseId, request.terminalId);
  if (!l.ok) return l;
  const places = checkPlaces(ledger, request);
  if (!places.ok) return places;
  const leased = new Set(l.value.seatIds);
  const outside = places.value.seatIds.filter((s) => !leased.has(s));
  if (outside.length > 0) {
    return err(
      'not_in_lease',
      `Seat ${outside[0]} is not in this window's lease: sold out at this window.`,
      {
        seatIds: outside,
      },
    );
  }
  const ga: Record<string, number> = { ...l.value.ga };
  for (const [area, n] of Object.entries(places.value.ga)) {
    const left = ga[area] ?? 0;
    if (n > left) {
      return err(
        'not_in_lease',
        `Only ${plural(left, 'standing place', 'standing places')} of ${area} left at this window.`,
        {
          area,
          left,
        },
      );
    }
    ga[area] = left - n;
  }
  const sold = new Set(places.value.seatIds);
  const lease: Lease = {
    ...l.value,
    seatIds: l.value.seatIds.filter((s) => !sold.has(s)),
    ga: dropZeros(ga),
  };
  const sale: Sale = { id: request.saleId, ...places.value, leaseId: lease.id };
  return ok({
    ...ledger,
    leases: withMap(ledger.leases, lease.id, lease),
    sales: withMap(ledger.sales, sale.id, sale),
  });
}

function dropZeros(ga: Record<string, number>): GaCounts {
  return Object.fromEntries(Object.entries(ga).filter(([, n]) => n > 0));
}

/**
 * Refunds a whole sale: its places go back to their owner — the lease it was sold from while
 * that lease lives (the till may sell them again offline), else the venue (`returnPlaces`).
 */
export function refund(
  before: Ledger,
  request: { readonly saleId: string },
  now: number,
): InventoryResult {
  const ledger = expire(before, now);
  const sale = ledger.sales.get(request.saleId);
  if (!sale)
    return err(
      'sale_not_found',
      'There is no such sale of this performance (or it was refunded already).',
    );
  return ok(
    returnPlaces({ ...ledger, sales: withMap(ledger.sales, sale.id, undefined) }, sale, now),
  );
}

/**
 * Where places a sale no longer holds (refunded, voided, exchanged away) go — one rule for
 * this ledger's `refund`, the server's push of a till's refund (sync/inventory-on-push.ts) and
 * the till's own lease arithmetic (src-renderer/store/leases.ts counts a refunded lease seat
 * as the lease's again): back into the lease they were sold from while that lease lives (not
 * expired, not returned), so the till that sells offline from it may sell them again without
 * a collision; otherwise to the venue, which needs nothing recorded (a place nobody holds,
 * leases or sold is free). The places must already be out of every sale in `ledger`.
 */
export function returnPlaces(
  ledger: Ledger,
  places: { readonly leaseId?: string; readonly seatIds: readonly string[]; readonly ga: GaCounts },
  now: number,
): Ledger {
  const lease = places.leaseId === undefined ? undefined : ledger.leases.get(places.leaseId);
  if (!lease || lease.expiresAt <= now) return ledger;
  const ga: Record<string, number> = { ...lease.ga };
  for (const [area, n] of Object.entries(places.ga)) ga[area] = (ga[area] ?? 0) + n;
  const owned = seatOwners(ledger);
  // A seat someone took meanwhile (a collision the push raised) stays theirs.
  const seats = places.seatIds.filter((s) => !owned.has(s));
  const back: Lease = { ...lease, seatIds: [...lease.seatIds, ...seats], ga: dropZeros(ga) };
  return { ...ledger, leases: withMap(ledger.leases, back.id, back) };
}
