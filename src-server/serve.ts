import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { AddressInfo } from 'node:net';
import { httpPaymentProvider } from './payments/http-payment-provider';
import { buildServer } from './app';
import type { ServerConfig } from './config';
import { migrate } from './db/migrate';
import { openDb } from './db/open';
import type { Db } from './db/port';
import { DEFAULT_OUTBOX_KEEP_DAYS, startOutboxRetention } from './notify/outbox-retention';
import { startOutbox } from './notify/start-outbox';
import { seedDemo } from './venues';

export interface RunningServer {
  /** `http://host:port` as it listens (the real port when asked for port 0). */
  readonly url: string;
  readonly app: FastifyInstance;
  readonly db: Db;
  readonly migrationsApplied: readonly string[];
  /** Closes the listener, then the database. */
  close(): Promise<void>;
}

/**
 * Opens the database, applies pending migrations, seeds the demo venue when asked, and
 * listens. The one start-up path for `src-server/main.ts` and for `npm start`, which runs
 * the server in its own process beside the till.
 */
export async function serve(
  config: ServerConfig,
  logger: FastifyServerOptions['logger'] = {
    level: config.logLevel,
    redact: ['req.headers.authorization'],
  },
): Promise<RunningServer> {
  const db = await openDb(config.db);
  try {
    const applied = await migrate(db);
    if (config.demo) await seedDemo(db);
    const app = await buildServer({
      db,
      rateLimitPerMinute: config.rateLimitPerMinute,
      logger,
      backOfficeDir: config.backOfficeDir,
      ...(config.refundRequestDir ? { refundRequestDir: config.refundRequestDir } : {}),
      ...(config.publicBaseUrl ? { publicBaseUrl: config.publicBaseUrl } : {}),
      ...(config.paymentProvider
        ? { paymentProvider: httpPaymentProvider(config.paymentProvider) }
        : {}),
      demo: config.demo,
    });
    app.log.info(
      { database: db.kind, migrationsApplied: applied, demo: config.demo },
      config.db.kind === 'pglite'
        ? `database: PGlite in ${config.db.dataDir}`
        : 'database: PostgreSQL',
    );
    await app.listen({ host: config.host, port: config.port });
    const outbox = config.outbox ? startOutbox(config.outbox, db, app.log) : null;
    // Always, worker or not: sent rows may be left from a time the server had one.
    const retention = startOutboxRetention(
      db,
      config.outboxKeepDays ?? DEFAULT_OUTBOX_KEEP_DAYS,
      app.log,
    );
    const address = app.server.address() as AddressInfo;
    return {
      url: `http://${config.host}:${address.port}`,
      app,
      db,
      migrationsApplied: applied,
      async close() {
        await app.close();
        await outbox?.stop();
        await retention.stop();
        await db.close();
      },
    };
  } catch (cause) {
    await db.close();
    throw cause;
  }
}
