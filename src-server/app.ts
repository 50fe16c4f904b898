import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyServerOptions,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { Db } from './db/port';
import { errorBody, HttpError } from './http-error';
import { backOfficeRoutes } from './routes/back-office';
import { catalogRoutes } from './routes/catalog';
import { catalogAdminRoutes } from './routes/catalog-admin';
import { tierAdminRoutes } from './routes/tier-admin';
import { scheduleAdminRoutes } from './routes/schedule-admin';
import { eventAdminRoutes } from './routes/event-admin';
import { priceRuleAdminRoutes } from './routes/price-rule-admin';
import { staffRoutes } from './routes/staff';
import { enrolmentRoutes } from './routes/enrolment';
import { inventoryRoutes } from './routes/inventory';
import { webChannelRoutes } from './routes/web-channel';
import { LIVE_HEARTBEAT_MS, liveRoutes } from './routes/live';
import { reconciliationRoutes } from './routes/reconciliation';
import { backOfficeReportRoutes } from './routes/back-office-reports';
import { printJobRoutes } from './routes/print-jobs';
import { refundAnalyticsRoutes } from './routes/refund-analytics';
import { reportRoutes } from './routes/reports';
import { auditRoutes } from './routes/audit';
import { staffAdminRoutes } from './routes/staff-admin';
import { syncRoutes } from './routes/sync';
import { FeedNotifier } from './sync/feed-notifier';
import type { EnqueueNotification } from './notify/notification';
import { enqueueNotification } from './notify/outbox-store';
import { issueCashCode } from './customer-service/cash-code';
import type { PaymentProvider } from './payments/payment-provider';
import type { IssueCashCode, RequestDeps } from './requests/deps';
import { refundRequestAdminRoutes } from './routes/refund-requests-admin';
import { webhookAdminRoutes } from './routes/webhook-admin';
import { feedbackRoutes } from './routes/feedback';
import { refundRequestPublicRoutes } from './routes/refund-requests-public';
import { customerRoutes } from './routes/customers';

export interface ServerOptions {
  readonly db: Db;
  /** Fastify's pino logger options, or false for none (tests). */
  readonly logger?: FastifyServerOptions['logger'];
  /** Requests per minute per client address on every route. */
  readonly rateLimitPerMinute?: number;
  /** Comment lines on live streams every this many ms (default 15 s). */
  readonly liveHeartbeatMs?: number;
  /** The live streams' notifier (tests pass theirs to watch it); one per server otherwise. */
  readonly feed?: FeedNotifier;
  /** The built back-office page (dist/manage); unset or missing → /manage answers 503. */
  readonly backOfficeDir?: string;
  /** The built customer refund pages (dist/refund-request); unset or missing → 503. */
  readonly refundRequestDir?: string;
  /** The demo venue is seeded (the back office's sign-in shows the demo account). */
  readonly demo?: boolean;
  /** Customer refund requests (issue 14): the notification outbox; unset → logged, not sent. */
  readonly enqueueNotification?: EnqueueNotification;
  /** Card refunds of approved requests; unset → they wait with "no payment provider". */
  readonly paymentProvider?: PaymentProvider;
  /** The signed cash-collection code for approved cash purchases; unset → none issued. */
  readonly issueCashCode?: IssueCashCode;
  /** Requests per minute per client address on each public refund-request route (20). */
  readonly publicRateLimitPerMinute?: number;
  /** Where customers reach this server (status links in notifications), e.g. https://tickets.example. */
  readonly publicBaseUrl?: string;
  /** The clock refund requests are decided by (tests set it); Date.now otherwise. */
  readonly now?: () => number;
}

export interface RouteEntry {
  readonly method: string;
  readonly url: string;
}
const ROUTE_INVENTORY = new WeakMap<FastifyInstance, readonly RouteEntry[]>();

/** The routes `buildServer` registered, in order (HEAD twins left out). */
export function routeInventory(app: FastifyInstance): readonly RouteEntry[] {
  return ROUTE_INVENTORY.get(app) ?? [];
}

/** Fastify's own error codes we answer with a clearer code of ours. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
};

/**
 * The central server as a Fastify instance (not yet listening): security headers, rate
 * limits, zod validation of every body and parameter, and one error shape for every 4xx
 * and 5xx. main.ts opens the database, migrates and listens; tests build it on PGlite or
 * PostgreSQL and listen on port 0.
 */
/** How long a cash-collection code can be paid out at a window after the approval. */
const CASH_CODE_DAYS = 30;

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { db } = options;
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: false,
    // close() ends every connection, also one still sending a body we refused unread.
    forceCloseConnections: true,
  });
  // Every route as registered: the permission table test reads it, so a new venue route
  // without a row (and a guard) fails a test instead of shipping unchecked.
  const routes: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url });
    }
  });
  ROUTE_INVENTORY.set(app, routes);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      return reply.code(error.statusCode).send(errorBody(error.code, error.message));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'request';
      const issues = error.validation
        .slice(0, 3)
        .map((v) => `${where}${v.instancePath.replaceAll('/', '.')}: ${v.message}`)
        .join('; ');
      return reply
        .code(400)
        .send(errorBody('invalid_request', `The request does not match the API: ${issues}.`));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = FASTIFY_CODES[error.code] ?? (status === 429 ? 'rate_limited' : 'bad_request');
      return reply.code(status).send(errorBody(code, error.message));
    }
    request.log.error({ err: error }, 'request failed');
    return reply
      .code(500)
      .send(
        errorBody('internal_error', 'The server failed to handle this request; it was logged.'),
      );
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send(errorBody('not_found', `There is no ${request.method} ${request.url.split('?')[0]}.`)),
  );

  // Helmet's default CSP, without upgrade-insecure-requests: the server is reached over plain
  // HTTP on loopback and the venue's LAN, where upgrading the page's own scripts to https://
  // would break /manage (TLS is a reverse proxy's job; see src-server/README.md).
  await app.register(helmet, {
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    max: options.rateLimitPerMinute ?? 1200,
    timeWindow: '1 minute',
    // Counted per client address: the token is not verified yet when the limit is applied,
    // so keying by its terminal part would let a client mint a fresh bucket per made-up id.
    // Thrown by the plugin, so it reaches the error handler above like any HttpError.
    errorResponseBuilder: (_request, context) =>
      new HttpError(
        429,
        'rate_limited',
        `Too many requests: at most ${context.max} per ${context.after}. Try again later.`,
      ),
  });

  app.get('/api/health', async () => {
    const rows = await db.query<{ version: string }>(
      `SELECT max(version) AS version FROM schema_migrations`,
    );
    return { status: 'ok', database: db.kind, schemaVersion: rows[0]?.version ?? null };
  });
  const feed = options.feed ?? new FeedNotifier();
  feed.onListenerError = (error) => app.log.error({ err: error }, 'live stream failed');
  // Other server nodes' pushes (PostgreSQL LISTEN/NOTIFY); nothing to listen to on PGlite.
  const stopListening = await feed.connect(db, (error) =>
    app.log.error({ err: error }, 'feed LISTEN connection failed; reconnecting'),
  );
  app.addHook('onClose', async () => stopListening());

  await app.register(enrolmentRoutes, { db, feed });
  await app.register(syncRoutes, { db, feed });
  await app.register(liveRoutes, {
    db,
    feed,
    heartbeatMs: options.liveHeartbeatMs ?? LIVE_HEARTBEAT_MS,
  });
  await app.register(reportRoutes, { db });
  await app.register(reconciliationRoutes, { db });
  await app.register(catalogRoutes, { db, feed });
  await app.register(staffRoutes, { db, feed });
  await app.register(inventoryRoutes, { db });
  await app.register(webChannelRoutes, { db });
  // ── back office: refunds analytics ──
  await app.register(refundAnalyticsRoutes, { db });

  // ── back office: reports & exceptions ──
  await app.register(backOfficeReportRoutes, { db });
  await app.register(printJobRoutes, { db, feed });

  // ── back office: catalog & policies ──
  await app.register(catalogAdminRoutes, {
    db,
    feed,
    publicBaseUrl: options.publicBaseUrl,
    now: options.now ?? Date.now,
  });
  await app.register(tierAdminRoutes, { db, feed });
  await app.register(scheduleAdminRoutes, { db, feed });
  await app.register(eventAdminRoutes, { db, feed });
  await app.register(priceRuleAdminRoutes, { db, feed });

  // ── back office: staff, terminals, audit ──
  await app.register(staffAdminRoutes, { db, feed });
  await app.register(auditRoutes, { db });

  // ── customer refund requests ──
  const requestDeps = {
    db,
    // The transactional outbox (notify/): the worker sends what commits, when SMTP is set.
    enqueue: options.enqueueNotification ?? enqueueNotification,
    provider: options.paymentProvider ?? null,
    // A cash purchase's approval carries the signed code any till pays out once (offline too),
    // valid for CASH_CODE_DAYS from the decision.
    issueCashCode:
      options.issueCashCode ??
      (async (tx, c) => {
        const from = Date.parse(c.validFrom ?? c.decidedAt);
        const expiresAt = new Date(from + CASH_CODE_DAYS * 86_400_000);
        const { validFrom: _, ...collection } = c;
        return issueCashCode(tx, { ...collection, expiresAt: expiresAt.toISOString() });
      }),
    now: options.now ?? Date.now,
    feed,
    statusLink: (token: string) =>
      `${options.publicBaseUrl ?? ''}/refund-request/#status=${encodeURIComponent(token)}`,
  } satisfies RequestDeps;
  await app.register(refundRequestPublicRoutes, {
    deps: requestDeps,
    publicPerMinute: options.publicRateLimitPerMinute ?? 20,
    uiDir: options.refundRequestDir,
    publicBaseUrl: options.publicBaseUrl,
  });
  await app.register(feedbackRoutes, {
    db,
    publicPerMinute: options.publicRateLimitPerMinute ?? 20,
    now: requestDeps.now,
  });
  await app.register(refundRequestAdminRoutes, { deps: requestDeps });
  // The venue's webhook for its CRM and its refund-link keys (branch webhooks).
  await app.register(webhookAdminRoutes, { db, now: requestDeps.now });
  // ── customer records (issue 14 item 7) ──
  await app.register(customerRoutes, { db, now: requestDeps.now });

  // ── back office: end ──
  await app.register(backOfficeRoutes, {
    db,
    uiDir: options.backOfficeDir,
    demo: options.demo ?? false,
  });
  return app;
}
