/**
 * A venue's webhook setting (migration 023): the address its CRM listens on and the shared
 * secret events are signed with. A manager sets it in the back office; the secret is written,
 * never read back.
 */
import type { Queryable } from '../db/port';
import { HttpError } from '../http-error';

export interface WebhookSetting {
  readonly url: string;
  readonly updatedAt: string;
}

/**
 * The address as stored, or a refusal in words. Any host is allowed (a venue's CRM may sit on
 * its own network), but only http(s): another scheme (file:, ftp:, javascript:) is never a
 * webhook, and credentials in the address would be logged wherever it is shown.
 */
export function checkWebhookUrl(raw: string): string {
  const typed = raw.trim();
  let url: URL;
  try {
    url = new URL(typed);
  } catch {
    throw new HttpError(
      400,
      'webhook_url_invalid',
      `"${typed}" is not a web address. Give the full address, e.g. https://crm.example.org/hooks/box-office.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new HttpError(
      400,
      'webhook_url_scheme',
      `A webhook address must start with https:// or http://; this one starts with ${url.protocol}`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new HttpError(
      400,
      'webhook_url_credentials',
      'A webhook address must not contain a user name or password: the secret signs each event instead.',
    );
  }
  if (typed.length > 2000) {
    throw new HttpError(
      400,
      'webhook_url_invalid',
      'This web address is too long (2,000 characters at most).',
    );
  }
  return url.toString();
}

/** The signing secret: long enough not to be guessed, short enough for a CRM's form field. */
export function checkWebhookSecret(secret: string): string {
  if (secret.length < 16 || secret.length > 200) {
    throw new HttpError(
      400,
      'webhook_secret_length',
      'The webhook secret must be 16 to 200 characters long.',
    );
  }
  return secret;
}

export async function readWebhook(db: Queryable, venueId: string): Promise<WebhookSetting | null> {
  const rows = await db.query<{ url: string; updated_at: Date | string }>(
    `SELECT url, updated_at FROM venue_webhooks WHERE venue_id = $1`,
    [venueId],
  );
  const row = rows[0];
  return row ? { url: row.url, updatedAt: new Date(row.updated_at).toISOString() } : null;
}

/** The address and secret events are delivered with (the sender reads them at each attempt). */
export async function webhookTarget(
  db: Queryable,
  venueId: string,
): Promise<{ readonly url: string; readonly secret: string } | null> {
  const rows = await db.query<{ url: string; secret: string }>(
    `SELECT url, secret FROM venue_webhooks WHERE venue_id = $1`,
    [venueId],
  );
  return rows[0] ?? null;
}

/** Sets (or replaces) the venue's webhook; answers the address it had before, if any. */
export async function saveWebhook(
  tx: Queryable,
  venueId: string,
  url: string,
  secret: string,
): Promise<string | null> {
  const before = await readWebhook(tx, venueId);
  await tx.query(
    `INSERT INTO venue_webhooks (venue_id, url, secret) VALUES ($1, $2, $3)
     ON CONFLICT (venue_id) DO UPDATE SET url = EXCLUDED.url, secret = EXCLUDED.secret,
       updated_at = now()`,
    [venueId, checkWebhookUrl(url), checkWebhookSecret(secret)],
  );
  return before?.url ?? null;
}

/** Removes the webhook: nothing more is queued; events still queued fail with the reason. */
export async function removeWebhook(tx: Queryable, venueId: string): Promise<string | null> {
  const rows = await tx.query<{ url: string }>(
    `DELETE FROM venue_webhooks WHERE venue_id = $1 RETURNING url`,
    [venueId],
  );
  return rows[0]?.url ?? null;
}

export interface WebhookDelivery {
  readonly eventId: string;
  readonly type: string;
  readonly status: 'queued' | 'sending' | 'sent' | 'failed';
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: string;
}

/** The venue's latest events and how their delivery went (the back office shows them). */
export async function recentDeliveries(
  db: Queryable,
  venueId: string,
  limit = 20,
): Promise<WebhookDelivery[]> {
  const rows = await db.query<{
    message_id: string;
    kind: string;
    status: WebhookDelivery['status'];
    attempts: unknown;
    last_error: string | null;
    created_at: Date | string;
  }>(
    `SELECT message_id, kind, status, attempts, last_error, created_at FROM outbox
      WHERE venue_id = $1 AND channel = 'webhook' ORDER BY created_at DESC, dedupe_key LIMIT $2`,
    [venueId, limit],
  );
  return rows.map((r) => ({
    eventId: r.message_id,
    type: r.kind,
    status: r.status,
    attempts: Number(r.attempts),
    lastError: r.last_error,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}
