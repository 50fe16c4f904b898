import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { venueIdSchema } from '../../shared/catalog/venue-id';
import {
  feedbackOpenAnswerSchema,
  feedbackOpenRequestSchema,
  feedbackSubmitAnswerSchema,
  feedbackSubmitSchema,
  feedbackSummarySchema,
} from '../../shared/feedback/contract';
import { addDays, venueDayOf } from '../../shared/time/venue-day';
import { managerGuard, principalOf } from '../auth/manager-auth';
import { venueTimeZone } from '../catalog/venue-zone';
import type { Db } from '../db/port';
import { feedbackSummary, openFeedback, saveFeedback } from '../feedback/feedback-store';
import { HttpError } from '../http-error';
import { isoDate } from './reports';

/** The longest range the back office's feedback page reads at once: a year and its leap day. */
const MAX_DAYS = 366;
/** Without a range: the last 12 weeks up to the venue's today. */
const DEFAULT_DAYS = 84;
const DAY = 86_400_000;

const params = z.object({ venueId: venueIdSchema });
const query = z.strictObject({ from: isoDate.optional(), to: isoDate.optional() });

/**
 * Customer feedback (issue 14 item 8). Public: the e-mail's signed link opens the form and
 * sends it (rate-limited per client address like the refund-request routes; the token travels
 * in the body, never in a URL a log keeps). Back office: supervisors and managers read the
 * venue's summary. No route logs what the customer wrote.
 */
export const feedbackRoutes: FastifyPluginCallbackZod<{
  db: Db;
  publicPerMinute: number;
  now: () => number;
}> = (app, { db, publicPerMinute, now }, done) => {
  const limited = { rateLimit: { max: publicPerMinute, timeWindow: '1 minute' } };
  app.post(
    '/api/public/feedback/open',
    {
      config: limited,
      schema: { body: feedbackOpenRequestSchema, response: { 200: feedbackOpenAnswerSchema } },
    },
    async (request) => openFeedback(db, request.body.token, now()),
  );
  app.post(
    '/api/public/feedback',
    {
      config: limited,
      schema: { body: feedbackSubmitSchema, response: { 200: feedbackSubmitAnswerSchema } },
    },
    async (request) => saveFeedback(db, request.body, now()),
  );

  app.get(
    '/api/venues/:venueId/feedback',
    {
      preValidation: managerGuard(db, 'read'),
      schema: { params, querystring: query, response: { 200: feedbackSummarySchema } },
    },
    async (request) => {
      const { venueId } = principalOf(request);
      const timeZone = await venueTimeZone(db, venueId);
      const to = request.query.to ?? venueDayOf(now(), timeZone);
      const from = request.query.from ?? addDays(to, -(DEFAULT_DAYS - 1));
      const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY + 1;
      if (days < 1 || days > MAX_DAYS) {
        throw new HttpError(
          400,
          'invalid_range',
          `Choose a range from ${from} to ${to} of 1 to ${MAX_DAYS} days, the end on or after the start.`,
        );
      }
      return feedbackSummary(db, venueId, from, to, timeZone);
    },
  );
  done();
};
