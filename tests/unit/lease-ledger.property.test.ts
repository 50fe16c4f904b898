/**
 * The escrow invariant of DESIGN.md "Offline inventory: leases", for any interleaving: holds
 * (tills and the web), renewals, releases (whole or in part), lease checkouts and returns, sales from a hold,
 * from a lease and online, refunds, and time passing. At every step: sold + held + leased ≤
 * capacity, no seat in two records, every GA area within its quota and the GA total within
 * the performance's (ledgerBreaches counts them from the records); sales never vanish but by
 * refund; renewals and sales from a hold or a lease leave the venue's free places as they
 * were; a refusal is a Result with a code, never a throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  availableSeats,
  checkoutLease,
  gaAvailable,
  emptyLedger,
  expire,
  hold,
  ledgerBreaches,
  refund,
  releaseHold,
  renewHold,
  renewLease,
  returnLease,
  sellFromHold,
  sellFromLease,
  sellOnline,
  shrinkHold,
  type Capacity,
  type Holder,
  type InventoryResult,
  type Ledger,
} from '../../shared/inventory';

const SEATS = ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8'];
// The areas' quotas add up to more than the performance's GA capacity, as in the demo venue:
// both bounds must bind.
const CAPACITY: Capacity = { seatIds: SEATS, gaAreas: { stand: 5, fan: 4 }, gaCapacity: 7 };
const LIMITS = { minSeats: 1, maxSeats: 5, minGa: 1, maxGa: 4 };
const TERMINALS = ['T1', 'T2'];
const HOLDERS: Holder[] = [
  { channel: 'web', id: 'web' },
  ...TERMINALS.map((id) => ({ channel: 'terminal' as const, id })),
];

const id = (prefix: string) => fc.integer({ min: 1, max: 3 }).map((n) => `${prefix}${n}`);
const seats = fc.subarray(SEATS, { maxLength: 4 });
const ga = fc.record({ stand: fc.nat({ max: 4 }), fan: fc.nat({ max: 3 }) });
const ttl = fc.integer({ min: 1, max: 20 });

type Step = (l: Ledger, now: number) => InventoryResult | Ledger;
interface Op {
  readonly name: string;
  readonly run: Step;
  /** Moves places between one holder's records only: the venue's free places stay put. */
  readonly keepsVenue: boolean;
}
const op = (name: string, run: Step, keepsVenue = false): Op => ({ name, run, keepsVenue });
const holder = fc.constantFrom(...HOLDERS);
const terminal = fc.constantFrom(...TERMINALS);
const json = (g: object) => JSON.stringify(g);

const ops: fc.Arbitrary<Op> = fc.oneof(
  fc
    .tuple(id('h'), holder, seats, ga, ttl)
    .map(([holdId, who, seatIds, g, t]) =>
      op(`hold ${holdId} ${who.id} ${seatIds.join()} ${json(g)}`, (l, now) =>
        hold(l, { holdId, holder: who, seatIds, ga: g, expiresAt: now + t }, now),
      ),
    ),
  fc
    .tuple(id('h'), holder, ttl)
    .map(([holdId, who, t]) =>
      op(
        `renew hold ${holdId}`,
        (l, now) => renewHold(l, { holdId, holder: who, expiresAt: now + t }, now),
        true,
      ),
    ),
  fc
    .tuple(id('h'), holder)
    .map(([holdId, who]) =>
      op(`release ${holdId}`, (l, now) => releaseHold(l, { holdId, holder: who }, now)),
    ),
  fc
    .tuple(id('h'), holder, seats, ga)
    .map(([holdId, who, seatIds, g]) =>
      op(`release part of ${holdId} ${seatIds.join()} ${json(g)}`, (l, now) =>
        shrinkHold(l, { holdId, holder: who, seatIds, ga: g }, now),
      ),
    ),
  fc
    .tuple(id('l'), terminal, seats, ga, ttl)
    .map(([leaseId, terminalId, seatIds, g, t]) =>
      op(`lease ${leaseId} ${terminalId} ${seatIds.join()} ${json(g)}`, (l, now) =>
        checkoutLease(
          l,
          { leaseId, terminalId, seatIds, ga: g, expiresAt: now + t, limits: LIMITS },
          now,
        ),
      ),
    ),
  fc
    .tuple(id('l'), terminal, ttl)
    .map(([leaseId, terminalId, t]) =>
      op(
        `renew lease ${leaseId}`,
        (l, now) => renewLease(l, { leaseId, terminalId, expiresAt: now + t }, now),
        true,
      ),
    ),
  fc
    .tuple(id('l'), terminal)
    .map(([leaseId, terminalId]) =>
      op(`return ${leaseId}`, (l, now) => returnLease(l, { leaseId, terminalId }, now)),
    ),
  fc
    .tuple(id('x'), id('h'), holder)
    .map(([saleId, holdId, who]) =>
      op(
        `sell ${saleId} from hold ${holdId}`,
        (l, now) => sellFromHold(l, { saleId, holdId, holder: who }, now),
        true,
      ),
    ),
  fc
    .tuple(id('x'), id('l'), terminal, seats, ga)
    .map(([saleId, leaseId, terminalId, seatIds, g]) =>
      op(
        `sell ${saleId} from lease ${leaseId} ${seatIds.join()} ${json(g)}`,
        (l, now) => sellFromLease(l, { saleId, leaseId, terminalId, seatIds, ga: g }, now),
        true,
      ),
    ),
  fc
    .tuple(id('x'), seats, ga)
    .map(([saleId, seatIds, g]) =>
      op(`web sale ${saleId} ${seatIds.join()} ${json(g)}`, (l, now) =>
        sellOnline(l, { saleId, seatIds, ga: g }, now),
      ),
    ),
  id('x').map((saleId) => op(`refund ${saleId}`, (l, now) => refund(l, { saleId }, now))),
  fc.constant(op('expire', (l, now) => expire(l, now))),
);

// Time moves on by 0–8 between steps, so holds and leases (1–20) expire mid-run.
const step = fc.tuple(ops, fc.nat({ max: 8 })).map(([o, tick]) => ({ ...o, tick }));

function next(before: Ledger, result: InventoryResult | Ledger): Ledger {
  if (!('ok' in result)) return result;
  if (result.ok) return result.value;
  expect(result.error.code).toMatch(/^[a-z_]+$/);
  expect(result.error.message.length).toBeGreaterThan(10);
  return before;
}

describe('lease ledger (property)', () => {
  it('sold + held + leased ≤ capacity and no seat is owned twice, at every step of any interleaving', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        let ledger = emptyLedger(CAPACITY);
        let now = 0;
        for (const s of steps) {
          now += s.tick;
          const before = ledger;
          const result = s.run(before, now);
          ledger = next(before, result);
          expect(ledgerBreaches(ledger), `after ${s.name} at t=${now}`).toEqual([]);
          // Renewals and sales from a hold or a lease move places between records of one
          // holder: the venue's free seats and GA stay as they were (after expiry).
          if (s.keepsVenue && 'ok' in result && result.ok) {
            const was = expire(before, now);
            expect(availableSeats(ledger), s.name).toEqual(availableSeats(was));
            expect(gaAvailable(ledger), s.name).toEqual(gaAvailable(was));
          }
          // A sale ends only by its refund: expiry never takes back what was sold.
          for (const saleId of before.sales.keys()) {
            if (!ledger.sales.has(saleId)) expect(s.name).toBe(`refund ${saleId}`);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});
