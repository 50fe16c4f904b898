import type { OrderView } from '../../../shared/orders/order-view';
import { reasons } from '../../../shared/refund-policy/reasons';
import { useTicketLabel } from '../ticket-label';
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
  const text = useText();
  const label = useTicketLabel();
  return (
    <fieldset className="ticket-list">
      <legend>{legend}</legend>
      {order.tickets.map(({ ticket, status, refundedOnline }) => (
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
          {/* Paid back by the server for a customer's request: the policy's own words say
              when and which request, so the cashier does not pay it again. */}
          {refundedOnline !== undefined ? (
            <span className="choice-why">
              {' '}
              {text.tr.reason(reasons.refundedOnline(refundedOnline))}
            </span>
          ) : null}
        </label>
      ))}
    </fieldset>
  );
}
