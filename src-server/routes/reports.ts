import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { venueIdSchema } from '../../shared/catalog/venue-id';
import type { Currency } from '../../shared/money/currency';
import { venueDayRange } from '../../shared/time/venue-day';
import { managerGuard, principalOf } from '../auth/manager-auth';
import { venueTimeZone } from '../catalog/venue-zone';
import type { Db } from '../db/port';
import { buildDayReport, dayReportSchema } from '../reports/day-report';
import { journalRange } from '../reports/journal-range';
import { readOnlinePayouts } from '../reports/online-payouts';

const venueId = venueIdSchema;
export const isoDate = z
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
      const timeZone = await venueTimeZone(db, manager.venueId);
      const { from, until } = venueDayRange(date, timeZone);
      const venue = await db.query<{ currency: Currency }>(
        `SELECT currency FROM venues WHERE venue_id = $1`,
        [manager.venueId],
      );
      const { entries, earlierOpens } = await journalRange(db, manager.venueId, from, until);
      const onlinePayouts = await readOnlinePayouts(db, manager.venueId, from, until, timeZone);
      return buildDayReport(
        {
          venueId: manager.venueId,
          date,
          timeZone,
          currency: venue[0]!.currency,
          entries,
          earlierOpens,
          onlinePayouts,
        },
        new Date().toISOString(),
      );
    },
  );
  done();
};
