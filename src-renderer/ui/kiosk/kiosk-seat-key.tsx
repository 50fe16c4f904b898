import type { PriceTier, SeatingPlan } from '../../../shared/catalog/schemas';
import { tierForCategory } from '../sell/cart';
import { SeatSwatch } from '../sell/seat-face';
import { useText } from '../use-text';
import { priceWords } from './kiosk-price';

/**
 * The seat map's colour key (issue 15 item 5): each price's colour with its name, and how
 * the customer's own and taken seats look — drawn with the map's own seat faces, whose marks
 * say it where the colour cannot.
 */
export function KioskSeatKey({
  plan,
  tiers,
}: {
  readonly plan: SeatingPlan;
  readonly tiers: readonly PriceTier[];
}) {
  const text = useText();
  return (
    <ul className="kiosk-seat-key" aria-label={text('kiosk.seats.key')}>
      {plan.categories.map((c, i) => {
        const tier = tierForCategory(tiers, c.id);
        return (
          <li key={c.id}>
            <SeatSwatch view="available" categoryIndex={i} />
            {tier === undefined ? c.name : `${tier.name} · ${priceWords(text, tier)}`}
          </li>
        );
      })}
      <li>
        <SeatSwatch view="selected" />
        {text('kiosk.seats.key.yours')}
      </li>
      <li>
        <SeatSwatch view="sold" />
        {text('kiosk.seats.key.taken')}
      </li>
    </ul>
  );
}
