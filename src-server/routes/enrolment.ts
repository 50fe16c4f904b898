import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { venueIdSchema } from '../../shared/catalog/venue-id';
import { isValidEd25519PublicKey } from '../../shared/crypto/ed25519';
import { auditBy } from '../audit/manager-audit';
import { managerGuard, principalOf } from '../auth/manager-auth';
import {
  newEnrolmentCode,
  newTokenSecret,
  normaliseEnrolmentCode,
  sha256Hex,
} from '../auth/secrets';
import { authenticateTerminal, formatToken } from '../auth/terminal-auth';
import { num, type Db } from '../db/port';
import { isoTimestamp, isoTimestampOrNull } from '../db/timestamps';
import type { FeedNotifier } from '../sync/feed-notifier';
import { HttpError } from '../http-error';

const venueId = venueIdSchema;
const terminalId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'not a terminal id');

const MAX_CODE_TTL_MINUTES = 24 * 60;

/**
 * Terminal enrolment and revocation. A manager creates a one-time code (shown once, kept as
 * its SHA-256, expiring, single use); a till redeems it with its Ed25519 public key and gets
 * a terminal id the server assigns (venue id + a per-venue number, so two tills never share
 * `T1`) and a bearer token whose secret the server keeps only hashed. A revoked terminal's
 * token is refused and its key is listed at /api/revocations for every till of the venue.
 */
export const enrolmentRoutes: FastifyPluginCallbackZod<{ db: Db; feed: FeedNotifier }> = (
  app,
  { db, feed },
  done,
) => {
  app.post(
    '/api/venues/:venueId/enrolment-codes',
    {
      preValidation: managerGuard(db, 'write'),
      schema: {
        params: z.object({ venueId }),
        body: z
          .strictObject({
            ttlMinutes: z.number().int().min(1).max(MAX_CODE_TTL_MINUTES).optional(),
          })
          .optional(),
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const manager = principalOf(request);
      const ttl = request.body?.ttlMinutes ?? 30;
      const code = newEnrolmentCode();
      const rows = await db.query<{ expires_at: Date | string }>(
        `INSERT INTO enrolment_codes (venue_id, code_hash, created_by, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(mins => $4)) RETURNING expires_at`,
        [manager.venueId, sha256Hex(code), manager.managerId, ttl],
      );
      await auditBy(db, manager, 'enrolment_code_created', null, { ttlMinutes: ttl });
      request.log.info(
        { venueId: manager.venueId, managerId: manager.managerId },
        'enrolment code created',
      );
      return reply.code(201).send({ code, expiresAt: isoTimestamp(rows[0]!.expires_at) });
    },
  );

  app.post(
    '/api/enrol',
    {
      schema: {
        body: z.strictObject({
          venueId,
          code: z.string().min(1).max(64),
          publicKey: z.string().min(1).max(64),
          name: z.string().min(1).max(100).optional(),
        }),
      },
      // Codes are 80 random bits, but a guessing client should still be slowed down.
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { venueId: venue, code, publicKey, name } = request.body;
      const key = Buffer.from(publicKey, 'base64');
      if (key.toString('base64') !== publicKey || !isValidEd25519PublicKey(new Uint8Array(key))) {
        throw new HttpError(
          400,
          'invalid_public_key',
          'publicKey must be a valid raw Ed25519 public key (32 bytes, base64).',
        );
      }
      const secret = newTokenSecret();
      const result = await db.transaction(async (tx) => {
        // Single use: the code row is claimed and locked by this UPDATE; a second redemption
        // finds redeemed_at set (or waits for this transaction and then finds it set).
        const claimed = await tx.query<{ code_hash: string }>(
          `UPDATE enrolment_codes SET redeemed_at = now()
           WHERE venue_id = $1 AND code_hash = $2 AND redeemed_at IS NULL AND expires_at > now()
           RETURNING code_hash`,
          [venue, sha256Hex(normaliseEnrolmentCode(code))],
        );
        if (claimed.length === 0) return null;
        const taken = await tx.query(
          `SELECT 1 FROM terminals WHERE venue_id = $1 AND public_key = $2`,
          [venue, publicKey],
        );
        if (taken.length > 0) {
          throw new HttpError(
            409,
            'public_key_enrolled',
            'This public key is already enrolled at the venue; each terminal needs its own key.',
          );
        }
        const numbered = await tx.query<{ no: number; name: string; currency: string }>(
          `UPDATE venues SET next_terminal_no = next_terminal_no + 1 WHERE venue_id = $1
           RETURNING next_terminal_no - 1 AS no, name, currency`,
          [venue],
        );
        const venueRow = numbered[0]!;
        const id = `${venue}-T${String(venueRow.no).padStart(2, '0')}`;
        await tx.query(
          `INSERT INTO terminals (venue_id, terminal_id, terminal_no, name, public_key, token_hash)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [venue, id, venueRow.no, name ?? `Terminal ${venueRow.no}`, publicKey, sha256Hex(secret)],
        );
        await tx.query(
          `UPDATE enrolment_codes SET terminal_id = $3 WHERE venue_id = $1 AND code_hash = $2`,
          [venue, claimed[0]!.code_hash, id],
        );
        return {
          terminalId: id,
          venue: { id: venue, name: venueRow.name, currency: venueRow.currency },
        };
      });
      if (result === null) {
        throw new HttpError(
          400,
          'invalid_enrolment_code',
          'This enrolment code is unknown at this venue, expired or already used; ask a manager for a new one.',
        );
      }
      request.log.info({ venueId: venue, terminalId: result.terminalId }, 'terminal enrolled');
      return reply
        .code(201)
        .send({ ...result, token: formatToken(venue, result.terminalId, secret) });
    },
  );

  app.get(
    '/api/venues/:venueId/terminals',
    {
      preValidation: managerGuard(db, 'read'),
      schema: { params: z.object({ venueId }) },
    },
    async (request) => {
      const manager = principalOf(request);
      const rows = await db.query<{
        terminal_id: string;
        name: string;
        public_key: string;
        enrolled_at: Date | string;
        revoked_at: Date | string | null;
        head_seq: number;
        head_at: Date | string | null;
        last_seen_at: Date | string | null;
        till_head_seq: number | null;
        unsynced_since: Date | string | null;
      }>(
        `SELECT terminal_id, name, public_key, enrolled_at, revoked_at, head_seq, head_at,
                last_seen_at, till_head_seq, unsynced_since FROM terminals
         WHERE venue_id = $1 ORDER BY terminal_no`,
        [manager.venueId],
      );
      return {
        terminals: rows.map((r) => ({
          terminalId: r.terminal_id,
          name: r.name,
          publicKey: r.public_key,
          enrolledAt: isoTimestamp(r.enrolled_at),
          revokedAt: isoTimestampOrNull(r.revoked_at),
          headSeq: Number(r.head_seq),
          /** When its chain last grew here: the last push that brought entries. */
          lastPushAt: isoTimestampOrNull(r.head_at),
          /** When it last reached the server (its last pull). */
          lastSeenAt: isoTimestampOrNull(r.last_seen_at),
          /** Entries it held that the server had not, as its last pull said (null: unknown). */
          queued:
            r.till_head_seq === null ? null : Math.max(0, r.till_head_seq - Number(r.head_seq)),
          /** Since when it has had a queue (null: none at its last pull). */
          unsyncedSince: isoTimestampOrNull(r.unsynced_since),
        })),
      };
    },
  );

  app.post(
    '/api/venues/:venueId/terminals/:terminalId/revoke',
    {
      preValidation: managerGuard(db, 'write'),
      schema: {
        params: z.object({ venueId, terminalId }),
        body: z.strictObject({ reason: z.string().min(1).max(500) }),
      },
    },
    async (request) => {
      const manager = principalOf(request);
      const { terminalId } = request.params;
      const { revokedAt, feedPos } = await db.transaction(async (tx) => {
        const rows = await tx.query<{ revoked_at: Date | string; feed_pos: unknown }>(
          `WITH r AS (
             UPDATE terminals SET revoked_at = COALESCE(revoked_at, now()),
               revoked_by = COALESCE(revoked_by, $3), revoked_reason = COALESCE(revoked_reason, $4)
             WHERE venue_id = $1 AND terminal_id = $2 RETURNING revoked_at
           )
           SELECT r.revoked_at, v.feed_pos FROM r, venues v WHERE v.venue_id = $1`,
          [manager.venueId, terminalId, manager.managerId, request.body.reason],
        );
        const row = rows[0];
        if (!row) {
          throw new HttpError(
            404,
            'terminal_not_found',
            `There is no terminal ${terminalId} at this venue.`,
          );
        }
        // Other nodes end the terminal's streams and wake the venue's, at COMMIT.
        await tx.query(`SELECT pg_notify($1, $2), pg_notify($3, $4)`, [
          ...feed.revocationAnnouncement(manager.venueId, terminalId),
          ...feed.announcement(manager.venueId, num(row.feed_pos)),
        ]);
        return { revokedAt: row.revoked_at, feedPos: num(row.feed_pos) };
      });
      // Its open live streams end now (a reconnect is refused), and the venue's other tills
      // are woken to pull: their pull brings the revocation list with its key flagged.
      await auditBy(db, manager, 'terminal_revoked', terminalId, { reason: request.body.reason });
      feed.revoked(manager.venueId, terminalId);
      feed.publish(manager.venueId, feedPos);
      request.log.warn(
        { venueId: manager.venueId, terminalId: request.params.terminalId },
        'terminal revoked',
      );
      return {
        terminalId: request.params.terminalId,
        revokedAt: isoTimestamp(revokedAt),
      };
    },
  );

  app.get('/api/revocations', async (request) => {
    const terminal = await authenticateTerminal(db, request);
    const rows = await db.query<{
      terminal_id: string;
      public_key: string;
      revoked_at: Date | string;
      revoked_reason: string | null;
    }>(
      `SELECT terminal_id, public_key, revoked_at, revoked_reason FROM terminals
       WHERE venue_id = $1 AND revoked_at IS NOT NULL ORDER BY revoked_at, terminal_id`,
      [terminal.venueId],
    );
    return {
      revocations: rows.map((r) => ({
        terminalId: r.terminal_id,
        publicKey: r.public_key,
        revokedAt: isoTimestamp(r.revoked_at),
        reason: r.revoked_reason,
      })),
    };
  });

  app.get('/api/terminal', async (request) => {
    const terminal = await authenticateTerminal(db, request);
    const rows = await db.query<{ head_seq: number; head_hash: string; name: string }>(
      `SELECT head_seq, head_hash, name FROM terminals WHERE venue_id = $1 AND terminal_id = $2`,
      [terminal.venueId, terminal.terminalId],
    );
    const row = rows[0]!;
    return {
      ...terminal,
      name: row.name,
      head: { seq: Number(row.head_seq), hash: row.head_hash },
    };
  });
  done();
};
