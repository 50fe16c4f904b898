import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DomainEntry } from '../../shared/journal/entry-types';
import type { Currency } from '../../shared/money/currency';
import { managerGuard, principalOf } from '../auth/manager-auth';
import type { Db } from '../db/port';
import { buildDayReport, dayReportSchema } from '../reports/day-report';

const venueId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'not a venue id');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  // Zod runs the refinement even after the pattern failed: an unparsable string is no date.
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
  }, 'not a calendar date');

/** Reports for a venue's managers (HTTP Basic, like the other manager routes). */
export const reportRoutes: FastifyPluginCallbackZod<{ db: Db }> = (app, { db }, done) => {
  app.get(
    '/api/venues/:venueId/reports/day',
    {
      preValidation: managerGuard(db, 'read'),
      schema: {
        params: z.object({ venueId }),
        querystring: z.strictObject({ date: isoDate }),
        response: { 200: dayReportSchema },
      },
    },
    async (request) => {
      const manager = principalOf(request);
      const { date } = request.query;
      const from = `${date}T00:00:00Z`;
      const until = new Date(Date.parse(from) + 24 * 3600 * 1000).toISOString();
      const venue = await db.query<{ currency: Currency }>(
        `SELECT currency FROM venues WHERE venue_id = $1`,
        [manager.venueId],
      );
      // Every entry stored for the day, applied or raised as an exception: the journal is the
      // record (the till's Z counted them all).
      const rows = await db.query<{ body: DomainEntry }>(
        `SELECT body FROM journal_entries
         WHERE venue_id = $1 AND at::timestamptz >= $2::timestamptz AND at::timestamptz < $3::timestamptz
         ORDER BY terminal_id, seq`,
        [manager.venueId, from, until],
      );
      const entries = rows.map((r) => r.body);
      const openedHere = new Set(
        entries.filter((e) => e.type === 'shift_open').map((e) => `${e.terminalId} ${shiftOf(e)}`),
      );
      const missing = [
        ...new Set(
          entries
            .filter((e) => shiftOf(e) !== null && !openedHere.has(`${e.terminalId} ${shiftOf(e)}`))
            .map((e) => shiftOf(e)!),
        ),
      ];
      const earlier =
        missing.length === 0
          ? []
          : await db.query<{ body: DomainEntry }>(
              `SELECT body FROM journal_entries
               WHERE venue_id = $1 AND type = 'shift_open' AND body->'payload'->>'shiftId' = ANY($2::text[])
                 AND at::timestamptz < $3::timestamptz`,
              [manager.venueId, missing, from],
            );
      return buildDayReport(
        {
          venueId: manager.venueId,
          date,
          currency: venue[0]!.currency,
          entries,
          earlierOpens: earlier.map((r) => r.body),
        },
        new Date().toISOString(),
      );
    },
  );
  done();
};

function shiftOf(e: DomainEntry): string | null {
  return 'shiftId' in e.payload ? e.payload.shiftId : null;
}
