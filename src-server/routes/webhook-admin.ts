import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { venueIdSchema } from '../../shared/catalog/venue-id';
import {
  linkKeysAnswerSchema,
  rotateLinkKeyBodySchema,
  webhookAnswerSchema,
  webhookSettingBodySchema,
} from '../../shared/requests/webhook-contract';
import { auditBy } from '../audit/manager-audit';
import { managerGuard, principalOf } from '../auth/manager-auth';
import type { Db } from '../db/port';
import {
  readWebhook,
  recentDeliveries,
  removeWebhook,
  saveWebhook,
} from '../notify/webhook-settings';
import { listLinkKeys, rotateLinkKey } from '../requests/refund-link-keys';

const params = z.strictObject({ venueId: venueIdSchema });

/**
 * The venue's outgoing webhook (where its CRM hears of refund requests and vouchers) and its
 * refund-link keys (issue 14 items 4 and 7). Supervisors read; managers change, audited in the
 * change's transaction. The webhook's secret is written, never answered.
 */
export const webhookAdminRoutes: FastifyPluginCallbackZod<{
  db: Db;
  now: () => number;
}> = (app, { db, now }, done) => {
  const answer = async (venueId: string) => ({
    webhook: await readWebhook(db, venueId),
    deliveries: await recentDeliveries(db, venueId),
  });
  app.get(
    '/api/venues/:venueId/webhook',
    {
      preValidation: managerGuard(db, 'read'),
      schema: { params, response: { 200: webhookAnswerSchema } },
    },
    async (request) => answer(principalOf(request).venueId),
  );
  app.put(
    '/api/venues/:venueId/webhook',
    {
      preValidation: managerGuard(db, 'write'),
      schema: { params, body: webhookSettingBodySchema, response: { 200: webhookAnswerSchema } },
    },
    async (request) => {
      const manager = principalOf(request);
      await db.transaction(async (tx) => {
        const before = await saveWebhook(
          tx,
          manager.venueId,
          request.body.url,
          request.body.secret,
        );
        const after = await readWebhook(tx, manager.venueId);
        // The addresses, never the secret (only that it was set).
        await auditBy(tx, manager, 'webhook_set', null, { before, after: after?.url ?? null });
      });
      return answer(manager.venueId);
    },
  );
  app.delete(
    '/api/venues/:venueId/webhook',
    {
      preValidation: managerGuard(db, 'write'),
      schema: { params, response: { 200: webhookAnswerSchema } },
    },
    async (request) => {
      const manager = principalOf(request);
      await db.transaction(async (tx) => {
        const before = await removeWebhook(tx, manager.venueId);
        if (before !== null) await auditBy(tx, manager, 'webhook_removed', null, { before });
      });
      return answer(manager.venueId);
    },
  );
  app.get(
    '/api/venues/:venueId/refund-link-keys',
    {
      preValidation: managerGuard(db, 'read'),
      schema: { params, response: { 200: linkKeysAnswerSchema } },
    },
    async (request) => ({ keys: await listLinkKeys(db, principalOf(request).venueId) }),
  );
  app.post(
    '/api/venues/:venueId/refund-link-keys/rotate',
    {
      preValidation: managerGuard(db, 'write'),
      schema: { params, body: rotateLinkKeyBodySchema, response: { 200: linkKeysAnswerSchema } },
    },
    async (request) => {
      const manager = principalOf(request);
      await db.transaction(async (tx) => {
        const rotation = await rotateLinkKey(tx, manager.venueId, now(), request.body.retireNow);
        await auditBy(tx, manager, 'refund_link_key_rotated', null, {
          ...rotation,
          retireNow: request.body.retireNow,
        });
      });
      return { keys: await listLinkKeys(db, manager.venueId) };
    },
  );
  done();
};
