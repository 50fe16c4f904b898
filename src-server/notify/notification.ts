import type { Queryable } from '../db/port';

/**
 * What the customer-service code asks to be told to a customer (issue 14 item 4). Callers
 * enqueue a notification inside the same database transaction as the change it reports (the
 * transactional outbox): the request is approved and its "approved" e-mail is queued, or
 * neither. The outbox worker renders it in the customer's language and sends it; each
 * `dedupeKey` is delivered at most once per channel, however often it is enqueued.
 */
export const NOTIFICATION_KINDS = [
  'request_received',
  'request_approved',
  'request_declined',
  'request_question',
  'request_paid',
  'performance_cancelled',
  // feedback (issue 14 item 8): a purchase's thank-you with the feedback link
  'purchase_thanks',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type NotificationChannel = 'email' | 'sms';

/** The languages the venue speaks to customers in (the till's BCP 47 tags). */
export type CustomerLocale = 'en' | 'uk' | 'zh-Hans';

export interface NotificationRequest {
  readonly venueId: string;
  readonly kind: NotificationKind;
  readonly channel: NotificationChannel;
  /** an e-mail address or an E.164 phone number */
  readonly to: string;
  readonly locale: CustomerLocale;
  /** e.g. `request:<id>:approved`: the same key enqueued twice sends once */
  readonly dedupeKey: string;
  /**
   * What the message needs, already in display form where it is money or a date (the
   * worker does not know the venue's currency or time zone rules): request number, amount,
   * performance name and date, the status page link, a decline reason, …
   */
  readonly data: Readonly<Record<string, string | number>>;
}

/** Enqueues in the caller's transaction; implemented by the outbox. */
export type EnqueueNotification = (tx: Queryable, n: NotificationRequest) => Promise<void>;
