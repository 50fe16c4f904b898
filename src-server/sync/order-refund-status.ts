import type { Queryable } from '../db/port';

/**
 * The orders projection after tickets of an order were refunded — by a till's refund pushed
 * through sync or by the server itself (a customer's request it paid to the card or as a
 * voucher): the status `partly_refunded` while any ticket of the order is still sold or used,
 * `refunded` once none is. One rule for both, so an order refunded wholly online reads as one
 * refunded at a window. Call it after the tickets moved.
 */
export async function settleRefundedOrder(
  tx: Queryable,
  venueId: string,
  orderId: string,
  /**
   * What a window's refund entry paid back: `refunded_minor` sums the tills' refunds only (the
   * server's own payouts are in its ledger, and readers add them: customers/record.ts), so
   * the server's payouts pass 0.
   */
  windowRefundedMinor: number,
  /** Who changed the row last: the till and its entry, or the server's ledger and its row. */
  by: { readonly terminalId: string; readonly seq: number },
): Promise<void> {
  await tx.query(
    `UPDATE orders o SET refunded_minor = refunded_minor + $3, updated_seq = $4, updated_by_terminal = $5,
       status = CASE WHEN EXISTS (SELECT 1 FROM tickets t WHERE t.venue_id = o.venue_id AND t.order_id = o.order_id AND t.status IN ('sold', 'used'))
                     THEN 'partly_refunded' ELSE 'refunded' END
     WHERE venue_id = $1 AND order_id = $2`,
    [venueId, orderId, windowRefundedMinor, by.seq, by.terminalId],
  );
}
