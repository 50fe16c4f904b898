import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { venueIdSchema } from '../../shared/catalog/venue-id';
import type { Currency } from '../../shared/money/currency';
import { venueDaysRange } from '../../shared/time/venue-day';
import { managerGuard, principalOf } from '../auth/manager-auth';
import { venueTimeZone } from '../catalog/venue-zone';
import type { Db } from '../db/port';
import { HttpError } from '../http-error';
import { terminalDayFolds } from '../reports/day-folds';
import {
  BUCKETS,
  buildRefundAnalytics,
  refundAnalyticsSchema,
  type Bucket,
  type RefundAnalytics,
} from '../reports/refund-analytics';
import { refundAnalyticsCsv } from '../reports/refund-analytics-csv';
import { readOnlinePayouts } from '../reports/online-payouts';
import { isoDate } from './reports';

/** The longest range one answer covers: a year, leap day included. */
export const MAX_RANGE_DAYS = 366;
const DAY = 24 * 3600 * 1000;

const params = z.object({
  venueId: venueIdSchema,
});
const query = z.strictObject({
  from: isoDate,
  to: isoDate,
  bucket: z.enum(BUCKETS).default('day'),
});

interface CatalogBody {
  readonly events?: readonly { id: string; name: string }[];
  readonly performances?: readonly { id: string; eventId: string; startsAt: string }[];
}

async function analytics(
  db: Db,
  venueId: string,
  from: string,
  to: string,
  bucket: Bucket,
): Promise<RefundAnalytics> {
  const start = Date.parse(`${from}T00:00:00Z`);
  const days = (Date.parse(`${to}T00:00:00Z`) - start) / DAY + 1;
  if (days < 1) {
    throw new HttpError(
      400,
      'invalid_range',
      `The range ends (${to}) before it starts (${from}): choose an end date on or after the start.`,
    );
  }
  if (days > MAX_RANGE_DAYS) {
    throw new HttpError(
      400,
      'range_too_long',
      `The range ${from} to ${to} is ${days} days; choose at most ${MAX_RANGE_DAYS} days.`,
    );
  }
  const venue = await db.query<{ currency: Currency }>(
    `SELECT currency FROM venues WHERE venue_id = $1`,
    [venueId],
  );
  const currency = venue[0]!.currency;
  const timeZone = await venueTimeZone(db, venueId);
  const range = venueDaysRange(from, to, timeZone);
  const [terminals, catalog, folds, onlinePayouts] = await Promise.all([
    db.query<{ terminal_id: string; name: string }>(
      `SELECT terminal_id, name FROM terminals WHERE venue_id = $1`,
      [venueId],
    ),
    db.query<{ body: CatalogBody }>(
      `SELECT body FROM catalogs WHERE venue_id = $1 ORDER BY version DESC LIMIT 1`,
      [venueId],
    ),
    terminalDayFolds(db, venueId, currency, from, to, timeZone),
    readOnlinePayouts(db, venueId, range.from, range.until, timeZone),
  ]);
  const body = catalog[0]?.body ?? {};
  const events = new Map((body.events ?? []).map((e) => [e.id, e.name]));
  const performances = new Map(
    (body.performances ?? []).map((p) => [
      p.id,
      { eventName: events.get(p.eventId) ?? p.eventId, startsAt: p.startsAt },
    ]),
  );
  return buildRefundAnalytics({
    venueId,
    from,
    to,
    bucket,
    timeZone,
    currency,
    folds,
    terminalNames: new Map(terminals.map((t) => [t.terminal_id, t.name])),
    performances,
    onlinePayouts,
  });
}

/** Refund analytics for a venue's managers and supervisors (read only), as JSON and CSV. */
export const refundAnalyticsRoutes: FastifyPluginCallbackZod<{ db: Db }> = (app, { db }, done) => {
  app.get(
    '/api/venues/:venueId/analytics/refunds',
    {
      preValidation: managerGuard(db, 'read'),
      schema: { params, querystring: query, response: { 200: refundAnalyticsSchema } },
    },
    async (request) => {
      const { from, to, bucket } = request.query;
      return analytics(db, principalOf(request).venueId, from, to, bucket);
    },
  );
  app.get(
    '/api/venues/:venueId/analytics/refunds.csv',
    {
      preValidation: managerGuard(db, 'read'),
      schema: { params, querystring: query },
    },
    async (request, reply) => {
      const { from, to, bucket } = request.query;
      const answer = await analytics(db, principalOf(request).venueId, from, to, bucket);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="refunds-${from}-${to}.csv"`)
        .send(refundAnalyticsCsv(answer));
    },
  );
  done();
};
