import { z } from 'zod';
import { venueIdSchema } from '../catalog/venue-id';
import { catalogSchema } from '../catalog/catalog';
import { shiftClosePayloadSchema } from '../journal/entry-schema';
import { slipLocaleSchema } from '../slips/document';
import { dbInt, dbIntQuery } from '../util/db-int';
import { serverRefundSchema } from '../orders/server-refund';

/**
 * The sync contract between a till and the central server, beyond the push: one set of zod
 * schemas that the server validates its answers with and the till's sync agent (in main)
 * parses them with, so the two cannot drift. Push itself is `POST /api/sync/push`
 * (`{entries}` → {@link pushResponseSchema}); the journal entries are `journalEntrySchema`'s.
 *
 * Every route below needs the terminal's bearer token and is scoped to its venue.
 */

/** Entries per push: at most this many, and at most {@link MAX_PUSH_BYTES} of JSON. */
export const MAX_PUSH_ENTRIES = 100;
export const MAX_PUSH_BYTES = 256 * 1024;
/** Server payouts a pull answer carries at most. */
export const MAX_SERVER_REFUNDS_PER_PULL = 500;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const terminalId = z.string().min(1).max(64);
/** A raw Ed25519 public key (32 bytes), base64. */
const publicKeyBase64 = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'not a base64 Ed25519 key');

export const entryAckSchema = z.strictObject({
  seq: dbInt(1),
  hash: sha256Hex,
  /** applied to the projections, or stored and raised as a reconciliation exception. */
  status: z.enum(['applied', 'exception']),
});

/** `POST /api/sync/push` → the answer for each entry and the terminal's head on the server. */
export const pushResponseSchema = z.strictObject({
  acks: z.array(entryAckSchema),
  head: z.strictObject({ seq: dbInt(), hash: sha256Hex }),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

/**
 * `GET /api/sync/pull?after=<cursor>&limit=<n>`: the venue's feed — every journal entry any
 * OTHER terminal of the venue pushed, in the order the server committed them, after the
 * cursor. The cursor is the server's per-venue feed position (not a terminal's seq): a
 * position is handed out inside the push transaction under a per-venue lock, so a reader
 * never skips an entry that commits later with a smaller position. `limit` ≤ 1000
 * (default 500); `more` says another page is waiting. Exception entries are in the feed too
 * (they are the venue's record); the till applies what it can and keeps the rest.
 */
export const pullQuerySchema = z.strictObject({
  // A feed position is a bigint on the server: any safe integer fits.
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  /**
   * The till's own journal head as main anchored it: main adds it to every pull (a value the
   * page sent is replaced), and the back office shows each window's queue — the entries the
   * till holds that the server does not — and since when it has had one.
   */
  tillHead: z.coerce.number().int().min(0).max(2_147_483_647).optional(),
  /**
   * The server-ledger seq this till has applied up to (issue 14): the answer's
   * `serverRefunds` brings the venue's server payouts after it. Absent: none are sent (an
   * older till's pull stays as it was).
   */
  refundsAfter: z.coerce.number().int().min(0).max(2_147_483_647).optional(),
});

export const feedEntrySchema = z.strictObject({
  /** The feed position of this entry (strictly increasing within a venue). */
  cursor: z.number().int().min(1),
  /** The journal entry exactly as its terminal pushed it (validate with journalEntrySchema). */
  entry: z.unknown(),
});

/**
 * A key that signs ticket codes, published by the server for every till of the venue: each
 * till registers its own (`PUT /api/terminal/ticket-key`), and a revoked terminal's keys
 * stay listed with `revoked: true` so its tickets are refused, not unknown.
 */
export const publishedTicketKeySchema = z.strictObject({
  terminalId,
  keyId: z.string().min(1).max(64),
  publicKey: publicKeyBase64,
  revoked: z.boolean(),
});
export type PublishedTicketKey = z.infer<typeof publishedTicketKeySchema>;

/**
 * A key of the venue's server that signs cash-collection codes (issue 14 item 3): tills verify
 * the codes offline with the ones they last pulled. Only the public half ever leaves the server.
 */
export const publishedCashCodeKeySchema = z.strictObject({
  keyId: z.string().regex(/^[0-9a-f]{8}$/),
  publicKey: publicKeyBase64,
});
export type PublishedCashCodeKey = z.infer<typeof publishedCashCodeKeySchema>;

export const pullResponseSchema = z.strictObject({
  entries: z.array(feedEntrySchema),
  /** The cursor to ask with next time (the last entry's, or `after` when there was none). */
  next: z.number().int().min(0),
  more: z.boolean(),
  /**
   * The venue's feed head when this page was read: the highest position handed out, so
   * `next` of `head` says how far the till has loaded (`next` never passes it). It counts the
   * caller's own entries too (skipped, not sent). Optional so that an answer from a server
   * older than this field still parses: the till then loads without a progress figure.
   */
  head: z.number().int().min(0).optional(),
  /** All ticket-signing keys of the venue (small: one or two per till). */
  ticketKeys: z.array(publishedTicketKeySchema),
  /** The venue's cash-code keys. Optional: an older server's answer still parses. */
  cashCodeKeys: z.array(publishedCashCodeKeySchema).optional(),
  /** Terminals revoked in this venue. */
  revoked: z.array(z.strictObject({ terminalId, revokedAt: z.string(), reason: z.string() })),
  /**
   * The venue's newest published catalog version (null: none yet). A till whose catalog is
   * older fetches it (`GET /api/sync/catalog`); publishing one wakes the live streams.
   * Optional like `head`: an older server's answer still parses (and brings no catalog).
   */
  catalogVersion: dbInt().nullable().optional(),
  /**
   * The venue's newest staff list version (null: none yet). Main reads it as the page's pull
   * passes through and fetches the list itself (`GET /api/sync/staff`): PIN hashes never
   * reach the page. Optional for the same reason as `catalogVersion`.
   */
  staffVersion: dbInt().nullable().optional(),
  /**
   * The back office's kiosk switch for the calling terminal (issue 15 item 1): main reads it
   * as the page's pull passes through and switches the till's mode itself. Optional like
   * `catalogVersion`: an older server's answer still parses (and switches nothing).
   */
  kioskMode: z.boolean().optional(),
  /**
   * Refunds the central server paid itself (card through the provider, voucher issued) after
   * `refundsAfter`, in ledger order, at most {@link MAX_SERVER_REFUNDS_PER_PULL}; `next` is
   * the cursor to ask with next time. Only when the query asked (and optional, so an older
   * server's answer still parses).
   */
  serverRefunds: z
    .strictObject({
      entries: z.array(serverRefundSchema).max(MAX_SERVER_REFUNDS_PER_PULL),
      next: z.number().int().min(0),
      more: z.boolean(),
    })
    .optional(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

/** `GET /api/sync/catalog?after=<version>`: the newest catalog if newer than `after`. */
export const catalogQuerySchema = z.strictObject({
  /** The till's version; -1 (the default) for a till that has none. */
  after: dbIntQuery(-1).default(-1),
});

/** The venue's newest catalog, or null when the till's (`after`) is already the newest. */
export const catalogResponseSchema = z.strictObject({
  catalog: catalogSchema.nullable(),
});
export type CatalogResponse = z.infer<typeof catalogResponseSchema>;

/** `PUT /api/terminal/ticket-key` → 204; the same key again is a no-op, another key is added. */
export const ticketKeyRegistrationSchema = z.strictObject({
  keyId: z.string().min(1).max(64),
  publicKey: publicKeyBase64,
});

/**
 * `GET /api/sync/journal?after=<seq>&limit=<n>`: the calling terminal's OWN journal as the
 * server stored it, in seq order — what a till whose store was lost restores from. `head` is
 * the server's anchor for the terminal; restoring stops there.
 */
export const ownJournalQuerySchema = z.strictObject({
  after: dbIntQuery().default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export const ownJournalResponseSchema = z.strictObject({
  entries: z.array(z.unknown()),
  head: z.strictObject({ seq: dbInt(), hash: sha256Hex }),
  more: z.boolean(),
});
export type OwnJournalResponse = z.infer<typeof ownJournalResponseSchema>;

/**
 * `GET /api/sync/live` (Server-Sent Events, `text/event-stream`): while open, the server sends
 * `event: feed` with {@link liveFeedEventSchema} as data whenever the venue's feed grows, and a
 * comment line every 15 s to keep proxies from closing it. The event carries no entries: the
 * till pulls (one code path for live and catch-up), so a missed event costs a poll, never data.
 */
export const liveFeedEventSchema = z.strictObject({ cursor: z.number().int().min(0) });
export const LIVE_FEED_EVENT = 'feed';

/**
 * `event: print` on the live channel (no data): a print job waits for this terminal. Main
 * fetches `GET /api/sync/print-jobs` when it hears one and whenever the stream (re)opens, so
 * a missed event costs nothing; a job stays listed until the till says it queued it
 * (`POST /api/sync/print-jobs/:jobId/queued`).
 */
export const LIVE_PRINT_EVENT = 'print';

/**
 * `event: kiosk` on the live channel: the back office's kiosk switch for this terminal, sent
 * when the stream opens and whenever a manager flips it. Main owns the till's mode and acts on
 * it (the pull's `kioskMode` carries the same flag, so a missed event costs a pull).
 */
export const LIVE_KIOSK_EVENT = 'kiosk';
export const liveKioskEventSchema = z.strictObject({ kiosk: z.boolean() });

/**
 * A copy of another window's (or this one's) Z that a manager sent to this till's printer
 * (issue 13 item 4): the till lays it out with the shared layout for its own printer's width,
 * in the language the manager chose, marked COPY.
 */
export const tillPrintJobSchema = z.strictObject({
  jobId: z.uuid(),
  kind: z.literal('z_copy'),
  locale: slipLocaleSchema,
  timeZone: z.string().min(1).max(64),
  venueName: z.string().min(1).max(200),
  /** the window whose Z it is ("Window 1") */
  terminalName: z.string().min(1).max(100),
  /** who opened the shift, by name (the till's own Z names them so) */
  cashierName: z.string().min(1).max(100),
  close: shiftClosePayloadSchema,
});
export type TillPrintJob = z.infer<typeof tillPrintJobSchema>;
export const tillPrintJobsResponseSchema = z.strictObject({
  jobs: z.array(tillPrintJobSchema).max(20),
});

/** `POST /api/enrol` with a manager's one-time code → who the till now is, and its token. */
export const enrolRequestSchema = z.strictObject({
  venueId: venueIdSchema,
  code: z.string().min(1).max(64),
  publicKey: publicKeyBase64,
  name: z.string().min(1).max(100).optional(),
});
export const enrolResponseSchema = z.strictObject({
  terminalId,
  /** `<venueId>.<terminalId>.<secret>`: kept by main only, never shown to the page. */
  token: z.string().min(1),
  venue: z.strictObject({ id: z.string(), name: z.string(), currency: z.string() }),
});
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;

/**
 * `POST /api/sync/head-signature`: the journal head main signed with the terminal's key for a
 * Z slip (`journal.signHead`: seq, hash, last receipt number; the terminal is the token's).
 * Sent on its own, once the server holds the chain up to `seq` (else 409 `head_not_reached`):
 * the signature is made after the shift close is sealed, so it cannot ride inside the entry,
 * and stored journals stay as they are. The server checks it against the terminal's
 * registered public key and its own chain at `seq`; a mismatch is stored and raised as a
 * `z_signature_mismatch` reconciliation exception, answered `mismatch` (not a refusal: the
 * till has nothing to retry). The same head again gets the same answer.
 */
export const headSignatureRequestSchema = z.strictObject({
  head: z.strictObject({ seq: dbInt(1), hash: sha256Hex, lastReceiptNo: dbInt() }),
  /** Base64 Ed25519 signature over `headSigningMessage` (shared/journal/anchor). */
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'not a base64 Ed25519 signature'),
});
export type HeadSignatureRequest = z.infer<typeof headSignatureRequestSchema>;

export const headSignatureResponseSchema = z.strictObject({
  status: z.enum(['verified', 'mismatch']),
  /** Why it does not match, in words a manager reads (absent when verified). */
  message: z.string().optional(),
});
export type HeadSignatureResponse = z.infer<typeof headSignatureResponseSchema>;
