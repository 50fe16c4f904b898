/**
 * The central server's entry point: `npx tsx src-server/main.ts` (or `npm run server`).
 * Opens the database (PGlite in SERVER_DATA_DIR, or PostgreSQL at DATABASE_URL), applies
 * pending migrations, optionally seeds the demo venue, and listens. SIGINT/SIGTERM close
 * the listener, then the database.
 */
import { configFromEnv } from './config';
import { serve } from './serve';

const server = await serve(configFromEnv());

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    server.app.log.info({ signal }, 'shutting down');
    server
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        server.app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  });
}
