import { z } from 'zod';
import {
  catalogQuerySchema,
  catalogResponseSchema,
  liveFeedEventSchema,
  MAX_PUSH_ENTRIES,
  ownJournalQuerySchema,
  ownJournalResponseSchema,
  pullQuerySchema,
  pullResponseSchema,
  pushResponseSchema,
  ticketKeyRegistrationSchema,
} from '../sync/contract';
import { defineEvents, defineMethods, event, method } from './define';

/**
 * Sync through main (issue 11). The page's sync client owns the outbox (it lives in IndexedDB
 * with the journal) and decides when to push and pull; main owns the terminal's enrolment and
 * bearer token and makes the HTTP requests, so no page script can read the token or talk to
 * the server as the terminal. Each method maps to one server route of `shared/sync/contract`.
 *
 * Failures come back as envelope errors: `unavailable` when the server could not be reached
 * (offline: retry with backoff), `not_configured` when the till is not enrolled, `forbidden`
 * when the terminal was revoked, `invalid_argument` when the server refused the request (its
 * `{error: {code, message}}` is in the message, e.g. `chain_gap`), `timeout` when it did not
 * answer in time.
 */

export const syncStatusSchema = z.strictObject({
  /** Enrolled with a server: main holds a token. */
  enrolled: z.boolean(),
  terminalId: z.string(),
  venueId: z.string().nullable(),
  /** The server's base URL (shown to a technician), null when not enrolled. */
  server: z.string().nullable(),
  /** The live channel (SSE) is open right now. */
  live: z.boolean(),
  /** ISO instants of the last successful request of each kind (null: none yet). */
  lastPushAt: z.string().nullable(),
  lastPullAt: z.string().nullable(),
  /** The last failure, in words a cashier can read (null after a success). */
  lastError: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

const reportedEntry = z.record(z.string(), z.unknown());

export const syncMethods = defineMethods({
  'sync.status': method(z.strictObject({}), syncStatusSchema),
  'sync.push': method(
    z.strictObject({ entries: z.array(reportedEntry).min(1).max(MAX_PUSH_ENTRIES) }),
    pushResponseSchema,
  ),
  'sync.pull': method(pullQuerySchema, pullResponseSchema),
  'sync.journal': method(ownJournalQuerySchema, ownJournalResponseSchema),
  'sync.catalog': method(catalogQuerySchema, catalogResponseSchema),
  'sync.registerTicketKey': method(ticketKeyRegistrationSchema, z.strictObject({})),
});

export const syncEvents = defineEvents({
  /** The venue's feed grew (from the live channel): pull. */
  'sync.feed': event(liveFeedEventSchema),
  /** Main's sync status changed (enrolled, live channel up/down, last error). */
  'sync.status': event(syncStatusSchema),
});
