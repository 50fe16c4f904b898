import {
  useCallback,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { Actor } from '../../../shared/commands/types';
import type { Money } from '../../../shared/money';
import { formatReceiptNumber } from '../../../shared/orders/receipt-number';
import type { CardTerminal } from '../../app/card-terminal';
import { buyByCard, type PurchaseOutcome } from '../../app/kiosk-purchase';
import { kioskSeatHolds, type KioskSeatHolds } from '../../app/kiosk-seats';
import type { PrintOutcome } from '../../app/print-service';
import type { CompletedSale } from '../../app/sale-service';
import type { CartItem } from '../../flows/quote-cart';
import type { Locale } from '../../i18n';
import { DEFAULT_LOCALE, useLocale } from '../../i18n';
import { useTill } from '../till-context';
import { InactivityWarning, OutOfService } from './kiosk-interruptions';
import type { KioskTimings } from './kiosk-timings';
import { useInactivity } from './use-inactivity';
import { useOutOfService } from './use-service-state';
import { AttractScreen } from './attract-screen';
import { KioskPayment } from './kiosk-payment-step';
import { KioskPerformances } from './kiosk-performances';
import { KioskQuantity } from './kiosk-quantity';
import { ATTRACT, kioskReducer, type KioskAction, type KioskScreen } from './kiosk-screens';
import { KioskSeats, type HeldSeat } from './kiosk-seats';
import { KioskRefund } from './kiosk-refund';
import { KioskExchange } from './kiosk-exchange';

interface Cart {
  readonly id: string;
  readonly held: readonly HeldSeat[];
}

/**
 * One customer after another: the screens, the customer's cart (its held seats) and the
 * purchase. Whatever ends a customer — "Done", "Start over", a declined card — gives their
 * held seats back and starts a fresh cart, so nothing of theirs reaches the next one.
 */
export function KioskCustomerFlow({
  actor,
  terminal,
  print,
  timings,
}: {
  readonly actor: Actor;
  readonly terminal: CardTerminal;
  readonly print: (sale: CompletedSale, locale: Locale) => Promise<PrintOutcome>;
  readonly timings: KioskTimings;
}) {
  const till = useTill();
  const holds = useMemo(() => kioskSeatHolds(till), [till]);
  const { locale, setLocale } = useLocale();
  const [screen, dispatch] = useReducer(kioskReducer, ATTRACT);
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const newCart = useCallback((): Cart => ({ id: till.ports.ids(), held: [] }), [till]);
  const [cart, setCartState] = useState<Cart>(newCart);
  const cartRef = useRef(cart);
  const setCart = useCallback((next: Cart) => {
    cartRef.current = next;
    setCartState(next);
  }, []);

  /** Gives the customer's held seats back and starts an empty cart. */
  const giveBack = useCallback(async () => {
    const { id, held } = cartRef.current;
    setCart(newCart());
    await holds.release(id, held).catch(() => undefined); // a lapsed hold frees itself
  }, [holds, newCart, setCart]);

  const reset = useCallback(() => {
    dispatch({ type: 'reset' });
    void giveBack();
    // The next customer starts in the default language: nothing of this one stays.
    void setLocale(DEFAULT_LOCALE);
  }, [giveBack, setLocale]);

  const pay = useCallback(
    (items: readonly CartItem[], total: Money) => {
      dispatch({ type: 'pay', items, total });
      void buyByCard(
        {
          till,
          terminal,
          actor,
          print: (sale) => print(sale, localeRef.current),
          pollMs: timings.paymentPollMs,
          onStep: (step) => dispatch({ type: 'step', step }),
        },
        items,
        total,
        cartRef.current.id,
      ).then(async (outcome) => {
        // Sold: the holds became the sale's seats. Not sold: they go back for others.
        if (outcome.kind === 'sold') setCart(newCart());
        else await giveBack();
        dispatch(outcomeAction(till.terminalId, outcome));
      });
    },
    [till, terminal, actor, print, timings, giveBack, newCart, setCart],
  );

  // Unattended safety (issue 15 item 4): a customer who walks away is forgotten, and a kiosk
  // that cannot print, take cards or sync stops selling until it can again. Neither
  // interrupts a payment at the terminal: its outcome decides what happens next.
  // A card refund at the terminal is money moving too (kiosk-refund.tsx says when).
  const [refunding, setRefunding] = useState(false);
  const [exchanging, setExchanging] = useState(false);
  const paying =
    screen.kind === 'paying' ||
    (screen.kind === 'refund' && refunding) ||
    (screen.kind === 'exchange' && exchanging);
  const idle = useInactivity(screen.kind !== 'attract' && !paying, timings, reset);
  const causes = useOutOfService(terminal, timings.maxSyncBehindMs);
  const outOfService = causes.length > 0 && !paying && screen.kind !== 'done';
  useEffect(() => {
    if (outOfService && screen.kind !== 'attract') reset();
  }, [outOfService, screen.kind, reset]);
  if (outOfService) return <OutOfService causes={causes} />;
  return (
    <>
      <KioskScreenFor
        screen={screen}
        dispatch={dispatch}
        cart={cart}
        holds={holds}
        onHeld={(held) => setCart({ ...cartRef.current, held })}
        onPay={pay}
        giveBack={giveBack}
        reset={reset}
        refund={
          <KioskRefund
            actor={actor}
            terminal={terminal}
            pollMs={timings.paymentPollMs}
            onBusy={setRefunding}
            onDone={reset}
          />
        }
        exchange={
          <KioskExchange
            actor={actor}
            terminal={terminal}
            pollMs={timings.paymentPollMs}
            cartId={cart.id}
            holds={holds}
            held={cart.held}
            onHeld={(held) => setCart({ ...cartRef.current, held })}
            giveBack={giveBack}
            // Exchanged: the held seats became the new tickets; the next customer's cart is new.
            onExchanged={() => setCart(newCart())}
            onBusy={setExchanging}
            onDone={reset}
          />
        }
      />
      {/* Never over the attract screen: after Start over the idle clock stops in an effect,
          one render after the screen changed, and the warning must not outlive the customer. */}
      {idle.secondsLeft !== null && screen.kind !== 'attract' ? (
        <InactivityWarning
          secondsLeft={idle.secondsLeft}
          onMore={idle.moreTime}
          onStartOver={reset}
        />
      ) : null}
    </>
  );
}

/** The screen for where the customer is. */
function KioskScreenFor({
  screen,
  dispatch,
  cart,
  holds,
  onHeld,
  onPay,
  giveBack,
  reset,
  refund,
  exchange,
}: {
  readonly screen: KioskScreen;
  readonly dispatch: (action: KioskAction) => void;
  readonly cart: Cart;
  readonly holds: KioskSeatHolds;
  readonly onHeld: (held: readonly HeldSeat[]) => void;
  readonly onPay: (items: readonly CartItem[], total: Money) => void;
  readonly giveBack: () => Promise<void>;
  readonly reset: () => void;
  readonly refund: ReactNode;
  readonly exchange: ReactNode;
}) {
  const back = () => dispatch({ type: 'back' });
  const pay = onPay;
  switch (screen.kind) {
    case 'attract':
      return (
        <AttractScreen
          onBuy={() => dispatch({ type: 'start' })}
          onRefund={() => dispatch({ type: 'refund' })}
          onExchange={() => dispatch({ type: 'exchange' })}
        />
      );
    case 'refund':
      return refund;
    case 'exchange':
      return exchange;
    case 'performances':
      return (
        <KioskPerformances
          onPick={(performanceId, seated) => dispatch({ type: 'pick', performanceId, seated })}
          onBack={back}
        />
      );
    case 'quantity':
      return (
        <KioskQuantity
          key={screen.performanceId}
          performanceId={screen.performanceId}
          onPay={pay}
          onBack={back}
        />
      );
    case 'seats':
      return (
        <KioskSeats
          key={screen.performanceId}
          performanceId={screen.performanceId}
          cartId={cart.id}
          holds={holds}
          held={cart.held}
          onHeld={onHeld}
          onPay={pay}
          onBack={() => {
            void giveBack();
            back();
          }}
        />
      );
    case 'paying':
    case 'not_paid':
    case 'done':
      return <KioskPayment screen={screen} onRetry={back} onDone={reset} />;
  }
}

function outcomeAction(terminalId: string, outcome: PurchaseOutcome): KioskAction {
  switch (outcome.kind) {
    case 'sold':
      return {
        type: 'sold',
        receipt: formatReceiptNumber(terminalId, outcome.sale.sale.receiptNo),
        printed: outcome.printed.state,
      };
    case 'not_paid':
      return { type: 'failed', reason: outcome.status.reason };
    case 'terminal_unavailable':
      return { type: 'failed', reason: 'unavailable', detail: outcome.message };
    case 'not_sold':
      return {
        type: 'failed',
        // `owed`: main keeps sending the reversal until the terminal confirms it.
        reason:
          outcome.reversal === 'reversed' || outcome.reversal === 'owed'
            ? 'not_sold'
            : 'reversal_failed',
        detail: outcome.message,
      };
  }
}
