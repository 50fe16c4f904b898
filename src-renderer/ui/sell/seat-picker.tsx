import { useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { PriceTier, SeatingPlan } from '../../../shared/catalog/schemas';
import type { Money } from '../../../shared/money';
import { takesSeat, type SeatStates } from '../../app/sale-service';
import { bestAvailable } from '../../flows/best-available';
import type { ShownError } from '../error-banner';
import { useText } from '../use-text';
import { tierForCategory } from './cart';
import { SeatSwatch } from './seat-face';
import { SeatMap } from './seat-map';

export interface SeatPickerProps {
  readonly plan: SeatingPlan;
  readonly tiers: readonly PriceTier[];
  /** `null` while the seat states are read: see SeatMap */
  readonly states: SeatStates | null;
  readonly selected: readonly { readonly seatId: string; readonly tierId: string }[];
  readonly onChange: (seats: { seatId: string; tierId: string }[]) => void;
  /** A sentence of this map's own, or a coded refusal the error banner gives advice for. */
  readonly onProblem: (problem: string | ShownError) => void;
  /**
   * Best available through a seat hold (the sell flow): gets the count and the tier of the
   * best block this map sees; the hold picks the seats for good, against the store, in place
   * of the seats chosen so far. Without it the seats are picked here and passed to onChange
   * (the exchange screen).
   */
  readonly onBest?: (count: number, tierId: string) => void;
  /** Focus the map when it appears (the sell screen, after choosing a performance). */
  readonly autoFocus?: boolean;
  /** Shown at the top of the tools column beside the map (the sell screen's performance). */
  readonly header?: ReactNode;
}

const ZOOMS = [1, 1.5, 2, 3] as const;

function typingIn(target: EventTarget): boolean {
  return (
    target instanceof HTMLElement &&
    (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA')
  );
}

/**
 * Seat map plus "best available N" (per category, replacing the seats chosen), the legend in
 * view beside the map, and zoom for plans too big to fit: what the sell and exchange screens
 * share. A digit key 1–9 on the map asks for the best N seats at once. Quantities stay within
 * the tiers' per-order limits, and the limit is said, not just greyed out.
 */
export function SeatPicker({
  plan,
  tiers,
  states,
  selected,
  onChange,
  onProblem,
  onBest,
  autoFocus = false,
  header,
}: SeatPickerProps) {
  const text = useText();
  const [countText, setCountText] = useState('2');
  const [tierChoice, setTierChoice] = useState('');
  const [zoomAt, setZoomAt] = useState(0);
  const seats = new Map(
    plan.sections.flatMap((s) =>
      s.rows.flatMap((r) => r.seats.map((seat) => [seat.id, seat] as const)),
    ),
  );
  const selectedIds = new Set(selected.map((s) => s.seatId));
  const seated = tiers.filter((t) => t.kind === 'seated');
  const chosenTier = seated.find((t) => t.id === tierChoice);
  const limitOf = (t: PriceTier | undefined): number =>
    t?.perOrderLimit ?? Math.max(1, ...seated.map((x) => x.perOrderLimit ?? 1));
  const inputMax = chosenTier !== undefined ? limitOf(chosenTier) : limitOf(undefined);

  const tierOf = (seatId: string): PriceTier | undefined => {
    const seat = seats.get(seatId);
    return seat ? tierForCategory(tiers, seat.categoryId) : undefined;
  };
  const priceOf = (seatId: string): Money | null => tierOf(seatId)?.price ?? null;
  const overLimit = (tier: PriceTier, count: number): string | null =>
    tier.perOrderLimit !== undefined && count > tier.perOrderLimit
      ? text('ui.seat.limit', { limit: tier.perOrderLimit, tier: tier.name })
      : null;

  const toggle = (seatId: string) => {
    if (selectedIds.has(seatId)) return onChange(selected.filter((s) => s.seatId !== seatId));
    const tier = tierOf(seatId);
    if (tier === undefined) return;
    const problem = overLimit(tier, selected.filter((s) => s.tierId === tier.id).length + 1);
    if (problem !== null) return onProblem(problem);
    onChange([...selected, { seatId, tierId: tier.id }]);
  };

  const count = Number(countText);
  const countProblem =
    countText.trim() === '' || !Number.isInteger(count) || count < 1
      ? text('ui.seat.countInvalid')
      : count > inputMax
        ? text('ui.seat.countTooMany', { limit: inputMax })
        : null;

  const marked = useMemo(() => new Set<string>(states?.values() ?? []), [states]);

  const best = (n: number) => {
    // Not read yet (a fraction of a second): nothing is known free, so nothing is picked.
    if (states === null) return;
    if (!Number.isInteger(n) || n < 1 || n > inputMax)
      return onProblem(text('ui.seat.countTooMany', { limit: inputMax }));
    // Best available replaces the seats chosen so far: they count as free here.
    const free = new Set<string>();
    for (const id of seats.keys())
      if ((!takesSeat(states.get(id)) || selectedIds.has(id)) && tierOf(id)) free.add(id);
    const categoryIds = (chosenTier !== undefined ? [chosenTier] : seated).flatMap(
      (t) => t.seatCategoryIds ?? [],
    );
    const found = bestAvailable(plan, free, n, { categoryIds });
    const fallbackTier = chosenTier ?? seated[0];
    if (found === null && marked.has('away') && onBest !== undefined && fallbackTier) {
      // Offline with this window's lease used up: the hold says so in full ("sold out at this
      // window", and what the venue still has), which this map cannot know.
      return onBest(n, fallbackTier.id);
    }
    if (found === null) return onProblem(text('seat.noneTogether', { count: n }));
    const firstTier = tierOf(found.seatIds[0] ?? '');
    if (firstTier === undefined) return;
    const problem = overLimit(firstTier, n);
    if (problem !== null) return onProblem(problem);
    if (onBest !== undefined) return onBest(n, firstTier.id);
    if (!found.together) onProblem(text('seat.noneTogether', { count: n }));
    onChange(
      found.seatIds.flatMap((seatId) => {
        const tier = tierOf(seatId);
        return tier ? [{ seatId, tierId: tier.id }] : [];
      }),
    );
  };

  // 1–9 on the map (not while typing in a field): the best N seats at once.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!/^[1-9]$/.test(e.key) || e.ctrlKey || e.altKey || e.metaKey || typingIn(e.target)) return;
    e.preventDefault();
    setCountText(e.key);
    best(Number(e.key));
  };

  const zoom = ZOOMS[zoomAt] ?? 1;
  return (
    <div className="seat-picker" onKeyDown={onKeyDown}>
      <div className="seat-tools">
        {header}
        <form
          className="best-available"
          onSubmit={(e) => {
            e.preventDefault();
            best(count);
          }}
        >
          <label>
            {text('ui.seat.bestCount')}
            <input
              type="number"
              min={1}
              max={inputMax}
              value={countText}
              aria-invalid={countProblem !== null}
              aria-describedby="best-count-hint"
              onChange={(e) => setCountText(e.target.value)}
            />
          </label>
          {seated.length > 1 ? (
            <label>
              {text('ui.seat.category')}
              <select value={tierChoice} onChange={(e) => setTierChoice(e.target.value)}>
                <option value="">{text('ui.seat.anyCategory')}</option>
                {seated.map((t) => (
                  <option key={t.id} value={t.id}>
                    {text('sell.tier', { name: t.name, price: t.price })}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <button
            type="submit"
            disabled={countProblem !== null}
            aria-keyshortcuts="1 2 3 4 5 6 7 8 9"
          >
            {text('seat.bestAvailable', { count: countProblem === null ? count : 0 })}
          </button>
          <p id="best-count-hint" className={countProblem !== null ? 'field-error' : 'hint'}>
            {countProblem ?? text('ui.seat.bestHint')}
          </p>
        </form>
        <ul className="seat-legend" aria-label={text('ui.seat.legend')}>
          {plan.categories.map((c, i) => {
            const tier = tierForCategory(tiers, c.id);
            return (
              <li key={c.id}>
                <SeatSwatch view="available" categoryIndex={i} />{' '}
                {tier !== undefined
                  ? text('ui.seat.categoryLine', {
                      name: tier.name,
                      price: tier.price,
                      limit: tier.perOrderLimit ?? 0,
                    })
                  : c.name}
              </li>
            );
          })}
          {(['selected', 'sold', 'held', 'leased', 'web', 'mine', 'away'] as const)
            // The venue's marks only where they occur (an enrolled till, this performance).
            .filter((v) => ['selected', 'sold', 'held'].includes(v) || marked.has(v))
            .map((v) => (
              <li key={v}>
                <SeatSwatch view={v} /> {text(`seat.${v}`)}
              </li>
            ))}
          <li>
            <span aria-hidden="true">♿</span> {text('seat.accessible')}
          </li>
        </ul>
        <div className="zoom" role="group" aria-label={text('ui.seat.zoom')}>
          <button
            type="button"
            aria-label={text('ui.seat.zoomOut')}
            disabled={zoomAt === 0}
            onClick={() => setZoomAt(zoomAt - 1)}
          >
            −
          </button>
          <output>{Math.round(zoom * 100)}%</output>
          <button
            type="button"
            aria-label={text('ui.seat.zoomIn')}
            disabled={zoomAt === ZOOMS.length - 1}
            onClick={() => setZoomAt(zoomAt + 1)}
          >
            +
          </button>
        </div>
      </div>
      <SeatMap
        plan={plan}
        states={states}
        selected={selectedIds}
        priceOf={priceOf}
        onToggle={toggle}
        onAway={(seatId) => {
          // The words the hold gives when it refuses such a seat (flows/seat-hold-actors.ts).
          const label = seats.get(seatId)?.label ?? seatId;
          onProblem({
            code: 'not_at_this_window',
            message: `Offline, this window sells only its own seats; not ${label}.`,
            details: { seats: label, seatIds: [seatId] },
          });
        }}
        autoFocus={autoFocus}
        zoom={zoom}
      />
    </div>
  );
}
