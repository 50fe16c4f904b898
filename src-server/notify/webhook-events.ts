/**
 * Events a venue's CRM receives through its webhook (issue 14 item 7). A change publishes its
 * event in its own transaction, into the outbox (channel `webhook`): the request is approved
 * and its event queued, or neither. Nothing is queued for a venue without a webhook.
 */
import type { Queryable } from '../db/port';
import { messageKeyFor } from './outbox-store';

export const WEBHOOK_EVENT_TYPES = [
  'refund_request.received',
  'refund_request.approved',
  'refund_request.declined',
  /** Paid by the server: refunded to the card through the provider, or a voucher issued. */
  'refund_request.paid',
  /** A till paid an approved cash request out by its code (the push of that refund). */
  'refund_request.paid_at_window',
  'voucher.issued',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Flat fields, like the outbox's other messages: ids, minor units, codes, words. */
export type WebhookEventData = Readonly<Record<string, string | number | boolean>>;

/**
 * Queues `type` for the venue's webhook in `tx`, if the venue has one. `subject` names what
 * it happened to (a request id, a voucher code): the same type and subject again is queued
 * once, so the event id the receiver dedupes on is stable across retries, restarts and nodes.
 * `occurredAt` is taken now and kept, so every delivery of the event says the same.
 */
export async function publishWebhookEvent(
  tx: Queryable,
  venueId: string,
  type: WebhookEventType,
  subject: string,
  data: WebhookEventData,
): Promise<void> {
  const dedupeKey = `${type}:${subject}`;
  await tx.query(
    `INSERT INTO outbox (venue_id, channel, dedupe_key, kind, recipient, locale, data, message_id)
     SELECT venue_id, 'webhook', $2, $3, url, 'en', $4::jsonb, $5
       FROM venue_webhooks WHERE venue_id = $1
     ON CONFLICT (venue_id, channel, dedupe_key) DO NOTHING`,
    [
      venueId,
      dedupeKey,
      type,
      JSON.stringify({ ...data, occurredAt: new Date().toISOString() }),
      webhookEventId(venueId, dedupeKey),
    ],
  );
}

/** The id a receiver dedupes on: derived from the event's key, never changing. */
export const webhookEventId = (venueId: string, dedupeKey: string): string =>
  `evt_${messageKeyFor(venueId, 'webhook', dedupeKey)}`;
