import { useState } from 'react';
import type { PriceTier, SeatingPlan } from '../../../shared/catalog/schemas';
import type { Money } from '../../../shared/money';
import type { SeatState } from '../../store';
import { bestAvailable } from '../../flows/best-available';
import { useText } from '../use-text';
import { tierForCategory } from './cart';
import { SeatMap } from './seat-map';

export interface SeatPickerProps {
  readonly plan: SeatingPlan;
  readonly tiers: readonly PriceTier[];
  readonly states: ReadonlyMap<string, SeatState>;
  readonly selected: readonly { readonly seatId: string; readonly tierId: string }[];
  readonly onChange: (seats: { seatId: string; tierId: string }[]) => void;
  readonly onProblem: (message: string) => void;
  /**
   * Best available through a seat hold (the sell flow): gets the count and the tier of the
   * best block this map sees; the hold picks the seats for good, against the store. Without
   * it the seats are picked here and passed to onChange (the exchange screen).
   */
  readonly onBest?: (count: number, tierId: string) => void;
}

/** Seat map plus "best available N": what the sell and exchange screens share. */
export function SeatPicker({
  plan,
  tiers,
  states,
  selected,
  onChange,
  onProblem,
  onBest,
}: SeatPickerProps) {
  const text = useText();
  const [count, setCount] = useState(2);
  const seats = new Map(
    plan.sections.flatMap((s) =>
      s.rows.flatMap((r) => r.seats.map((seat) => [seat.id, seat] as const)),
    ),
  );
  const selectedIds = new Set(selected.map((s) => s.seatId));

  const tierOf = (seatId: string): PriceTier | undefined => {
    const seat = seats.get(seatId);
    return seat ? tierForCategory(tiers, seat.categoryId) : undefined;
  };
  const priceOf = (seatId: string): Money | null => tierOf(seatId)?.price ?? null;

  const toggle = (seatId: string) => {
    if (selectedIds.has(seatId)) return onChange(selected.filter((s) => s.seatId !== seatId));
    const tier = tierOf(seatId);
    if (tier) onChange([...selected, { seatId, tierId: tier.id }]);
  };

  const best = () => {
    const free = new Set<string>();
    for (const id of seats.keys())
      if (!states.has(id) && !selectedIds.has(id) && tierOf(id)) free.add(id);
    const categoryIds = tiers.flatMap((t) =>
      t.kind === 'seated' ? (t.seatCategoryIds ?? []) : [],
    );
    const found = bestAvailable(plan, free, count, { categoryIds });
    if (found === null) return onProblem(text('seat.noneTogether', { count }));
    const firstTier = tierOf(found.seatIds[0] ?? '');
    if (onBest !== undefined && firstTier !== undefined) return onBest(count, firstTier.id);
    if (!found.together) onProblem(text('seat.noneTogether', { count }));
    const added = found.seatIds.flatMap((seatId) => {
      const tier = tierOf(seatId);
      return tier ? [{ seatId, tierId: tier.id }] : [];
    });
    onChange([...selected, ...added]);
  };

  return (
    <div className="seat-picker">
      <div className="best-available">
        <label>
          {text('ui.seat.bestCount')}
          <input
            type="number"
            min={1}
            max={20}
            value={count}
            onChange={(e) => setCount(Math.max(1, Math.min(20, Number(e.target.value) || 1)))}
          />
        </label>
        <button type="button" onClick={best}>
          {text('seat.bestAvailable', { count })}
        </button>
      </div>
      <SeatMap
        plan={plan}
        states={states}
        selected={selectedIds}
        priceOf={priceOf}
        onToggle={toggle}
      />
    </div>
  );
}
