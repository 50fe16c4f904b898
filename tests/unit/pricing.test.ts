import { describe, expect, it } from 'vitest';
import { catalogSchema, indexCatalog, type PriceRule } from '../../shared/catalog';
import {
  checkPurchaseLimits,
  localDate,
  priceTicket,
  type PricingInput,
} from '../../shared/pricing';
import { CATALOG_INPUT, makeCatalog, uah } from '../fixtures/domain';

const catalog = makeCatalog();
const at = (iso: string) => Date.parse(iso);

function input(
  over: Partial<PricingInput> & { tierId?: string; performanceId?: string } = {},
): PricingInput {
  const { tierId = 'hamlet-stalls', performanceId = 'hamlet-0501', ...rest } = over;
  return {
    venue: catalog.venue,
    performance: catalog.performance(performanceId)!,
    tier: catalog.tier(tierId)!,
    rules: catalog.rules(),
    now: at('2026-04-01T12:00:00+03:00'),
    ...rest,
  };
}

const price = (over: Parameters<typeof input>[0] = {}) => {
  const r = priceTicket(input(over));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('pricing', () => {
  it('is the tier price when no rule applies', () => {
    const p = price();
    expect(p.price).toEqual(uah(400));
    expect(p.bookingFee).toEqual(uah(10));
    expect(p.adjustments).toEqual([]);
    expect(p.taxRateBp).toBe(2000);
    expect(price({ tierId: 'hamlet-balcony' }).bookingFee).toEqual(uah(0));
  });

  it('applies the early-bird window until its end', () => {
    expect(price({ now: at('2026-02-28T21:59:59+00:00') }).price).toEqual(uah(320));
    expect(price({ now: at('2026-02-28T22:00:00+00:00') }).price).toEqual(uah(400));
    expect(price({ now: at('2026-02-01T00:00:00Z'), tierId: 'hamlet-standing' }).price).toEqual(
      uah(150),
    );
  });

  it('raises the price once 80 % is sold', () => {
    expect(price({ demand: { sold: 79, capacity: 100 } }).price).toEqual(uah(400));
    const hot = price({ demand: { sold: 80, capacity: 100 } });
    expect(hot.price).toEqual(uah(440));
    expect(hot.adjustments).toEqual([
      { ruleId: 'hot', kind: 'demand', label: 'High demand', amount: uah(40) },
    ]);
    expect(price({ demand: { sold: 0, capacity: 0 } }).price).toEqual(uah(400));
  });

  it('stacks rules in a fixed order: automatic, then promo, then concession', () => {
    const p = price({
      now: at('2026-02-01T00:00:00Z'),
      demand: { sold: 90, capacity: 100 },
      promoCode: ' spring10 ',
      concessionId: 'student',
    });
    // 400 −20 % = 320, +10 % = 352, −10 % = 316.80, −25 % = 237.60
    expect(p.adjustments.map((a) => [a.ruleId, a.amount.amount])).toEqual([
      ['early-bird', -8000],
      ['hot', 3200],
      ['spring', -3520],
      ['student', -7920],
    ]);
    expect(p.price).toEqual(uah(237.6));
    expect(p.checkId).toBe(true);
    expect(p.promoCode).toBe('SPRING10');
    expect(p.concessionId).toBe('student');
  });

  it('refuses unknown or used-up promo codes and unknown concessions', () => {
    const unknown = priceTicket(input({ promoCode: 'FREE' }));
    expect(unknown.ok || unknown.error).toMatchObject({
      code: 'invalid_argument',
      details: { field: 'promoCode' },
    });
    const usedUp = priceTicket(input({ promoCode: 'SPRING10', promoUses: 3 }));
    expect(usedUp.ok || usedUp.error).toMatchObject({ code: 'limit_exceeded' });
    const wrongTier = priceTicket(input({ promoCode: 'SPRING10', tierId: 'hamlet-promo' }));
    expect(wrongTier.ok).toBe(false);
    const concession = priceTicket(input({ concessionId: 'pensioner' }));
    expect(concession.ok || concession.error).toMatchObject({
      code: 'invalid_argument',
      details: { field: 'concessionId' },
    });
    expect(price({ promoCode: '  ' }).promoCode).toBeUndefined();
  });

  it('charges the door price on the day of the show, in the venue time zone', () => {
    const jazz = { tierId: 'jazz-ga', performanceId: 'jazz-0510' };
    // 23:30 on 9 May in Kyiv is 20:30 UTC: still the day before
    expect(price({ ...jazz, now: at('2026-05-09T20:30:00Z') }).price).toEqual(uah(300));
    // 00:30 on 10 May in Kyiv is 21:30 UTC on the 9th
    expect(price({ ...jazz, now: at('2026-05-09T21:30:00Z') }).price).toEqual(uah(350));
    expect(localDate(at('2026-05-09T21:30:00Z'), 'Europe/Kyiv')).toBe('2026-05-10');
  });

  it('handles relative windows and never prices below zero', () => {
    const rules: PriceRule[] = [
      {
        id: 'last',
        label: 'Last minute',
        kind: 'time_window',
        maxHoursBefore: 2,
        adjustment: { type: 'percent', bp: -5000 },
        priority: 0,
      },
      {
        id: 'far',
        label: 'Far out',
        kind: 'time_window',
        minHoursBefore: 24 * 60,
        adjustment: { type: 'fixed', amount: uah(-1000) },
        priority: 1,
      },
      {
        id: 'b-rule',
        label: 'B',
        kind: 'demand',
        minSoldBp: 0,
        adjustment: { type: 'fixed', amount: uah(1) },
        priority: 5,
      },
      {
        id: 'a-rule',
        label: 'A',
        kind: 'demand',
        minSoldBp: 0,
        adjustment: { type: 'fixed', amount: uah(2) },
        priority: 5,
      },
    ];
    const start = at('2026-05-01T19:00:00+03:00');
    expect(price({ rules, now: start - 3600_000 }).price).toEqual(uah(200));
    expect(price({ rules, now: start - 3 * 3600_000 }).price).toEqual(uah(400));
    const far = price({
      rules,
      now: at('2026-01-01T00:00:00Z'),
      demand: { sold: 1, capacity: 10 },
    });
    expect(far.price).toEqual(uah(3));
    expect(far.adjustments.map((a) => [a.ruleId, a.amount.amount])).toEqual([
      ['far', -40000],
      ['a-rule', 200],
      ['b-rule', 100],
    ]);
    const windowed: PriceRule[] = [
      {
        id: 'w',
        label: 'W',
        kind: 'time_window',
        from: '2026-03-01T00:00:00Z',
        adjustment: { type: 'percent', bp: 1000 },
        priority: 0,
      },
    ];
    expect(price({ rules: windowed, now: at('2026-02-01T00:00:00Z') }).price).toEqual(uah(400));
    expect(price({ rules: windowed }).price).toEqual(uah(440));
    const limited: PriceRule[] = [
      {
        id: 'p',
        label: 'P',
        kind: 'demand',
        minSoldBp: 0,
        performanceIds: ['hamlet-0502'],
        adjustment: { type: 'percent', bp: 1000 },
        priority: 0,
      },
    ];
    expect(price({ rules: limited, demand: { sold: 1, capacity: 1 } }).price).toEqual(uah(400));
  });

  it('is deterministic whatever order the rules are listed in', () => {
    const rules = [...catalog.rules()].reverse();
    const a = price({
      now: at('2026-02-01T00:00:00Z'),
      demand: { sold: 90, capacity: 100 },
      promoCode: 'SPRING10',
    });
    const b = price({
      rules,
      now: at('2026-02-01T00:00:00Z'),
      demand: { sold: 90, capacity: 100 },
      promoCode: 'SPRING10',
    });
    expect(b).toEqual(a);
  });
});

describe('purchase limits', () => {
  const t = (n: number, tierId = 'hamlet-stalls', performanceId = 'hamlet-0501') =>
    Array.from({ length: n }, () => ({ tierId, performanceId }));

  it('caps tickets per tier per order', () => {
    expect(checkPurchaseLimits(t(8), catalog).ok).toBe(true);
    const r = checkPurchaseLimits(t(9), catalog);
    expect(r.ok || r.error).toMatchObject({
      code: 'limit_exceeded',
      message: 'At most 8 Stalls tickets per order; this order has 9.',
    });
  });

  it('caps what one customer holds per performance', () => {
    expect(checkPurchaseLimits(t(6, 'hamlet-standing'), catalog, {}).ok).toBe(true);
    const r = checkPurchaseLimits(t(2, 'hamlet-standing'), catalog, { 'hamlet-0501': 5 });
    expect(r.ok || r.error).toMatchObject({
      code: 'limit_exceeded',
      details: { limit: 6, held: 5, requested: 2 },
    });
    // hamlet-0502 has no per-customer limit; and without a customer only order limits apply
    expect(
      checkPurchaseLimits(t(7, 'hamlet-standing', 'hamlet-0502'), catalog, { 'hamlet-0502': 50 })
        .ok,
    ).toBe(true);
    expect(checkPurchaseLimits(t(7, 'hamlet-standing'), catalog).ok).toBe(true);
  });

  it('ignores tiers it does not know (the sell command checks them first)', () => {
    const c = indexCatalog(catalogSchema.parse(CATALOG_INPUT));
    expect(checkPurchaseLimits([{ tierId: 'ghost', performanceId: 'ghost' }], c, {}).ok).toBe(true);
  });
});
