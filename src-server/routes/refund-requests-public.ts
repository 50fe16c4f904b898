import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  decisionPreviewRequestSchema,
  decisionSchema,
  messageBodySchema,
  orderClaimSchema,
  orderContactRequestSchema,
  orderLookupAnswerSchema,
  refundLinkAnswerSchema,
  refundLinkRequestSchema,
  refundLinkSubmitSchema,
  refundRequestSubmitSchema,
  requestStatusSchema,
  statusTokenSchema,
  submitAnswerSchema,
  type OrderContactRequest,
} from '../../shared/requests/contract';
import { authenticateChannel } from '../auth/channel-auth';
import { authenticateTerminal } from '../auth/terminal-auth';
import { claimOrder, lookupAnswer } from '../requests/claims';
import { thankBuyer } from '../feedback/invite';
import { attachContact } from '../requests/contacts';
import { recordConsentOfContact } from '../customers/consent';
import type { RequestDeps } from '../requests/deps';
import { openLinkedOrder, submitLinked } from '../requests/link-refund';
import {
  byToken,
  customerReply,
  previewDecision,
  statusOf,
  submitRequest,
} from '../requests/submit';

/**
 * The customers' refund-request routes (issue 14 items 1, 5) and how a contact gets onto an
 * order. Public routes are rate-limited per client address (`publicPerMinute`, default 20):
 * guessing order numbers and contacts is slow, and every miss answers the same 404.
 * The status link's token travels in the body, never in a URL a log or a Referer keeps.
 */
export const refundRequestPublicRoutes: FastifyPluginCallbackZod<{
  deps: RequestDeps;
  publicPerMinute: number;
  /** The built pages (vite.refund-request.config.ts → dist/refund-request). */
  uiDir: string | undefined;
  /** Where customers reach the server: a contact's thank-you carries a feedback link there. */
  publicBaseUrl?: string | undefined;
}> = (app, { deps, publicPerMinute, uiDir, publicBaseUrl }, done) => {
  const { db } = deps;
  const limited = { rateLimit: { max: publicPerMinute, timeWindow: '1 minute' } };
  // The contact and the buyer's thank-you with its feedback link (issue 14 item 8) commit
  // together: the message is sent once the contact is stored, never for a contact rolled back.
  const contactAttached = (venueId: string, by: string, body: OrderContactRequest) =>
    db.transaction(async (tx) => {
      await attachContact(tx, venueId, by, body);
      await thankBuyer(tx, deps.enqueue, publicBaseUrl, venueId, body.orderId, deps.now());
    });

  app.put(
    '/api/terminal/order-contacts',
    { schema: { body: orderContactRequestSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      const till = await authenticateTerminal(db, request);
      await contactAttached(till.venueId, `terminal:${till.terminalId}`, request.body);
      return reply.code(204).send(null);
    },
  );
  app.put(
    '/api/channels/web/order-contacts',
    { schema: { body: orderContactRequestSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      const shop = await authenticateChannel(db, request);
      await contactAttached(shop.venueId, `channel:${shop.channelId}`, request.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/public/refund-requests/lookup',
    {
      config: limited,
      schema: { body: orderClaimSchema, response: { 200: orderLookupAnswerSchema } },
    },
    async (request) => lookupAnswer(await claimOrder(db, request.body)),
  );
  app.post(
    '/api/public/refund-requests/preview',
    {
      config: limited,
      schema: { body: decisionPreviewRequestSchema, response: { 200: decisionSchema } },
    },
    async (request) => previewDecision(deps, request.body),
  );
  app.post(
    '/api/public/refund-requests',
    {
      config: limited,
      schema: { body: refundRequestSubmitSchema, response: { 201: submitAnswerSchema } },
    },
    async (request, reply) => {
      const submitted = await submitRequest(deps, request.body, 'web', 'customer');
      // The form's news box: consent (or its withdrawal) for the contact the customer typed,
      // once the request stands — the order was theirs (customers/consent.ts).
      const given = request.body.marketingConsent;
      if (given !== undefined) {
        await db.transaction((tx) =>
          recordConsentOfContact(tx, request.body.venueId, request.body.contact, {
            given,
            source: 'request_form',
            by: 'customer',
          }),
        );
      }
      return reply.code(201).send(submitted);
    },
  );
  // The one-step refund of a cancelled performance: the message's signed link stands for the
  // contact (requests/refund-link.ts). Same limits: a forged token costs a guess like any other.
  app.post(
    '/api/public/refund-requests/link',
    {
      config: limited,
      schema: { body: refundLinkRequestSchema, response: { 200: refundLinkAnswerSchema } },
    },
    async (request) => openLinkedOrder(deps, request.body.token, request.body.method),
  );
  app.post(
    '/api/public/refund-requests/link/submit',
    {
      config: limited,
      schema: { body: refundLinkSubmitSchema, response: { 201: submitAnswerSchema } },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await submitLinked(deps, request.body.token, request.body.method, request.body.locale),
        ),
  );
  const byLink = z.strictObject({ token: statusTokenSchema });
  app.post(
    '/api/public/refund-requests/status',
    { config: limited, schema: { body: byLink, response: { 200: requestStatusSchema } } },
    async (request) => {
      const { venueId, requestId } = await byToken(deps, request.body.token);
      return statusOf(deps, venueId, requestId);
    },
  );
  app.post(
    '/api/public/refund-requests/messages',
    {
      config: limited,
      schema: {
        body: byLink.extend(messageBodySchema.shape),
        response: { 200: requestStatusSchema },
      },
    },
    async (request) => customerReply(deps, request.body.token, request.body.body),
  );
  servePages(app, uiDir);
  done();
};

/** The pages at /refund-request/ (apply: `?venue=<id>`, status: `#status=<token>`). */
function servePages(app: FastifyInstance, uiDir: string | undefined): void {
  if (uiDir !== undefined && existsSync(join(uiDir, 'refund-request.html'))) {
    void app.register(fastifyStatic, {
      root: uiDir,
      prefix: '/refund-request/',
      index: 'refund-request.html',
      // The back office registered the reply decorators already.
      decorateReply: false,
      setHeaders: (res, path) => {
        res.header(
          'cache-control',
          path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
        );
      },
    });
    app.get('/refund-request', (request, reply) =>
      reply.redirect(`/refund-request/${request.url.slice('/refund-request'.length)}`),
    );
  } else {
    const missing = (_request: FastifyRequest, reply: FastifyReply) =>
      reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The refund pages are not built on this server: run `npm run build`, then restart.');
    app.get('/refund-request', missing);
    app.get('/refund-request/*', missing);
  }
}
