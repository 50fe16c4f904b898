/**
 * The server's inventory (issue 12): holds and leases over real HTTP, decided by the shared
 * ledger under the performance's row lock — on PGlite and, with SERVER_TEST_DATABASE_URL, on
 * PostgreSQL (where concurrent requests really run on several connections).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDemoCatalog, DEMO_VENUE_TEMPLATE } from '../../shared/catalog/demo-venue';
import type { LeaseLimits } from '../../shared/inventory';
import {
  availabilityResponseSchema,
  holdResponseSchema,
  leaseResponseSchema,
} from '../../shared/inventory/contract';
import { seedFirstCatalog } from '../../src-server/catalog/catalogs';
import { seedDemo } from '../../src-server/venues';
import { twoShiftDay } from '../unit/journal-day';
import { sealAs, startServer, type EnrolledTill, type TestServer, fixtureCatalog } from './harness';

const SEATED = 'forest-song-1'; // the demo venue's main hall: 424 seats
const GA_NIGHT = 'dnipro-lights-tonight'; // standing 700 + fan zone 100, but 300 in all

let server: TestServer;
let till: EnrolledTill;
beforeEach(async () => {
  server = await startServer();
  await seedDemo(server.db);
  till = await server.enrol();
});
afterEach(async () => {
  await server.close();
});

const as = (t: EnrolledTill) => `Bearer ${t.token}`;
const holdSeats = (t: EnrolledTill, body: object) =>
  server.request('POST', '/api/inventory/holds', { body, auth: as(t) });
const lease = (t: EnrolledTill, body: object) =>
  server.request('POST', '/api/inventory/leases', { body, auth: as(t) });
async function availability(performanceId: string, t = till) {
  const res = await server.request('GET', `/api/inventory/performances/${performanceId}`, {
    auth: as(t),
  });
  expect(res.status).toBe(200);
  return availabilityResponseSchema.parse(res.body);
}
/** A manager publishes the demo catalog again with other lease bounds (`PUT …/catalog`). */
function putLeaseLimits(leaseLimits: LeaseLimits, version: number) {
  const demo = buildDemoCatalog(DEMO_VENUE_TEMPLATE, Date.now());
  if (!demo.ok) throw new Error(demo.error.message);
  const body = { ...demo.value, version, venue: { ...demo.value.venue, leaseLimits } };
  return server.request('PUT', '/api/venues/podil-stage/catalog', {
    body,
    auth: server.managerAuth(),
  });
}
async function publishLeaseLimits(leaseLimits: LeaseLimits, version: number) {
  expect((await putLeaseLimits(leaseLimits, version)).status).toBe(200);
}
/** Time passes for every live hold and lease of the venue (as if their expiry came). */
const expireAll = async () => {
  await server.db.query(
    `UPDATE inventory_holds SET expires_at = now() - interval '1 second' WHERE status = 'active'`,
  );
  await server.db.query(
    `UPDATE inventory_leases SET expires_at = now() - interval '1 second' WHERE status = 'active'`,
  );
};

describe('inventory: holds', () => {
  it('a held seat is refused to every other window, renewed by its holder, and free again once released', async () => {
    const other = await server.enrol();
    const held = await holdSeats(till, {
      performanceId: SEATED,
      seatIds: ['stalls-1-1', 'stalls-1-2'],
    });
    expect(held.status).toBe(201);
    expect(held.body.hold).toMatchObject({
      performanceId: SEATED,
      seatIds: ['stalls-1-1', 'stalls-1-2'],
    });
    const holdId = held.body.hold.holdId as string;

    const refused = await holdSeats(other, {
      performanceId: SEATED,
      seatIds: ['stalls-1-2', 'stalls-1-3'],
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('seat_taken');
    expect(refused.body.error.message).toMatch(/Seat stalls-1-2 is already held, leased or sold/);
    const leaseOver = await lease(other, {
      performanceId: SEATED,
      seatIds: ['stalls-1-1', 'stalls-1-4', 'stalls-1-5', 'stalls-1-6'],
    });
    expect([leaseOver.status, leaseOver.body.error.code]).toEqual([409, 'seat_taken']);

    const stolen = await server.request('POST', `/api/inventory/holds/${holdId}/renew`, {
      body: {},
      auth: as(other),
    });
    expect(stolen.status).toBe(403);
    expect(stolen.body.error.code).toBe('not_your_hold');
    const renewed = await server.request('POST', `/api/inventory/holds/${holdId}/renew`, {
      body: { ttlSeconds: 900 },
      auth: as(till),
    });
    expect(renewed.status).toBe(200);
    const expiry = (res: { body: unknown }) => holdResponseSchema.parse(res.body).hold.expiresAt;
    expect(Date.parse(expiry(renewed))).toBeGreaterThan(Date.parse(expiry(held)));
    expect((await availability(SEATED)).held).toEqual({ seats: 2, ga: 0 });

    expect(
      (await server.request('DELETE', `/api/inventory/holds/${holdId}`, { auth: as(other) }))
        .status,
    ).toBe(403);
    const released = await server.request('DELETE', `/api/inventory/holds/${holdId}`, {
      auth: as(till),
    });
    expect(released.status).toBe(204);
    expect(
      (await holdSeats(other, { performanceId: SEATED, seatIds: ['stalls-1-2'] })).status,
    ).toBe(201);
    const rows = await server.db.query<{ status: string }>(
      `SELECT status FROM inventory_holds WHERE hold_id = $1`,
      [holdId],
    );
    expect(rows).toEqual([{ status: 'released' }]);
  });

  it('concurrent holds of one seat from five tills: exactly one wins', async () => {
    const tills = [till, ...(await Promise.all([1, 2, 3, 4].map(() => server.enrol())))];
    // Warm: the catalog parsed and the performance's lock row made, so the 20 below race.
    expect((await holdSeats(till, { performanceId: SEATED, seatIds: ['stalls-3-8'] })).status).toBe(
      201,
    );
    const answers = await Promise.all(
      tills.flatMap((t) =>
        [0, 1, 2, 3].map(() => holdSeats(t, { performanceId: SEATED, seatIds: ['stalls-3-7'] })),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const active = await server.db.query(
      `SELECT hold_id FROM inventory_holds WHERE performance_id = $1 AND status = 'active'
       AND 'stalls-3-7' = ANY(seat_ids)`,
      [SEATED],
    );
    expect(active).toHaveLength(1);
  });

  it('GA: an area’s quota and the night’s total both bind, under concurrent holds', async () => {
    const start = await availability(GA_NIGHT);
    expect(start.gaAvailable).toEqual({ 'ga-standing': 300, 'ga-fan-zone': 100 });
    // 12 holds of 30 standing places at once: 300 in all, so exactly 10 win.
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        holdSeats(till, { performanceId: GA_NIGHT, ga: { 'ga-standing': 30 } }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(10);
    const refused = answers.find((a) => a.status === 409)!;
    expect(refused.body.error).toMatchObject({ code: 'ga_sold_out' });
    expect(refused.body.error.message).toMatch(/Only 0 standing places left/);
    expect((await availability(GA_NIGHT)).gaAvailable).toEqual({
      'ga-standing': 0,
      'ga-fan-zone': 0,
    });
  });

  it('expired holds and leases give their seats back to the venue', async () => {
    const held = await holdSeats(till, { performanceId: SEATED, seatIds: ['stalls-2-1'] });
    const leased = await lease(till, { performanceId: SEATED, seats: 10 });
    expect([held.status, leased.status]).toEqual([201, 201]);
    expect((await availability(SEATED)).seatsAvailable).toHaveLength(424 - 11);
    await expireAll();
    expect((await availability(SEATED)).seatsAvailable).toHaveLength(424);
    const other = await server.enrol();
    expect(
      (await holdSeats(other, { performanceId: SEATED, seatIds: ['stalls-2-1'] })).status,
    ).toBe(201);
    // The operation that found them expired recorded it.
    const statuses = await server.db.query<{ status: string }>(
      `SELECT status FROM inventory_holds WHERE hold_id = $1
       UNION ALL SELECT status FROM inventory_leases WHERE lease_id = $2`,
      [held.body.hold.holdId, leased.body.lease.leaseId],
    );
    expect(statuses).toEqual([{ status: 'expired' }, { status: 'expired' }]);
    const renew = await server.request(
      'POST',
      `/api/inventory/holds/${held.body.hold.holdId}/renew`,
      { body: {}, auth: as(till) },
    );
    expect(renew.status).toBe(404);
    expect(renew.body.error.code).toBe('hold_not_found');
  });
});

describe('inventory: leases', () => {
  it('concurrent lease checkouts never hand out more than is unsold, and no seat twice', async () => {
    const held = await holdSeats(till, {
      performanceId: SEATED,
      seatIds: ['stalls-1-1', 'stalls-1-2', 'stalls-1-3'],
    });
    expect(held.status).toBe(201);
    // Leases of up to 50 seats at this venue (the demo's setting is 40).
    await publishLeaseLimits({ minSeats: 1, maxSeats: 50, minGa: 1, maxGa: 100 }, 2);
    const tills = [till, ...(await Promise.all([1, 2, 3, 4].map(() => server.enrol())))];
    // 5 tills × 2 requests × 50 seats = 500 asked; 421 unsold and unheld.
    const answers = await Promise.all(
      tills.flatMap((t) => [0, 1].map(() => lease(t, { performanceId: SEATED, seats: 50 }))),
    );
    const leases = answers
      .filter((a) => a.status === 201)
      .map((a) => leaseResponseSchema.parse(a.body).lease);
    const seats = leases.flatMap((l) => l.seatIds);
    expect(seats).toHaveLength(421);
    expect(new Set(seats).size).toBe(421);
    expect(seats).not.toContain('stalls-1-1');
    const soldOut = answers.filter((a) => a.status === 409);
    expect(soldOut.map((a) => (a.body as { error: { code: string } }).error.code)).toEqual([
      'sold_out',
    ]);
    const after = await availability(SEATED);
    expect(after).toMatchObject({ seatsAvailable: [], held: { seats: 3 }, leased: { seats: 421 } });

    // A returned lease's seats are the venue's again, and only its till may return it.
    const first = leases[0]!;
    const ret = (t: EnrolledTill) =>
      server.request('POST', `/api/inventory/leases/${first.leaseId}/return`, { auth: as(t) });
    const ownerIndex = answers.findIndex((a) => a.body?.lease?.leaseId === first.leaseId);
    const owner = tills[Math.floor(ownerIndex / 2)]!;
    for (const t of tills.filter((t) => t !== owner)) {
      const refused = await ret(t);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('not_your_lease');
    }
    const returned = await ret(owner);
    expect(returned.status).toBe(200);
    expect(returned.body.lease.seatIds).toEqual(first.seatIds);
    expect((await availability(SEATED)).seatsAvailable).toEqual(first.seatIds);
  });

  it('sizes a lease within the venue setting (demo: 4–40 seats, 4–60 GA an area), and follows a new catalog', async () => {
    const refusal = (res: {
      status: number;
      body: { error?: { code: string; message: string } };
    }) => [res.status, res.body.error?.code, res.body.error?.message] as const;
    const free = (await availability(SEATED)).seatsAvailable;
    for (const body of [
      { performanceId: SEATED, seats: 41 },
      { performanceId: SEATED, seatIds: free.slice(0, 41) },
    ]) {
      expect(refusal(await lease(till, body))).toEqual([
        422,
        'lease_too_large',
        'A lease holds at most 40 seats and 60 standing places of an area (venue setting).',
      ]);
    }
    expect(refusal(await lease(till, { performanceId: SEATED, seats: 3 }))).toEqual([
      422,
      'lease_too_small',
      'A lease holds at least 4 seats or 4 standing places of an area (venue setting).',
    ]);
    expect((await availability(SEATED)).leased.seats).toBe(0);
    // At the max and below it: fine.
    const atMax = await lease(till, { performanceId: SEATED, seats: 40 });
    expect(atMax.status).toBe(201);
    expect(leaseResponseSchema.parse(atMax.body).lease.seatIds).toHaveLength(40);
    expect((await lease(till, { performanceId: SEATED, seats: 4 })).status).toBe(201);
    expect((await availability(SEATED)).leased.seats).toBe(44);

    // GA: per area, as the till sizes it.
    const gaTooMany = await lease(till, { performanceId: GA_NIGHT, ga: { 'ga-fan-zone': 61 } });
    expect(refusal(gaTooMany).slice(0, 2)).toEqual([422, 'lease_too_large']);
    const ga = await lease(till, {
      performanceId: GA_NIGHT,
      ga: { 'ga-fan-zone': 60, 'ga-standing': 60 },
    });
    expect(ga.status).toBe(201);
    expect((await availability(GA_NIGHT)).gaAvailable['ga-fan-zone']).toBe(40);

    // A manager narrows the setting: the next checkout follows the newest catalog.
    await publishLeaseLimits({ minSeats: 2, maxSeats: 10, minGa: 1, maxGa: 5 }, 2);
    expect(refusal(await lease(till, { performanceId: SEATED, seats: 11 }))).toEqual([
      422,
      'lease_too_large',
      'A lease holds at most 10 seats and 5 standing places of an area (venue setting).',
    ]);
    expect((await lease(till, { performanceId: SEATED, seats: 10 })).status).toBe(201);
    expect((await lease(till, { performanceId: SEATED, seats: 2 })).status).toBe(201);
    expect((await availability(SEATED)).leased.seats).toBe(56);
  });

  it('a catalog with a lease minimum above its maximum is refused (400), the setting unchanged', async () => {
    const res = await putLeaseLimits({ minSeats: 41, maxSeats: 40, minGa: 4, maxGa: 60 }, 2);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('minSeats ≤ maxSeats');
    expect((await lease(till, { performanceId: SEATED, seats: 40 })).status).toBe(201);
  });
});

describe('inventory: sales pushed by tills', () => {
  it('a seat sold at a window (pushed journal) is refused; one exchanged away is on sale again', async () => {
    // The unit fixtures' catalog as this venue's, so the till's day names its performances.
    // Leases of one seat and up: the small plan's seats one by one.
    const catalog = fixtureCatalog('podil-stage', 5, {
      leaseLimits: { minSeats: 1, maxSeats: 50, minGa: 1, maxGa: 100 },
    });
    await server.db.query(`DELETE FROM catalogs`);
    await seedFirstCatalog(server.db, 'podil-stage', catalog, 'test');
    const entries = await sealAs(till.terminalId, (await twoShiftDay()).entries);
    expect((await server.push(till, entries)).status).toBe(200);
    const tickets = await server.db.query<{
      seat_id: string;
      status: string;
      performance_id: string;
    }>(
      `SELECT seat_id, status, performance_id FROM tickets WHERE seat_id IS NOT NULL ORDER BY seat_id`,
    );
    // B1, B2 and C2 sold, C1 exchanged for another seat (so free again), as the day did.
    expect(tickets.find((t) => t.seat_id === 'B1')?.status).toBe('sold');
    expect(tickets.find((t) => t.seat_id === 'C1')?.status).toBe('exchanged');
    const other = await server.enrol();
    const refusal = await holdSeats(other, { performanceId: 'hamlet-0501', seatIds: ['B1'] });
    expect(refusal.status).toBe(409);
    expect(refusal.body.error.code).toBe('seat_taken');
    const leaseOver = await lease(other, { performanceId: 'hamlet-0501', seatIds: ['C2', 'C1'] });
    expect(leaseOver.status).toBe(409);
    const free = await holdSeats(other, { performanceId: 'hamlet-0501', seatIds: ['C1'] });
    expect(free.status).toBe(201);
    // GA sold at the window counts too: the standing tickets of the day are not on offer.
    const view = await availability('hamlet-0501', other);
    expect(view.sold.seats).toBe(3);
    expect(view.sold.ga).toBeGreaterThan(0);
  });
});

describe('inventory: refusals', () => {
  it('bad bodies and paths are 4xx in the one error shape; nothing changes', async () => {
    const before = await server.snapshot();
    const cases: [string, string, object | undefined, number, string][] = [
      ['POST', '/api/inventory/holds', {}, 400, 'invalid_request'],
      [
        'POST',
        '/api/inventory/holds',
        { performanceId: SEATED, seatIds: 'stalls-1-1' },
        400,
        'invalid_request',
      ],
      [
        'POST',
        '/api/inventory/holds',
        { performanceId: SEATED, ga: { 'ga-standing': -1 } },
        400,
        'invalid_request',
      ],
      [
        'POST',
        '/api/inventory/holds',
        { performanceId: SEATED, seatIds: ['stalls-1-1'], extra: 1 },
        400,
        'invalid_request',
      ],
      [
        'POST',
        '/api/inventory/holds',
        { performanceId: SEATED, seatIds: ['stalls-1-1'], ttlSeconds: 99999 },
        400,
        'invalid_request',
      ],
      ['POST', '/api/inventory/holds', { performanceId: SEATED }, 422, 'empty_request'],
      [
        'POST',
        '/api/inventory/holds',
        { performanceId: SEATED, seatIds: ['Z-99'] },
        422,
        'unknown_seat',
      ],
      [
        'POST',
        '/api/inventory/holds',
        { performanceId: GA_NIGHT, ga: { premium: 1 } },
        422,
        'unknown_area',
      ],
      [
        'POST',
        '/api/inventory/holds',
        { performanceId: 'no-such-show', seatIds: ['stalls-1-1'] },
        404,
        'unknown_performance',
      ],
      [
        'POST',
        '/api/inventory/holds',
        { performanceId: 'forest-song-cancelled', seatIds: ['stalls-1-1'] },
        409,
        'not_on_sale',
      ],
      ['POST', '/api/inventory/holds/not-a-uuid/renew', {}, 400, 'invalid_request'],
      ['POST', `/api/inventory/holds/${crypto.randomUUID()}/renew`, {}, 404, 'hold_not_found'],
      [
        'POST',
        '/api/inventory/leases',
        { performanceId: SEATED, seats: 2, seatIds: ['stalls-1-1'] },
        400,
        'invalid_request',
      ],
      [
        'POST',
        `/api/inventory/leases/${crypto.randomUUID()}/return`,
        undefined,
        404,
        'lease_not_found',
      ],
    ];
    for (const [method, path, body, status, code] of cases) {
      const res = await server.request(method, path, {
        ...(body ? { body } : {}),
        auth: as(till),
      });
      expect({ path, body, status: res.status, code: res.body?.error?.code }).toEqual({
        path,
        body,
        status,
        code,
      });
      expect(typeof res.body.error.message).toBe('string');
    }
    const anonymous = await server.request('POST', '/api/inventory/holds', {
      body: { performanceId: SEATED, seatIds: ['stalls-1-1'] },
    });
    expect(anonymous.status).toBe(401);
    const after = await server.snapshot();
    // Only the lock rows of the performances asked about may have appeared.
    expect({ ...after, inventory_performances: [] }).toEqual({
      ...before,
      inventory_performances: [],
    });
  });

  it('another venue’s till never sees or touches this venue’s holds', async () => {
    const held = await holdSeats(till, { performanceId: SEATED, seatIds: ['stalls-1-5'] });
    const stranger = await server.enrol('lviv-hall');
    const res = await server.request('DELETE', `/api/inventory/holds/${held.body.hold.holdId}`, {
      auth: as(stranger),
    });
    expect(res.status).toBe(404);
    expect((await availability(SEATED)).held.seats).toBe(1);
  });
});
