import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { venueIdSchema } from '../../shared/catalog/venue-id';
import { staffListUpdateSchema } from '../../shared/staff/staff-list';
import { auditedAs } from '../audit/manager-audit';
import { managerGuard, principalOf } from '../auth/manager-auth';
import type { Db } from '../db/port';
import { publishStaffList } from '../staff/staff-lists';
import type { FeedNotifier } from '../sync/feed-notifier';

const venueId = venueIdSchema;

/**
 * A manager publishes the venue's staff list (HTTP Basic, like the other manager routes until
 * the back office's sessions): everyone who may sign in, with a PIN for those who are new or
 * get a new one. The answer is the version only; the PINs are hashed and never come back.
 * Each PIN costs ~40 ms of scrypt, so a list is capped at MAX_STAFF (1,000) by the schema and
 * the route by the rate limit.
 */
export const staffRoutes: FastifyPluginCallbackZod<{ db: Db; feed: FeedNotifier }> = (
  app,
  { db, feed },
  done,
) => {
  app.put(
    '/api/venues/:venueId/staff',
    {
      preValidation: managerGuard(db, 'write'),
      bodyLimit: 256 * 1024,
      schema: {
        params: z.object({ venueId }),
        body: staffListUpdateSchema,
        response: { 200: z.strictObject({ version: z.number().int().min(0) }) },
      },
    },
    async (request) => {
      const manager = principalOf(request);
      return publishStaffList(db, feed, manager.venueId, request.body, manager.managerId).then(
        auditedAs(db, manager, 'staff_list_published'),
      );
    },
  );
  done();
};
