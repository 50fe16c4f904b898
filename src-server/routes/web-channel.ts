import { randomBytes } from 'node:crypto';
import type { FastifyPluginCallbackZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { venueIdSchema } from '../../shared/catalog/venue-id';
import type { Holder } from '../../shared/inventory';
import {
  channelRequestSchema,
  channelResponseSchema,
  holdRequestSchema,
  holdResponseSchema,
  orderRequestSchema,
  orderResponseSchema,
  releasePartRequestSchema,
  renewRequestSchema,
} from '../../shared/inventory/contract';
import { authenticateChannel, type ChannelPrincipal } from '../auth/channel-auth';
import { auditBy } from '../audit/manager-audit';
import { managerGuard, principalOf } from '../auth/manager-auth';
import { newTokenSecret, sha256Hex } from '../auth/secrets';
import { formatToken } from '../auth/terminal-auth';
import type { Db } from '../db/port';
import {
  orderFromHold,
  orderOnline,
  placeHold,
  releaseHeld,
  shrinkHeld,
  renewHeld,
} from '../inventory/requests';

/**
 * The web shop as a selling channel (issue 12 item 4): it holds and orders seats and GA
 * places from the same inventory as the windows, through the same requests
 * (inventory/requests.ts), so the window and the shop can never sell one seat twice. Payment
 * is the shop's business: an order here is the inventory's sale, made once paid.
 */
export const webChannelRoutes: FastifyPluginCallbackZod<{ db: Db }> = (app, { db }, done) => {
  app.post(
    '/api/venues/:venueId/channels',
    {
      preValidation: managerGuard(db, 'write'),
      schema: {
        params: z.object({ venueId: venueIdSchema }),
        body: channelRequestSchema,
        response: { 201: channelResponseSchema },
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const manager = principalOf(request);
      const channelId = `web-${randomBytes(4).toString('hex')}`;
      const secret = newTokenSecret();
      await db.query(
        `INSERT INTO channels (venue_id, channel_id, kind, name, token_hash, created_by)
         VALUES ($1, $2, 'web', $3, $4, $5)`,
        [manager.venueId, channelId, request.body.name, sha256Hex(secret), manager.managerId],
      );
      await auditBy(db, manager, 'channel_created', null, { channelId, name: request.body.name });
      return reply
        .code(201)
        .send({ channelId, token: formatToken(manager.venueId, channelId, secret) });
    },
  );

  app.register((shop, _options, registered) => {
    const channels = new WeakMap<object, ChannelPrincipal>();
    shop.addHook('onRequest', async (request) => {
      channels.set(request, await authenticateChannel(db, request));
    });
    const who = (request: object): { venueId: string; holder: Holder } => {
      const c = channels.get(request)!;
      return { venueId: c.venueId, holder: { channel: 'web', id: c.channelId } };
    };
    const idParams = z.strictObject({ id: z.uuid() });
    const typed = shop.withTypeProvider<ZodTypeProvider>();

    typed.post(
      '/api/channels/web/holds',
      { schema: { body: holdRequestSchema, response: { 201: holdResponseSchema } } },
      async (request, reply) => {
        const { venueId, holder } = who(request);
        return reply.code(201).send(await placeHold(db, venueId, holder, request.body));
      },
    );
    typed.post(
      '/api/channels/web/holds/:id/renew',
      {
        schema: {
          params: idParams,
          body: renewRequestSchema,
          response: { 200: holdResponseSchema },
        },
      },
      async (request) => {
        const { venueId, holder } = who(request);
        return renewHeld(db, venueId, holder, request.params.id, request.body.ttlSeconds);
      },
    );
    typed.post(
      '/api/channels/web/holds/:id/release',
      {
        schema: {
          params: idParams,
          body: releasePartRequestSchema,
          response: { 200: holdResponseSchema },
        },
      },
      async (request) => {
        const { venueId, holder } = who(request);
        return shrinkHeld(db, venueId, holder, request.params.id, request.body);
      },
    );
    typed.delete(
      '/api/channels/web/holds/:id',
      { schema: { params: idParams } },
      async (request, reply) => {
        const { venueId, holder } = who(request);
        await releaseHeld(db, venueId, holder, request.params.id);
        return reply.code(204).send();
      },
    );
    typed.post(
      '/api/channels/web/orders',
      { schema: { body: orderRequestSchema, response: { 201: orderResponseSchema } } },
      async (request, reply) => {
        const { venueId, holder } = who(request);
        const body = request.body;
        const order =
          'holdId' in body
            ? await orderFromHold(db, venueId, holder, body.holdId)
            : await orderOnline(db, venueId, holder, body);
        return reply.code(201).send(order);
      },
    );
    registered();
  });
  done();
};
