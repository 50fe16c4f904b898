import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  SESSION_COOKIE,
  SESSION_HOURS,
  sessionPrincipal,
  signIn,
  signOut,
  type BackOfficePrincipal,
} from '../auth/back-office';
import { recordAudit } from '../audit/audit-log';
import { venueTimeZone } from '../catalog/venue-zone';
import type { Db } from '../db/port';
import { HttpError } from '../http-error';

const principalSchema = z.strictObject({
  venueId: z.string(),
  managerId: z.string(),
  name: z.string(),
  role: z.enum(['manager', 'supervisor']),
  /** `timeZone`: the venue's (its catalog's); the back office shows every time in it. */
  venue: z.strictObject({ name: z.string(), currency: z.string(), timeZone: z.string() }),
});

async function view(db: Db, p: BackOfficePrincipal) {
  const rows = await db.query<{ name: string; currency: string }>(
    `SELECT name, currency FROM venues WHERE venue_id = $1`,
    [p.venueId],
  );
  const venue = rows[0] ?? { name: p.venueId, currency: 'UAH' };
  return {
    venueId: p.venueId,
    managerId: p.managerId,
    name: p.name,
    role: p.role,
    venue: {
      name: venue.name,
      currency: venue.currency,
      timeZone: await venueTimeZone(db, p.venueId),
    },
  };
}

export interface BackOfficeOptions {
  readonly db: Db;
  /** The built back-office page (vite.manage.config.ts → dist/manage); absent → 503 page. */
  readonly uiDir?: string;
  /** The demo venue is seeded here: the sign-in page may show its demo account. */
  readonly demo?: boolean;
}

/**
 * The back office's door: sign in (password or PIN, lockout), who am I, sign out — and the built
 * web app at /manage. The session lives in an HttpOnly, SameSite=Strict cookie (Secure when
 * the request came over TLS), so page scripts cannot read it and other sites cannot send it;
 * every route still authorises on the server (manager-auth.ts).
 */
export const backOfficeRoutes: FastifyPluginAsyncZod<BackOfficeOptions> = async (
  app,
  { db, uiDir, demo = false },
) => {
  app.get(
    '/api/back-office/info',
    { schema: { response: { 200: z.strictObject({ demo: z.boolean() }) } } },
    () => Promise.resolve({ demo }),
  );

  app.post(
    '/api/back-office/session',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        // By password, or by staff id and the PIN that person uses at the tills.
        body: z.union([
          z.strictObject({
            venueId: z.string().min(1).max(40),
            email: z.string().min(3).max(200),
            password: z.string().min(1).max(200),
          }),
          z.strictObject({
            venueId: z.string().min(1).max(40),
            staffId: z.string().min(1).max(40),
            pin: z.string().min(1).max(20),
          }),
        ]),
        response: { 201: principalSchema },
      },
    },
    async (request, reply) => {
      const { venueId, ...credentials } = request.body;
      const { principal, cookie } = await signIn(db, venueId, credentials);
      void reply.setCookie(SESSION_COOKIE, cookie, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
        maxAge: SESSION_HOURS * 3600,
      });
      return reply.code(201).send(await view(db, principal));
    },
  );

  app.get(
    '/api/back-office/session',
    { schema: { response: { 200: principalSchema } } },
    async (request) => {
      const principal = await sessionPrincipal(db, request.cookies[SESSION_COOKIE]);
      if (!principal) {
        throw new HttpError(401, 'unauthenticated', 'Not signed in, or the session has ended.');
      }
      return view(db, principal);
    },
  );

  app.delete('/api/back-office/session', async (request, reply) => {
    const cookie = request.cookies[SESSION_COOKIE];
    const principal = await sessionPrincipal(db, cookie);
    await signOut(db, cookie);
    if (principal) {
      await recordAudit(
        db,
        principal.venueId,
        `manager:${principal.managerId}`,
        'sign_out',
        null,
        {},
      );
    }
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  if (uiDir !== undefined && existsSync(join(uiDir, 'manage.html'))) {
    await app.register(fastifyStatic, {
      root: uiDir,
      prefix: '/manage/',
      index: 'manage.html',
      // Hashed asset names: a year; the page itself is read again every time.
      setHeaders: (res, path) => {
        res.header(
          'cache-control',
          path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
        );
      },
    });
    app.get('/manage', (_request, reply) => reply.redirect('/manage/'));
  } else {
    const missing = (_request: FastifyRequest, reply: FastifyReply) =>
      reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The back office is not built on this server: run `npm run build`, then restart.');
    app.get('/manage', missing);
    app.get('/manage/*', missing);
  }
};
