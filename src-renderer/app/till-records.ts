import type { SalePayload } from '../../shared/journal/entry-types';
import type { OrderEvent } from '../../shared/orders/order-view';
import type { TicketRecord as DomainTicket } from '../../shared/orders/records';
import type { OrderRecord, TicketRecord } from '../store';

/**
 * What this app keeps in the store's generic `order` / `ticket` slots. The sale payload and
 * the later events (refunds, exchanges, voids) are enough to rebuild the order with the
 * domain's `projectOrder`, so the refund screen never re-reads the whole journal.
 */
export interface StoredOrder {
  readonly sale: SalePayload;
  readonly events: readonly OrderEvent[];
}

export type TillOrderRecord = OrderRecord<StoredOrder>;
export type TillTicketRecord = TicketRecord<DomainTicket>;

export function isStoredOrder(value: unknown): value is StoredOrder {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { sale?: unknown; events?: unknown };
  return typeof v.sale === 'object' && v.sale !== null && Array.isArray(v.events);
}

/** The store's row for a ticket an order issued (a sale's, or an exchange's new ones). */
export function tillTicketRecord(orderId: string, ticket: DomainTicket): TillTicketRecord {
  return {
    id: ticket.ticketId,
    orderId,
    performanceId: ticket.performanceId,
    code: ticket.code,
    status: 'valid',
    tierId: ticket.tierId,
    ...(ticket.seatId !== undefined ? { seatId: ticket.seatId } : {}),
    ticket,
  };
}
