import { describe, expect, it } from 'vitest';
import { leaseAdvice } from '../../shared/inventory/lease-policy';

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
