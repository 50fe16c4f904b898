/**
 * The back office's schedule (issue 13 item 6): a manager imports a seating plan from a sheet
 * (CSV) or a plan file (JSON) and adds a performance of an event on it; each is the next
 * catalog version, audited; a till's pull lists the performance and the shared inventory sells
 * exactly the plan's seats. Bad sheets and impossible performances are refused in words and
 * publish nothing. Real HTTP on PGlite/PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexCatalog, type Catalog } from '../../shared/catalog/catalog';
import { priceTicket } from '../../shared/pricing/price-ticket';
import { uah } from '../fixtures/domain';
import { availabilityResponseSchema } from '../../shared/inventory/contract';
import {
  publishFixtureCatalog,
  pulledCatalog,
  startServer,
  type EnrolledTill,
  type TestServer,
} from './harness';

const VENUE = 'podil-stage';
let server: TestServer;
let till: EnrolledTill;

beforeEach(async () => {
  server = await startServer();
  await publishFixtureCatalog(server, VENUE);
  till = await server.enrol();
});
afterEach(async () => {
  await server.close();
});

const post = (path: string, body: unknown) =>
  server.request('POST', `/api/venues/${VENUE}/${path}`, { body, auth: server.managerAuth() });

const pulled = (): Promise<Catalog> => pulledCatalog(server, till);

/** Two rows of the small hall; "stalls" is the category the Stalls tier sells. */
const SHEET = [
  'section,row,seat,category,accessible',
  'Stalls,A,1,Stalls,yes',
  'Stalls,A,2,Stalls,',
  'Stalls,A,3,Stalls,',
  'Stalls,B,1,Stalls,',
  'Stalls,B,2,Stalls,',
].join('\n');
const IN_A_MONTH = new Date(Date.now() + 30 * 24 * 3600 * 1000);
IN_A_MONTH.setUTCHours(16, 0, 0, 0);
const startsAt = IN_A_MONTH.toISOString().replace('.000Z', 'Z');

describe('back-office schedule: seating plans and new performances', () => {
  it('imports a sheet, adds a performance on it; the till pulls it and the inventory sells its 5 seats', async () => {
    const imported = await post('seating-plans', {
      format: 'csv',
      id: 'small-hall',
      name: 'Small hall',
      csv: SHEET,
    });
    expect(imported.status).toBe(201);
    expect(imported.body).toEqual({
      version: 2,
      plan: {
        id: 'small-hall',
        name: 'Small hall',
        sections: 1,
        seats: 5,
        categories: [{ id: 'stalls', name: 'Stalls' }],
      },
    });

    const added = await post('performances', {
      eventId: 'hamlet',
      startsAt,
      seatingPlanId: 'small-hall',
      gaCapacity: 20,
    });
    expect(added.status).toBe(201);
    expect(added.body.version).toBe(3);
    const id: string = added.body.performance.id;
    expect(id).toMatch(/^hamlet-\d{8}-\d{4}$/);

    const catalog = await pulled();
    expect(catalog.version).toBe(3);
    expect(catalog.performances.find((p) => p.id === id)).toMatchObject({
      eventId: 'hamlet',
      status: 'scheduled',
      seatingPlanId: 'small-hall',
      gaCapacity: 20,
    });
    expect(catalog.seatingPlans.find((p) => p.id === 'small-hall')!.sections[0]!.rows).toHaveLength(
      2,
    );

    const res = await server.request('GET', `/api/inventory/performances/${id}`, {
      auth: `Bearer ${till.token}`,
    });
    expect(res.status).toBe(200);
    const availability = availabilityResponseSchema.parse(res.body);
    expect([...availability.seatsAvailable].sort()).toEqual([
      'stalls-a-1',
      'stalls-a-2',
      'stalls-a-3',
      'stalls-b-1',
      'stalls-b-2',
    ]);

    const audit = await server.db.query<{ kind: string; detail: Record<string, unknown> }>(
      `SELECT kind, detail FROM audit_events WHERE venue_id = $1
        AND kind IN ('seating_plan_imported', 'performance_added') ORDER BY at, kind`,
      [VENUE],
    );
    expect(audit.map((a) => a.kind).sort()).toEqual(['performance_added', 'seating_plan_imported']);
    expect(audit.find((a) => a.kind === 'seating_plan_imported')!.detail).toMatchObject({
      planId: 'small-hall',
      seats: 5,
      format: 'csv',
    });
    expect(audit.find((a) => a.kind === 'performance_added')!.detail).toMatchObject({
      performanceId: id,
      eventName: 'Hamlet',
      startsAt,
    });
  });

  it('imports a JSON plan file', async () => {
    const plan = {
      id: 'studio',
      venueId: VENUE,
      name: 'Studio',
      categories: [{ id: 'balcony', name: 'Balcony' }],
      sections: [
        {
          id: 'floor',
          name: 'Floor',
          rows: [
            {
              id: 'r1',
              label: '1',
              seats: [{ id: 'f1', label: '1', x: 0, y: 0, categoryId: 'balcony' }],
            },
          ],
        },
      ],
    };
    const res = await post('seating-plans', { format: 'json', plan });
    expect(res.status).toBe(201);
    expect(res.body.plan).toMatchObject({ id: 'studio', seats: 1 });
    expect((await pulled()).seatingPlans.map((p) => p.id)).toContain('studio');
  });

  it('refuses bad sheets, a plan id in use and impossible performances, in words; nothing published', async () => {
    const bad = await post('seating-plans', {
      format: 'csv',
      id: 'broken',
      name: 'Broken',
      csv: 'section,row,seat,category\nStalls,A,1,Stalls\nStalls,A,1,Stalls\nStalls,,2,Stalls',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('plan_sheet_invalid');
    expect(bad.body.error.message).toBe(
      'Line 3: Seat 1 of row A in Stalls is listed twice. Line 4: No row on this line.',
    );

    const taken = await post('seating-plans', {
      format: 'csv',
      id: 'main-hall',
      name: 'Again',
      csv: SHEET,
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('plan_exists');

    const notJson = await post('seating-plans', { format: 'json', plan: { id: 'x' } });
    expect(notJson.status).toBe(422);
    expect(notJson.body.error.code).toBe('plan_invalid');

    const vip = await post('seating-plans', {
      format: 'csv',
      id: 'vip-box',
      name: 'VIP box',
      csv: 'section,row,seat,category\nBox,1,1,VIP',
    });
    expect(vip.status).toBe(201);
    const unpriced = await post('performances', {
      eventId: 'hamlet',
      startsAt,
      seatingPlanId: 'vip-box',
    });
    expect(unpriced.status).toBe(422);
    expect(unpriced.body.error.code).toBe('plan_not_priced');
    expect(unpriced.body.error.message).toContain('VIP');

    const past = await post('performances', {
      eventId: 'jazz',
      startsAt: '2020-01-01T19:00:00Z',
      gaCapacity: 10,
    });
    expect(past.status).toBe(422);
    expect(past.body.error.code).toBe('start_in_past');

    const nothing = await post('performances', { eventId: 'jazz', startsAt });
    expect(nothing.status).toBe(400);

    const noPlan = await post('performances', {
      eventId: 'hamlet',
      startsAt,
      seatingPlanId: 'nowhere',
    });
    expect(noPlan.status).toBe(404);

    const first = await post('performances', { eventId: 'jazz', startsAt, gaCapacity: 50 });
    expect(first.status).toBe(201);
    const twin = await post('performances', { eventId: 'jazz', startsAt, gaCapacity: 50 });
    expect(twin.status).toBe(409);
    expect(twin.body.error.code).toBe('performance_exists');

    // Published: the VIP plan (v2) and the first jazz night (v3); nothing from the refusals.
    const catalog = await pulled();
    expect(catalog.version).toBe(3);
    expect(catalog.performances.filter((p) => p.eventId === 'jazz')).toHaveLength(2);
  });
});

describe('back-office events and tiers', () => {
  it('adds an event, a standing tier and a seated tier, then a performance sells them; a tier is renamed', async () => {
    const event = await post('events', { name: 'Winter Gala' });
    expect(event.status).toBe(201);
    expect(event.body.event).toEqual({ id: 'winter-gala', venueId: VENUE, name: 'Winter Gala' });

    const standing = await post('tiers', {
      kind: 'ga',
      eventId: 'winter-gala',
      name: 'Standing',
      price: 30_000,
      bookingFee: 1_000,
      taxRateBp: 2000,
      refundPolicyId: 'std',
      gaQuota: 50,
    });
    expect(standing.status).toBe(201);
    expect(standing.body.tier).toMatchObject({
      id: 'winter-gala-standing',
      kind: 'ga',
      price: { amount: 30_000, currency: 'UAH' },
      bookingFee: { amount: 1_000, currency: 'UAH' },
      gaQuota: 50,
    });
    const seated = await post('tiers', {
      kind: 'seated',
      eventId: 'winter-gala',
      name: 'Stalls',
      price: 60_000,
      taxRateBp: 2000,
      refundPolicyId: 'std',
      seatCategoryIds: ['stalls'],
    });
    expect(seated.status).toBe(201);

    const show = await post('performances', {
      eventId: 'winter-gala',
      startsAt,
      seatingPlanId: 'main-hall',
      gaCapacity: 50,
    });
    expect(show.status).toBe(201);

    const renamed = await server.request('PATCH', `/api/venues/${VENUE}/tiers/winter-gala-stalls`, {
      body: { name: 'Front stalls' },
      auth: server.managerAuth(),
    });
    expect(renamed.status).toBe(200);

    const catalog = await pulled();
    expect(catalog.version).toBe(6);
    expect(
      catalog.tiers.filter((t) => t.eventId === 'winter-gala').map((t) => [t.id, t.name]),
    ).toEqual([
      ['winter-gala-standing', 'Standing'],
      ['winter-gala-stalls', 'Front stalls'],
    ]);
    const kinds = await server.db.query<{ kind: string }>(
      `SELECT kind FROM audit_events WHERE venue_id = $1 AND kind IN ('event_added', 'tier_added') ORDER BY kind`,
      [VENUE],
    );
    expect(kinds.map((k) => k.kind)).toEqual(['event_added', 'tier_added', 'tier_added']);
  });

  it('refuses a second event or tier of the same name, unknown policies and seat categories; nothing published', async () => {
    expect((await post('events', { name: 'hamlet' })).body.error.code).toBe('event_exists');
    const base = {
      kind: 'seated',
      eventId: 'hamlet',
      price: 1000,
      taxRateBp: 2000,
      refundPolicyId: 'std',
    };
    const twin = await post('tiers', { ...base, name: 'Stalls', seatCategoryIds: ['stalls'] });
    expect([twin.status, twin.body.error.code]).toEqual([409, 'tier_exists']);
    const noPolicy = await post('tiers', {
      ...base,
      name: 'Boxes',
      refundPolicyId: 'nowhere',
      seatCategoryIds: ['stalls'],
    });
    expect([noPolicy.status, noPolicy.body.error.code]).toEqual([404, 'policy_not_found']);
    const noCategory = await post('tiers', { ...base, name: 'Boxes', seatCategoryIds: ['boxes'] });
    expect([noCategory.status, noCategory.body.error.code]).toEqual([422, 'unknown_category']);
    expect(noCategory.body.error.message).toBe('No seating plan has the seat categories boxes.');
    const noEvent = await post('tiers', {
      ...base,
      eventId: 'opera',
      name: 'Boxes',
      seatCategoryIds: ['stalls'],
    });
    expect(noEvent.status).toBe(404);
    expect((await pulled()).version).toBe(1);
  });
});

describe('back-office price rules', () => {
  it('adds a promo code a till then prices by, and removes a rule; both audited', async () => {
    const added = await post('price-rules', {
      kind: 'promo',
      label: 'Hamlet friends −15 %',
      code: 'HAMLET15',
      adjustment: { type: 'percent', bp: -1500 },
      tierIds: ['hamlet-stalls'],
    });
    expect(added.status).toBe(201);
    expect(added.body.rule).toMatchObject({
      id: 'hamlet-friends-15',
      code: 'HAMLET15',
      priority: 0,
    });

    const catalog = await pulled();
    const index = indexCatalog(catalog);
    const priced = priceTicket({
      venue: catalog.venue,
      performance: index.performance('hamlet-0502')!,
      tier: index.tier('hamlet-stalls')!,
      rules: index.rules(),
      now: Date.parse('2026-04-20T12:00:00Z'),
      promoCode: 'HAMLET15',
      promoUses: 0,
    });
    expect(priced.ok && priced.value.price).toEqual(uah(340));

    const removed = await server.request('DELETE', `/api/venues/${VENUE}/price-rules/early-bird`, {
      auth: server.managerAuth(),
    });
    expect(removed.status).toBe(200);
    expect((await pulled()).priceRules.map((r) => r.id)).not.toContain('early-bird');
    const audit = await server.db.query<{ kind: string }>(
      `SELECT kind FROM audit_events WHERE venue_id = $1 AND kind LIKE 'price_rule_%' ORDER BY kind`,
      [VENUE],
    );
    expect(audit.map((a) => a.kind)).toEqual(['price_rule_added', 'price_rule_removed']);
  });

  it('refuses a code in use, unknown tiers, a window without time, a rule that is not there', async () => {
    const promo = { kind: 'promo', label: 'Again', adjustment: { type: 'percent', bp: -500 } };
    const twin = await post('price-rules', { ...promo, code: 'SPRING10' });
    expect([twin.status, twin.body.error.code]).toEqual([409, 'promo_exists']);
    const tier = await post('price-rules', { ...promo, code: 'NEW5', tierIds: ['opera-box'] });
    expect([tier.status, tier.body.error.code]).toEqual([422, 'unknown_tier']);
    const window = await post('price-rules', {
      kind: 'time_window',
      label: 'Someday',
      adjustment: { type: 'percent', bp: -500 },
    });
    expect([window.status, window.body.error.code]).toEqual([422, 'window_without_time']);
    const badCode = await post('price-rules', { ...promo, code: 'lower case' });
    expect(badCode.status).toBe(400);
    const gone = await server.request('DELETE', `/api/venues/${VENUE}/price-rules/nowhere`, {
      auth: server.managerAuth(),
    });
    expect([gone.status, gone.body.error.code]).toEqual([404, 'rule_not_found']);
    expect((await pulled()).version).toBe(1);
  });
});
