import type { Queryable } from '../db/port';
import type { EnqueueNotification } from '../notify/notification';
import { contactOf } from '../requests/contacts';
import { feedbackUrl } from './feedback-link';

/**
 * Where the feedback links go (issue 14 item 8): a paid refund's message carries one, and an
 * order the server holds, once its buyer's e-mail is attached, gets a thank-you message with
 * one. Both only when the server knows its public address: a link without one opens nothing.
 */

/**
 * The public address a status link starts with (`<base>/refund-request/#status=…`). A till's
 * push that pays a cash code knows no address of its own, only the link kept with the request.
 */
export function publicBaseOf(statusLink: string): string | null {
  const at = statusLink.indexOf('/refund-request/');
  return /^https?:\/\//.test(statusLink) && at > 0 ? statusLink.slice(0, at) : null;
}

/** `{feedbackUrl}` for a refund request's "paid" message, or nothing without an address. */
export async function paidFeedbackData(
  tx: Queryable,
  r: { venueId: string; requestId: string; orderId: string; statusLink: string },
  nowMs: number,
): Promise<{ feedbackUrl?: string }> {
  const base = publicBaseOf(r.statusLink);
  if (base === null) return {};
  const url = await feedbackUrl(
    tx,
    base,
    { venueId: r.venueId, about: 'request', subjectId: r.requestId, orderId: r.orderId },
    nowMs,
  );
  return { feedbackUrl: url };
}

/**
 * The buyer's thank-you with the feedback link, in `tx` (the contact's transaction): only for
 * an order pushed here and sold, with an e-mail on it; once per order (the dedupe key), however
 * often the contact is attached again.
 */
export async function thankBuyer(
  tx: Queryable,
  enqueue: EnqueueNotification,
  publicBaseUrl: string | undefined,
  venueId: string,
  orderId: string,
  nowMs: number,
): Promise<void> {
  if (publicBaseUrl === undefined) return;
  const contact = await contactOf(tx, venueId, orderId);
  const order = await tx.query(
    `SELECT 1 FROM orders WHERE venue_id = $1 AND order_id = $2 AND status = 'sold'`,
    [venueId, orderId],
  );
  if (!contact?.email || order.length === 0) return;
  await enqueue(tx, {
    venueId,
    kind: 'purchase_thanks',
    channel: 'email',
    to: contact.email,
    locale: contact.locale,
    dedupeKey: `order:${orderId}:thanks`,
    data: {
      orderNumber: orderId,
      feedbackUrl: await feedbackUrl(
        tx,
        publicBaseUrl,
        { venueId, about: 'order', subjectId: orderId, orderId },
        nowMs,
      ),
    },
  });
}
