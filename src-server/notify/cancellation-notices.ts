/**
 * Issue 14 item 6, the notification half: when a performance is cancelled, one
 * `performance_cancelled` message per order holding its tickets that has a contact, enqueued in
 * the cancelling transaction. Each order's key is `performance:<id>:cancelled:<order>`, so a
 * cancel run twice (or retried) tells each holder once.
 *
 * The back office's cancel calls it through notify/cancellation-wiring.ts, in the cancel's own
 * transaction: the holders' contacts (`order_contacts`) and, per order, a signed one-step
 * refund link under the cancellation rule.
 */
import type { Queryable } from '../db/port';
import type { CustomerLocale } from './notification';
import { enqueueNotification } from './outbox-store';

export interface TicketHolderContact {
  readonly orderId: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly locale: CustomerLocale;
}

export interface CancelledPerformance {
  readonly venueId: string;
  readonly performanceId: string;
  /** Display forms, as the venue writes them (the outbox knows no time zones). */
  readonly performanceName: string;
  readonly performanceDate: string;
  readonly venueName?: string;
}

/**
 * The hook onto migration 016's order contacts: orders with a sold ticket of the performance
 * and an e-mail or phone. Null while that table does not exist (016 not merged).
 */
export async function ticketHolderContacts(
  tx: Queryable,
  venueId: string,
  performanceId: string,
): Promise<TicketHolderContact[] | null> {
  const [exists] = await tx.query<{ t: string | null }>(
    `SELECT to_regclass('order_contacts')::text AS t`,
  );
  if (!exists?.t) return null;
  const rows = await tx.query<{
    order_id: string;
    email: string | null;
    phone: string | null;
    locale: CustomerLocale;
  }>(
    `SELECT c.order_id, c.email, c.phone, c.locale
       FROM order_contacts c
      WHERE c.venue_id = $1
        AND EXISTS (SELECT 1 FROM tickets t
                     WHERE t.venue_id = c.venue_id AND t.order_id = c.order_id
                       AND t.performance_id = $2 AND t.status = 'sold')
      ORDER BY c.order_id`,
    [venueId, performanceId],
  );
  return rows.map((r) => ({
    orderId: r.order_id,
    email: r.email,
    phone: r.phone,
    locale: r.locale,
  }));
}

/**
 * One message per holder (e-mail when it has one, else a text), in the caller's transaction.
 * Returns how many were enqueued (already-queued keys included).
 */
export async function enqueuePerformanceCancelled(
  tx: Queryable,
  performance: CancelledPerformance,
  holders: readonly TicketHolderContact[],
  refundUrlFor: (orderId: string) => string,
): Promise<number> {
  let count = 0;
  for (const holder of holders) {
    const to = holder.email ?? holder.phone;
    if (!to) continue;
    await enqueueNotification(tx, {
      venueId: performance.venueId,
      kind: 'performance_cancelled',
      channel: holder.email ? 'email' : 'sms',
      to,
      locale: holder.locale,
      dedupeKey: `performance:${performance.performanceId}:cancelled:${holder.orderId}`,
      data: {
        performanceName: performance.performanceName,
        performanceDate: performance.performanceDate,
        refundUrl: refundUrlFor(holder.orderId),
        ...(performance.venueName ? { venueName: performance.venueName } : {}),
      },
    });
    count++;
  }
  return count;
}
