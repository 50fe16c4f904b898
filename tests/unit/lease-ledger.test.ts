import { describe, expect, it } from 'vitest';
import {
  checkoutLease,
  emptyLedger,
  gaAvailable,
  hold,
  ledgerBreaches,
  refund,
  releaseHold,
  renewHold,
  returnLease,
  sellFromHold,
  sellFromLease,
  sellOnline,
  seatOwners,
  type InventoryResult,
  type Ledger,
} from '../../shared/inventory';

const base = emptyLedger({
  seatIds: ['a1', 'a2', 'a3', 'a4'],
  gaAreas: { stand: 10, fan: 5 },
  gaCapacity: 12,
});
const LIMITS = { minSeats: 2, maxSeats: 3, minGa: 1, maxGa: 6 };
const web = { channel: 'web', id: 'shop' } as const;
const till = { channel: 'terminal', id: 'T01' } as const;

function value(r: InventoryResult): Ledger {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  expect(ledgerBreaches(r.value)).toEqual([]);
  return r.value;
}
const code = (r: InventoryResult) => (r.ok ? 'ok' : r.error.code);

describe('lease ledger', () => {
  it('a held seat is refused to every other channel until the hold ends', () => {
    const held = value(
      hold(base, { holdId: 'h1', holder: web, seatIds: ['a1'], expiresAt: 100 }, 0),
    );
    expect(
      code(hold(held, { holdId: 'h2', holder: till, seatIds: ['a1'], expiresAt: 100 }, 1)),
    ).toBe('seat_taken');
    expect(code(sellOnline(held, { saleId: 's1', seatIds: ['a1'] }, 1))).toBe('seat_taken');
    expect(
      code(
        checkoutLease(
          held,
          {
            leaseId: 'l1',
            terminalId: 'T01',
            seatIds: ['a1', 'a2'],
            expiresAt: 100,
            limits: LIMITS,
          },
          1,
        ),
      ),
    ).toBe('seat_taken');
    // Released, or expired: the seat is the venue's again.
    const released = value(releaseHold(held, { holdId: 'h1', holder: web }, 2));
    expect(
      code(hold(released, { holdId: 'h2', holder: till, seatIds: ['a1'], expiresAt: 100 }, 3)),
    ).toBe('ok');
    expect(
      code(hold(held, { holdId: 'h2', holder: till, seatIds: ['a1'], expiresAt: 200 }, 100)),
    ).toBe('ok');
  });

  it('a hold is renewed only by its holder and only while it lives', () => {
    const held = value(
      hold(base, { holdId: 'h1', holder: web, seatIds: ['a1'], expiresAt: 10 }, 0),
    );
    expect(code(renewHold(held, { holdId: 'h1', holder: till, expiresAt: 20 }, 5))).toBe(
      'not_your_hold',
    );
    const renewed = value(renewHold(held, { holdId: 'h1', holder: web, expiresAt: 20 }, 5));
    expect(seatOwners(renewed).get('a1')).toEqual({ kind: 'hold', id: 'h1' });
    expect(
      seatOwners(
        value(hold(renewed, { holdId: 'h9', holder: web, seatIds: ['a2'], expiresAt: 30 }, 15)),
      ).get('a1'),
    ).toEqual({ kind: 'hold', id: 'h1' });
    expect(code(renewHold(held, { holdId: 'h1', holder: web, expiresAt: 30 }, 10))).toBe(
      'hold_not_found',
    );
  });

  it('a lease is sized within the venue limits and its till alone sells from it', () => {
    const lease = (seatIds: string[]) =>
      checkoutLease(
        base,
        { leaseId: 'l1', terminalId: 'T01', seatIds, expiresAt: 100, limits: LIMITS },
        0,
      );
    expect(code(lease(['a1']))).toBe('lease_too_small');
    expect(code(lease(['a1', 'a2', 'a3', 'a4']))).toBe('lease_too_large');
    const leased = value(
      checkoutLease(
        base,
        { leaseId: 'l1', terminalId: 'T01', seatCount: 2, expiresAt: 100, limits: LIMITS },
        0,
      ),
    );
    expect(leased.leases.get('l1')?.seatIds).toEqual(['a1', 'a2']);
    expect(
      code(
        sellFromLease(
          leased,
          { saleId: 's1', leaseId: 'l1', terminalId: 'T02', seatIds: ['a1'] },
          1,
        ),
      ),
    ).toBe('not_your_lease');
    expect(
      code(
        sellFromLease(
          leased,
          { saleId: 's1', leaseId: 'l1', terminalId: 'T01', seatIds: ['a3'] },
          1,
        ),
      ),
    ).toBe('not_in_lease');
    const sold = value(
      sellFromLease(leased, { saleId: 's1', leaseId: 'l1', terminalId: 'T01', seatIds: ['a1'] }, 1),
    );
    // Returned: the unsold seat goes back to the venue, the sold one stays sold.
    const returned = value(returnLease(sold, { leaseId: 'l1', terminalId: 'T01' }, 2));
    expect(seatOwners(returned)).toEqual(new Map([['a1', { kind: 'sale', id: 's1' }]]));
  });

  it('bounds GA per area, as the till sizes it (one lease may hold max of each area)', () => {
    const lease = (ga: Record<string, number>) =>
      checkoutLease(
        base,
        { leaseId: 'l1', terminalId: 'T01', ga, expiresAt: 100, limits: LIMITS },
        0,
      );
    // 6 of the stand and 5 of the fan zone: 11 in all, each area within the max of 6.
    expect(value(lease({ stand: 6, fan: 5 })).leases.get('l1')?.ga).toEqual({ stand: 6, fan: 5 });
    const tooMany = lease({ stand: 7 });
    expect(code(tooMany)).toBe('lease_too_large');
    expect(!tooMany.ok && tooMany.error.message).toBe(
      'A lease holds at most 3 seats and 6 standing places of an area (venue setting).',
    );
    expect(code(lease({ stand: 0, fan: 5 }))).toBe('ok');
  });

  it('a refund returns the seat to its lease while the lease lives, else to the venue', () => {
    const leased = value(
      checkoutLease(
        base,
        {
          leaseId: 'l1',
          terminalId: 'T01',
          seatIds: ['a1', 'a2'],
          ga: { stand: 3 },
          expiresAt: 100,
          limits: LIMITS,
        },
        0,
      ),
    );
    const sold = value(
      sellFromLease(
        leased,
        { saleId: 's1', leaseId: 'l1', terminalId: 'T01', seatIds: ['a1'], ga: { stand: 2 } },
        1,
      ),
    );
    const back = value(refund(sold, { saleId: 's1' }, 2));
    expect(back.leases.get('l1')).toMatchObject({ seatIds: ['a2', 'a1'], ga: { stand: 3 } });
    const late = value(refund(sold, { saleId: 's1' }, 150));
    expect(late.leases.size).toBe(0);
    expect(seatOwners(late).size).toBe(0);
    expect(gaAvailable(late)).toEqual({ stand: 10, fan: 5 });
    expect(code(refund(late, { saleId: 's1' }, 151))).toBe('sale_not_found');
  });

  it('GA is bounded by the area quota and by the performance total', () => {
    expect(code(sellOnline(base, { saleId: 's1', ga: { fan: 6 } }, 0))).toBe('ga_sold_out');
    const some = value(sellOnline(base, { saleId: 's1', ga: { stand: 8 } }, 0));
    expect(gaAvailable(some)).toEqual({ stand: 2, fan: 4 });
    expect(
      code(hold(some, { holdId: 'h1', holder: web, ga: { stand: 2, fan: 3 }, expiresAt: 9 }, 0)),
    ).toBe('ga_sold_out');
    const held = value(
      hold(some, { holdId: 'h1', holder: web, ga: { stand: 2, fan: 2 }, expiresAt: 9 }, 0),
    );
    expect(
      value(sellFromHold(held, { saleId: 's2', holdId: 'h1', holder: web }, 1)).sales.get('s2')?.ga,
    ).toEqual({ stand: 2, fan: 2 });
  });

  it('refuses what cannot be asked: nothing, unknown seats and areas, a past expiry, a used id', () => {
    expect(code(hold(base, { holdId: 'h1', holder: web, expiresAt: 9 }, 0))).toBe('empty_request');
    expect(code(hold(base, { holdId: 'h1', holder: web, seatIds: ['z9'], expiresAt: 9 }, 0))).toBe(
      'unknown_seat',
    );
    expect(
      code(hold(base, { holdId: 'h1', holder: web, seatIds: ['a1', 'a1'], expiresAt: 9 }, 0)),
    ).toBe('unknown_seat');
    expect(code(hold(base, { holdId: 'h1', holder: web, ga: { vip: 1 }, expiresAt: 9 }, 0))).toBe(
      'unknown_area',
    );
    expect(code(hold(base, { holdId: 'h1', holder: web, seatIds: ['a1'], expiresAt: 0 }, 0))).toBe(
      'expiry_in_past',
    );
    const sold = value(sellOnline(base, { saleId: 'x', seatIds: ['a1'] }, 0));
    expect(code(hold(sold, { holdId: 'x', holder: web, seatIds: ['a2'], expiresAt: 9 }, 0))).toBe(
      'duplicate_id',
    );
  });
});
