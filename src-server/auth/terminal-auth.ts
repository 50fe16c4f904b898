import type { FastifyRequest } from 'fastify';
import type { Queryable } from '../db/port';
import { HttpError } from '../http-error';
import { sameHex, sha256Hex } from './secrets';

/** Who a request comes from once its bearer token checked out: one terminal of one venue. */
export interface TerminalPrincipal {
  readonly venueId: string;
  readonly terminalId: string;
}

/**
 * A bearer token reads `<venueId>.<terminalId>.<secret>`: the ids say which row to check (a
 * lookup by primary key, inside the venue's shard when venues are distributed), the secret
 * is 32 random bytes whose SHA-256 the server keeps. The ids are not secret; the secret is
 * compared in constant time.
 */
export function formatToken(venueId: string, terminalId: string, secret: string): string {
  return `${venueId}.${terminalId}.${secret}`;
}

export function parseToken(header: string | undefined) {
  const m = /^Bearer ([a-z0-9-]{1,40})\.([A-Za-z0-9-]{1,64})\.([A-Za-z0-9_-]{43})$/.exec(
    header ?? '',
  );
  return m ? { venueId: m[1]!, terminalId: m[2]!, secret: m[3]! } : null;
}

export async function authenticateTerminal(
  db: Queryable,
  request: FastifyRequest,
): Promise<TerminalPrincipal> {
  const header = request.headers.authorization;
  if (header === undefined) {
    throw new HttpError(
      401,
      'unauthenticated',
      'This request needs a terminal bearer token; enrol the terminal first.',
    );
  }
  const token = parseToken(header);
  if (token === null) {
    throw new HttpError(401, 'invalid_token', 'The bearer token is not one this server issued.');
  }
  const rows = await db.query<{
    token_hash: string;
    revoked_at: Date | string | null;
    revoked_reason: string | null;
  }>(
    `SELECT token_hash, revoked_at, revoked_reason FROM terminals WHERE venue_id = $1 AND terminal_id = $2`,
    [token.venueId, token.terminalId],
    // Every request of every till runs it: kept prepared on PostgreSQL.
    { prepareAs: 'terminal_token' },
  );
  const row = rows[0];
  if (!row || !sameHex(row.token_hash, sha256Hex(token.secret))) {
    throw new HttpError(401, 'invalid_token', 'The bearer token is not one this server issued.');
  }
  if (row.revoked_at !== null) {
    throw new HttpError(
      403,
      'terminal_revoked',
      `Terminal ${token.terminalId} was revoked${row.revoked_reason ? ` (${row.revoked_reason})` : ''}; a manager must enrol it again.`,
    );
  }
  return { venueId: token.venueId, terminalId: token.terminalId };
}
