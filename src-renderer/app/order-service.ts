import type {
  AdmissionPayload,
  ExchangePayload,
  RefundPayload,
  VoidPayload,
} from '../../shared/journal/entry-types';
import type { OrderEvent, OrderView } from '../../shared/orders/order-view';
import { projectOrder } from '../../shared/orders/order-view';
import type { BoxOfficeDb, IssuedTicket, OrderStatus } from '../store';
import { addTickets, markSeatsSold, releaseSeatRows, setTicketStatus } from '../store';
import type { ValidCounts } from '../store';
import type { Till } from './till';
import type { TillOrderRecord, TillTicketRecord } from './till-records';
import { isStoredOrder, tillTicketRecord } from './till-records';

export interface FoundOrder {
  readonly record: TillOrderRecord;
  readonly view: OrderView;
}

function asTillOrder(record: unknown): TillOrderRecord | null {
  if (typeof record !== 'object' || record === null) return null;
  return isStoredOrder((record as { order?: unknown }).order) ? (record as TillOrderRecord) : null;
}

export function viewOf(record: TillOrderRecord): OrderView {
  return projectOrder(record.order.sale, record.order.events);
}

export async function reloadOrder(till: Till, orderId: string): Promise<FoundOrder | null> {
  const record = asTillOrder(await till.store.db.orders.get(orderId));
  return record ? { record, view: viewOf(record) } : null;
}

function statusAfter(view: OrderView): OrderStatus {
  const statuses = view.tickets.map((t) => t.status);
  if (statuses.length > 0 && statuses.every((s) => s === 'voided')) return 'voided';
  if (statuses.every((s) => s === 'refunded')) return 'refunded';
  if (statuses.some((s) => s === 'refunded')) return 'partially_refunded';
  if (statuses.some((s) => s === 'exchanged')) return 'exchanged';
  return 'completed';
}

/**
 * Inside a commit (or a sync page's transaction): the order record gains the event and its
 * status follows, by the domain's `projectOrder`.
 */
export async function appendEvent(
  db: BoxOfficeDb,
  orderId: string,
  event: OrderEvent,
): Promise<void> {
  const record = asTillOrder(await db.orders.get(orderId));
  if (record === null) throw new Error(`order ${orderId} is not in this till's store`);
  const events = [...record.order.events, event];
  const next: TillOrderRecord = { ...record, order: { sale: record.order.sale, events } };
  await db.orders.put({ ...next, status: statusAfter(viewOf(next)) });
}

/**
 * A ticket's new status; a refunded, exchanged or voided seat goes back on sale — if the seat
 * is still this ticket's: with tickets arriving from other tills (sync), the seat may already
 * be sold again to a newer ticket, and that sale must stay.
 */
/**
 * Inside an admission's commit (or a sync page's transaction): the order gains the admission
 * (refused by projectOrder unless the ticket is valid) and the ticket is marked used. Its seat
 * stays sold: a used ticket still holds its seat.
 */
export async function admitInStore(db: BoxOfficeDb, admission: AdmissionPayload): Promise<void> {
  await appendEvent(db, admission.orderId, { type: 'admission', payload: admission });
  await setTicketStatus(db, admission.ticketId, 'used');
}

export async function settleTicket(
  db: BoxOfficeDb,
  ticketId: string,
  status: TillTicketRecord['status'],
): Promise<void> {
  const t = await setTicketStatus(db, ticketId, status);
  if (t?.seatId === undefined || status === 'valid') return;
  const seat = await db.seatStates.get([t.performanceId, t.seatId]);
  if (seat !== undefined && (seat.ticketId === undefined || seat.ticketId === ticketId))
    await db.seatStates.delete([t.performanceId, t.seatId]);
}

/**
 * Inside a sale's or exchange's commit: its held seats become sold — unless it is practice
 * (training mode), which lets its holds go so the real seat map is as it was.
 */
export async function takeSeats(
  db: BoxOfficeDb,
  holdId: string | undefined,
  tickets: readonly IssuedTicket[],
  nowIso: string,
  training: boolean,
): Promise<void> {
  if (!training) return markSeatsSold(holdId, tickets, nowIso);
  if (holdId === undefined) return;
  const seats = tickets.flatMap((t) =>
    t.seatId !== undefined ? [{ performanceId: t.performanceId, seatId: t.seatId }] : [],
  );
  const released = await releaseSeatRows(db, holdId, seats);
  if (!released.ok) throw new Error(released.error.message);
}

export async function projectRefund(db: BoxOfficeDb, refund: RefundPayload): Promise<void> {
  for (const t of refund.tickets) await settleTicket(db, t.ticketId, 'refunded');
  await appendEvent(db, refund.orderId, { type: 'refund', payload: refund });
}

/** A void takes back the whole sale: every ticket voided, every seat on sale again. */
export async function projectVoid(db: BoxOfficeDb, voided: VoidPayload): Promise<void> {
  for (const t of voided.tickets) await settleTicket(db, t.ticketId, 'voided');
  await appendEvent(db, voided.orderId, { type: 'void', payload: voided });
}

export async function projectExchange(
  db: BoxOfficeDb,
  exchange: ExchangePayload,
  holdId: string | undefined,
  nowIso: string,
): Promise<ValidCounts | undefined> {
  for (const t of exchange.returned) await settleTicket(db, t.ticketId, 'exchanged');
  const issued: TillTicketRecord[] = exchange.issued.map((t) =>
    tillTicketRecord(exchange.orderId, t),
  );
  // Practice tickets stay out of the tickets table (see commitSale).
  const counts = exchange.training ? undefined : await addTickets(issued);
  // The exchange's own holds become sold; a seat another cart took meanwhile aborts it.
  await takeSeats(db, holdId, exchange.issued, nowIso, exchange.training);
  await appendEvent(db, exchange.orderId, { type: 'exchange', payload: exchange });
  // The valid tickets per tier after the new ones were added, for the commit's GA recheck.
  return counts;
}
