import { useEffect, useState } from 'react';
import { compare, type Money } from '../../../shared/money';
import { placesLeftFor } from '../../app/sale-service';
import type { PerformanceRecord } from '../../store';
import { performancesTodayFirst } from '../../store';
import { useTill, useTillVersion } from '../till-context';
import { useText } from '../use-text';
import { KioskFrame } from './kiosk-frame';
import { priceWords } from './kiosk-price';

/** Performances a customer can buy here, with their lowest price and the places left. */
export function KioskPerformances({
  onPick,
  onBack,
  only,
  title,
}: {
  readonly onPick: (performanceId: string, seated: boolean) => void;
  readonly onBack: () => void;
  /** Only these performances (a self-exchange: the ones the exchange rules allow). */
  readonly only?: readonly string[];
  readonly title?: string;
}) {
  const till = useTill();
  const version = useTillVersion();
  const text = useText();
  const [list, setList] = useState<readonly PerformanceRecord[] | null>(null);
  const [left, setLeft] = useState<ReadonlyMap<string, number>>(new Map());

  useEffect(() => {
    let live = true;
    void (async () => {
      const l = await performancesTodayFirst(till.store.db, {
        now: new Date(till.ports.clock()),
        timeZone: till.catalog.venue.timeZone,
        includeStartedToday: false,
      });
      const onSale = [...l.today, ...l.upcoming].filter(
        (p) =>
          p.status === 'scheduled' &&
          till.catalog.tiersFor(p.id).length > 0 &&
          (only === undefined || only.includes(p.id)),
      );
      const counts = await Promise.all(onSale.map((p) => placesLeftFor(till, p.id)));
      if (!live) return;
      setList(onSale);
      setLeft(new Map(onSale.map((p, i) => [p.id, counts[i]!])));
    })();
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `only` by value, not identity
  }, [till, version, only?.join(' ')]);

  return (
    <KioskFrame id="kiosk-performances-title" title={title ?? text('kiosk.performances.title')}>
      {list === null ? (
        <p role="status">{text('kiosk.loading')}</p>
      ) : list.length === 0 ? (
        <p>{text('kiosk.performances.none')}</p>
      ) : (
        <ul className="kiosk-list">
          {list.map((p) => {
            const event = till.catalog.event(p.eventId)?.name ?? p.eventId;
            const tiers = till.catalog.tiersFor(p.id);
            const low = lowest(tiers);
            // "from" only where there is more than one price to choose from.
            const several = new Set(tiers.map((t) => t.price.amount)).size > 1;
            const count = left.get(p.id) ?? 0;
            const facts = [
              text.tr.date(p.startsAt),
              low === undefined
                ? null
                : several
                  ? text('kiosk.performances.fromPrice', { price: priceWords(text, low) })
                  : priceWords(text, low),
              count === 0
                ? text('kiosk.performances.soldOut')
                : text('kiosk.performances.left', { count }),
            ].filter((s) => s !== null);
            return (
              <li key={p.id}>
                <button
                  type="button"
                  className="kiosk-choice"
                  disabled={count === 0}
                  onClick={() =>
                    onPick(p.id, till.catalog.performance(p.id)?.seatingPlanId !== undefined)
                  }
                >
                  <span className="kiosk-choice-name">{event}</span>
                  <span className="kiosk-choice-facts">{facts.join(' · ')}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <button type="button" className="kiosk-secondary" onClick={onBack}>
        {text('common.back')}
      </button>
    </KioskFrame>
  );
}

/** The cheapest price with its booking fee, named apart so the customer sees both. */
function lowest<T extends { readonly price: Money; readonly bookingFee?: Money | undefined }>(
  tiers: readonly T[],
): T | undefined {
  return tiers.reduce<T | undefined>(
    (m, x) => (m === undefined || compare(x.price, m.price) < 0 ? x : m),
    undefined,
  );
}
