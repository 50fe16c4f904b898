import { InvalidNotificationError } from '../notify/notification-schema';
import { enqueueNotification } from '../notify/outbox-store';
import type { Queryable } from '../db/port';
import { num } from '../db/port';
import { notifyCustomer } from './notify-customer';
import { publishRequestEvent } from './request-events';

/**
 * A till paid an approved cash request out by its code (the push of that refund entry, in the
 * push's transaction): the request reads "paid" on its status page and the customer is told
 * once. The money is the till's journal entry itself (a cash refund naming the code), so no
 * server ledger row is written here. The message links the status page like every other
 * step's: the push knows no public address, so the link kept with the request is used (none
 * when the server had no public address when the request was made).
 */
export async function markCashRequestPaid(
  tx: Queryable,
  venueId: string,
  requestId: string,
): Promise<boolean> {
  const rows = await tx.query<{
    order_id: string;
    amount_minor: unknown;
    currency: string;
    status_link: string | null;
  }>(
    `UPDATE refund_requests SET state = 'paid', updated_at = now()
     WHERE venue_id = $1 AND request_id = $2 AND state = 'approved' AND collect_at_box_office
     RETURNING order_id, amount_minor, currency, status_link`,
    [venueId, requestId],
  );
  const r = rows[0];
  if (r === undefined) return false;
  const amount = { amount: num(r.amount_minor), currency: r.currency };
  await publishRequestEvent(
    tx,
    { venueId, requestId, orderId: r.order_id, amount },
    'refund_request.paid_at_window',
  );
  try {
    await notifyCustomer(
      { enqueue: enqueueNotification },
      tx,
      {
        venueId,
        requestId,
        orderId: r.order_id,
        amount,
        statusLink: r.status_link ?? '',
      },
      'request_paid',
    );
  } catch (error) {
    // A message the outbox refuses (checked before any write) must not fail the till's push:
    // the payout stands and the status page says paid; only this e-mail is not sent.
    if (!(error instanceof InvalidNotificationError)) throw error;
  }
  return true;
}
