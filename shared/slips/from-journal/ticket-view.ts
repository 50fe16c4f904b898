import type { TicketRecord } from '../../orders/records';
import type { TicketView } from '../view-models';
import { performanceNames, seatNames, tierName, type SlipSource } from './slip-source';

/** One ticket as its admission slip: event, date and time, seat names, tier, price, QR. */
export function ticketViewOf(ticket: TicketRecord, source: SlipSource): TicketView {
  const { event, startsAt } = performanceNames(source.catalog, ticket.performanceId);
  return {
    locale: source.locale,
    columns: source.columns,
    timeZone: source.timeZone,
    venue: source.venue,
    eventTitle: event,
    performanceStartsAt: startsAt,
    seat: seatNames(source.catalog, ticket.performanceId, ticket.seatId),
    tier: tierName(source.catalog, ticket.tierId),
    price: ticket.price,
    ticketNo: ticket.ticketId,
    code: ticket.code,
  };
}
