import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { venueIdSchema } from '../../shared/catalog/venue-id';
import { catalogSchema } from '../../shared/catalog/catalog';
import { auditedAs } from '../audit/manager-audit';
import { managerGuard, principalOf } from '../auth/manager-auth';
import { publishCatalog } from '../catalog/catalogs';
import type { Db } from '../db/port';
import type { FeedNotifier } from '../sync/feed-notifier';

const venueId = venueIdSchema;

/** A venue's catalog: events, performances, tiers, seating plans, prices and policies. */
export const CATALOG_MAX_BYTES = 4 * 1024 * 1024;

/**
 * A manager publishes the venue's catalog (HTTP Basic, like the other manager routes, until
 * the back office's sessions): the whole bundle, checked with the catalog schema the tills
 * use (cross-references included), under a version above the newest. Every till of the
 * venue takes it on its next pull; the live streams tell the online ones at once.
 */
export const catalogRoutes: FastifyPluginCallbackZod<{ db: Db; feed: FeedNotifier }> = (
  app,
  { db, feed },
  done,
) => {
  app.put(
    '/api/venues/:venueId/catalog',
    {
      preValidation: managerGuard(db, 'write'),
      bodyLimit: CATALOG_MAX_BYTES,
      schema: {
        params: z.object({ venueId }),
        body: catalogSchema,
        response: { 200: z.strictObject({ version: z.number().int().min(0) }) },
      },
    },
    async (request) => {
      const manager = principalOf(request);
      return publishCatalog(db, feed, manager.venueId, request.body, manager.managerId).then(
        auditedAs(db, manager, 'catalog_published'),
      );
    },
  );
  done();
};
