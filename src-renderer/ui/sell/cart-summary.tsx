import type { CartQuote } from '../../flows/quote-cart';
import type { GaLine, SeatLine } from '../../flows/sell/sell-types';
import { useTill } from '../till-context';
import { seatLabelOf } from './seat-label';
import { useText } from '../use-text';

/**
 * The cart as the sell flow holds it: held seats and GA places, priced by the same quote the
 * payment step charges. Items of another performance than the one on screen (the cashier
 * changed performance mid-cart) name their performance.
 */
export function CartSummary({
  seats,
  ga,
  quote,
  performanceId,
  onClear,
}: {
  readonly seats: readonly SeatLine[];
  readonly ga: readonly GaLine[];
  readonly quote: CartQuote | null;
  /** The performance on screen, or null on the performance picker. */
  readonly performanceId: string | null;
  readonly onClear: () => void;
}) {
  const till = useTill();
  const text = useText();
  const count = seats.length + ga.reduce((n, g) => n + g.quantity, 0);
  const elsewhere = (pid: string): string => {
    if (pid === performanceId) return '';
    const p = till.catalog.performance(pid);
    const event = (p ? till.catalog.event(p.eventId)?.name : undefined) ?? pid;
    return ` (${text('sell.performanceAt', { event, date: p ? text.tr.date(p.startsAt) : '' })})`;
  };
  const priceOf = (s: SeatLine): string => {
    const line = quote?.lines.find(
      (l) => l.performanceId === s.performanceId && l.seatId === s.seatId,
    );
    return line ? text.tr.money(line.unitPrice) : '—';
  };
  return (
    <section className="cart" aria-labelledby="cart-title">
      <h3 id="cart-title">{text('cart.title')}</h3>
      {count === 0 ? (
        <p>{text('cart.empty')}</p>
      ) : (
        <>
          <ul>
            {seats.map((s) => (
              <li key={`${s.performanceId}|${s.seatId}`}>
                {text('ui.cart.line', {
                  label: text('ui.cart.seat', {
                    tier: till.catalog.tier(s.tierId)?.name ?? s.tierId,
                    ...seatLabelOf(till.catalog, s.performanceId, s.seatId),
                  }),
                  price: priceOf(s),
                })}
                {elsewhere(s.performanceId)}
              </li>
            ))}
            {ga.map((g) => (
              <li key={`${g.performanceId}|${g.tierId}|${g.concessionId ?? ''}`}>
                {g.quantity} × {till.catalog.tier(g.tierId)?.name ?? g.tierId}
                {elsewhere(g.performanceId)}
              </li>
            ))}
          </ul>
          <p>{text('cart.tickets', { count })}</p>
          {quote !== null ? (
            <>
              <p>{text('ui.cart.fees', { amount: quote.bookingFees })}</p>
              <p className="total" aria-label={text('cart.title')}>
                {text('cart.total', { amount: quote.total })}
              </p>
            </>
          ) : null}
          <button type="button" onClick={onClear}>
            {text('ui.cart.clear')}
          </button>
        </>
      )}
    </section>
  );
}
