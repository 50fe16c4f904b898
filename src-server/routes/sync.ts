import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authenticateTerminal, type TerminalPrincipal } from '../auth/terminal-auth';
import type { Db } from '../db/port';
import { MAX_BATCH_BYTES, parseBatch, pushEntries } from '../sync/push';

export const syncRoutes: FastifyPluginCallbackZod<{ db: Db }> = (app, { db }, done) => {
  // The token is checked before the body is read: an unauthenticated or revoked client gets
  // its 401/403 without the server parsing up to 256 KB for it.
  const terminals = new WeakMap<object, TerminalPrincipal>();
  app.addHook('onRequest', async (request) => {
    terminals.set(request, await authenticateTerminal(db, request));
  });

  app.post(
    '/api/sync/push',
    {
      // A larger body is refused with 413 before it is parsed.
      bodyLimit: MAX_BATCH_BYTES,
      schema: {
        // Each entry is checked with the shared journal schema in parseBatch, which names
        // the failing entry by its index.
        body: z.strictObject({ entries: z.array(z.unknown()).min(1) }),
      },
    },
    async (request) => {
      const terminal = terminals.get(request)!;
      const entries = parseBatch(request.body.entries, terminal);
      return pushEntries(db, terminal, entries, request.log);
    },
  );
  done();
};
