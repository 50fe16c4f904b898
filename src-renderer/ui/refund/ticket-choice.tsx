import type { OrderView } from '../../../shared/orders/order-view';
import { useTill } from '../till-context';
import { useText } from '../use-text';

/**
 * One checkbox per ticket of the order; only valid tickets can be chosen. Each tick is one
 * toggle (the flows take TICKET.TOGGLE); `disabled` while the flow is past choosing.
 */
export function TicketChoice({
  order,
  chosen,
  onToggle,
  legend,
  disabled = false,
}: {
  readonly order: OrderView;
  readonly chosen: readonly string[];
  readonly onToggle: (ticketId: string) => void;
  readonly legend: string;
  readonly disabled?: boolean;
}) {
  const till = useTill();
  const text = useText();
  const label = (performanceId: string, tierId: string, seatId: string | undefined): string => {
    const p = till.catalog.performance(performanceId);
    const event = p ? (till.catalog.event(p.eventId)?.name ?? '') : '';
    const seat =
      seatId !== undefined && p?.seatingPlanId
        ? till.catalog.seat(p.seatingPlanId, seatId)
        : undefined;
    const plan = p?.seatingPlanId ? till.catalog.plan(p.seatingPlanId) : undefined;
    const row = seat
      ? plan?.sections.flatMap((s) => s.rows).find((r) => r.id === seat.rowId)
      : undefined;
    const where = seat
      ? text('ui.cart.seat', {
          tier: till.catalog.tier(tierId)?.name ?? tierId,
          row: row?.label ?? '',
          seat: seat.seat.label,
        })
      : (till.catalog.tier(tierId)?.name ?? tierId);
    return `${event}, ${p ? text.tr.date(p.startsAt) : ''}: ${where}`;
  };
  return (
    <fieldset className="ticket-list">
      <legend>{legend}</legend>
      {order.tickets.map(({ ticket, status }) => (
        <label key={ticket.ticketId} className="choice">
          <input
            type="checkbox"
            disabled={disabled || status !== 'valid'}
            checked={chosen.includes(ticket.ticketId)}
            onChange={() => onToggle(ticket.ticketId)}
          />
          {text('ui.refund.ticket', {
            label: label(ticket.performanceId, ticket.tierId, ticket.seatId),
            price: ticket.price,
            status: text(`ui.refund.status.${status}`),
          })}
        </label>
      ))}
    </fieldset>
  );
}
