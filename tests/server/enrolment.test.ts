/**
 * Enrolment, tokens and revocation on the central server (issue 11 phase 1), over real HTTP
 * against PGlite or PostgreSQL (see harness.ts).
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publicKeyFromSeed } from '../../shared/crypto/ed25519';
import { loadMigrations } from '../../src-server/db/migrate';
import { DEMO_MANAGER } from '../../src-server/venues';
import { DATABASE_KIND, OTHER_MANAGER, startServer, type TestServer } from './harness';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

const key = (n: number) =>
  Buffer.from(publicKeyFromSeed(new Uint8Array(32).fill(n))).toString('base64');
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('the server shell', () => {
  it('answers health with the database in use, security headers and one error shape', async () => {
    // SERVER_TEST_DATABASE_URL (scripts/with-postgres.mjs) puts the suite on real PostgreSQL.
    expect(server.db.kind).toBe(DATABASE_KIND);
    const health = await server.request('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({
      status: 'ok',
      database: server.db.kind,
      schemaVersion: loadMigrations().at(-1)!.version,
    });
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(health.headers.get('x-ratelimit-limit')).not.toBeNull();

    const missing = await server.request('GET', '/api/nothing-here');
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    const invalid = await server.request('POST', '/api/enrol', { body: { venueId: 42 } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('invalid_request');
    expect(invalid.body.error.message).toMatch(/venueId/);
  });

  it('refuses requests over the rate limit with 429 in the same error shape', async () => {
    const strict = await startServer({ rateLimitPerMinute: 3 });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await strict.request('GET', '/api/health')).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const refused = await strict.request('GET', '/api/health');
      expect(refused.body.error.code).toBe('rate_limited');
      expect(refused.body.error.message).toMatch(/Too many requests/);
    } finally {
      await strict.close();
    }
  });
});

describe('enrolment', () => {
  it('a manager code enrols a till: server-assigned id, token stored only as its hash', async () => {
    const code = await server.createCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    const res = await server.request('POST', '/api/enrol', {
      body: {
        venueId: 'podil-stage',
        code: code.toLowerCase().replaceAll('-', ' '),
        publicKey: key(1),
        name: 'Window 1',
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      terminalId: 'podil-stage-T01',
      venue: { id: 'podil-stage', name: 'Podil Stage', currency: 'UAH' },
    });
    const token: string = res.body.token;
    const secret = token.split('.')[2]!;
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);

    const me = await server.request('GET', '/api/terminal', { auth: `Bearer ${token}` });
    expect(me).toMatchObject({
      status: 200,
      body: { venueId: 'podil-stage', terminalId: 'podil-stage-T01', head: { seq: 0 } },
    });

    // Neither the code nor the token secret is in the database, only their SHA-256.
    const dump = JSON.stringify(await server.snapshot());
    expect(dump).not.toContain(code);
    expect(dump).not.toContain(secret);
    expect(dump).toContain(sha256(code));
    expect(dump).toContain(sha256(secret));
  });

  it('a code works once; an expired, unknown or other venue’s code enrols nothing', async () => {
    const code = await server.createCode();
    expect(
      (
        await server.request('POST', '/api/enrol', {
          body: { venueId: 'podil-stage', code, publicKey: key(1) },
        })
      ).status,
    ).toBe(201);
    const before = await server.snapshot();

    const again = await server.request('POST', '/api/enrol', {
      body: { venueId: 'podil-stage', code, publicKey: key(2) },
    });
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({ code: 'invalid_enrolment_code' });
    expect(again.body.error.message).toMatch(/expired or already used/);

    const otherVenueCode = await server.createCode('lviv-hall', OTHER_MANAGER);
    const wrongVenue = await server.request('POST', '/api/enrol', {
      body: { venueId: 'podil-stage', code: otherVenueCode, publicKey: key(3) },
    });
    expect(wrongVenue.status).toBe(400);

    const expiring = await server.createCode();
    await server.db.query(
      `UPDATE enrolment_codes SET expires_at = now() - interval '1 second' WHERE redeemed_at IS NULL AND venue_id = 'podil-stage'`,
    );
    const expired = await server.request('POST', '/api/enrol', {
      body: { venueId: 'podil-stage', code: expiring, publicKey: key(4) },
    });
    expect(expired.body.error.code).toBe('invalid_enrolment_code');

    const badKey = await server.request('POST', '/api/enrol', {
      body: { venueId: 'podil-stage', code: await server.createCode(), publicKey: 'AAAA' },
    });
    expect(badKey).toMatchObject({ status: 400, body: { error: { code: 'invalid_public_key' } } });

    const after = await server.snapshot();
    expect(after.terminals).toEqual(before.terminals);
  });

  it('only a manager of the venue creates codes', async () => {
    const wrongPassword = await server.request('POST', '/api/venues/podil-stage/enrolment-codes', {
      body: {},
      auth: server.managerAuth({ email: DEMO_MANAGER.email, password: 'not-the-password' }),
    });
    expect(wrongPassword).toMatchObject({
      status: 401,
      body: { error: { code: 'unauthenticated' } },
    });
    const otherVenuesManager = await server.request(
      'POST',
      '/api/venues/podil-stage/enrolment-codes',
      {
        body: {},
        auth: server.managerAuth(OTHER_MANAGER),
      },
    );
    expect(otherVenuesManager.status).toBe(401);
    const none = await server.request('POST', '/api/venues/podil-stage/enrolment-codes', {
      body: {},
    });
    expect(none.status).toBe(401);
    expect((await server.snapshot()).enrolment_codes).toEqual([]);
  });

  it('tills enrolling at the same time get distinct ids, numbered per venue', async () => {
    const codes = await Promise.all([1, 2, 3, 4, 5].map(() => server.createCode()));
    const results = await Promise.all(
      codes.map((code, i) =>
        server.request('POST', '/api/enrol', {
          body: { venueId: 'podil-stage', code, publicKey: key(10 + i) },
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const ids = results.map((r) => r.body.terminalId as string).sort();
    expect(ids).toEqual([
      'podil-stage-T01',
      'podil-stage-T02',
      'podil-stage-T03',
      'podil-stage-T04',
      'podil-stage-T05',
    ]);
    const lviv = await server.enrol('lviv-hall');
    expect(lviv.terminalId).toBe('lviv-hall-T01');
  });

  it('one key enrols one terminal', async () => {
    await server.request('POST', '/api/enrol', {
      body: { venueId: 'podil-stage', code: await server.createCode(), publicKey: key(1) },
    });
    const twice = await server.request('POST', '/api/enrol', {
      body: { venueId: 'podil-stage', code: await server.createCode(), publicKey: key(1) },
    });
    expect(twice).toMatchObject({ status: 409, body: { error: { code: 'public_key_enrolled' } } });
  });
});

describe('revocation', () => {
  it('a revoked terminal is refused with a clear message and its key is on the revocation list', async () => {
    const a = await server.enrol();
    const b = await server.enrol();
    expect(
      (await server.request('GET', '/api/revocations', { auth: `Bearer ${b.token}` })).body,
    ).toEqual({ revocations: [] });

    const revoked = await server.request(
      'POST',
      `/api/venues/podil-stage/terminals/${a.terminalId}/revoke`,
      {
        body: { reason: 'stolen' },
        auth: server.managerAuth(),
      },
    );
    expect(revoked.status).toBe(200);

    const refused = await server.request('GET', '/api/terminal', { auth: `Bearer ${a.token}` });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toEqual({
      code: 'terminal_revoked',
      message: `Terminal ${a.terminalId} was revoked (stolen); a manager must enrol it again.`,
    });
    const list = await server.request('GET', '/api/revocations', { auth: `Bearer ${b.token}` });
    expect(list.body.revocations).toEqual([
      {
        terminalId: a.terminalId,
        publicKey: a.publicKey,
        revokedAt: expect.any(String),
        reason: 'stolen',
      },
    ]);
    const terminals = await server.request('GET', '/api/venues/podil-stage/terminals', {
      auth: server.managerAuth(),
    });
    expect(
      (terminals.body.terminals as { revokedAt: string | null }[]).map((t) => t.revokedAt !== null),
    ).toEqual([true, false]);
  });

  it('a manager cannot revoke another venue’s terminal, and an unknown terminal is a 404', async () => {
    const a = await server.enrol();
    const other = await server.request(
      'POST',
      `/api/venues/lviv-hall/terminals/${a.terminalId}/revoke`,
      {
        body: { reason: 'mischief' },
        auth: server.managerAuth(OTHER_MANAGER),
      },
    );
    expect(other).toMatchObject({ status: 404, body: { error: { code: 'terminal_not_found' } } });
    const crossVenue = await server.request(
      'POST',
      `/api/venues/podil-stage/terminals/${a.terminalId}/revoke`,
      {
        body: { reason: 'mischief' },
        auth: server.managerAuth(OTHER_MANAGER),
      },
    );
    expect(crossVenue.status).toBe(401);
    expect(
      (await server.request('GET', '/api/terminal', { auth: `Bearer ${a.token}` })).status,
    ).toBe(200);
  });
});
