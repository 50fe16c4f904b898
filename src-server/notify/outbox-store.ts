/**
 * The outbox table (migration 017): enqueue in the caller's transaction, and the worker's
 * claim / sent / retry / failed transitions. Plain PostgreSQL that PGlite and `pg` both run.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/port';
import type { CustomerLocale, EnqueueNotification, NotificationChannel } from './notification';
import { checkNotification } from './notification-schema';

/** The outbox's channels: the customer's (e-mail, SMS) and the venue's webhook. */
export type OutboxChannel = NotificationChannel | 'webhook';

/**
 * The left part of the Message-ID every attempt of one outbox row carries (the worker adds
 * `@` and its sender's domain): derived from (venue, channel, dedupe key), so it never changes
 * across retries, restarts or server nodes.
 */
export function messageKeyFor(venueId: string, channel: OutboxChannel, dedupeKey: string): string {
  const digest = createHash('sha256')
    .update(`${venueId}\u0000${channel}\u0000${dedupeKey}`)
    .digest('hex')
    .slice(0, 32);
  return `${digest}.${venueId}`;
}

/**
 * The port's implementation: validates (InvalidNotificationError names what is missing) and
 * inserts in `tx`, the caller's transaction. The same (venue, channel, dedupe key) again is
 * ignored: the first one enqueued is the one sent.
 */
export const enqueueNotification: EnqueueNotification = async (tx, request) => {
  const n = checkNotification(request);
  await tx.query(
    `INSERT INTO outbox (venue_id, channel, dedupe_key, kind, recipient, locale, data, message_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)
     ON CONFLICT (venue_id, channel, dedupe_key) DO NOTHING`,
    [
      n.venueId,
      n.channel,
      n.dedupeKey,
      n.kind,
      n.to,
      n.locale,
      JSON.stringify(n.data),
      messageKeyFor(n.venueId, n.channel, n.dedupeKey),
    ],
  );
};

export interface OutboxKey {
  readonly venueId: string;
  readonly channel: OutboxChannel;
  readonly dedupeKey: string;
}

export interface ClaimedMessage extends OutboxKey {
  /** A NotificationKind on the customer channels; the event type on `webhook`. */
  readonly kind: string;
  readonly to: string;
  readonly locale: CustomerLocale;
  readonly data: Readonly<Record<string, string | number>>;
  /** The Message-ID's left part (see messageKeyFor). */
  readonly messageKey: string;
  /** This attempt's number, 1 for the first. */
  readonly attempt: number;
  readonly attemptId: string;
}

interface ClaimRow {
  venue_id: string;
  channel: OutboxChannel;
  dedupe_key: string;
  kind: string;
  recipient: string;
  locale: CustomerLocale;
  data: Record<string, string | number> | string;
  message_id: string;
  attempts: number;
}

/**
 * Claims up to `limit` due messages of `channels` for `attemptId`: queued ones whose time has
 * come, and claimed ones whose lease ran out (their worker died or hung). Each is leased for
 * `leaseMs` on the database's clock. SKIP LOCKED: workers on several server nodes take
 * disjoint rows and never wait for each other.
 */
export async function claimDue(
  db: Queryable,
  attemptId: string,
  channels: readonly OutboxChannel[],
  limit: number,
  leaseMs: number,
): Promise<ClaimedMessage[]> {
  const rows = await db.query<ClaimRow>(
    `UPDATE outbox o
        SET status = 'sending', attempts = o.attempts + 1, attempt_id = $1,
            next_attempt_at = now() + make_interval(secs => $2::float8 / 1000)
       FROM (SELECT venue_id, channel, dedupe_key FROM outbox
              WHERE status IN ('queued', 'sending') AND next_attempt_at <= now()
                AND channel = ANY($3::text[])
              ORDER BY next_attempt_at
              LIMIT $4
              FOR UPDATE SKIP LOCKED) due
      WHERE o.venue_id = due.venue_id AND o.channel = due.channel
        AND o.dedupe_key = due.dedupe_key
  RETURNING o.venue_id, o.channel, o.dedupe_key, o.kind, o.recipient, o.locale, o.data,
            o.message_id, o.attempts`,
    [attemptId, leaseMs, [...channels], limit],
  );
  return rows.map((r) => ({
    venueId: r.venue_id,
    channel: r.channel,
    dedupeKey: r.dedupe_key,
    kind: r.kind,
    to: r.recipient,
    locale: r.locale,
    data:
      typeof r.data === 'string' ? (JSON.parse(r.data) as Record<string, string | number>) : r.data,
    messageKey: r.message_id,
    attempt: Number(r.attempts),
    attemptId,
  }));
}

const KEY = `venue_id = $1 AND channel = $2 AND dedupe_key = $3`;
const keyParams = (k: OutboxKey) => [k.venueId, k.channel, k.dedupeKey];

/**
 * The mail server accepted it. Whoever's attempt it was: a message accepted by a worker whose
 * lease had run out is still sent, and marking it stops the other attempt's retries.
 */
export async function markSent(db: Queryable, m: ClaimedMessage, response: string): Promise<void> {
  await db.query(
    `UPDATE outbox SET status = 'sent', sent_at = now(), sent_response = $4,
            sent_attempt_id = $5, last_error = NULL
      WHERE ${KEY} AND status <> 'sent'`,
    [...keyParams(m), response.slice(0, 500), m.attemptId],
  );
}

/** A temporary failure: queued again after `delayMs`, if the claim is still this attempt's. */
export async function markRetry(
  db: Queryable,
  m: ClaimedMessage,
  error: string,
  delayMs: number,
): Promise<void> {
  await db.query(
    `UPDATE outbox SET status = 'queued', last_error = $4,
            next_attempt_at = now() + make_interval(secs => $5::float8 / 1000)
      WHERE ${KEY} AND status = 'sending' AND attempt_id = $6`,
    [...keyParams(m), error.slice(0, 500), delayMs, m.attemptId],
  );
}

/** Refused for good (or out of attempts): kept with the reason, never sent. */
export async function markFailed(db: Queryable, m: ClaimedMessage, error: string): Promise<void> {
  await db.query(
    `UPDATE outbox SET status = 'failed', last_error = $4
      WHERE ${KEY} AND status = 'sending' AND attempt_id = $5`,
    [...keyParams(m), error.slice(0, 500), m.attemptId],
  );
}
