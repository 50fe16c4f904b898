import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  catalogQuerySchema,
  MAX_SERVER_REFUNDS_PER_PULL,
  catalogResponseSchema,
  headSignatureRequestSchema,
  headSignatureResponseSchema,
  ownJournalQuerySchema,
  ownJournalResponseSchema,
  pullQuerySchema,
  pullResponseSchema,
  pushResponseSchema,
  ticketKeyRegistrationSchema,
} from '../../shared/sync/contract';
import { compileJournalEntrySchema } from '../../shared/journal/entry-schema';
import { authenticateTerminal, type TerminalPrincipal } from '../auth/terminal-auth';
import { newestCatalogAfter, newestVersion } from '../catalog/catalogs';
import { newestStaffListAfter, newestStaffVersion } from '../staff/staff-lists';
import { staffQuerySchema, staffResponseSchema } from '../../shared/staff/staff-list';
import type { Db } from '../db/port';
import { readFeed, readOwnJournal, readRevoked, readTicketKeys } from '../sync/feed';
import type { FeedNotifier } from '../sync/feed-notifier';
import { MAX_BATCH_BYTES, parseBatch, pushEntries } from '../sync/push';
import { registerTicketKey } from '../sync/ticket-keys';
import { checkHeadSignature } from '../sync/head-signature';
import { readCashCodeKeys } from '../customer-service/cash-code-key';
import { kioskModeOf } from '../sync/kiosk-switch';
import { readServerRefunds } from '../requests/server-ledger';

/**
 * A terminal's sync routes (shared/sync/contract.ts): push, the venue feed, its own journal
 * for restore, and its ticket keys. Every answer is checked against the contract's schema.
 */
export const syncRoutes: FastifyPluginCallbackZod<{ db: Db; feed: FeedNotifier }> = (
  app,
  { db, feed },
  done,
) => {
  // Push checks every entry with the compiled journal schema: compiled as the server starts,
  // not in the first push.
  compileJournalEntrySchema();
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
        response: { 200: pushResponseSchema },
      },
    },
    async (request) => {
      const terminal = terminals.get(request)!;
      const entries = parseBatch(request.body.entries, terminal);
      return pushEntries(db, terminal, entries, request.log, feed);
    },
  );

  app.post(
    '/api/sync/head-signature',
    {
      schema: { body: headSignatureRequestSchema, response: { 200: headSignatureResponseSchema } },
    },
    async (request) => checkHeadSignature(db, terminals.get(request)!, request.body),
  );

  app.get(
    '/api/sync/pull',
    { schema: { querystring: pullQuerySchema, response: { 200: pullResponseSchema } } },
    async (request) => {
      const terminal = terminals.get(request)!;
      const { after, limit, tillHead, refundsAfter } = request.query;
      // The window's sync state for the back office: seen now, its own head, and since when
      // it has held entries this server has not (the server's clock, at the first pull that
      // said so; cleared by the first pull after the pushes caught up).
      await db.query(
        `UPDATE terminals SET last_seen_at = now(),
                till_head_seq = coalesce($3::integer, till_head_seq),
                unsynced_since = CASE
                  WHEN $3::integer IS NULL THEN unsynced_since
                  WHEN $3::integer <= head_seq THEN NULL
                  ELSE coalesce(unsynced_since, now()) END
          WHERE venue_id = $1 AND terminal_id = $2`,
        [terminal.venueId, terminal.terminalId, tillHead ?? null],
      );
      const page = await readFeed(db, terminal, after, limit);
      return {
        ...page,
        ticketKeys: await readTicketKeys(db, terminal.venueId),
        cashCodeKeys: await readCashCodeKeys(db, terminal.venueId),
        revoked: await readRevoked(db, terminal.venueId),
        catalogVersion: await newestVersion(db, terminal.venueId),
        staffVersion: await newestStaffVersion(db, terminal.venueId),
        kioskMode: (await kioskModeOf(db, terminal.venueId, terminal.terminalId)) ?? false,
        // Read after the feed page: a payout's order was pushed before it was paid, so a till
        // applying this page has the order (or never will: not an upcoming performance's).
        ...(refundsAfter !== undefined
          ? {
              serverRefunds: await readServerRefunds(
                db,
                terminal.venueId,
                refundsAfter,
                MAX_SERVER_REFUNDS_PER_PULL,
              ),
            }
          : {}),
      };
    },
  );

  app.get(
    '/api/sync/catalog',
    { schema: { querystring: catalogQuerySchema, response: { 200: catalogResponseSchema } } },
    async (request) => ({
      catalog: await newestCatalogAfter(db, terminals.get(request)!.venueId, request.query.after),
    }),
  );

  // Answered to main only in practice: the page never sees the token (and main never hands
  // the hashes on). A till of another venue gets its own venue's list, never this one's.
  app.get(
    '/api/sync/staff',
    { schema: { querystring: staffQuerySchema, response: { 200: staffResponseSchema } } },
    async (request) => ({
      list: await newestStaffListAfter(db, terminals.get(request)!.venueId, request.query.after),
    }),
  );

  app.get(
    '/api/sync/journal',
    { schema: { querystring: ownJournalQuerySchema, response: { 200: ownJournalResponseSchema } } },
    async (request) =>
      readOwnJournal(db, terminals.get(request)!, request.query.after, request.query.limit),
  );

  app.put(
    '/api/terminal/ticket-key',
    { schema: { body: ticketKeyRegistrationSchema } },
    async (request, reply) => {
      const terminal = terminals.get(request)!;
      await registerTicketKey(db, terminal, request.body.keyId, request.body.publicKey);
      return reply.code(204).send();
    },
  );
  done();
};
