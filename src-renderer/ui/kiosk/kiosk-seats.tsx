import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { SeatingPlan } from '../../../shared/catalog/schemas';
import type { Money } from '../../../shared/money';
import { quoteKioskCart } from '../../app/kiosk-purchase';
import type { KioskSeatHolds } from '../../app/kiosk-seats';
import { seatMapFor, type SeatStates } from '../../app/sale-service';
import type { CartItem } from '../../flows/quote-cart';
import { tierForCategory } from '../sell/cart';
import { SEAT_HIT_DIAMETER, SeatMap } from '../sell/seat-map';
import { useTill, useTillVersion } from '../till-context';
import { useText } from '../use-text';
import { KioskFrame } from './kiosk-frame';
import { KioskPerformanceLine } from './kiosk-performance-line';
import { priceWords } from './kiosk-price';
import { KioskSeatKey } from './kiosk-seat-key';

/** A seat held for this customer, with the tier it is sold as. */
export interface HeldSeat {
  readonly performanceId: string;
  readonly seatId: string;
  readonly tierId: string;
}

const ZOOMS = [1, 1.5, 2, 3] as const;
/**
 * A seat as first shown is at least this wide on screen: WCAG 2.5.5's 44 CSS px, and one more
 * so that sub-pixel layout never rounds a seat to 43.99.
 */
const MIN_SEAT_PX = 45;

/**
 * Reserved seats on the till's own seat map, for a finger rather than a mouse: "best
 * available" for a count of a price (−/+), a tap on a seat to add or drop it, and zoom
 * buttons instead of a pinch. Each seat is held as it is chosen (the till's seat holds), so
 * what is on screen is what the customer pays for; the flow gives them back on a reset.
 */
export function KioskSeats({
  performanceId,
  cartId,
  holds,
  held,
  onHeld,
  onPay,
  onBack,
  nextLabel,
}: {
  readonly performanceId: string;
  readonly cartId: string;
  readonly holds: KioskSeatHolds;
  readonly held: readonly HeldSeat[];
  readonly onHeld: (seats: readonly HeldSeat[]) => void;
  readonly onPay: (items: readonly CartItem[], total: Money) => void;
  readonly onBack: () => void;
  /**
   * The primary button's words when choosing is not yet paying (a self-exchange goes on to
   * its own quote: what the new tickets cost less the old one's value).
   */
  readonly nextLabel?: string;
}) {
  const till = useTill();
  const version = useTillVersion();
  const text = useText();
  const performance = till.catalog.performance(performanceId);
  const plan =
    performance?.seatingPlanId !== undefined
      ? till.catalog.plan(performance.seatingPlanId)
      : undefined;
  const tiers = till.catalog.tiersFor(performanceId).filter((t) => t.kind === 'seated');
  const [tierId, setTierId] = useState(tiers[0]?.id ?? '');
  const [count, setCount] = useState(2);
  const [zoomAt, setZoomAt] = useState(0);
  // The zoom at which a seat is MIN_SEAT_PX across in this panel: the map opens there (it
  // scrolls inside its box) and the zoom buttons go on from it. Measured, since the panel's
  // size depends on the screen, its orientation and the text size.
  const mapBox = useRef<HTMLDivElement>(null);
  const [fit, setFit] = useState(1);
  const [states, setStates] = useState<SeatStates>(new Map());
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [total, setTotal] = useState<Money | null>(null);

  const [refreshed, setRefreshed] = useState(0);
  useEffect(() => {
    let live = true;
    void seatMapFor(till, performanceId, cartId).then((m) => {
      if (live) setStates(m.states);
    });
    return () => {
      live = false;
    };
  }, [till, performanceId, cartId, version, refreshed]);

  const items: CartItem[] = useMemo(
    () => held.map((s) => ({ performanceId, tierId: s.tierId, seatId: s.seatId, quantity: 1 })),
    [held, performanceId],
  );
  useEffect(() => {
    let live = true;
    if (items.length === 0) {
      setTotal(null);
      return;
    }
    void quoteKioskCart(till, items).then((q) => {
      if (live) setTotal(q.ok ? q.value.total : null);
    });
    return () => {
      live = false;
    };
  }, [till, items]);

  const run = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } finally {
      setBusy(false);
      setRefreshed((n) => n + 1);
    }
  }, []);

  const best = () =>
    run(async () => {
      await holds.release(cartId, held);
      onHeld([]);
      const r = await holds.hold(cartId, performanceId, tierId, { kind: 'best', count });
      if (!r.ok) return setProblem(text.tr.error(r.error));
      onHeld(r.value.seatIds.map((seatId) => ({ performanceId, seatId, tierId })));
    });

  const toggle = (seatId: string) =>
    run(async () => {
      if (held.some((s) => s.seatId === seatId)) {
        await holds.release(cartId, [{ performanceId, seatId }]);
        onHeld(held.filter((s) => s.seatId !== seatId));
        return;
      }
      const category = seatsById(plan).get(seatId)?.categoryId;
      const tier = category === undefined ? undefined : tierForCategory(tiers, category);
      if (tier === undefined) return;
      const r = await holds.hold(cartId, performanceId, tier.id, {
        kind: 'seats',
        seatIds: [seatId],
      });
      if (!r.ok) return setProblem(text.tr.error(r.error));
      onHeld([...held, { performanceId, seatId, tierId: tier.id }]);
    });

  useLayoutEffect(() => {
    const box = mapBox.current;
    if (box === null) return;
    const measure = () => {
      const panel = box.querySelector<HTMLElement>('.seat-map');
      const viewBox = box.querySelector('svg')?.viewBox.baseVal;
      if (panel === null || !viewBox || viewBox.width === 0 || viewBox.height === 0) return;
      const scale = Math.min(
        panel.clientWidth / viewBox.width,
        panel.clientHeight / viewBox.height,
      );
      if (scale > 0) setFit(Math.max(1, MIN_SEAT_PX / (scale * SEAT_HIT_DIAMETER)));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    return () => observer.disconnect();
  }, [plan]);

  if (plan === undefined) return null;
  const seatLabel = (id: string) => {
    const f = seatsById(plan).get(id);
    // The section too, as the till's seat map names a seat: a row number alone is ambiguous
    // in a hall with several sections.
    return f === undefined
      ? id
      : text('kiosk.seats.seatIn', { section: f.section, row: f.row, seat: f.seat });
  };
  const tier = tiers.find((t) => t.id === tierId);
  const max = tier?.perOrderLimit ?? 8;
  return (
    <KioskFrame
      id="kiosk-seats-title"
      title={text('kiosk.seats.title')}
      top={
        <>
          <KioskPerformanceLine performanceId={performanceId} />
          <div className="kiosk-seat-map" ref={mapBox}>
            <SeatMap
              plan={plan}
              states={states}
              selected={new Set(held.map((s) => s.seatId))}
              priceOf={(id) => {
                const c = seatsById(plan).get(id)?.categoryId;
                return (c === undefined ? undefined : tierForCategory(tiers, c)?.price) ?? null;
              }}
              onToggle={(id) => void toggle(id)}
              zoom={fit * (ZOOMS[zoomAt] ?? 1)}
            />
          </div>
          <KioskSeatKey plan={plan} tiers={tiers} />
        </>
      }
      busy={busy}
      wide
    >
      <div className="kiosk-row">
        <button type="button" disabled={zoomAt === 0} onClick={() => setZoomAt((z) => z - 1)}>
          {text('kiosk.seats.zoomOut')}
        </button>
        <button
          type="button"
          disabled={zoomAt === ZOOMS.length - 1}
          onClick={() => setZoomAt((z) => z + 1)}
        >
          {text('kiosk.seats.zoomIn')}
        </button>
      </div>
      <div role="group" aria-label={text('kiosk.seats.price')} className="kiosk-languages">
        {tiers.map((t) => (
          <button
            key={t.id}
            type="button"
            aria-pressed={t.id === tierId}
            onClick={() => setTierId(t.id)}
          >
            {t.name} · {priceWords(text, t)}
          </button>
        ))}
      </div>
      <div className="kiosk-tier">
        <span className="kiosk-tier-name">{text('kiosk.seats.count')}</span>
        <span className="kiosk-stepper">
          <button
            type="button"
            aria-label={text('kiosk.seats.fewer')}
            disabled={count <= 1}
            onClick={() => setCount((n) => n - 1)}
          >
            −
          </button>
          <output aria-live="polite">{count}</output>
          <button
            type="button"
            aria-label={text('kiosk.seats.more')}
            disabled={count >= max}
            onClick={() => setCount((n) => n + 1)}
          >
            +
          </button>
        </span>
      </div>
      <button type="button" className="kiosk-best" disabled={busy} onClick={() => void best()}>
        {text('kiosk.seats.best', { count })}
      </button>
      <p role="status">
        {held.length === 0
          ? text('kiosk.seats.none')
          : text('kiosk.seats.chosen', { seats: held.map((s) => seatLabel(s.seatId)).join('; ') })}
      </p>
      {problem !== null ? <p role="alert">{problem}</p> : null}
      <button
        type="button"
        className="kiosk-primary"
        disabled={busy || total === null || held.length === 0}
        onClick={() => {
          if (total !== null) onPay(items, total);
        }}
      >
        {total !== null
          ? (nextLabel ?? text('kiosk.quantity.pay', { total }))
          : text('kiosk.seats.choose')}
      </button>
      <button type="button" className="kiosk-secondary" onClick={onBack}>
        {text('common.back')}
      </button>
    </KioskFrame>
  );
}

interface SeatFacts {
  readonly section: string;
  readonly row: string;
  readonly seat: string;
  readonly categoryId: string;
}

const byPlan = new WeakMap<SeatingPlan, ReadonlyMap<string, SeatFacts>>();

/** Each seat's section, row, number and category, worked out once per plan. */
function seatsById(plan: SeatingPlan | undefined): ReadonlyMap<string, SeatFacts> {
  if (plan === undefined) return new Map();
  let found = byPlan.get(plan);
  if (found === undefined) {
    found = new Map(
      plan.sections.flatMap((s) =>
        s.rows.flatMap((r) =>
          r.seats.map(
            (x) =>
              [
                x.id,
                { section: s.name, row: r.label, seat: x.label, categoryId: x.categoryId },
              ] as const,
          ),
        ),
      ),
    );
    byPlan.set(plan, found);
  }
  return found;
}
