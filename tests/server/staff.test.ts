/**
 * The venue's staff list (PUT /api/venues/:venueId/staff by a manager; GET /api/sync/staff and
 * the pull answer's `staffVersion` for tills): PINs are hashed on arrival and never stored or
 * answered, the hash is one main's PIN check accepts, a member sent without a PIN keeps theirs,
 * versions only grow, a refused list changes nothing, and a till sees only its own venue's.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pullResponseSchema } from '../../shared/sync/contract';
import { staffResponseSchema, type StaffList } from '../../shared/staff/staff-list';
import { verifyPin } from '../../src-main/staff/pin-hash';
import { migrate } from '../../src-server/db/migrate';
import { newestStaffVersion } from '../../src-server/staff/staff-lists';
import { seedDemo } from '../../src-server/venues';
import { freshDatabase, OTHER_MANAGER, startServer, type TestServer } from './harness';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

const publish = (body: unknown, auth = server.managerAuth(), venueId = 'podil-stage') =>
  server.request('PUT', `/api/venues/${venueId}/staff`, { body, auth });

/** What a till is told (pull) and given (staff fetch). */
async function tillView(
  token: string,
  after = -1,
): Promise<{ announced: number | null; list: StaffList | null }> {
  const pull = await server.request('GET', '/api/sync/pull?after=0&limit=1', {
    auth: `Bearer ${token}`,
  });
  expect(pull.status).toBe(200);
  expect(pull.body).toHaveProperty('staffVersion');
  const got = await server.request('GET', `/api/sync/staff?after=${after}`, {
    auth: `Bearer ${token}`,
  });
  expect(got.status).toBe(200);
  return {
    announced: pullResponseSchema.parse(pull.body).staffVersion ?? null,
    list: staffResponseSchema.parse(got.body).list,
  };
}

const member = (list: StaffList | null, id: string) => list?.staff.find((s) => s.id === id);

describe('venue staff list', () => {
  it('a manager publishes names, roles and PINs; tills get hashes that check the PINs, never the PINs', async () => {
    const till = await server.enrol();
    expect(await tillView(till.token)).toEqual({ announced: null, list: null });

    const first = await publish({
      version: 1,
      staff: [
        { id: 'olena', name: 'Olena', role: 'cashier', pin: '4827' },
        { id: 'mykola', name: 'Mykola Bondar', role: 'supervisor', pin: '90210563' },
      ],
    });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ version: 1 });
    // The answer, the table and the till's view carry no PIN.
    expect(JSON.stringify(first.body)).not.toMatch(/4827|90210563/);
    const stored = await server.db.query<{ body: unknown }>(
      'SELECT body::text AS body FROM staff_lists',
    );
    expect(JSON.stringify(stored)).not.toMatch(/4827|90210563/);

    const seen = await tillView(till.token);
    expect(seen.announced).toBe(1);
    expect(JSON.stringify(seen.list)).not.toMatch(/4827|90210563/);
    expect(seen.list?.staff.map((s) => [s.id, s.name, s.role])).toEqual([
      ['olena', 'Olena', 'cashier'],
      ['mykola', 'Mykola Bondar', 'supervisor'],
    ]);
    // Main's own PIN check accepts the server's hash, and only for the right PIN.
    const olena = member(seen.list, 'olena')!;
    expect(await verifyPin('4827', olena.pin)).toBe(true);
    expect(await verifyPin('4828', olena.pin)).toBe(false);
    expect(await verifyPin('90210563', member(seen.list, 'mykola')!.pin)).toBe(true);
    // Salted: two members never share a hash, even for one PIN.
    expect(olena.pin.salt).not.toBe(member(seen.list, 'mykola')!.pin.salt);
    // A till that holds version 1 is given nothing.
    expect((await tillView(till.token, 1)).list).toBeNull();
  });

  it('a member sent without a PIN keeps theirs; a new PIN replaces it; who is left out is gone', async () => {
    await publish({
      version: 1,
      staff: [
        { id: 'olena', name: 'Olena', role: 'cashier', pin: '4827' },
        { id: 'taras', name: 'Taras', role: 'cashier', pin: '5555' },
      ],
    });
    const v1 = (await tillView((await server.enrol()).token)).list!;
    const second = await publish({
      version: 2,
      staff: [
        // Promoted, same PIN.
        { id: 'olena', name: 'Olena Kovalenko', role: 'supervisor' },
        { id: 'iryna', name: 'Iryna', role: 'cashier', pin: '7391' },
      ],
    });
    expect(second.status).toBe(200);
    const v2 = (await tillView((await server.enrol()).token, 1)).list!;
    expect(v2.version).toBe(2);
    expect(member(v2, 'olena')).toEqual({
      ...member(v1, 'olena'),
      name: 'Olena Kovalenko',
      role: 'supervisor',
    });
    expect(await verifyPin('7391', member(v2, 'iryna')!.pin)).toBe(true);
    expect(member(v2, 'taras')).toBeUndefined();

    await publish({
      version: 3,
      staff: [{ id: 'olena', name: 'Olena', role: 'cashier', pin: '1357' }],
    });
    const v3 = (await tillView((await server.enrol()).token, 2)).list!;
    expect(await verifyPin('1357', member(v3, 'olena')!.pin)).toBe(true);
    expect(await verifyPin('4827', member(v3, 'olena')!.pin)).toBe(false);
  });

  it('refuses an old version, a new member without a PIN, a bad PIN or role, a repeated id and anyone but the venue’s manager — and changes nothing', async () => {
    expect(
      (
        await publish({
          version: 3,
          staff: [{ id: 'olena', name: 'Olena', role: 'cashier', pin: '4827' }],
        })
      ).status,
    ).toBe(200);
    const till = await server.enrol();
    const before = await server.snapshot();
    const ok = { id: 'olena', name: 'Olena', role: 'cashier' };

    const same = await publish({ version: 3, staff: [ok] });
    expect(same.status).toBe(409);
    expect(same.body.error.code).toBe('staff_version_taken');
    expect(same.body.error.message).toMatch(/version 4 or higher/);

    const noPin = await publish({
      version: 4,
      staff: [ok, { id: 'iryna', name: 'Iryna', role: 'cashier' }],
    });
    expect(noPin.status).toBe(422);
    expect(noPin.body.error.code).toBe('pin_required');
    expect(noPin.body.error.message).toMatch(/Iryna \(iryna, entry 2\) is new/);

    const shortPin = await publish({ version: 4, staff: [{ ...ok, pin: '12' }] });
    expect(shortPin.status).toBe(400);
    expect(shortPin.body.error.message).toMatch(/A PIN is 4 to 8 digits/);
    expect(JSON.stringify(shortPin.body)).not.toContain('"12"');

    expect((await publish({ version: 4, staff: [{ ...ok, role: 'owner' }] })).status).toBe(400);
    const twice = await publish({ version: 4, staff: [ok, { ...ok, id: 'Olena', pin: '2468' }] });
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toMatch(/appears twice/);

    expect(
      (await publish({ version: 4, staff: [ok] }, server.managerAuth(OTHER_MANAGER))).status,
    ).toBe(401);
    expect((await publish({ version: 4, staff: [ok] }, `Bearer ${till.token}`)).status).toBe(401);
    expect((await server.request('GET', '/api/sync/staff')).status).toBe(401);

    expect(await server.snapshot()).toEqual(before);
    expect((await tillView(till.token)).list?.version).toBe(3);
  });

  it('publishing wakes the venue’s live streams; a till of another venue never sees the list', async () => {
    const heard: number[] = [];
    const off = server.feed.subscribe('podil-stage', (cursor) => heard.push(cursor));
    expect(
      (
        await publish({
          version: 1,
          staff: [{ id: 'olena', name: 'Olena', role: 'cashier', pin: '4827' }],
        })
      ).status,
    ).toBe(200);
    off();
    expect(heard).toHaveLength(1);
    const other = await server.enrol('lviv-hall');
    expect(await tillView(other.token)).toEqual({ announced: null, list: null });
  });
});

describe('demo venue', () => {
  it('starts with the demo staff and their README PINs, once', async () => {
    const { db, drop } = await freshDatabase();
    try {
      await migrate(db);
      await seedDemo(db);
      await seedDemo(db);
      expect(await newestStaffVersion(db, 'podil-stage')).toBe(0);
      const rows = await db.query<{ body: unknown }>(`SELECT body FROM staff_lists`);
      expect(rows).toHaveLength(1);
      const body = rows[0]!.body;
      const list = (typeof body === 'string' ? JSON.parse(body) : body) as StaffList;
      const olena = list.staff.find((s) => s.id === 'olena')!;
      expect(await verifyPin('1111', olena.pin)).toBe(true);
      expect(list.staff.map((s) => s.role).sort()).toEqual(['cashier', 'manager', 'supervisor']);
    } finally {
      await db.close();
      await drop();
    }
  });
});
