/**
 * PIN sign-in to the back office (issue 13 item 1): a manager account linked to a member of
 * the venue's staff list signs in with that staff id and the PIN of the newest list — the PIN
 * the tills take — so a reset there applies here and a locked member is refused. Five wrong
 * PINs lock that staff id for 15 minutes (an unlinked id too); every attempt is audited.
 * Real HTTP on PGlite/PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_MANAGER, seedDemo } from '../../src-server/venues';
import { startServer, type TestServer } from './harness';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
  // The demo staff list version 0: olena (1111, cashier), taras (2222), li-wei (3333);
  // the demo manager account is linked to li-wei.
  await seedDemo(server.db);
});
afterEach(async () => {
  await server.close();
});

const pin = (value: string, staffId = 'li-wei') =>
  fetch(`${server.url}/api/back-office/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ venueId: 'podil-stage', staffId, pin: value }),
  });

const errorOf = async (res: Response) =>
  [res.status, ((await res.json()) as { error: { code: string; message: string } }).error] as const;

describe('back-office PIN sign-in', () => {
  it('signs the linked manager in with the till PIN, the same session as a password gives', async () => {
    const res = await pin('3333', 'Li-Wei');
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ name: DEMO_MANAGER.name, role: 'manager' });
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    expect(res.headers.get('set-cookie')).toMatch(
      /HttpOnly.*SameSite=Strict|SameSite=Strict.*HttpOnly/,
    );
    const terminals = await fetch(`${server.url}/api/venues/podil-stage/terminals`, {
      headers: { cookie },
    });
    expect(terminals.status).toBe(200);
    const audit = await server.db.query<{ actor: string; kind: string; detail: unknown }>(
      `SELECT actor, kind, detail FROM audit_events WHERE kind = 'sign_in'`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toEqual({ role: 'manager', method: 'pin' });
  });

  it('refuses a wrong PIN, a staff member with no account and an unknown id alike', async () => {
    for (const [value, id] of [
      ['3334', 'li-wei'],
      ['1111', 'olena'], // a cashier: in the staff list, no back-office account
      ['3333', 'nobody'],
    ] as const) {
      const [status, error] = await errorOf(await pin(value, id));
      expect([status, error.code]).toEqual([401, 'sign_in_refused']);
      expect(error.message).toBe(
        'That staff id and PIN do not match a manager or supervisor of this venue.',
      );
    }
    expect(await server.db.query(`SELECT 1 FROM back_office_sessions`)).toHaveLength(0);
  });

  it('locks the staff id after five wrong PINs, even against the right one; the password still works', async () => {
    for (let i = 0; i < 5; i++) expect((await pin(`900${i}`)).status).toBe(401);
    const [status, error] = await errorOf(await pin('3333'));
    expect([status, error.code]).toEqual([423, 'sign_in_locked']);
    expect(error.message).toMatch(/^Too many wrong PINs/);
    const password = await fetch(`${server.url}/api/back-office/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        venueId: 'podil-stage',
        email: DEMO_MANAGER.email,
        password: DEMO_MANAGER.password,
      }),
    });
    expect(password.status).toBe(201);
    const failed = await server.db.query<{ actor: string }>(
      `SELECT actor FROM audit_events WHERE kind = 'sign_in_failed'`,
    );
    expect(failed.map((f) => f.actor)).toEqual(Array(5).fill('staff:li-wei'));
  });

  it('follows the staff list: a reset PIN replaces the old one, a locked member is refused', async () => {
    const auth = server.managerAuth();
    const reset = await server.request(
      'POST',
      '/api/venues/podil-stage/staff/members/li-wei/reset-pin',
      { auth, body: { pin: '74125' } },
    );
    expect(reset.status).toBeLessThan(300);
    expect((await pin('3333')).status).toBe(401);
    expect((await pin('74125')).status).toBe(201);

    const locked = await server.request('PATCH', '/api/venues/podil-stage/staff/members/li-wei', {
      auth,
      body: { locked: true },
    });
    expect(locked.status).toBeLessThan(300);
    expect((await pin('74125')).status).toBe(401);
  });

  it('refuses a body that mixes or lacks credentials (400), before any check', async () => {
    for (const body of [
      { venueId: 'podil-stage', staffId: 'li-wei' },
      { venueId: 'podil-stage', staffId: 'li-wei', pin: '3333', password: 'x' },
      { venueId: 'podil-stage', email: DEMO_MANAGER.email, pin: '3333' },
    ]) {
      const res = await fetch(`${server.url}/api/back-office/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(400);
    }
    expect(await server.db.query(`SELECT 1 FROM audit_events`)).toHaveLength(0);
  });
});
