import type { OrderEvent, OrderView } from '../../shared/orders/order-view';
import { projectOrder } from '../../shared/orders/order-view';
import type { SalePayload } from '../../shared/journal/entry-types';
import { parseReceiptNumber } from '../../shared/orders/receipt-number';
import type { Queryable } from '../db/port';
import { readServerRefundsOfOrder } from './server-ledger';

/**
 * An order as the tills see it, built on the server from the venue's journal with the
 * domain's own `projectOrder` (sale + refunds/exchanges/voids + admissions, in feed order), so
 * a request is decided on the same order view a window would refund from.
 */
export async function orderIdFor(
  db: Queryable,
  venueId: string,
  orderRef: string,
): Promise<string | null> {
  // The order number on the receipt or e-mail, or the id of one of its tickets.
  const rows = await db.query<{ order_id: string }>(
    `SELECT order_id FROM orders WHERE venue_id = $1 AND order_id = $2
     UNION ALL
     SELECT order_id FROM tickets WHERE venue_id = $1 AND ticket_id = $2
     LIMIT 1`,
    [venueId, orderRef],
  );
  if (rows[0] !== undefined) return rows[0].order_id;
  // Or the receipt number as printed ("K1-000012": the window's id and its own number).
  const receipt = parseReceiptNumber(orderRef);
  if (receipt?.terminalId === undefined) return null;
  const byReceipt = await db.query<{ order_id: string }>(
    `SELECT order_id FROM orders WHERE venue_id = $1 AND terminal_id = $2 AND receipt_no = $3`,
    [venueId, receipt.terminalId, receipt.receiptNo],
  );
  return byReceipt.length === 1 ? byReceipt[0]!.order_id : null;
}

interface EntryRow {
  type: OrderEvent['type'] | 'sale';
  body: unknown;
}

export async function loadOrderView(
  db: Queryable,
  venueId: string,
  orderId: string,
): Promise<OrderView | null> {
  const rows = await db.query<EntryRow>(
    `SELECT type, body FROM journal_entries
     WHERE venue_id = $1 AND (body -> 'payload' ->> 'orderId') = $2
       AND type IN ('sale', 'refund', 'exchange', 'void', 'admission') AND status = 'applied'
     ORDER BY feed_pos, terminal_id, seq`,
    [venueId, orderId],
  );
  let sale: SalePayload | null = null;
  const events: OrderEvent[] = [];
  for (const r of rows) {
    const body = (typeof r.body === 'string' ? JSON.parse(r.body) : r.body) as {
      payload: unknown;
    };
    if (r.type === 'sale') sale = body.payload as SalePayload;
    else events.push({ type: r.type, payload: body.payload } as OrderEvent);
  }
  if (sale === null || sale.training) return null;
  // What the server paid back itself (its own ledger) counts too, after the tills' events:
  // a ticket it refunded online is refunded here as at every window.
  const paid = await readServerRefundsOfOrder(db, venueId, orderId);
  return projectOrder(sale, [
    ...events,
    ...paid.map((p): OrderEvent => ({ type: 'server_refund', payload: p })),
  ]);
}

/** Tickets of the order already in a live request (received … paid): not asked for again. */
export async function requestedTicketIds(
  db: Queryable,
  venueId: string,
  ticketIds: readonly string[],
): Promise<Set<string>> {
  const rows = await db.query<{ ticket_id: string }>(
    `SELECT ticket_id FROM refund_request_tickets WHERE venue_id = $1 AND ticket_id = ANY($2::text[])`,
    [venueId, ticketIds],
  );
  return new Set(rows.map((r) => r.ticket_id));
}
