import { useEffect, useState } from 'react';
import type { Money } from '../../../shared/money';
import { quoteKioskCart } from '../../app/kiosk-purchase';
import { inventoryFor } from '../../app/sale-service';
import type { CartItem, CartQuote } from '../../flows/quote-cart';
import { useTill } from '../till-context';
import { useText } from '../use-text';
import { KioskFrame } from './kiosk-frame';
import { KioskPerformanceLine } from './kiosk-performance-line';
import { priceWords } from './kiosk-price';

/**
 * How many standing places of each price: big − and + buttons (no typing, no precise
 * gesture), the price each and the total as the sale command will charge it. The cap is the
 * lower of the tier's per-order limit and the places left.
 */
export function KioskQuantity({
  performanceId,
  onPay,
  onBack,
  nextLabel,
}: {
  readonly performanceId: string;
  readonly onPay: (items: readonly CartItem[], total: Money) => void;
  readonly onBack: () => void;
  /**
   * The primary button's words when choosing is not yet paying (a self-exchange goes on to
   * its own quote: what the new tickets cost less the old one's value).
   */
  readonly nextLabel?: string;
}) {
  const till = useTill();
  const text = useText();
  const tiers = till.catalog.tiersFor(performanceId).filter((t) => t.kind === 'ga');
  const [counts, setCounts] = useState<Readonly<Record<string, number>>>({});
  const [left, setLeft] = useState<Readonly<Record<string, number>>>({});
  const [quote, setQuote] = useState<CartQuote | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void inventoryFor(till, performanceId).then((inv) => {
      if (live) setLeft(inv.gaAvailable ?? {});
    });
    return () => {
      live = false;
    };
  }, [till, performanceId]);

  const items: CartItem[] = tiers
    .filter((t) => (counts[t.id] ?? 0) > 0)
    .map((t) => ({ performanceId, tierId: t.id, quantity: counts[t.id]! }));
  const key = JSON.stringify(items);
  useEffect(() => {
    let live = true;
    const wanted = JSON.parse(key) as CartItem[];
    if (wanted.length === 0) {
      setQuote(null);
      setProblem(null);
      return;
    }
    void quoteKioskCart(till, wanted).then((q) => {
      if (!live) return;
      setQuote(q.ok ? q.value : null);
      setProblem(q.ok ? null : text.tr.error(q.error));
    });
    return () => {
      live = false;
    };
  }, [till, key, text]);

  const ready = quote !== null && items.length > 0 && problem === null;
  return (
    <KioskFrame
      id="kiosk-quantity-title"
      title={text('kiosk.quantity.title')}
      top={<KioskPerformanceLine performanceId={performanceId} />}
    >
      <ul className="kiosk-list">
        {tiers.map((t) => {
          const n = counts[t.id] ?? 0;
          const max = Math.min(t.perOrderLimit ?? 10, left[t.id] ?? 0);
          const set = (next: number) => setCounts((c) => ({ ...c, [t.id]: next }));
          return (
            <li key={t.id} className="kiosk-tier">
              <span className="kiosk-tier-name" id={`tier-${t.id}`}>
                {t.name}
                <span className="kiosk-choice-facts">
                  {text('kiosk.quantity.eachPrice', { price: priceWords(text, t) })}
                </span>
              </span>
              <span className="kiosk-stepper">
                <button
                  type="button"
                  aria-label={text('kiosk.quantity.less', { tier: t.name })}
                  disabled={n === 0}
                  onClick={() => set(n - 1)}
                >
                  −
                </button>
                <output
                  aria-live="polite"
                  aria-label={text('kiosk.quantity.count', { tier: t.name, count: n })}
                >
                  {n}
                </output>
                <button
                  type="button"
                  aria-label={text('kiosk.quantity.more', { tier: t.name })}
                  disabled={n >= max}
                  onClick={() => set(n + 1)}
                >
                  +
                </button>
              </span>
            </li>
          );
        })}
      </ul>
      {problem !== null ? <p role="alert">{problem}</p> : null}
      <button
        type="button"
        className="kiosk-primary"
        disabled={!ready}
        onClick={() => {
          if (quote !== null) onPay(items, quote.total);
        }}
      >
        {quote !== null
          ? (nextLabel ?? text('kiosk.quantity.pay', { total: quote.total }))
          : text('kiosk.quantity.choose')}
      </button>
      <button type="button" className="kiosk-secondary" onClick={onBack}>
        {text('common.back')}
      </button>
    </KioskFrame>
  );
}
