import type { FastifyRequest } from 'fastify';
import type { Queryable } from '../db/port';
import { HttpError } from '../http-error';
import { sameHex, sha256Hex } from './secrets';
import { parseToken } from './terminal-auth';

/** A selling channel of one venue (the web shop), once its bearer token checked out. */
export interface ChannelPrincipal {
  readonly venueId: string;
  readonly channelId: string;
}

/**
 * A channel's bearer token has a terminal token's shape (`<venueId>.<channelId>.<secret>`,
 * the secret kept as its SHA-256 and compared in constant time) but is looked up among the
 * venue's channels: a till's token is no channel's, and a channel's opens no till route.
 */
export async function authenticateChannel(
  db: Queryable,
  request: FastifyRequest,
): Promise<ChannelPrincipal> {
  const refused = new HttpError(
    401,
    'invalid_token',
    'This route needs a selling channel’s bearer token (a manager creates one).',
  );
  const token = parseToken(request.headers.authorization);
  if (token === null) throw refused;
  const rows = await db.query<{ token_hash: string; revoked_at: Date | string | null }>(
    `SELECT token_hash, revoked_at FROM channels WHERE venue_id = $1 AND channel_id = $2`,
    [token.venueId, token.terminalId],
  );
  const row = rows[0];
  if (!row || !sameHex(row.token_hash, sha256Hex(token.secret))) throw refused;
  if (row.revoked_at !== null) {
    throw new HttpError(403, 'channel_revoked', 'This selling channel was revoked by a manager.');
  }
  return { venueId: token.venueId, channelId: token.terminalId };
}
