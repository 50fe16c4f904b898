import { useEffect, useMemo, useState } from 'react';
import type { Actor, PerformanceInventory } from '../../../shared/commands';
import type { TenderInput } from '../../../shared/orders/tenders';
import { formatReceiptNumber } from '../../../shared/orders/receipt-number';
import type { PrintOutcome } from '../../app/print-service';
import type { CompletedSale } from '../../app/sale-service';
import type { Locale } from '../../i18n';
import { useLocale } from '../../i18n';
import { commitSale, inventoryFor, seatStates } from '../../app/sale-service';
import type { SeatState } from '../../store';
import { loadCart, saveCart } from '../../store';
import type { ShownError } from '../error-banner';
import { ErrorBanner } from '../error-banner';
import { useScanFlow } from '../scan-context';
import { useTill, useTillVersion } from '../till-context';
import { useText } from '../use-text';
import type { Cart } from './cart';
import { EMPTY_CART, isCart, priceCart, ticketCount } from './cart';
import { CartSummary } from './cart-summary';
import { GaTiers } from './ga-tiers';
import { PerformancePicker } from './performance-picker';
import { SeatPicker } from './seat-picker';
import { TenderPanel } from './tender-panel';

export function SellScreen({
  actor,
  onPrint,
}: {
  readonly actor: Actor;
  readonly onPrint?: (sale: CompletedSale, locale: Locale) => Promise<PrintOutcome>;
}) {
  const till = useTill();
  const version = useTillVersion();
  const text = useText();
  const { locale } = useLocale();
  const [cart, setCartState] = useState<Cart | null>(null);
  const [inventory, setInventory] = useState<PerformanceInventory | null>(null);
  const [states, setStates] = useState<ReadonlyMap<string, SeatState>>(new Map());
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ sale: CompletedSale; print: string | null } | null>(null);

  // A reload resumes the cart where it was.
  useEffect(() => {
    void loadCart<unknown>(till.store.db, till.terminalId).then((saved) => {
      setCartState(saved && isCart(saved.cart) ? saved.cart : EMPTY_CART);
    });
  }, [till]);

  const setCart = (next: Cart) => {
    setCartState(next);
    void saveCart(till.store.db, till.terminalId, next, new Date(till.ports.clock()));
  };

  // A scanned promo code or voucher goes into the promo field of the cart being sold; with no
  // performance chosen there is no cart yet, so the scan falls through to the idle verdict.
  useScanFlow('sell', ['promo', 'voucher'], (scan) => {
    if (cart === null || cart.performanceId === null || done !== null) return null;
    setCart({ ...cart, promoCode: scan.data });
    return {
      outcome: 'accepted',
      flow: 'sell',
      kind: scan.kind,
      data: scan.data,
      code: 'promo_filled',
      message: 'Promo code entered.',
    };
  });

  const performanceId = cart?.performanceId ?? null;
  useEffect(() => {
    if (performanceId === null) return;
    let live = true;
    void Promise.all([inventoryFor(till, performanceId), seatStates(till, performanceId)]).then(
      ([inv, st]) => {
        if (!live) return;
        setInventory(inv);
        setStates(st);
      },
    );
    return () => {
      live = false;
    };
  }, [till, performanceId, version]);

  const priced = useMemo(() => {
    if (cart === null || performanceId === null || inventory === null) return null;
    return priceCart(
      till.catalog,
      { [performanceId]: inventory },
      cart,
      till.ports.clock(),
      till.settings.currency,
    );
  }, [till, cart, performanceId, inventory]);

  if (cart === null) return null;
  const performance = performanceId !== null ? till.catalog.performance(performanceId) : undefined;
  const tiers = performanceId !== null ? till.catalog.tiersFor(performanceId) : [];
  const plan =
    performance?.seatingPlanId !== undefined
      ? till.catalog.plan(performance.seatingPlanId)
      : undefined;

  const confirm = async (tenders: TenderInput[]) => {
    if (performanceId === null) return;
    setBusy(true);
    const items = [
      ...cart.seats.map((s) => ({
        performanceId,
        tierId: s.tierId,
        seatId: s.seatId,
        quantity: 1,
      })),
      ...Object.entries(cart.ga)
        .filter(([, q]) => q > 0)
        .map(([tierId, quantity]) => ({ performanceId, tierId, quantity })),
    ];
    const promo = cart.promoCode.trim();
    const result = await commitSale(
      till,
      { items, tenders, ...(promo !== '' ? { promoCode: promo } : {}) },
      actor,
    );
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setCartState(EMPTY_CART);
    // The sale is saved; the screen moves on at once and the printer's answer arrives after.
    setDone({ sale: result.value, print: null });
    if (onPrint) {
      const printed = await onPrint(result.value, locale);
      const note =
        printed.state === 'failed'
          ? text('ui.sale.printFailed', { message: printed.message ?? '' })
          : printed.state === 'queued'
            ? text('ui.sale.printQueued')
            : null;
      if (note !== null) setDone({ sale: result.value, print: note });
    }
  };

  if (done !== null) {
    return (
      <section className="screen sell" aria-labelledby="sell-title">
        <h2 id="sell-title">{text('ui.sell.title')}</h2>
        <p role="status" className="sale-done">
          {text('ui.sale.done', {
            receipt: formatReceiptNumber(
              till.terminalId,
              done.sale.receiptNumber,
              done.sale.sale.training,
            ),
            change: done.sale.output.change,
          })}
        </p>
        {done.print ? <p role="alert">{done.print}</p> : null}
        <button type="button" className="primary" autoFocus onClick={() => setDone(null)}>
          {text('ui.sale.next')}
        </button>
      </section>
    );
  }

  return (
    <section className="screen sell" aria-labelledby="sell-title">
      <h2 id="sell-title">{text('ui.sell.title')}</h2>
      <ErrorBanner error={error} onDismiss={() => setError(null)} />
      {performance === undefined ? (
        <PerformancePicker onPick={(id) => setCart({ ...EMPTY_CART, performanceId: id })} />
      ) : (
        <div className="sell-layout">
          <div className="sell-main">
            <p className="current-performance">
              <strong>{till.catalog.event(performance.eventId)?.name}</strong> —{' '}
              {text.tr.date(performance.startsAt)}{' '}
              <button type="button" onClick={() => setCart(EMPTY_CART)}>
                {text('ui.sell.change')}
              </button>
            </p>
            {tiers.some((t) => t.kind === 'ga') ? (
              <GaTiers
                tiers={tiers.filter((t) => t.kind === 'ga')}
                quantities={cart.ga}
                available={inventory?.gaAvailable ?? {}}
                onChange={(ga) => setCart({ ...cart, ga })}
              />
            ) : null}
            {plan !== undefined ? (
              <SeatPicker
                plan={plan}
                tiers={tiers}
                states={states}
                selected={cart.seats}
                onChange={(seats) => setCart({ ...cart, seats })}
                onProblem={(message) => setError({ code: 'seats', message })}
              />
            ) : null}
          </div>
          <aside className="sell-side">
            <CartSummary
              cart={cart}
              priced={priced}
              plan={plan}
              onClear={() => setCart({ ...EMPTY_CART, performanceId })}
            />
            <label>
              {text('sell.promoCode')}
              <input
                value={cart.promoCode}
                onChange={(e) => setCart({ ...cart, promoCode: e.target.value })}
              />
            </label>
            {priced && !priced.ok ? <ErrorBanner error={priced.error} /> : null}
            {priced?.ok && ticketCount(cart) > 0 ? (
              <TenderPanel
                key={priced.value.total.amount}
                due={priced.value.total}
                cashIncrement={till.settings.cashRoundingIncrement}
                busy={busy}
                confirmLabel={text('sell.confirm')}
                onConfirm={(t) => void confirm(t)}
              />
            ) : null}
          </aside>
        </div>
      )}
    </section>
  );
}
