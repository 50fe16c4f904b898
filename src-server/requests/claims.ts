import type { CatalogIndex } from '../../shared/catalog/catalog';
import { seatNames, tierName } from '../../shared/slips/from-journal/slip-source';
import type { OrderView } from '../../shared/orders/order-view';
import type { OrderClaim, OrderLookupAnswer } from '../../shared/requests/contract';
import type { Queryable } from '../db/port';
import { HttpError } from '../http-error';
import { catalogIndexOf } from '../inventory/capacity';
import { cardDigitsOpen, isCardDigits } from './card-claim';
import { contactMatches, contactOf } from './contacts';
import { paidByOf } from './decision';
import { loadOrderView, orderIdFor, requestedTicketIds } from './order-source';

export interface ClaimedOrder {
  /**
   * How the caller showed the order is theirs: the contact on it, a signed refund link sent to
   * it, or the receipt number and the paying card's last 4 digits — then the money goes back
   * to that card only (card-claim.ts).
   */
  readonly by: 'contact' | 'link' | 'card';
  readonly order: OrderView;
  readonly catalog: CatalogIndex;
  /** tickets of the order already in a live request */
  readonly requested: ReadonlySet<string>;
}

/**
 * The one answer for "no such order", "no contact on it", "not your contact" and "not your
 * card": whoever does not hold the order's contact or card learns nothing about whether the
 * order exists. It names the box office for those who have neither.
 */
const notFound = () =>
  new HttpError(
    404,
    'order_not_found',
    'We found no order with this number and this e-mail, phone or card. Check them as they appear on your receipt or confirmation. Paid in cash and gave no e-mail or phone? Come to the box office with your receipt.',
  );

export async function claimOrder(db: Queryable, claim: OrderClaim): Promise<ClaimedOrder> {
  const orderId = await orderIdFor(db, claim.venueId, claim.orderRef);
  if (orderId === null) throw notFound();
  if (isCardDigits(claim.contact)) {
    const claimed = await loadClaim(db, claim.venueId, orderId, 'card');
    if (
      claimed === null ||
      !(await cardDigitsOpen(db, claim.venueId, claimed.order, claim.contact))
    )
      throw notFound();
    return claimed;
  }
  const contact = await contactOf(db, claim.venueId, orderId);
  if (contact === null || !contactMatches(contact, claim.contact)) throw notFound();
  const claimed = await loadClaim(db, claim.venueId, orderId, 'contact');
  if (claimed === null) throw notFound();
  return claimed;
}

/**
 * The order, its catalog and its tickets already asked for, once the caller has shown it may
 * act on the order: the contact on it (`claimOrder`) or a signed refund link (`refund-link.ts`).
 */
export async function loadClaim(
  db: Queryable,
  venueId: string,
  orderId: string,
  by: ClaimedOrder['by'],
): Promise<ClaimedOrder | null> {
  const order = await loadOrderView(db, venueId, orderId);
  if (order === null) return null;
  const catalog = await catalogIndexOf(db, venueId);
  const requested = await requestedTicketIds(
    db,
    venueId,
    order.tickets.map((t) => t.ticket.ticketId),
  );
  return { by, order, catalog, requested };
}

/** The order's tickets as the apply page lists them. */
export function lookupAnswer(c: ClaimedOrder): OrderLookupAnswer {
  return {
    orderId: c.order.orderId,
    paidBy: paidByOf(c.order),
    onlyToCard: c.by === 'card',
    tickets: c.order.tickets.map(({ ticket, status }, i) => {
      const performance = c.catalog.performance(ticket.performanceId);
      const event = c.catalog.catalog.events.find((e) => e.id === ticket.eventId);
      return {
        ticketId: ticket.ticketId,
        eventName: event?.name ?? ticket.eventId,
        performanceId: ticket.performanceId,
        startsAt: performance?.startsAt ?? '',
        tierId: ticket.tierId,
        tierName: tierName(c.catalog, ticket.tierId),
        seatId: ticket.seatId ?? null,
        // Two standing tickets of one tier look the same: the seat, else the place in the order.
        seat: seatNames(c.catalog, ticket.performanceId, ticket.seatId),
        position: i + 1,
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
