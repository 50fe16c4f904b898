/**
 * The back office's staff and terminals (issue 13 item 8): one staff change at a time (add,
 * rename, role, lock/unlock, reset PIN) published as the next staff-list version that tills
 * pull — a reset PIN verifies with main's own check, a locked member is out of the tills' list
 * until unlocked with their old PIN; bad input gets a sentence; every change is audited.
 * Terminals: live leases and the kiosk switch. Real HTTP on PGlite.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staffResponseSchema, type StaffList } from '../../shared/staff/staff-list';
import { verifyPin } from '../../src-main/staff/pin-hash';
import { ensureManager, DEMO_SUPERVISOR, seedDemo } from '../../src-server/venues';
import { startServer, type EnrolledTill, type TestServer } from './harness';

const V = '/api/venues/podil-stage';

let server: TestServer;
let till: EnrolledTill;
beforeEach(async () => {
  server = await startServer();
  // The demo catalog and staff list version 0: olena (1111), taras (2222), li-wei (3333).
  await seedDemo(server.db);
  till = await server.enrol();
});
afterEach(async () => {
  await server.close();
});

const call = (method: string, path: string, body?: unknown, auth = server.managerAuth()) =>
  server.request(method, `${V}${path}`, { auth, ...(body !== undefined ? { body } : {}) });

/** The list the till pulls (GET /api/sync/staff with its terminal token). */
async function tillList(): Promise<StaffList> {
  const got = await server.request('GET', '/api/sync/staff?after=-1', {
    auth: `Bearer ${till.token}`,
  });
  expect(got.status).toBe(200);
  return staffResponseSchema.parse(got.body).list!;
}

/** The venue's audit rows after the set-up's enrolment code (`all`: with it). */
async function auditKinds(
  all = false,
): Promise<{ kind: string; actor: string; detail: unknown }[]> {
  const rows = await server.db.query<{ kind: string; actor: string; detail: unknown }>(
    `SELECT kind, actor, detail FROM audit_events WHERE venue_id = 'podil-stage' ORDER BY id`,
  );
  expect(rows[0]?.kind).toBe('enrolment_code_created');
  return all ? rows : rows.slice(1);
}

describe('back-office staff', () => {
  it('lists the newest list without PIN hashes', async () => {
    const res = await call('GET', '/staff');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      version: 0,
      publishedAt: expect.any(String),
      staff: [
        { id: 'li-wei', name: 'Li Wei', role: 'manager', locked: false },
        { id: 'olena', name: 'Olena', role: 'cashier', locked: false },
        { id: 'taras', name: 'Taras', role: 'supervisor', locked: false },
      ],
    });
    expect(JSON.stringify(res.body)).not.toMatch(/salt|hash|scrypt/);
  });

  it('adds a member as the next version; the till pulls them and their PIN verifies', async () => {
    const added = await call('POST', '/staff/members', {
      id: 'iryna',
      name: 'Iryna Melnyk',
      role: 'cashier',
      pin: '482730',
    });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      version: 1,
      member: { id: 'iryna', name: 'Iryna Melnyk', role: 'cashier', locked: false },
    });
    const list = await tillList();
    expect(list.version).toBe(1);
    expect(list.staff.map((s) => s.id)).toEqual(['olena', 'taras', 'li-wei', 'iryna']);
    const iryna = list.staff.find((s) => s.id === 'iryna')!;
    expect(await verifyPin('482730', iryna.pin)).toBe(true);
    expect(await verifyPin('482731', iryna.pin)).toBe(false);
    expect(await auditKinds()).toEqual([
      {
        kind: 'staff_added',
        actor: expect.stringMatching(/^manager:/),
        detail: { staffId: 'iryna', name: 'Iryna Melnyk', role: 'cashier', version: 1 },
      },
    ]);
    // The id is taken, case-insensitively as sign-in would confuse them.
    const again = await call('POST', '/staff/members', {
      id: 'Iryna',
      name: 'Another',
      role: 'cashier',
      pin: '1234',
    });
    expect([again.status, again.body.error.code]).toEqual([409, 'staff_id_taken']);
    expect(again.body.error.message).toMatch(/already used by Iryna Melnyk/);
  });

  it('refuses a bad PIN, id or name with a sentence, and publishes nothing', async () => {
    for (const pin of ['123', '123456789', '12a4', ' 1234']) {
      const res = await call('POST', '/staff/members', {
        id: 'ivan',
        name: 'Ivan',
        role: 'cashier',
        pin,
      });
      expect([res.status, res.body.error.code], pin).toEqual([400, 'invalid_pin']);
      expect(res.body.error.message).toMatch(/A PIN is 4 to 8 digits/);
    }
    const badReset = await call('POST', '/staff/members/olena/reset-pin', { pin: '12' });
    expect([badReset.status, badReset.body.error.code]).toEqual([400, 'invalid_pin']);
    const badId = await call('POST', '/staff/members', {
      id: 'no spaces',
      name: 'X',
      role: 'cashier',
      pin: '1234',
    });
    expect([badId.status, badId.body.error.code]).toEqual([400, 'invalid_request']);
    expect(badId.body.error.message).toMatch(/A staff id is 1–40 letters/);
    const emptyName = await call('PATCH', '/staff/members/olena', { name: '  ' });
    expect(emptyName.body.error.message).toMatch(/A name cannot be empty/);
    const nothing = await call('PATCH', '/staff/members/olena', {});
    expect([nothing.status, nothing.body.error.code]).toEqual([400, 'nothing_to_change']);
    const unknown = await call('PATCH', '/staff/members/nobody', { role: 'manager' });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'staff_not_found']);
    expect((await tillList()).version).toBe(0);
    expect(await auditKinds()).toEqual([]);
  });

  it('renames and changes a role, keeping the PIN', async () => {
    const res = await call('PATCH', '/staff/members/olena', {
      name: 'Olena Kovalenko',
      role: 'supervisor',
    });
    expect(res.status).toBe(200);
    expect(res.body.member).toEqual({
      id: 'olena',
      name: 'Olena Kovalenko',
      role: 'supervisor',
      locked: false,
    });
    const olena = (await tillList()).staff.find((s) => s.id === 'olena')!;
    expect([olena.name, olena.role]).toEqual(['Olena Kovalenko', 'supervisor']);
    expect(await verifyPin('1111', olena.pin)).toBe(true);
    expect((await auditKinds()).map((a) => a.kind)).toEqual(['staff_changed']);
  });

  it('a reset PIN reaches the till: the new one verifies, the old one no longer', async () => {
    const res = await call('POST', '/staff/members/taras/reset-pin', { pin: '90817263' });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(1);
    const taras = (await tillList()).staff.find((s) => s.id === 'taras')!;
    expect(await verifyPin('90817263', taras.pin)).toBe(true);
    expect(await verifyPin('2222', taras.pin)).toBe(false);
    const audit = await auditKinds();
    expect(audit.map((a) => a.kind)).toEqual(['staff_pin_reset']);
    expect(JSON.stringify(audit)).not.toMatch(/90817263/);
  });

  it('a locked member leaves the tills’ list, stays listed as locked, and comes back with their PIN', async () => {
    const locked = await call('PATCH', '/staff/members/olena', { locked: true });
    expect(locked.status).toBe(200);
    expect(locked.body.member).toEqual({
      id: 'olena',
      name: 'Olena',
      role: 'cashier',
      locked: true,
    });
    expect((await tillList()).staff.map((s) => s.id)).toEqual(['taras', 'li-wei']);
    const view = await call('GET', '/staff');
    expect(view.body.version).toBe(1);
    expect((view.body as { staff: unknown[] }).staff.at(-1)).toEqual({
      id: 'olena',
      name: 'Olena',
      role: 'cashier',
      locked: true,
    });

    // While locked: no new PIN, no rename, and the id cannot be given to someone else.
    const reset = await call('POST', '/staff/members/olena/reset-pin', { pin: '5555' });
    expect([reset.status, reset.body.error.code]).toEqual([409, 'staff_locked']);
    const rename = await call('PATCH', '/staff/members/olena', { name: 'O.' });
    expect([rename.status, rename.body.error.code]).toEqual([409, 'staff_locked']);
    const reuse = await call('POST', '/staff/members', {
      id: 'olena',
      name: 'New Olena',
      role: 'cashier',
      pin: '1234',
    });
    expect([reuse.status, reuse.body.error.code]).toEqual([409, 'staff_id_taken']);

    const unlocked = await call('PATCH', '/staff/members/olena', { locked: false });
    expect(unlocked.status).toBe(200);
    expect(unlocked.body).toEqual({
      version: 2,
      member: { id: 'olena', name: 'Olena', role: 'cashier', locked: false },
    });
    const olena = (await tillList()).staff.find((s) => s.id === 'olena')!;
    expect(await verifyPin('1111', olena.pin)).toBe(true);
    expect((await auditKinds()).map((a) => a.kind)).toEqual(['staff_locked', 'staff_unlocked']);
  });

  it('a supervisor reads the staff list but cannot change it', async () => {
    await ensureManager(server.db, DEMO_SUPERVISOR);
    const auth = server.managerAuth(DEMO_SUPERVISOR);
    expect((await call('GET', '/staff', undefined, auth)).status).toBe(200);
    const refused = await call('PATCH', '/staff/members/olena', { locked: true }, auth);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'read_only']);
    expect((await tillList()).version).toBe(0);
  });

  it('the older manager writes now leave an audit row each (no codes, no PINs)', async () => {
    const put = await server.request('PUT', `${V}/staff`, {
      auth: server.managerAuth(),
      body: { version: 5, staff: [{ id: 'olena', name: 'Olena', role: 'cashier', pin: '7777' }] },
    });
    expect(put.status).toBe(200);
    const revoked = await call('POST', `/terminals/${till.terminalId}/revoke`, {
      reason: 'Stolen from the lobby',
    });
    expect(revoked.status).toBe(200);
    const channel = await call('POST', '/channels', { name: 'Web shop' });
    expect(channel.status).toBe(201);
    const audit = await auditKinds(true);
    expect(audit.map((a) => a.kind)).toEqual([
      'enrolment_code_created',
      'staff_list_published',
      'terminal_revoked',
      'channel_created',
    ]);
    expect(audit[1]!.detail).toEqual({ version: 5 });
    expect(audit[2]!.detail).toEqual({ reason: 'Stolen from the lobby' });
    expect(JSON.stringify(audit)).not.toMatch(/7777/);
  });
});

describe('back-office terminals', () => {
  it('lists each terminal with its live leases and kiosk flag; a manager switches kiosk mode', async () => {
    const leased = await server.request('POST', '/api/inventory/leases', {
      auth: `Bearer ${till.token}`,
      body: { performanceId: 'forest-song-1', seats: 10 },
    });
    expect(leased.status).toBe(201);
    const other = await server.enrol();
    const overview = await call('GET', '/terminals/overview');
    expect(overview.status).toBe(200);
    const [first, second] = overview.body.terminals;
    expect(first).toMatchObject({ terminalId: till.terminalId, kiosk: false, revokedAt: null });
    expect(first.leases).toEqual([
      {
        leaseId: expect.any(String),
        performanceId: 'forest-song-1',
        eventName: expect.stringMatching(/\S/),
        startsAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        seats: 10,
        ga: 0,
        checkedOutSeats: 10,
        checkedOutGa: 0,
        expiresAt: expect.any(String),
      },
    ]);
    expect(Date.parse(String(first.leases[0].expiresAt))).toBeGreaterThan(Date.now());
    expect(second).toMatchObject({ terminalId: other.terminalId, leases: [] });

    const on = await call('PUT', `/terminals/${other.terminalId}/kiosk`, { kiosk: true });
    expect(on.body).toEqual({ terminalId: other.terminalId, kiosk: true, openShift: null });
    const after = await call('GET', '/terminals/overview');
    const kiosks = (after.body as { terminals: { kiosk: boolean }[] }).terminals.map(
      (t) => t.kiosk,
    );
    expect(kiosks).toEqual([false, true]);
    const audit = await auditKinds();
    expect(audit.at(-1)).toEqual({
      kind: 'kiosk_mode_set',
      actor: expect.stringMatching(/^manager:/),
      detail: { kiosk: true },
    });

    // An expired lease is no longer live.
    await server.db.query(`UPDATE inventory_leases SET expires_at = now() - interval '1 second'`);
    expect((await call('GET', '/terminals/overview')).body.terminals[0].leases).toEqual([]);
  });

  it('refuses kiosk mode for an unknown or revoked terminal and a body that is not a switch', async () => {
    const unknown = await call('PUT', '/terminals/podil-stage-T99/kiosk', { kiosk: true });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'terminal_not_found']);
    const notBool = await call('PUT', `/terminals/${till.terminalId}/kiosk`, { kiosk: 'yes' });
    expect(notBool.status).toBe(400);
    await call('POST', `/terminals/${till.terminalId}/revoke`, { reason: 'Broken screen' });
    const revoked = await call('PUT', `/terminals/${till.terminalId}/kiosk`, { kiosk: true });
    expect([revoked.status, revoked.body.error.code]).toEqual([409, 'terminal_revoked']);
  });
});
