import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { venueIdSchema } from '../../shared/catalog/venue-id';
import { managerGuard, principalOf } from '../auth/manager-auth';
import type { Db } from '../db/port';
import { HttpError } from '../http-error';

const venueId = venueIdSchema;

/**
 * The tills' own entries the audit trail shows beside the back office's rows: approvals, the
 * drawer opened (no sale; paid in, paid out, drop), sign-ins and training mode. They are read
 * from the journal as pushed, never copied, and listed as kind `till_<entry type>`.
 */
export const TILL_AUDIT_TYPES = [
  'approval',
  'no_sale',
  'paid_in',
  'paid_out',
  'drop',
  'login',
  'logout',
  'training_mode',
] as const;

/** What of a till entry's payload the audit row shows (no token ids, no totals tables). */
const TILL_DETAIL_KEYS = [
  'action',
  'subjectId',
  'reason',
  'amount',
  'requestedBy',
  'approvedBy',
  'enabled',
  'shiftId',
  'training',
] as const;

const MAX_LIMIT = 500;

const instant = z
  .string()
  .max(40)
  .refine((s) => !Number.isNaN(Date.parse(s)), 'a date and time such as 2026-12-03T18:00:00Z');

export const auditQuerySchema = z.strictObject({
  /** `manager:<id>`, `staff:<id>`, `terminal:<id>`, or just the id after the colon. */
  actor: z.string().trim().min(1).max(200).optional(),
  terminal: z.string().trim().min(1).max(64).optional(),
  kind: z.string().trim().min(1).max(64).optional(),
  from: instant.optional(),
  to: instant.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const auditEventSchema = z.strictObject({
  /** `bo:<id>` for a back-office row, `till:<terminal>:<seq>` for a journal entry. */
  id: z.string(),
  source: z.enum(['back_office', 'till']),
  at: z.string(),
  actor: z.string(),
  /** The manager's or supervisor's name for a `manager:<id>` actor (null for others). */
  actorName: z.string().nullable(),
  kind: z.string(),
  terminalId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});

/**
 * `GET /api/venues/:venueId/audit` (issue 13 item 9): the back office's audit rows and the
 * tills' recorded events merged by time, newest first, filtered by who, which till, what kind
 * and when, and paged by `limit`/`offset` (`nextOffset` null on the last page).
 */
export const auditRoutes: FastifyPluginCallbackZod<{ db: Db }> = (app, { db }, done) => {
  app.get(
    '/api/venues/:venueId/audit',
    {
      preValidation: managerGuard(db, 'read'),
      schema: {
        params: z.object({ venueId }),
        querystring: auditQuerySchema,
        response: {
          200: z.strictObject({
            events: z.array(auditEventSchema),
            nextOffset: z.number().int().nullable(),
          }),
        },
      },
    },
    async (request) => {
      const manager = principalOf(request);
      const q = request.query;
      const from = q.from === undefined ? null : new Date(q.from).toISOString();
      const to = q.to === undefined ? null : new Date(q.to).toISOString();
      if (from !== null && to !== null && from > to) {
        throw new HttpError(
          400,
          'invalid_period',
          'The start of the period is after its end; swap them or widen the period.',
        );
      }
      const rows = await db.query<{
        source: 'back_office' | 'till';
        ref: string;
        at: Date | string;
        actor: string;
        kind: string;
        terminal_id: string | null;
        detail: unknown;
      }>(
        `SELECT * FROM (
           SELECT 'back_office' AS source, 'bo:' || a.id::text AS ref, a.id AS n, a.at, a.actor,
             a.kind,
             a.terminal_id, a.detail
           FROM audit_events a WHERE a.venue_id = $1
           UNION ALL
           SELECT 'till' AS source, 'till:' || j.terminal_id || ':' || j.seq::text AS ref,
             j.seq::bigint AS n, j.at::timestamptz AS at,
             'staff:' || COALESCE(
               CASE WHEN j.type = 'approval' THEN j.body->'payload'->'approvedBy'->>'staffId' END,
               j.body->'payload'->'staff'->>'staffId', '?') AS actor,
             'till_' || j.type AS kind, j.terminal_id, j.body->'payload' AS detail
           FROM journal_entries j WHERE j.venue_id = $1 AND j.type = ANY($2::text[])
         ) e
         WHERE ($3::text IS NULL OR e.actor = $3 OR split_part(e.actor, ':', 2) = $3)
           AND ($4::text IS NULL OR e.terminal_id = $4)
           AND ($5::text IS NULL OR e.kind = $5)
           AND ($6::timestamptz IS NULL OR e.at >= $6::timestamptz)
           AND ($7::timestamptz IS NULL OR e.at <= $7::timestamptz)
         ORDER BY e.at DESC, e.source, e.terminal_id DESC, e.n DESC
         LIMIT $8 OFFSET $9`,
        [
          manager.venueId,
          [...TILL_AUDIT_TYPES],
          q.actor ?? null,
          q.terminal ?? null,
          q.kind ?? null,
          from,
          to,
          q.limit + 1,
          q.offset,
        ],
      );
      const more = rows.length > q.limit;
      // People read names, not account ids: the venue's back-office accounts by id.
      const accounts = await db.query<{ manager_id: string; name: string }>(
        `SELECT manager_id, name FROM managers WHERE venue_id = $1`,
        [manager.venueId],
      );
      const nameOf = new Map(accounts.map((a) => [`manager:${a.manager_id}`, a.name]));
      return {
        events: rows.slice(0, q.limit).map((r) => {
          const raw = (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail) as Record<
            string,
            unknown
          > | null;
          const detail: Record<string, unknown> = {};
          if (r.source === 'till') {
            for (const k of TILL_DETAIL_KEYS) if (raw?.[k] !== undefined) detail[k] = raw[k];
          } else {
            Object.assign(detail, raw ?? {});
          }
          return {
            id: r.ref,
            source: r.source,
            at: new Date(r.at).toISOString(),
            actor: r.actor,
            actorName: nameOf.get(r.actor) ?? null,
            kind: r.kind,
            terminalId: r.terminal_id,
            detail,
          };
        }),
        nextOffset: more ? q.offset + q.limit : null,
      };
    },
  );
  done();
};
