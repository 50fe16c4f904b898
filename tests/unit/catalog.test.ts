import { describe, expect, it } from 'vitest';
import {
  catalogSchema,
  hasRole,
  higherRole,
  indexCatalog,
  performanceSchema,
  priceTierSchema,
  roleRank,
  seatingPlanSchema,
  venueSchema,
  type CatalogInput,
} from '../../shared/catalog';
import { money } from '../../shared/money';
import { CATALOG_INPUT, makeCatalog, uah } from '../fixtures/domain';

const clone = (): CatalogInput => structuredClone(CATALOG_INPUT);

describe('catalog', () => {
  it('parses the demo venue and indexes it', () => {
    const c = makeCatalog();
    expect(c.venue.currency).toBe('UAH');
    expect(c.event('hamlet')?.name).toBe('Hamlet');
    expect(c.performance('hamlet-0415')?.status).toBe('cancelled');
    expect(c.tier('hamlet-stalls')?.price).toEqual(uah(400));
    expect(c.policy('std')?.windows).toHaveLength(2);
    expect(c.plan('main-hall')?.sections).toHaveLength(2);
    expect(c.seat('main-hall', 'A1')).toMatchObject({
      sectionId: 'stalls',
      rowId: 'A',
      seat: { accessible: true, companion: false },
    });
    expect(c.seat('main-hall', 'Z9')).toBeUndefined();
    expect(c.seat('nope', 'A1')).toBeUndefined();
    expect(c.tiersFor('hamlet-0501').map((t) => t.id)).toEqual([
      'hamlet-stalls',
      'hamlet-balcony',
      'hamlet-standing',
      'hamlet-promo',
    ]);
    expect(c.tiersFor('unknown')).toEqual([]);
    expect(c.rules().length).toBe(5);
  });

  it('limits a tier to some performances', () => {
    const input = clone();
    input.tiers[0] = { ...input.tiers[0]!, performanceIds: ['hamlet-0502'] };
    const c = indexCatalog(catalogSchema.parse(input));
    expect(c.tiersFor('hamlet-0501').map((t) => t.id)).not.toContain('hamlet-stalls');
    expect(c.tiersFor('hamlet-0502').map((t) => t.id)).toContain('hamlet-stalls');
  });

  const broken: [string, (c: CatalogInput) => void, string][] = [
    [
      'a tier of an unknown event',
      (c) => void (c.tiers[0] = { ...c.tiers[0]!, eventId: 'ghost' }),
      'unknown event ghost',
    ],
    [
      'a tier with an unknown policy',
      (c) => void (c.tiers[0] = { ...c.tiers[0]!, refundPolicyId: 'ghost' }),
      'unknown refund policy',
    ],
    [
      'a tier priced in euros',
      (c) => void (c.tiers[0] = { ...c.tiers[0]!, price: money(100, 'EUR') }),
      'not priced in UAH',
    ],
    [
      'a tier limited to an unknown performance',
      (c) => void (c.tiers[0] = { ...c.tiers[0]!, performanceIds: ['ghost'] }),
      'unknown performance',
    ],
    [
      'a performance of an unknown event',
      (c) => void (c.performances[0] = { ...c.performances[0]!, eventId: 'ghost' }),
      'unknown event',
    ],
    [
      'a performance with an unknown plan',
      (c) => void (c.performances[0] = { ...c.performances[0]!, seatingPlanId: 'ghost' }),
      'unknown seating plan',
    ],
    [
      'an event of another venue',
      (c) => void (c.events[0] = { ...c.events[0]!, venueId: 'elsewhere' }),
      'another venue',
    ],
    ['two events with one id', (c) => void c.events.push({ ...c.events[0]! }), 'used twice'],
    [
      'a euro policy in a hryvnia venue',
      (c) => void (c.refundPolicies[1] = { ...c.refundPolicies[1]!, currency: 'EUR' }),
      'not in UAH',
    ],
    [
      'two policies with one id',
      (c) => void c.refundPolicies.push({ ...c.refundPolicies[0]! }),
      'share id std',
    ],
    [
      'a fixed price rule in euros',
      (c) =>
        void c.priceRules!.push({
          id: 'eur',
          label: 'x',
          kind: 'demand',
          minSoldBp: 1,
          adjustment: { type: 'fixed', amount: money(1, 'EUR') },
        }),
      'not in UAH',
    ],
  ];
  it.each(broken)('refuses %s', (_name, breakIt, message) => {
    const input = clone();
    breakIt(input);
    const r = catalogSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain(message);
  });

  it('validates the pieces', () => {
    expect(
      venueSchema.safeParse({ ...CATALOG_INPUT.venue, timeZone: 'Mars/Olympus' }).success,
    ).toBe(false);
    expect(venueSchema.safeParse({ ...CATALOG_INPUT.venue, locale: 'ukrainian' }).success).toBe(
      false,
    );
    expect(
      performanceSchema.safeParse({
        ...CATALOG_INPUT.performances[0],
        startsAt: '2026-05-01 19:00',
      }).success,
    ).toBe(false);
    expect(
      performanceSchema.safeParse({
        ...CATALOG_INPUT.performances[0],
        salesOpenAt: '2026-05-01T00:00:00Z',
        salesCloseAt: '2026-04-01T00:00:00Z',
      }).success,
    ).toBe(false);
    expect(
      priceTierSchema.safeParse({ ...CATALOG_INPUT.tiers[0], seatCategoryIds: [] }).success,
    ).toBe(false);
    expect(priceTierSchema.safeParse({ ...CATALOG_INPUT.tiers[0], id: '-bad' }).success).toBe(
      false,
    );
    const plan = structuredClone(CATALOG_INPUT.seatingPlans![0]!);
    plan.sections[0]!.rows[1]!.seats[0]!.id = 'A1';
    plan.sections[0]!.rows[1]!.seats[1]!.categoryId = 'vip';
    const r = seatingPlanSchema.safeParse(plan);
    expect(JSON.stringify(r.error?.issues)).toContain('Seat id A1 is used twice');
    expect(JSON.stringify(r.error?.issues)).toContain('unknown category vip');
  });

  it('orders roles', () => {
    expect(roleRank('kiosk')).toBeLessThan(roleRank('manager'));
    expect(hasRole('manager', 'supervisor')).toBe(true);
    expect(hasRole('cashier', 'supervisor')).toBe(false);
    expect(higherRole('cashier', 'supervisor')).toBe('supervisor');
    expect(higherRole('manager', 'kiosk')).toBe('manager');
  });
});
