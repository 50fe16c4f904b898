import { describe, expect, it } from 'vitest';
import { buildDemoCatalog, DEMO_VENUE_TEMPLATE } from '../../shared/catalog/demo-venue';
import { venueSchema, type Venue } from '../../shared/catalog/schemas';
import {
  DEFAULT_LEASE_LIMITS,
  gaBounds,
  leaseAdvice,
  seatBounds,
  venueLeaseLimits,
} from '../../shared/inventory/lease-policy';

const base = { sellers: 4, min: 4, max: 40 } as const;

describe('leaseAdvice (one rule for a till lease’s size)', () => {
  it('covers an hour of the till’s sales, within the venue’s bounds', () => {
    expect(leaseAdvice({ ...base, soldLastHour: 12, venueFree: 400, leasedHere: 0 })).toEqual({
      kind: 'top_up',
      count: 12,
    });
    // A quiet till still gets the minimum; a busy one no more than the maximum.
    expect(leaseAdvice({ ...base, soldLastHour: 0, venueFree: 400, leasedHere: 0 })).toEqual({
      kind: 'top_up',
      count: 4,
    });
    expect(leaseAdvice({ ...base, soldLastHour: 90, venueFree: 400, leasedHere: 0 })).toEqual({
      kind: 'top_up',
      count: 40,
    });
  });

  it('tops up by a meaningful step only', () => {
    expect(leaseAdvice({ ...base, soldLastHour: 12, venueFree: 400, leasedHere: 10 })).toEqual({
      kind: 'keep',
    });
    expect(leaseAdvice({ ...base, soldLastHour: 20, venueFree: 400, leasedHere: 10 })).toEqual({
      kind: 'top_up',
      count: 10,
    });
  });

  it('never takes more than a fair share of what the venue has free', () => {
    // 100 free, 4 sellers + the venue's own share: at most 20.
    expect(leaseAdvice({ ...base, soldLastHour: 40, venueFree: 100, leasedHere: 0 })).toEqual({
      kind: 'top_up',
      count: 20,
    });
  });

  it('gives the lease back when the venue runs low or drawers hold more than the venue', () => {
    expect(leaseAdvice({ ...base, soldLastHour: 40, venueFree: 20, leasedHere: 6 })).toEqual({
      kind: 'return',
    });
    expect(
      leaseAdvice({ ...base, soldLastHour: 5, venueFree: 60, venueLeased: 80, leasedHere: 6 }),
    ).toEqual({ kind: 'return' });
    // Nothing leased here: nothing to give back.
    expect(leaseAdvice({ ...base, soldLastHour: 40, venueFree: 20, leasedHere: 0 })).toEqual({
      kind: 'keep',
    });
  });
});

describe('lease bounds: a venue setting in the catalog', () => {
  const demo = buildDemoCatalog(DEMO_VENUE_TEMPLATE, Date.parse('2026-05-01T12:00:00Z'));
  if (!demo.ok) throw new Error(demo.error.message);
  const venue = demo.value.venue;

  it('the demo venue sets the bounds tills used before the setting: 4–40 seats, 4–60 GA', () => {
    expect(venue.leaseLimits).toEqual({ minSeats: 4, maxSeats: 40, minGa: 4, maxGa: 60 });
    expect(venueLeaseLimits(venue)).toEqual(venue.leaseLimits);
    // A venue without the setting gets the same default on the till and the server.
    const { leaseLimits: _, ...rest } = venue;
    const unset: Venue = rest;
    expect(venueLeaseLimits(unset)).toBe(DEFAULT_LEASE_LIMITS);
  });

  it('advice follows the setting: another venue’s bounds size the same till differently', () => {
    const quiet = { sellers: 4, soldLastHour: 0, venueFree: 400, leasedHere: 0 };
    const busy = { ...quiet, soldLastHour: 90 };
    const narrow = venueLeaseLimits({
      leaseLimits: { minSeats: 10, maxSeats: 25, minGa: 2, maxGa: 8 },
    });
    expect(leaseAdvice({ ...quiet, ...seatBounds(venueLeaseLimits(venue)) })).toEqual({
      kind: 'top_up',
      count: 4,
    });
    expect(leaseAdvice({ ...busy, ...seatBounds(venueLeaseLimits(venue)) })).toEqual({
      kind: 'top_up',
      count: 40,
    });
    expect(leaseAdvice({ ...quiet, ...seatBounds(narrow) })).toEqual({ kind: 'top_up', count: 10 });
    expect(leaseAdvice({ ...busy, ...seatBounds(narrow) })).toEqual({ kind: 'top_up', count: 25 });
    expect(leaseAdvice({ ...busy, ...gaBounds(narrow) })).toEqual({ kind: 'top_up', count: 8 });
    // A max of 0: no lease of that kind at all.
    const none = venueLeaseLimits({
      leaseLimits: { minSeats: 0, maxSeats: 0, minGa: 0, maxGa: 5 },
    });
    expect(leaseAdvice({ ...busy, ...seatBounds(none) })).toEqual({ kind: 'keep' });
  });

  it('is validated: whole numbers, min ≤ max, at most 1000 a lease', () => {
    const withLimits = (leaseLimits: object) => venueSchema.safeParse({ ...venue, leaseLimits });
    const ok = { minSeats: 0, maxSeats: 1000, minGa: 5, maxGa: 5 };
    expect(withLimits(ok).success).toBe(true);
    const refused = (l: object) => {
      const r = withLimits(l);
      return r.success ? null : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(refused({ ...ok, minSeats: 41, maxSeats: 40 })).toEqual([
      'leaseLimits.maxSeats: A lease cannot need more seats than it may hold (minSeats ≤ maxSeats).',
    ]);
    expect(refused({ ...ok, minGa: 9, maxGa: 8 })).toEqual([
      'leaseLimits.maxGa: A lease cannot need more standing places than it may hold (minGa ≤ maxGa).',
    ]);
    expect(refused({ ...ok, minSeats: -1 })?.[0]).toMatch(/^leaseLimits\.minSeats:/);
    expect(refused({ ...ok, maxGa: 2.5 })?.[0]).toMatch(/^leaseLimits\.maxGa:/);
    expect(refused({ ...ok, maxSeats: 1001 })?.[0]).toMatch(/^leaseLimits\.maxSeats:/);
    expect(refused({ minSeats: 4, maxSeats: 40 })).not.toBeNull();
  });
});
