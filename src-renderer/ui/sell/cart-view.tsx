import { useActorRef, useSelector } from '@xstate/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Actor, PerformanceInventory } from '../../../shared/commands';
import type { DemandState } from '../../../shared/pricing/price-ticket';
import { customerHeldFor, seatMapFor, type SeatStates } from '../../app/sale-service';
import type { PrintSaleFn } from '../../app/sell-flow-actors';
import {
  cartPort,
  HOLD_GRACE_MS,
  sellMachineFor,
  type SellSessionStart,
} from '../../app/sell-session';
import { persistCart } from '../../flows/cart-persistence';
import { keepCartHolds } from '../../flows/hold-keeper';
import { renewHolds } from '../../flows/seat-hold-actors';
import type { FlowError } from '../../flows/flow-types';
import type { SellEvent } from '../../flows/sell/sell-types';
import { quoteCart } from '../../flows/quote-cart';
import { quoteInput, ticketCount } from '../../flows/sell-cart';
import { useLocale } from '../../i18n';
import { ErrorBanner } from '../error-banner';
import { useShowPerformance } from '../on-screen-performance';
import { useScanFlow } from '../scan-context';
import { useTill, useTillVersion } from '../till-context';
import { useText } from '../use-text';
import { CartSummary } from './cart-summary';
import { GaTiers } from './ga-tiers';
import { PerformancePicker } from './performance-picker';
import { SaleDone } from './sale-done';
import { SeatPicker } from './seat-picker';
import { TenderPanel } from './tender-panel';
import { CustomerField, customerProblem } from './customer-field';
import { promoProblem } from './promo-words';
import { useCartSteps } from './use-cart-steps';

export interface NextCart {
  /** Start the next cart on this performance (after "Clear cart"). */
  readonly performanceId?: string;
  readonly notice?: 'abandoned';
}

/** How often at most typing a payment tells the flow the cart is still being worked on. */
const ACTIVITY_EVERY_MS = 15_000;

// Saves of carts whose view has gone; the next view waits for them before loading the cart.
let pendingWrites: Promise<void> = Promise.resolve();
export const settleCartWrites = (): Promise<void> => pendingWrites;

/**
 * One cart, driven by its own sell-flow actor: the map, GA steppers, promo field and payment
 * send it events (see use-cart-steps.ts for how one-step payment maps onto the flow's steps)
 * and show its context; "Sale … done" is this actor's committed sale.
 */
export function CartView({
  session,
  staff,
  print,
  onNext,
}: {
  readonly session: SellSessionStart & { readonly performanceId?: string };
  readonly staff: Actor;
  readonly print: PrintSaleFn;
  readonly onNext: (next: NextCart) => void;
}) {
  const till = useTill();
  const version = useTillVersion();
  const text = useText();
  const { locale } = useLocale();
  const localeRef = useRef(locale);
  const staffRef = useRef(staff);
  const timeoutRef = useRef(session.timeoutMs);
  const demand = useRef(new Map<string, DemandState>());
  useEffect(() => {
    localeRef.current = locale;
    staffRef.current = staff;
  }, [locale, staff]);

  // One machine per cart: its commit and print actors share this cart's committed sale.
  const [machine] = useState(() =>
    sellMachineFor(till, {
      print,
      locale: () => localeRef.current,
      demand: (id) => demand.current.get(id),
      holdMs: () => timeoutRef.current + HOLD_GRACE_MS,
      staff: () => staffRef.current,
    }),
  );
  const actorRef = useActorRef(machine, {
    input: {
      cartId: session.cartId,
      staff: { staffId: staff.staffId, role: staff.role },
      timeoutMs: session.timeoutMs,
      ...(till.settings.cashRoundingIncrement !== undefined
        ? { cashIncrement: till.settings.cashRoundingIncrement }
        : {}),
    },
    ...(session.snapshot !== undefined ? { snapshot: session.snapshot } : {}),
  });
  const snap = useSelector(actorRef, (s) => s);
  const ctx = snap.context;
  // A resumed cart keeps the timeout it was started with; its holds follow it.
  useEffect(() => {
    timeoutRef.current = ctx.timeoutMs;
  }, [ctx.timeoutMs]);
  const send = actorRef.send.bind(actorRef);

  useEffect(() => {
    const saving = persistCart(actorRef, cartPort(till), {
      onError: (e) => console.error('The cart could not be saved', e),
      // Payment here is one step from the cart (see above): only the cart itself is saved.
      states: ['pickingPerformance', 'shopping.idle'],
    });
    return () => {
      saving.stop();
      pendingWrites = saving.flushed();
    };
  }, [actorRef, till]);

  // A cart the cashier keeps working on keeps its seats (see flows/hold-keeper.ts).
  useEffect(() => {
    const kept = keepCartHolds(actorRef, {
      renew: renewHolds(till.store.db, session.cartId, till.inventory),
      clock: till.ports.clock,
      holdMs: () => timeoutRef.current + HOLD_GRACE_MS,
      onError: (e) => console.error('The seat holds could not be renewed', e),
    });
    return () => kept.stop();
  }, [actorRef, till, session.cartId]);

  // Typing a payment is work on the cart too; the flow hears of it now and then, not per key.
  const lastActivity = useRef(0);
  const paymentActivity = () => {
    const now = Date.now();
    if (now - lastActivity.current < ACTIVITY_EVERY_MS) return;
    lastActivity.current = now;
    actorRef.send({ type: 'CART.ACTIVITY' });
  };

  useEffect(() => {
    // A restored snapshot has no idle timer running: CART.RESUME re-arms it.
    if (session.snapshot !== undefined) actorRef.send({ type: 'CART.RESUME' });
    else if (session.performanceId !== undefined)
      actorRef.send({ type: 'PERFORMANCE.PICK', performanceId: session.performanceId });
  }, [actorRef, session]);

  const { carried, clearCarried, edit, confirm } = useCartSteps(
    actorRef,
    JSON.stringify(snap.value),
  );

  // The flow ended without a sale (cleared or abandoned): the next cart starts at once. The
  // release empties the cart first, so whether it held anything is noted while it is open.
  const hadItems = useRef(false);
  const open = snap.status === 'active' && !snap.matches('releasingAll');
  const count = ticketCount(ctx);
  useEffect(() => {
    if (open) hadItems.current = count > 0;
  }, [open, count]);
  const output = snap.status === 'done' ? snap.output : undefined;
  useEffect(() => {
    if (output === undefined || output.outcome === 'completed') return;
    onNext(
      output.outcome === 'abandoned'
        ? hadItems.current
          ? { notice: 'abandoned' }
          : {}
        : ctx.performanceId !== null
          ? { performanceId: ctx.performanceId }
          : {},
    );
  }, [output, onNext, ctx.performanceId]);

  const performanceId = ctx.performanceId;
  const [inventory, setInventory] = useState<PerformanceInventory | null>(null);
  // Tagged with what they were read for: after a reload or a change of performance the map
  // shows "checking" until this performance's states arrive, not the last ones (the same seat
  // ids recur across performances of a plan).
  const [read, setRead] = useState<{
    readonly performanceId: string;
    readonly cartId: string;
    readonly states: SeatStates;
  } | null>(null);
  const states =
    read !== null && read.performanceId === performanceId && read.cartId === session.cartId
      ? read.states
      : null;
  // Other carts' holds come and go: read the seat states again after each hold or release,
  // and when the cashier comes back from the performance list.
  const seatsKey = ctx.seats;
  const picking = snap.matches('pickingPerformance');
  // The status bar's lease item speaks of this performance while it is on screen.
  useShowPerformance(picking ? null : performanceId);
  useEffect(() => {
    if (performanceId === null || picking) return;
    let live = true;
    void seatMapFor(till, performanceId, session.cartId).then(({ inventory: inv, states: st }) => {
      if (!live) return;
      demand.current.set(performanceId, { sold: inv.sold, capacity: inv.capacity });
      setInventory(inv);
      setRead({ performanceId, cartId: session.cartId, states: st });
    });
    return () => {
      live = false;
    };
  }, [till, performanceId, picking, version, session.cartId, seatsKey, ctx.error]);

  // What the named customer already holds (the per-customer limit counts it), re-read when
  // the name changes or the journal moves (a sale, a refund, another window's sale).
  const [customerHeld, setCustomerHeld] = useState<Readonly<Record<string, number>>>({});
  useEffect(() => {
    let live = true;
    void customerHeldFor(till, ctx.customerId).then((held) => live && setCustomerHeld(held));
    return () => {
      live = false;
    };
  }, [till, ctx.customerId, version]);

  // What the cart costs now, by the same domain quote the flow runs at checkout.
  const quote = useMemo(
    () =>
      ticketCount(ctx) === 0
        ? null
        : quoteCart(till.catalog, quoteInput(ctx), {
            now: till.ports.clock(),
            demand: (id) => demand.current.get(id),
            customerHeld,
          }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- inventory: demand was refreshed
    [till, ctx.seats, ctx.ga, ctx.promoCode, ctx.customerId, customerHeld, inventory],
  );

  const [promo, setPromo] = useState(ctx.promoCode ?? '');
  const shopping = snap.matches({ shopping: 'idle' });
  useScanFlow('sell', ['promo', 'voucher'], (scan) => {
    // With no performance chosen there is no cart yet: the scan goes to the idle verdict.
    if (!shopping || performanceId === null) return null;
    setPromo(scan.data);
    edit({ type: 'PROMO.SET', code: scan.data });
    return {
      outcome: 'accepted',
      flow: 'sell',
      kind: scan.kind,
      data: scan.data,
      code: 'promo_filled',
      message: 'Promo code entered.',
    };
  });

  const [problem, setProblem] = useState<FlowError | null>(null);
  // The flow keeps its last refusal until the next step; dismissing hides that one.
  const [dismissed, setDismissed] = useState<FlowError | null>(null);
  const bestCount = useRef(0);
  // After best available the next step is the cash: the payment panel takes the focus once.
  const focusCash = useRef(false);
  const [inputsHost, setInputsHost] = useState<HTMLDivElement | null>(null);
  if (ctx.sale !== null) {
    return (
      <SaleDone
        sale={ctx.sale}
        print={ctx.print}
        printError={ctx.printError}
        printing={snap.matches('printing')}
        onRetryPrint={snap.matches('printFailed') ? () => send({ type: 'PRINT.RETRY' }) : null}
        onNext={() => onNext({})}
        staff={staff}
      />
    );
  }

  const act = (event: SellEvent) => {
    setProblem(null);
    edit(event);
  };
  const performance = performanceId !== null ? till.catalog.performance(performanceId) : undefined;
  const tiers = performanceId !== null ? till.catalog.tiersFor(performanceId) : [];
  const plan =
    performance?.seatingPlanId !== undefined
      ? till.catalog.plan(performance.seatingPlanId)
      : undefined;
  const here = <T extends { performanceId: string }>(lines: readonly T[]) =>
    lines.filter((l) => l.performanceId === performanceId);
  const gaHere: Record<string, number> = {};
  for (const g of here(ctx.ga)) if (g.concessionId === undefined) gaHere[g.tierId] = g.quantity;
  const flowError = ctx.error !== dismissed ? ctx.error : null;
  const error: FlowError | null = flowError ?? carried ?? problem;
  const busy = !shopping;

  const summary = (
    <CartSummary
      seats={ctx.seats}
      ga={ctx.ga}
      quote={quote?.ok ? quote.value : null}
      performanceId={snap.matches('pickingPerformance') ? null : performanceId}
      onClear={() => act({ type: 'CANCEL' })}
    />
  );
  const dismiss = () => {
    clearCarried();
    setProblem(null);
    setDismissed(ctx.error);
  };
  const promoFieldError =
    quote !== null && !quote.ok ? promoProblem(text, quote.error, ctx.promoCode) : null;
  const customerFieldError =
    quote !== null && !quote.ok ? customerProblem(text, quote.error, ctx.customerId) : null;
  const promoField = (
    <>
      <label>
        {text('sell.promoCode')}
        <input
          value={promo}
          autoComplete="off"
          aria-invalid={promoFieldError !== null}
          aria-describedby={promoFieldError !== null ? 'promo-error' : undefined}
          onChange={(e) => {
            setPromo(e.target.value);
            act({ type: 'PROMO.SET', code: e.target.value });
          }}
        />
      </label>
      {promoFieldError !== null ? (
        <p className="field-error" id="promo-error">
          {promoFieldError}
        </p>
      ) : null}
      <CustomerField
        value={ctx.customerId}
        problem={customerFieldError}
        onChange={(customerId) => act({ type: 'CUSTOMER.SET', customerId })}
      />
    </>
  );
  const notice =
    session.notice === 'resumed'
      ? text('cart.resumed')
      : session.notice === 'abandoned'
        ? text('cart.abandoned')
        : null;

  const choosing = picking || performance === undefined;
  // What the confirm area says when there is nothing to pay yet: never a silent grey button.
  const promoError = promoFieldError;
  const idleReason =
    quote === null
      ? text('ui.sell.confirmNeedsTickets')
      : !quote.ok
        ? (promoError ?? customerFieldError ?? text('ui.sell.confirmNeedsFix'))
        : null;

  // The performance on screen (and its GA tiers): above the map's tools, or alone for GA.
  const performanceHeader =
    performance === undefined ? null : (
      <>
        <p className="current-performance">
          <strong>{till.catalog.event(performance.eventId)?.name}</strong> —{' '}
          {text.tr.date(performance.startsAt)}{' '}
          <button type="button" onClick={() => act({ type: 'PERFORMANCE.CHANGE' })}>
            {text('ui.sell.change')}
          </button>
        </p>
        {tiers.some((t) => t.kind === 'ga') ? (
          <GaTiers
            tiers={tiers.filter((t) => t.kind === 'ga')}
            quantities={gaHere}
            available={inventory?.gaAvailable ?? {}}
            onChange={(next) => {
              const tierId = Object.keys(next).find((id) => next[id] !== (gaHere[id] ?? 0));
              if (tierId !== undefined)
                act({ type: 'GA.SET_QUANTITY', tierId, quantity: next[tierId] ?? 0 });
            }}
          />
        ) : null}
      </>
    );

  return (
    <section className="screen sell" aria-labelledby="sell-title">
      <h2 id="sell-title" className="visually-hidden">
        {text('ui.sell.title')}
      </h2>
      <div className="flow-layout sell-layout">
        <div className="flow-main sell-main">
          {notice !== null ? (
            <p role="status" className="cart-notice">
              {notice}
            </p>
          ) : null}
          {choosing ? (
            <PerformancePicker
              autoFocus
              onPick={(id) => act({ type: 'PERFORMANCE.PICK', performanceId: id })}
            />
          ) : (
            <>
              {plan === undefined ? performanceHeader : null}
              {plan !== undefined ? (
                <SeatPicker
                  plan={plan}
                  tiers={tiers}
                  states={states}
                  selected={here(ctx.seats)}
                  autoFocus
                  header={performanceHeader}
                  onChange={(next) => {
                    const before = here(ctx.seats);
                    const added = next.find((n) => !before.some((b) => b.seatId === n.seatId));
                    const removed = before.find((b) => !next.some((n) => n.seatId === b.seatId));
                    if (added !== undefined)
                      act({ type: 'SEATS.SELECT', tierId: added.tierId, seatIds: [added.seatId] });
                    else if (removed !== undefined && performanceId !== null)
                      act({ type: 'SEAT.DESELECT', performanceId, seatId: removed.seatId });
                  }}
                  onBest={(count, tierId) => {
                    bestCount.current = count;
                    focusCash.current = true;
                    act({ type: 'SEATS.BEST_AVAILABLE', tierId, count });
                  }}
                  onProblem={(p) => {
                    // The newest problem is the one shown, not the flow's last refusal.
                    setDismissed(ctx.error);
                    setProblem(typeof p === 'string' ? { code: 'seats', message: p } : p);
                  }}
                />
              ) : null}
              {ctx.notTogether ? (
                <p role="status">{text('seat.noneTogether', { count: bestCount.current })}</p>
              ) : null}
            </>
          )}
        </div>
        <aside className="flow-side sell-side" aria-label={text('cart.title')}>
          {/* One tree whatever the payment's state: the promo field never loses its focus. */}
          {/* The cart stays in view; the fields under it scroll on their own (styles.css). */}
          <div className="flow-side-body sell-side-body">
            {summary}
            <div className="sell-side-inputs">
              {choosing ? null : promoField}
              <div ref={setInputsHost} />
            </div>
          </div>
          <div className="flow-confirm">
            <ErrorBanner error={error} onDismiss={dismiss} />
            {quote?.ok ? (
              <TenderPanel
                key={quote.value.total.amount}
                due={quote.value.total}
                cashIncrement={till.settings.cashRoundingIncrement}
                busy={busy}
                confirmLabel={text('sell.confirm')}
                onActivity={paymentActivity}
                shortcuts
                inputsHost={inputsHost}
                autoFocusCash={focusCash.current}
                onCashFocused={() => {
                  focusCash.current = false;
                }}
                onConfirm={(tenders) => {
                  setProblem(null);
                  confirm(tenders);
                }}
              />
            ) : (
              <>
                {quote !== null && !quote.ok && promoError === null ? (
                  <ErrorBanner error={quote.error} />
                ) : null}
                <p className="confirm-reason" id="confirm-reason">
                  {idleReason}
                </p>
                <button
                  type="button"
                  className="primary confirm"
                  disabled
                  aria-describedby="confirm-reason"
                >
                  {text('sell.confirm')}
                </button>
              </>
            )}
          </div>
        </aside>
      </div>
    </section>
  );
}
