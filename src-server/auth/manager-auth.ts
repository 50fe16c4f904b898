import type { FastifyRequest } from 'fastify';
import type { Queryable } from '../db/port';
import { HttpError } from '../http-error';
import {
  checkPassword,
  requireNeed,
  SESSION_COOKIE,
  sessionPrincipal,
  type BackOfficePrincipal,
  type Need,
} from './back-office';

export type ManagerPrincipal = BackOfficePrincipal;

/**
 * Who is asking on a manager route, and may they: the back office's session cookie
 * (HttpOnly, SameSite=Strict; see back-office.ts), or HTTP Basic (e-mail and password) for
 * scripts and the CLI. The account must belong to the venue in the path — a manager of
 * another venue gets the same 401 as a wrong password, so the answer does not say which
 * venues exist or who manages them. `need: 'write'` refuses supervisors with 403.
 */
export async function authenticateManager(
  db: Queryable,
  request: FastifyRequest,
  venueId: string,
  need: Need = 'write',
): Promise<ManagerPrincipal> {
  const refused = new HttpError(
    401,
    'unauthenticated',
    'A manager of this venue must sign in (the back office, or HTTP Basic: e-mail and password).',
  );
  const cookie = (request as { cookies?: Record<string, string | undefined> }).cookies?.[
    SESSION_COOKIE
  ];
  if (cookie !== undefined && request.headers.authorization === undefined) {
    const principal = await sessionPrincipal(db, cookie);
    if (!principal || principal.venueId !== venueId) throw refused;
    requireNeed(principal, need);
    return principal;
  }
  const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(request.headers.authorization ?? '');
  if (!m) throw refused;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) throw refused;
  const email = decoded.slice(0, colon).toLowerCase();
  const password = decoded.slice(colon + 1);
  const principal = await checkPassword(db, venueId, email, password);
  if (!principal) throw refused;
  requireNeed(principal, need);
  return principal;
}

const PRINCIPAL = Symbol('back-office principal');
type Guarded = FastifyRequest & { [PRINCIPAL]?: ManagerPrincipal };

/**
 * A manager route's door, as a `preValidation` hook: who is asking and may they, decided
 * before the body is even validated — an anonymous caller learns nothing about the route's
 * schema, and a supervisor's write is refused (403) whatever it sends. The handler reads the
 * principal with `principalOf`. Every `/api/venues/:venueId/…` route has one
 * (tests/server/back-office-permissions.test.ts checks each route × role).
 */
export function managerGuard(db: Queryable, need: Need) {
  return async (request: FastifyRequest): Promise<void> => {
    const venueId = (request.params as { venueId?: unknown }).venueId;
    if (typeof venueId !== 'string') {
      throw new HttpError(401, 'unauthenticated', 'A manager of this venue must sign in.');
    }
    (request as Guarded)[PRINCIPAL] = await authenticateManager(db, request, venueId, need);
  };
}

/** The principal `managerGuard` let in (a route without the guard is a programming error). */
export function principalOf(request: FastifyRequest): ManagerPrincipal {
  const principal = (request as Guarded)[PRINCIPAL];
  if (!principal) throw new Error(`${request.routeOptions.url} has no managerGuard`);
  return principal;
}
