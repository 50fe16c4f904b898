import { describe, expect, it } from 'vitest';
import type { SeatingPlan } from '../../shared/catalog/schemas';
import { bestAvailable } from '../../src-renderer/flows/best-available';
import { quoteCart } from '../../src-renderer/flows/quote-cart';
import { quickCashAmounts, tenderSummary } from '../../src-renderer/flows/tender-math';
import { demoIndex, NOW, UAH } from './flows-fixtures';

const catalog = demoIndex();
const hall = catalog.plan('main-hall')!;
const allSeats = (plan: SeatingPlan) =>
  plan.sections.flatMap((s) => s.rows.flatMap((r) => r.seats));
const seat = (id: string) => allSeats(hall).find((s) => s.id === id)!;

describe('bestAvailable', () => {
  const everything = new Set(allSeats(hall).map((s) => s.id));

  it('picks a centred block in one row, of the tier category, deterministically', () => {
    const a = bestAvailable(hall, everything, 2, { categoryIds: ['premium'] })!;
    const b = bestAvailable(hall, everything, 2, { categoryIds: ['premium'] })!;
    expect(a).toEqual(b);
    expect(a.together).toBe(true);
    expect(a.seatIds.every((id) => seat(id).categoryId === 'premium')).toBe(true);
    expect(new Set(a.seatIds.map((id) => seat(id).y)).size).toBe(1);
    // Centre seats 10 and 11 of a 20-seat row.
    expect(a.seatIds.map((id) => seat(id).label).sort()).toEqual(['10', '11']);
  });

  it('never splits a block across a gap of sold seats', () => {
    const free = new Set([...everything].filter((id) => seat(id).categoryId === 'standard'));
    // Leave every standard row with runs of at most 2 free seats.
    for (const s of allSeats(hall)) if (Number(s.label) % 3 === 0) free.delete(s.id);
    const r = bestAvailable(hall, free, 3, { categoryIds: ['standard'] })!;
    expect(r.together).toBe(false);
    expect(r.seatIds).toHaveLength(3);
    expect(r.seatIds.every((id) => free.has(id))).toBe(true);
  });

  it('keeps wheelchair and companion places out unless asked for', () => {
    const free = new Set(['stalls-14-1', 'stalls-14-2', 'stalls-14-3']);
    expect(bestAvailable(hall, free, 2, { categoryIds: ['standard'] })).toBeNull();
    const r = bestAvailable(hall, free, 2, { categoryIds: ['standard'], includeAccessible: true })!;
    expect(r.together).toBe(true);
    expect(r.seatIds.every((id) => free.has(id))).toBe(true);
  });

  it('returns null when too few seats are left, or for a bad count', () => {
    expect(bestAvailable(hall, new Set(['stalls-7-1']), 2)).toBeNull();
    expect(bestAvailable(hall, everything, 0)).toBeNull();
    expect(bestAvailable(hall, everything, 1.5)).toBeNull();
  });
});

describe('tender math', () => {
  it('quick cash: exact (rounded to 10 kopiyky), then round notes, ascending and distinct', () => {
    expect(quickCashAmounts(UAH(123.44), 10).map((m) => m.amount)).toEqual([
      12_340, 15_000, 20_000, 50_000,
    ]);
    expect(quickCashAmounts(UAH(1000), 10).map((m) => m.amount)).toEqual([100_000]);
    expect(quickCashAmounts(UAH(0), 10)).toEqual([]);
  });

  it('summary: change from cash over the rounded remainder after cards; refuses a card over the amount due', () => {
    const due = UAH(1240.04);
    const card = { kind: 'card' as const, amount: UAH(1000), approvalCode: 'AB12', last4: '4242' };
    const s = tenderSummary(due, [card, { kind: 'cash', tendered: UAH(300) }], 10);
    expect(s).toMatchObject({
      settled: true,
      nonCash: UAH(1000),
      cashDue: UAH(240),
      change: UAH(60),
    });
    const under = tenderSummary(due, [card], 10);
    expect(under).toMatchObject({ settled: false, cashDue: UAH(240) });
    expect(under.problem?.code).toBe('underpaid');
    const over = tenderSummary(due, [{ ...card, amount: UAH(1300) }], 10);
    expect(over.problem?.code).toBe('overpaid');
  });
});

describe('quoteCart', () => {
  it('prices like the domain: booking fees per ticket, concession, promo only where it applies', () => {
    const q = quoteCart(
      catalog,
      {
        items: [
          { performanceId: 'forest-song-1', tierId: 'premium', seatId: 'stalls-1-1', quantity: 1 },
          {
            performanceId: 'forest-song-1',
            tierId: 'standard',
            seatId: 'stalls-9-1',
            quantity: 1,
            concessionId: 'student',
          },
          { performanceId: 'dnipro-lights-1', tierId: 'ga-fan-zone', quantity: 2 },
        ],
        promoCode: 'KYIV10',
        customerId: null,
      },
      { now: NOW },
    );
    expect(q.ok).toBe(true);
    if (!q.ok) return;
    // premium 1200 −10 % = 1080; standard 600 −10 % promo −30 % student = 378; fan zone 2 × 1500 (no promo).
    expect(q.value.tickets).toEqual(UAH(1080 + 378 + 3000));
    expect(q.value.bookingFees).toEqual(UAH(20 + 20 + 30));
    expect(q.value.checkId).toBe(true);
    expect(q.value.promoCode).toBe('KYIV10');
    expect(q.value.ticketCount).toBe(4);
  });

  it('refuses a cancelled performance and a customer over the per-customer limit', () => {
    const cancelled = quoteCart(
      catalog,
      {
        items: [
          {
            performanceId: 'forest-song-cancelled',
            tierId: 'standard',
            seatId: 'stalls-9-1',
            quantity: 1,
          },
        ],
        promoCode: null,
        customerId: null,
      },
      { now: NOW },
    );
    expect(!cancelled.ok && cancelled.error.code).toBe('sales_closed');
    const held = quoteCart(
      catalog,
      {
        items: [{ performanceId: 'dnipro-lights-1', tierId: 'ga-standing', quantity: 3 }],
        promoCode: null,
        customerId: 'c-1',
      },
      { now: NOW, customerHeld: { 'dnipro-lights-1': 8 } },
    );
    expect(!held.ok && held.error.code).toBe('limit_exceeded');
    const walkIn = quoteCart(
      catalog,
      {
        items: [{ performanceId: 'dnipro-lights-1', tierId: 'ga-standing', quantity: 3 }],
        promoCode: null,
        customerId: null,
      },
      { now: NOW, customerHeld: { 'dnipro-lights-1': 8 } },
    );
    expect(walkIn.ok).toBe(true);
  });
});
