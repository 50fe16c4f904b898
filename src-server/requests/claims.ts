import type { CatalogIndex } from '../../shared/catalog/catalog';
import type { OrderView } from '../../shared/orders/order-view';
import type { OrderClaim, OrderLookupAnswer } from '../../shared/requests/contract';
import type { Queryable } from '../db/port';
import { HttpError } from '../http-error';
import { catalogIndexOf } from '../inventory/capacity';
import { contactMatches, contactOf, type OrderContact } from './contacts';
import { paidByOf } from './decision';
import { loadOrderView, orderIdFor, requestedTicketIds } from './order-source';

export interface ClaimedOrder {
  readonly order: OrderView;
  readonly contact: OrderContact;
  readonly catalog: CatalogIndex;
  /** tickets of the order already in a live request */
  readonly requested: ReadonlySet<string>;
}

/**
 * The one answer for "no such order", "no contact on it" and "not your contact": whoever does
 * not hold the order's contact learns nothing about whether the order exists.
 */
const notFound = () =>
  new HttpError(
    404,
    'order_not_found',
    'We found no order with this number and this e-mail or phone. Check both as they appear on your confirmation.',
  );

export async function claimOrder(db: Queryable, claim: OrderClaim): Promise<ClaimedOrder> {
  const orderId = await orderIdFor(db, claim.venueId, claim.orderRef);
  const contact = orderId === null ? null : await contactOf(db, claim.venueId, orderId);
  if (orderId === null || contact === null || !contactMatches(contact, claim.contact)) {
    throw notFound();
  }
  const order = await loadOrderView(db, claim.venueId, orderId);
  if (order === null) throw notFound();
  const catalog = await catalogIndexOf(db, claim.venueId);
  const requested = await requestedTicketIds(
    db,
    claim.venueId,
    order.tickets.map((t) => t.ticket.ticketId),
  );
  return { order, contact, catalog, requested };
}

/** The order's tickets as the apply page lists them. */
export function lookupAnswer(c: ClaimedOrder): OrderLookupAnswer {
  return {
    orderId: c.order.orderId,
    paidBy: paidByOf(c.order),
    tickets: c.order.tickets.map(({ ticket, status }) => {
      const performance = c.catalog.performance(ticket.performanceId);
      const event = c.catalog.catalog.events.find((e) => e.id === ticket.eventId);
      return {
        ticketId: ticket.ticketId,
        eventName: event?.name ?? ticket.eventId,
        performanceId: ticket.performanceId,
        startsAt: performance?.startsAt ?? '',
        tierId: ticket.tierId,
        seatId: ticket.seatId ?? null,
        price: ticket.price,
        status: status === 'valid' && c.requested.has(ticket.ticketId) ? 'requested' : status,
      };
    }),
  };
}

/** Asking again for a ticket that is already in a live request is refused. */
export function refuseRequested(c: ClaimedOrder, ticketIds: readonly string[]): void {
  const again = ticketIds.filter((id) => c.requested.has(id));
  if (again.length > 0) {
    throw new HttpError(
      409,
      'already_requested',
      'A refund of this ticket has already been requested: follow it on its status page.',
    );
  }
}
