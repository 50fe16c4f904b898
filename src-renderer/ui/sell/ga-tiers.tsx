import type { PriceTier } from '../../../shared/catalog/schemas';
import { useText } from '../use-text';

/** Quantity steppers for general-admission tiers. */
export function GaTiers({
  tiers,
  quantities,
  available,
  onChange,
}: {
  readonly tiers: readonly PriceTier[];
  readonly quantities: Readonly<Record<string, number>>;
  readonly available: Readonly<Record<string, number>>;
  readonly onChange: (ga: Record<string, number>) => void;
}) {
  const text = useText();
  return (
    <fieldset className="ga-tiers">
      <legend>{text('ui.sell.tiers')}</legend>
      {tiers.map((t) => {
        const q = quantities[t.id] ?? 0;
        const left = available[t.id] ?? 0;
        const max = Math.min(left, t.perOrderLimit ?? left);
        const set = (n: number) =>
          onChange({ ...quantities, [t.id]: Math.max(0, Math.min(max, n)) });
        return (
          <div key={t.id} className="stepper">
            <span>{text('sell.tier', { name: t.name, price: t.price })}</span>
            <button
              type="button"
              aria-label={text('ui.sell.decrease', { tier: t.name })}
              disabled={q === 0}
              onClick={() => set(q - 1)}
            >
              −
            </button>
            <output aria-label={`${t.name}: ${text('sell.quantity')}`}>{q}</output>
            <button
              type="button"
              aria-label={text('ui.sell.increase', { tier: t.name })}
              disabled={q >= max}
              onClick={() => set(q + 1)}
            >
              +
            </button>
            <span className="hint">
              {left === 0 ? text('sell.soldOut') : text('sell.available', { count: left })}
            </span>
            {/* The "+" greys out at the limit: say which limit. */}
            {left > 0 && q >= max ? (
              <span className="field-error" role="status">
                {t.perOrderLimit !== undefined && max === t.perOrderLimit
                  ? text('ui.seat.limit', { limit: t.perOrderLimit, tier: t.name })
                  : text('ui.sell.gaAllLeft', { count: left })}
              </span>
            ) : null}
          </div>
        );
      })}
    </fieldset>
  );
}
