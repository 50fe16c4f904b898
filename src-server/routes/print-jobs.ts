import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { venueIdSchema } from '../../shared/catalog/venue-id';
import { slipLocaleSchema } from '../../shared/slips/document';
import { tillPrintJobsResponseSchema, type TillPrintJob } from '../../shared/sync/contract';
import { auditBy } from '../audit/manager-audit';
import { managerGuard, principalOf } from '../auth/manager-auth';
import { authenticateTerminal } from '../auth/terminal-auth';
import { venueTimeZone } from '../catalog/venue-zone';
import type { Db, Queryable } from '../db/port';
import { isoTimestamp } from '../db/timestamps';
import { HttpError } from '../http-error';
import type { FeedNotifier } from '../sync/feed-notifier';
import { readZReport } from './back-office-reports';

const venueId = venueIdSchema;
const terminalId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'not a terminal id');
const shiftId = z.string().min(1).max(200);

/** A copy of a Z sent to a till, as the back office lists it under that Z. */
const printJobViewSchema = z.strictObject({
  jobId: z.string(),
  targetTerminalId: z.string(),
  targetName: z.string(),
  locale: slipLocaleSchema,
  requestedBy: z.string(),
  requestedAt: z.string(),
  /** when the till put it in its print queue; null while it waits (the till is off or offline) */
  queuedAt: z.string().nullable(),
});

/** A till takes at most this many jobs per fetch; the rest come with the next one. */
const JOBS_PER_FETCH = 20;

/**
 * Issue 13 item 4, "reprint to a chosen till's printer": a manager sends a copy of any Z to
 * any enrolled, unrevoked window of the venue; the job waits in `till_print_jobs` and the
 * live channel tells that till at once (`event: print`). The till (main, holding the token)
 * fetches its waiting jobs, lays each out with the shared Z layout for its own printer, queues
 * it under the job's id — so a job fetched twice prints once — and says so. Supervisors see
 * the jobs of a Z but may not send one.
 */
export const printJobRoutes: FastifyPluginCallbackZod<{ db: Db; feed: FeedNotifier }> = (
  app,
  { db, feed },
  done,
) => {
  const zPath = '/api/venues/:venueId/terminals/:terminalId/shifts/:shiftId/z/print-jobs';

  app.get(
    zPath,
    {
      preValidation: managerGuard(db, 'read'),
      schema: {
        params: z.strictObject({ venueId, terminalId, shiftId }),
        response: { 200: z.strictObject({ jobs: z.array(printJobViewSchema) }) },
      },
    },
    async (request) => {
      const manager = principalOf(request);
      return { jobs: await jobsOfShift(db, manager.venueId, request.params) };
    },
  );

  app.post(
    zPath,
    {
      preValidation: managerGuard(db, 'write'),
      schema: {
        params: z.strictObject({ venueId, terminalId, shiftId }),
        body: z.strictObject({ targetTerminalId: terminalId, locale: slipLocaleSchema }),
        response: { 201: printJobViewSchema },
      },
    },
    async (request, reply) => {
      const manager = principalOf(request);
      const { terminalId: source, shiftId: shift } = request.params;
      const { targetTerminalId: target, locale } = request.body;
      // The Z must exist and be closed (404 in words otherwise) before anything is queued.
      await readZReport(db, manager.venueId, source, shift);
      const jobId = crypto.randomUUID();
      await db.transaction(async (tx) => {
        const targets = await tx.query<{ name: string; revoked_at: unknown }>(
          `SELECT name, revoked_at FROM terminals WHERE venue_id = $1 AND terminal_id = $2`,
          [manager.venueId, target],
        );
        const row = targets[0];
        if (row === undefined) {
          throw new HttpError(
            404,
            'terminal_not_found',
            `There is no window ${target} at this venue.`,
          );
        }
        if (row.revoked_at !== null) {
          throw new HttpError(
            409,
            'terminal_revoked',
            `${row.name} was taken out of service; choose another window to print on.`,
          );
        }
        await tx.query(
          `INSERT INTO till_print_jobs
             (venue_id, job_id, target_terminal_id, source_terminal_id, shift_id, locale, requested_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [manager.venueId, jobId, target, source, shift, locale, manager.managerId],
        );
        await auditBy(tx, manager, 'z_copy_sent', target, {
          sourceTerminalId: source,
          shiftId: shift,
          locale,
        });
        const [channel, payload] = feed.printJobAnnouncement(manager.venueId, target);
        await tx.query('SELECT pg_notify($1, $2)', [channel, payload]);
      });
      feed.printJobQueued(manager.venueId, target);
      const sent = { terminalId: source, shiftId: shift };
      reply.code(201);
      return (await jobsOfShift(db, manager.venueId, sent, jobId))[0]!;
    },
  );

  // The till's side: its own waiting jobs, each with the Z it prints.
  app.get(
    '/api/sync/print-jobs',
    { schema: { response: { 200: tillPrintJobsResponseSchema } } },
    async (request) => {
      const terminal = await authenticateTerminal(db, request);
      const waiting = await db.query<{
        job_id: string;
        source_terminal_id: string;
        shift_id: string;
        locale: TillPrintJob['locale'];
      }>(
        `SELECT job_id, source_terminal_id, shift_id, locale FROM till_print_jobs
         WHERE venue_id = $1 AND target_terminal_id = $2 AND queued_at IS NULL
         ORDER BY requested_at, job_id LIMIT ${JOBS_PER_FETCH}`,
        [terminal.venueId, terminal.terminalId],
      );
      if (waiting.length === 0) return { jobs: [] };
      const venue = await venueLook(db, terminal.venueId);
      const jobs: TillPrintJob[] = [];
      for (const w of waiting) {
        const z = await readZReport(db, terminal.venueId, w.source_terminal_id, w.shift_id);
        jobs.push({
          jobId: w.job_id,
          kind: 'z_copy',
          locale: w.locale,
          timeZone: venue.timeZone,
          venueName: venue.name,
          terminalName: z.terminalName,
          cashierName: z.cashierName,
          close: z.close,
        });
      }
      return { jobs };
    },
  );

  app.post(
    '/api/sync/print-jobs/:jobId/queued',
    {
      schema: {
        params: z.strictObject({ jobId: z.uuid() }),
        response: { 200: z.strictObject({ queuedAt: z.string() }) },
      },
    },
    async (request) => {
      const terminal = await authenticateTerminal(db, request);
      // Idempotent: a till that lost the first answer says it again and gets the same time.
      const rows = await db.query<{ queued_at: unknown }>(
        `UPDATE till_print_jobs SET queued_at = COALESCE(queued_at, now())
         WHERE venue_id = $1 AND target_terminal_id = $2 AND job_id = $3
         RETURNING queued_at`,
        [terminal.venueId, terminal.terminalId, request.params.jobId],
      );
      if (rows.length === 0) {
        throw new HttpError(404, 'print_job_not_found', 'No such print job for this window.');
      }
      return { queuedAt: isoOf(rows[0]!.queued_at) };
    },
  );
  done();
};

const isoOf = (v: unknown): string => isoTimestamp(v instanceof Date ? v : String(v));

async function jobsOfShift(
  db: Queryable,
  venue: string,
  z: { readonly terminalId: string; readonly shiftId: string },
  onlyJob?: string,
): Promise<z.infer<typeof printJobViewSchema>[]> {
  const rows = await db.query<{
    job_id: string;
    target_terminal_id: string;
    target_name: string;
    locale: z.infer<typeof slipLocaleSchema>;
    requested_by: string;
    requested_at: unknown;
    queued_at: unknown;
  }>(
    `SELECT j.job_id, j.target_terminal_id, t.name AS target_name, j.locale,
            COALESCE(m.name, j.requested_by) AS requested_by, j.requested_at, j.queued_at
     FROM till_print_jobs j
     JOIN terminals t ON t.venue_id = j.venue_id AND t.terminal_id = j.target_terminal_id
     LEFT JOIN managers m ON m.venue_id = j.venue_id AND m.manager_id = j.requested_by
     WHERE j.venue_id = $1 AND j.source_terminal_id = $2 AND j.shift_id = $3
       AND ($4::uuid IS NULL OR j.job_id = $4::uuid)
     ORDER BY j.requested_at DESC, j.job_id`,
    [venue, z.terminalId, z.shiftId, onlyJob ?? null],
  );
  return rows.map((r) => ({
    jobId: r.job_id,
    targetTerminalId: r.target_terminal_id,
    targetName: r.target_name,
    locale: r.locale,
    requestedBy: r.requested_by,
    requestedAt: isoOf(r.requested_at),
    queuedAt: r.queued_at === null ? null : isoOf(r.queued_at),
  }));
}

/**
 * The venue's name and time zone as its newest catalog has them (the till prints in them); the
 * zone from venueTimeZone, the one place that reads it for reports, slips and the back office.
 * Only the name is read out of the catalog's body: the whole document holds every seating plan.
 */
async function venueLook(
  db: Queryable,
  venue: string,
): Promise<{ name: string; timeZone: string }> {
  const [row] = await db.query<{ name: string | null }>(
    `SELECT coalesce(
       (SELECT body->'venue'->>'name' FROM catalogs WHERE venue_id = $1
        ORDER BY version DESC LIMIT 1),
       (SELECT name FROM venues WHERE venue_id = $1)) AS name`,
    [venue],
  );
  return { name: row?.name ?? venue, timeZone: await venueTimeZone(db, venue) };
}
