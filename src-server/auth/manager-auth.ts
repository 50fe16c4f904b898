import type { FastifyRequest } from 'fastify';
import type { Queryable } from '../db/port';
import { HttpError } from '../http-error';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './secrets';

export interface ManagerPrincipal {
  readonly venueId: string;
  readonly managerId: string;
}

/**
 * Phase 1's manager sign-in: HTTP Basic (e-mail and password) on every manager request,
 * checked against the scrypt hash of a manager of the venue in the path. A manager of
 * another venue gets the same 401 as a wrong password: the answer does not say which
 * venues exist or who manages them. (The back office's sessions come with /manage.)
 */
export async function authenticateManager(
  db: Queryable,
  request: FastifyRequest,
  venueId: string,
): Promise<ManagerPrincipal> {
  const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(request.headers.authorization ?? '');
  const refused = new HttpError(
    401,
    'unauthenticated',
    'A manager of this venue must sign in (HTTP Basic: e-mail and password).',
  );
  if (!m) throw refused;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) throw refused;
  const email = decoded.slice(0, colon).toLowerCase();
  const password = decoded.slice(colon + 1);
  const rows = await db.query<{ manager_id: string; password_hash: string }>(
    `SELECT manager_id, password_hash FROM managers WHERE venue_id = $1 AND email = $2`,
    [venueId, email],
  );
  const row = rows[0];
  const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_PASSWORD_HASH);
  if (!row || !ok) throw refused;
  return { venueId, managerId: row.manager_id };
}
