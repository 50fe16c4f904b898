import type { CommandErrorCode } from '../../../shared/commands';
import type { SeatingPlan } from '../../../shared/catalog/schemas';
import type { Result } from '../../../shared/util/result';
import { useTill } from '../till-context';
import { useText } from '../use-text';
import type { Cart, PricedCart } from './cart';
import { ticketCount } from './cart';

export function CartSummary({
  cart,
  priced,
  plan,
  onClear,
}: {
  readonly cart: Cart;
  readonly priced: Result<PricedCart, CommandErrorCode> | null;
  readonly plan: SeatingPlan | undefined;
  readonly onClear: () => void;
}) {
  const till = useTill();
  const text = useText();
  const count = ticketCount(cart);
  const tickets = priced?.ok ? priced.value.tickets : [];
  const seatLabel = (seatId: string): { row: string; seat: string } => {
    if (plan === undefined) return { row: '', seat: seatId };
    const loc = till.catalog.seat(plan.id, seatId);
    const row = plan.sections.flatMap((s) => s.rows).find((r) => r.id === loc?.rowId);
    return { row: row?.label ?? '', seat: loc?.seat.label ?? seatId };
  };
  return (
    <section className="cart" aria-labelledby="cart-title">
      <h3 id="cart-title">{text('cart.title')}</h3>
      {count === 0 ? (
        <p>{text('cart.empty')}</p>
      ) : (
        <>
          <ul>
            {cart.seats.map((s, i) => {
              const tier = till.catalog.tier(s.tierId);
              const p = tickets[i];
              return (
                <li key={s.seatId}>
                  {text('ui.cart.line', {
                    label: text('ui.cart.seat', {
                      tier: tier?.name ?? s.tierId,
                      ...seatLabel(s.seatId),
                    }),
                    price: p ? text.tr.money(p.price) : '—',
                  })}
                </li>
              );
            })}
            {Object.entries(cart.ga)
              .filter(([, q]) => q > 0)
              .map(([tierId, q]) => (
                <li key={tierId}>
                  {q} × {till.catalog.tier(tierId)?.name ?? tierId}
                </li>
              ))}
          </ul>
          <p>{text('cart.tickets', { count })}</p>
          {priced?.ok ? (
            <>
              <p>{text('ui.cart.fees', { amount: priced.value.fees })}</p>
              <p className="total" aria-label={text('cart.title')}>
                {text('cart.total', { amount: priced.value.total })}
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
