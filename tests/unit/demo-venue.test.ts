import { afterEach, describe, expect, it } from 'vitest';
import { catalogSchema, indexCatalog, type Catalog } from '../../shared/catalog/catalog';
import { evaluate } from '../../shared/refund-policy/evaluate';
import { priceTicket } from '../../shared/pricing/price-ticket';
import {
  buildDemoCatalog,
  DEMO_VENUE_TEMPLATE,
  zonedDayTime,
} from '../../shared/catalog/demo-venue';
import { loadDemoIfEmpty } from '../../src-renderer/demo/load-demo';
import { catalogVersion } from '../../src-renderer/store/catalog-replica';
import type { BoxOfficeDb } from '../../src-renderer/store/db';
import { openTestDb } from './store-fixtures';

const NOW = Date.parse('2026-03-28T10:00:00Z'); // the day before Kyiv moves to summer time

function demo(now = NOW): Catalog {
  const built = buildDemoCatalog(DEMO_VENUE_TEMPLATE, now);
  if (!built.ok) throw new Error(built.error.message);
  return built.value;
}

const dbs: BoxOfficeDb[] = [];
afterEach(() => {
  for (const d of dbs.splice(0)) d.close();
});

describe('demo venue data', () => {
  it('passes the catalog schema as built', () => {
    const c = demo();
    expect(catalogSchema.safeParse(c).success).toBe(true);
    expect(c.venue).toMatchObject({ currency: 'UAH', timeZone: 'Europe/Kyiv', locale: 'uk-UA' });
  });

  it('has a GA concert, a reserved theatre show on two dates and a cancelled performance', () => {
    const c = demo();
    const idx = indexCatalog(c);
    const ga = c.performances.filter(
      (p) => p.gaCapacity !== undefined && p.seatingPlanId === undefined,
    );
    expect(ga.length).toBeGreaterThanOrEqual(1);
    expect(ga.every((p) => idx.tiersFor(p.id).every((t) => t.kind === 'ga'))).toBe(true);
    const seated = c.performances.filter(
      (p) => p.seatingPlanId !== undefined && p.status === 'scheduled',
    );
    expect(seated.map((p) => p.eventId)).toEqual(['forest-song', 'forest-song']);
    expect(c.performances.filter((p) => p.status === 'cancelled')).toHaveLength(1);
    expect(c.performances.every((p) => Date.parse(p.startsAt) > NOW)).toBe(true);
  });

  it('seats at least 400 in sections and rows with coordinates, two price categories, accessible and companion seats', () => {
    const plan = demo().seatingPlans[0]!;
    const seats = plan.sections.flatMap((s) => s.rows.flatMap((r) => r.seats));
    expect(seats.length).toBeGreaterThanOrEqual(400);
    expect(new Set(seats.map((s) => s.id)).size).toBe(seats.length);
    expect(plan.categories).toHaveLength(2);
    expect(new Set(seats.map((s) => s.categoryId))).toEqual(new Set(['premium', 'standard']));
    expect(seats.filter((s) => s.accessible).length).toBeGreaterThanOrEqual(2);
    expect(seats.filter((s) => s.companion).length).toBeGreaterThanOrEqual(2);
    // No two seats on the same spot.
    expect(new Set(seats.map((s) => `${s.x},${s.y}`)).size).toBe(seats.length);
  });

  it('has three refund policies: generous, standard 100/50/none with fees, strict non-refundable', () => {
    const c = demo();
    expect(c.refundPolicies.map((p) => p.id).sort()).toEqual(['generous', 'standard', 'strict']);
    const standard = c.refundPolicies.find((p) => p.id === 'standard')!;
    expect(standard.windows.map((w) => w.refundBp)).toEqual([10_000, 5_000]);
    expect(standard.fees.percent?.bp).toBeGreaterThan(0);
    const ticket = (hoursBefore: number) => ({
      ticketId: 't',
      tierId: 'standard',
      price: { amount: 60_000, currency: 'UAH' as const },
      bookingFee: { amount: 2_000, currency: 'UAH' as const },
      status: 'valid' as const,
      performance: {
        startsAt: new Date(NOW + hoursBefore * 3_600_000).toISOString(),
        status: 'scheduled' as const,
      },
    });
    expect(evaluate(standard, [ticket(400)], NOW).total.amount).toBe(60_000 - 3_000);
    expect(evaluate(standard, [ticket(100)], NOW).total.amount).toBe(30_000 - 2_000);
    expect(evaluate(standard, [ticket(10)], NOW).anyRefundable).toBe(false);
    const strict = c.refundPolicies.find((p) => p.id === 'strict')!;
    expect(evaluate(strict, [ticket(2_000)], NOW).anyRefundable).toBe(false);
    const generous = c.refundPolicies.find((p) => p.id === 'generous')!;
    expect(evaluate(generous, [ticket(48)], NOW).total.amount).toBe(62_000);
  });

  it('has an early bird, a promo code and a concession that price as described', () => {
    const c = demo();
    const idx = indexCatalog(c);
    expect(new Set(c.priceRules.map((r) => r.kind))).toEqual(
      new Set(['time_window', 'demand', 'promo', 'concession']),
    );
    const later = idx.performance('forest-song-2')!;
    const sooner = idx.performance('forest-song-1')!;
    const tier = idx.tier('standard')!;
    const base = { venue: c.venue, tier, rules: c.priceRules, now: NOW };
    const early = priceTicket({ ...base, performance: later });
    const regular = priceTicket({ ...base, performance: sooner });
    expect(early.ok && early.value.price.amount).toBe(54_000);
    expect(regular.ok && regular.value.price.amount).toBe(60_000);
    const promo = priceTicket({ ...base, performance: sooner, promoCode: 'kyiv10' });
    expect(promo.ok && promo.value.price.amount).toBe(54_000);
    const student = priceTicket({ ...base, performance: sooner, concessionId: 'student' });
    expect(student.ok && student.value).toMatchObject({ price: { amount: 42_000 }, checkId: true });
  });

  it('computes local start times in the venue zone across a DST change', () => {
    // 2026-03-29 03:00 Kyiv goes from +02:00 to +03:00.
    const before = zonedDayTime(NOW, 0, '19:00', 'Europe/Kyiv');
    const after = zonedDayTime(NOW, 2, '19:00', 'Europe/Kyiv');
    expect(new Date(before).toISOString()).toBe('2026-03-28T17:00:00.000Z');
    expect(new Date(after).toISOString()).toBe('2026-03-30T16:00:00.000Z');
    const tonight = demo().performances.find((p) => p.id === 'dnipro-lights-tonight')!;
    expect(tonight.startsAt).toBe('2026-03-28T14:00:00.000Z');
  });

  it('rejects a broken template with a typed error', () => {
    const broken = structuredClone(DEMO_VENUE_TEMPLATE) as { tiers: { refundPolicyId: string }[] };
    broken.tiers[0]!.refundPolicyId = 'nope';
    const r = buildDemoCatalog(broken, NOW);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('invalid_demo_data');
  });
});

describe('loadDemoIfEmpty', () => {
  it('seeds an empty store once: catalog and leases, and no staff (main holds them)', async () => {
    const db = openTestDb();
    dbs.push(db);
    const first = await loadDemoIfEmpty(db, { now: new Date(NOW) });
    expect(first.ok && first.value.loaded).toBe(true);
    expect(await catalogVersion(db)).toBe(1);
    expect(await db.performances.count()).toBe(5);
    // The page keeps no staff and no PIN hashes: main provisions the demo staff.
    expect(await db.staff.count()).toBe(0);
    const leases = await db.leases.toArray();
    expect(
      leases.some((l) => l.performanceId === 'forest-song-1' && (l.seatIds?.length ?? 0) >= 400),
    ).toBe(true);
    expect(leases.some((l) => l.performanceId === 'forest-song-cancelled')).toBe(false);

    const second = await loadDemoIfEmpty(db, { now: new Date(NOW + 86_400_000) });
    expect(second.ok && second.value).toEqual({ loaded: false, reason: 'store_not_empty' });
  });
});
