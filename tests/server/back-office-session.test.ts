/**
 * Back-office sign-in (issue 13 item 1): a password signs a manager or supervisor in with an
 * HttpOnly, SameSite=Strict session cookie; the server keeps only the secret's hash; five
 * wrong passwords lock that e-mail for 15 minutes (an unknown e-mail too); sign-out ends the
 * session on the server; every attempt is in the audit trail. Real HTTP on PGlite/PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_MANAGER, DEMO_SUPERVISOR, ensureManager } from '../../src-server/venues';
import { startServer, type TestServer } from './harness';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
  await ensureManager(server.db, DEMO_SUPERVISOR);
});
afterEach(async () => {
  await server.close();
});

async function post(body: unknown) {
  return fetch(`${server.url}/api/back-office/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const demo = (password = DEMO_MANAGER.password, email = DEMO_MANAGER.email) => ({
  venueId: 'podil-stage',
  email,
  password,
});

describe('back-office sign-in', () => {
  it('sets an HttpOnly SameSite=Strict cookie whose secret the server keeps only hashed', async () => {
    const res = await post(demo());
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      name: 'Li Wei',
      role: 'manager',
      venue: { name: 'Podil Stage', currency: 'UAH' },
    });
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^bo_session=podil-stage\.[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
    const secret = /bo_session=podil-stage\.([^;]+)/.exec(setCookie)![1]!;
    const stored = await server.db.query<{ token_hash: string }>(
      `SELECT token_hash FROM back_office_sessions`,
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toContain(secret);
    expect(stored[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);

    const cookie = setCookie.split(';')[0]!;
    const me = await fetch(`${server.url}/api/back-office/session`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ role: 'manager', venueId: 'podil-stage' });

    const out = await fetch(`${server.url}/api/back-office/session`, {
      method: 'DELETE',
      headers: { cookie },
    });
    expect(out.status).toBe(204);
    const after = await fetch(`${server.url}/api/back-office/session`, { headers: { cookie } });
    expect(after.status).toBe(401);
    // The ended session opens no manager route either.
    const terminals = await fetch(`${server.url}/api/venues/podil-stage/terminals`, {
      headers: { cookie },
    });
    expect(terminals.status).toBe(401);
  });

  it('answers a wrong password, an unknown e-mail and an unknown venue the same way', async () => {
    for (const body of [
      demo('wrong-password-1'),
      demo(DEMO_MANAGER.password, 'nobody@podil-stage.example'),
      { ...demo(), venueId: 'no-such-venue' },
    ]) {
      const res = await post(body);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({
        error: {
          code: 'sign_in_refused',
          message: 'That e-mail and password do not match a manager or supervisor of this venue.',
        },
      });
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });

  it('locks an e-mail after five wrong passwords, even against the right one, and audits it', async () => {
    for (let i = 0; i < 5; i++) expect((await post(demo(`wrong-${i}-password`))).status).toBe(401);
    const locked = await post(demo());
    expect(locked.status).toBe(423);
    expect(((await locked.json()) as { error: { code: string } }).error.code).toBe(
      'sign_in_locked',
    );
    // Another account is not locked by it.
    expect((await post(demo(DEMO_SUPERVISOR.password, DEMO_SUPERVISOR.email))).status).toBe(201);
    // An e-mail nobody has locks the same way: the lock does not tell who exists.
    for (let i = 0; i < 5; i++) {
      await post(demo('whatever-password', 'ghost@podil-stage.example'));
    }
    expect((await post(demo('whatever-password', 'ghost@podil-stage.example'))).status).toBe(423);

    const kinds = await server.db.query<{ kind: string; n: string | number }>(
      `SELECT kind, count(*) AS n FROM audit_events WHERE venue_id = 'podil-stage'
        GROUP BY kind ORDER BY kind`,
    );
    expect(kinds.map((k) => [k.kind, Number(k.n)])).toEqual([
      ['sign_in', 1],
      ['sign_in_failed', 10],
      ['sign_in_locked', 2],
    ]);
  });

  it('a wrong password after a right one starts the count again', async () => {
    for (let i = 0; i < 4; i++) await post(demo(`wrong-${i}-password`));
    expect((await post(demo())).status).toBe(201);
    for (let i = 0; i < 4; i++) await post(demo(`wrong-${i}-password`));
    expect((await post(demo())).status).toBe(201);
  });

  it('serves a clear 503 at /manage when the page is not built', async () => {
    const res = await fetch(`${server.url}/manage/`);
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/npm run build/);
  });
});
