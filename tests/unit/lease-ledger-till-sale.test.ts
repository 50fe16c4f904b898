/**
 * A till's pushed sale applied to the ledger (takeTillSale), and a hold given back in part
 * (shrinkHold): the pure rules behind the push's inventory step and the partial release.
 */
import { describe, expect, it } from 'vitest';
import {
  checkoutLease,
  emptyLedger,
  hold,
  ledgerBreaches,
  shrinkHold,
  takeTillSale,
  type InventoryResult,
  type Ledger,
} from '../../shared/inventory';

const base = emptyLedger({
  seatIds: ['a1', 'a2', 'a3', 'a4'],
  gaAreas: { stand: 6 },
  gaCapacity: 6,
});
const LIMITS = { minSeats: 1, maxSeats: 4, minGa: 1, maxGa: 6 };
const T01 = { channel: 'terminal', id: 'T01' } as const;
const T02 = { channel: 'terminal', id: 'T02' } as const;

function value(r: InventoryResult): Ledger {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}
const sale = (terminalId: string, places: { seatIds?: string[]; ga?: Record<string, number> }) => ({
  saleId: `till ${terminalId}`,
  terminalId,
  seatIds: places.seatIds ?? [],
  ga: places.ga ?? {},
  at: 10,
  expiredLeases: [],
});

describe('a till sale on push', () => {
  it('comes out of its own hold first, then its own lease, then the venue', () => {
    let l = value(hold(base, { holdId: 'h1', holder: T01, ga: { stand: 2 }, expiresAt: 100 }, 0));
    l = value(
      checkoutLease(
        l,
        { leaseId: 'l1', terminalId: 'T01', ga: { stand: 2 }, expiresAt: 100, limits: LIMITS },
        0,
      ),
    );
    const r = takeTillSale(l, sale('T01', { ga: { stand: 3 } }), 1);
    expect(r.collisions).toEqual([]);
    expect(r.emptiedHolds).toEqual(['h1']);
    expect(r.ledger.holds.size).toBe(0);
    expect(r.ledger.leases.get('l1')!.ga).toEqual({ stand: 1 });
    expect(ledgerBreaches(r.ledger)).toEqual([]);
    // Free: 6 − 3 sold − 1 leased = 2; a sale of 3 more takes the till's last leased place too.
    const again = takeTillSale(r.ledger, { ...sale('T01', { ga: { stand: 3 } }), saleId: 'x' }, 1);
    expect(again.collisions).toEqual([]);
    expect(again.ledger.leases.get('l1')!.ga).toEqual({});
  });

  it('a seat in another till’s lease is taken out of it and named; a seat sold already is named', () => {
    const l = value(
      checkoutLease(
        base,
        { leaseId: 'l1', terminalId: 'T01', seatIds: ['a1', 'a2'], expiresAt: 100, limits: LIMITS },
        0,
      ),
    );
    const r = takeTillSale(l, sale('T02', { seatIds: ['a1'] }), 1);
    expect(r.collisions).toEqual([
      { kind: 'seat_sold_twice', seatId: 'a1', count: 1, from: { kind: 'lease', id: 'l1' } },
    ]);
    expect(r.ledger.leases.get('l1')!.seatIds).toEqual(['a2']);
    expect(ledgerBreaches(r.ledger)).toEqual([]);
    const twice = takeTillSale(r.ledger, { ...sale('T01', { seatIds: ['a1'] }), saleId: 'y' }, 1);
    expect(twice.collisions[0]).toMatchObject({ kind: 'seat_sold_twice', from: { kind: 'sale' } });
  });

  it('GA past every free place comes out of other holders (named), then past the quota', () => {
    const l = value(hold(base, { holdId: 'h9', holder: T02, ga: { stand: 5 }, expiresAt: 100 }, 0));
    const r = takeTillSale(l, sale('T01', { ga: { stand: 3 } }), 1);
    expect(r.collisions).toEqual([
      { kind: 'ga_oversold', area: 'stand', count: 2, from: { kind: 'hold', id: 'h9' } },
    ]);
    expect(r.ledger.holds.get('h9')!.ga).toEqual({ stand: 3 });
    const over = takeTillSale(r.ledger, { ...sale('T01', { ga: { stand: 5 } }), saleId: 'z' }, 1);
    expect(over.collisions.at(-1)).toEqual({ kind: 'ga_oversold', area: 'stand', count: 2 });
  });

  it('a free seat sold after the till’s lease of it expired is named expired_lease_sale', () => {
    const lapsed = { id: 'l0', terminalId: 'T01', seatIds: ['a3'], ga: {}, expiresAt: 5 };
    const r = takeTillSale(
      base,
      { ...sale('T01', { seatIds: ['a3'] }), expiredLeases: [lapsed] },
      20,
    );
    expect(r.collisions).toEqual([
      { kind: 'expired_lease_sale', seatId: 'a3', count: 1, from: { kind: 'lease', id: 'l0' } },
    ]);
    // Sold before it expired (pushed late): no collision.
    const inTime = takeTillSale(
      base,
      { ...sale('T01', { seatIds: ['a3'] }), at: 4, expiredLeases: [lapsed] },
      20,
    );
    expect(inTime.collisions).toEqual([]);
  });
});

describe('a hold given back in part', () => {
  it('keeps the rest until the same expiry; everything given back ends it', () => {
    const l = value(
      hold(
        base,
        { holdId: 'h1', holder: T01, seatIds: ['a1', 'a2', 'a3'], ga: { stand: 2 }, expiresAt: 50 },
        0,
      ),
    );
    const part = value(
      shrinkHold(l, { holdId: 'h1', holder: T01, seatIds: ['a2'], ga: { stand: 1 } }, 1),
    );
    expect(part.holds.get('h1')).toMatchObject({
      seatIds: ['a1', 'a3'],
      ga: { stand: 1 },
      expiresAt: 50,
    });
    const code = (r: InventoryResult) => (r.ok ? 'ok' : r.error.code);
    expect(code(shrinkHold(part, { holdId: 'h1', holder: T02, seatIds: ['a1'] }, 1))).toBe(
      'not_your_hold',
    );
    expect(code(shrinkHold(part, { holdId: 'h1', holder: T01, seatIds: ['a2'] }, 1))).toBe(
      'not_in_hold',
    );
    expect(code(shrinkHold(part, { holdId: 'h1', holder: T01, ga: { stand: 2 } }, 1))).toBe(
      'not_in_hold',
    );
    expect(code(shrinkHold(part, { holdId: 'h1', holder: T01 }, 1))).toBe('empty_request');
    const all = value(
      shrinkHold(part, { holdId: 'h1', holder: T01, seatIds: ['a1', 'a3'], ga: { stand: 1 } }, 1),
    );
    expect(all.holds.has('h1')).toBe(false);
  });
});
