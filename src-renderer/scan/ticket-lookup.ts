import type { TicketRecord as DomainTicket } from '../../shared/orders/records';
import type { OrderView } from '../../shared/orders/order-view';
import type { BoxOfficeDb } from '../store/db';
import type { TicketRecord } from '../store/records';
import type { ScannedTicket } from './scan-verdict';
import { scannedOrderOf } from './stored-order';

/**
 * Reads one ticket and its order for a scan: two primary-key reads, no index scans, so the
 * cost does not grow with the number of tickets stored (the scan benchmark runs with 200,000).
 * Returns null when the ticket is not in this terminal's store; rejects when IndexedDB fails
 * or the record is unreadable, which the scanner turns into a `store_error` verdict.
 */
export async function lookupScannedTicket(
  db: BoxOfficeDb,
  ticketId: string,
): Promise<ScannedTicket | null> {
  // One read-only transaction for both reads: each IndexedDB transaction is a round trip to
  // the browser process, and the tail of the scan latency is made of those.
  const found = await db.transaction('r', db.tickets, db.orders, async () => {
    const record = await db.tickets.get(ticketId);
    if (record === undefined) return null;
    return { record, orderRecord: await db.orders.get(record.orderId) };
  });
  if (found === null) return null;
  const { record, orderRecord } = found;
  const sold = scannedOrderOf(orderRecord);
  const order = sold?.order ?? null;
  const ticket = domainTicketOf(record, order);
  // A record we cannot read is a store problem, not an unknown ticket: "not found" would
  // send the cashier looking for a sale that is right here.
  if (ticket === null) throw new Error(`Ticket ${ticketId} is stored but unreadable.`);
  return { record, ticket, order, receipt: sold?.receipt ?? null };
}

function isDomainTicket(value: unknown): value is DomainTicket {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Record<keyof DomainTicket, unknown>>;
  return (
    typeof v.ticketId === 'string' &&
    typeof v.price === 'object' &&
    v.price !== null &&
    typeof v.bookingFee === 'object' &&
    v.bookingFee !== null &&
    typeof v.policy === 'object' &&
    v.policy !== null
  );
}

/** The domain ticket: from the record's slot, or else from the order (exchange-issued tickets). */
function domainTicketOf(record: TicketRecord, order: OrderView | null): DomainTicket | null {
  if (isDomainTicket(record.ticket)) return record.ticket;
  const view = order?.tickets.find((t) => t.ticket.ticketId === record.id);
  return view?.ticket ?? null;
}
