import type { Performance } from '../../../shared/catalog/schemas';
import { exchangeTargets, type ExchangeOld } from '../../../shared/exchange';
import type { OrderView } from '../../../shared/orders/order-view';
import { useTill } from '../till-context';
import { useText } from '../use-text';

/**
 * The performances the tickets going back may be exchanged for, and only those: the domain's
 * `exchangeTargets` (the rules quoteExchange applies) on the chosen tickets, or on every still
 * valid ticket of the order before any is chosen. When none is allowed, the reason instead.
 */
export function ExchangePerformances({
  order,
  selected,
  onPick,
}: {
  readonly order: OrderView;
  readonly selected: readonly string[];
  readonly onPick: (performanceId: string) => void;
}) {
  const till = useTill();
  const text = useText();
  const chosen = order.tickets.filter((t) =>
    selected.length > 0 ? selected.includes(t.ticket.ticketId) : t.status === 'valid',
  );
  const old: ExchangeOld[] = chosen.flatMap((t) => {
    const performance = till.catalog.performance(t.ticket.performanceId);
    return performance ? [{ ticket: t.ticket, status: t.status, performance }] : [];
  });
  if (old.length === 0) return <p className="flow-hint">{text('ui.exchange.noTickets')}</p>;
  const { refusal, allowed } = exchangeTargets(
    old,
    till.catalog.catalog.performances,
    till.ports.clock(),
  );
  const why = refusal
    ? refusal.why === 'policy'
      ? text('ui.exchange.why.policy')
      : refusal.why === 'ticket_status'
        ? text('ui.exchange.why.ticketStatus')
        : refusal.why === 'started'
          ? text('ui.exchange.why.started')
          : text('ui.exchange.why.closed', { hours: Number(refusal.params['hours'] ?? 0) })
    : allowed.length === 0
      ? text('ui.exchange.why.noPerformance')
      : null;
  const sameEvent = old.some((o) => o.ticket.policy.exchange.sameEventOnly);
  const item = (p: Performance) => {
    const event = till.catalog.event(p.eventId)?.name ?? p.eventId;
    const date = text.tr.date(p.startsAt);
    return (
      <li key={p.id}>
        <button
          type="button"
          onClick={() => onPick(p.id)}
          aria-label={text('ui.sell.choose', { event, date })}
        >
          <span className="event-name">{event}</span> <span className="event-date">{date}</span>
        </button>
      </li>
    );
  };
  return (
    <section className="exchange-performances" aria-labelledby="exchange-pick-title">
      <h3 id="exchange-pick-title">{text('exchange.choosePerformance')}</h3>
      {why !== null ? (
        <p role="status" className="confirm-blocked" aria-label={text('ui.exchange.whyLabel')}>
          {why}
        </p>
      ) : (
        <>
          {sameEvent ? <p className="flow-hint">{text('ui.exchange.sameEventOnly')}</p> : null}
          <ul>{allowed.map(item)}</ul>
        </>
      )}
    </section>
  );
}
