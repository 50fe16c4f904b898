/**
 * The central server's entry point: `npx tsx src-server/main.ts` (or `npm run server`).
 * Opens the database (PGlite in SERVER_DATA_DIR, or PostgreSQL at DATABASE_URL), applies
 * pending migrations, optionally seeds the demo venue, and listens. SIGINT/SIGTERM close
 * the listener, then the database.
 */
import { buildServer } from './app';
import { configFromEnv } from './config';
import { migrate } from './db/migrate';
import { openDb } from './db/open';
import { seedDemo } from './venues';

const config = configFromEnv();
const db = await openDb(config.db);
const applied = await migrate(db);
if (config.demo) await seedDemo(db);
const app = await buildServer({
  db,
  rateLimitPerMinute: config.rateLimitPerMinute,
  logger: {
    level: config.logLevel,
    redact: ['req.headers.authorization'],
  },
});
app.log.info(
  { database: db.kind, migrationsApplied: applied, demo: config.demo },
  db.kind === 'pglite'
    ? `database: PGlite in ${config.db.kind === 'pglite' ? config.db.dataDir : ''}`
    : 'database: PostgreSQL',
);
await app.listen({ host: config.host, port: config.port });

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    app
      .close()
      .then(() => db.close())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  });
}
