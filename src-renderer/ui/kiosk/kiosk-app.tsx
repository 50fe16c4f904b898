import './kiosk.css';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { Actor } from '../../../shared/commands/types';
import type { StaffSummary } from '../../../shared/ipc/staff';
import { formatReceiptNumber } from '../../../shared/orders/receipt-number';
import type { CardTerminal } from '../../app/card-terminal';
import { buyByCard, type PurchaseOutcome } from '../../app/kiosk-purchase';
import { startKioskSession } from '../../app/kiosk-session';
import type { PrintOutcome } from '../../app/print-service';
import type { CompletedSale } from '../../app/sale-service';
import type { CartItem } from '../../flows/quote-cart';
import type { Locale } from '../../i18n';
import { DEFAULT_LOCALE, useLocale } from '../../i18n';
import type { Money } from '../../../shared/money';
import { useTill } from '../till-context';
import { useText } from '../use-text';
import { AttractScreen } from './attract-screen';
import { KioskExitDialog, StaffCorner } from './kiosk-exit';
import { KioskPayment } from './kiosk-payment-step';
import { KioskPerformances } from './kiosk-performances';
import { KioskQuantity } from './kiosk-quantity';
import { ATTRACT, kioskReducer, type KioskAction } from './kiosk-screens';

export interface KioskTimings {
  /** How often to ask main about a card payment no event has settled yet. */
  readonly paymentPollMs: number;
}

export const DEFAULT_KIOSK_TIMINGS: KioskTimings = { paymentPollMs: 1_000 };

/**
 * The self-service kiosk (issue 15): what a kiosk window shows instead of the cashier screens.
 * It runs as the kiosk's own identity (app/kiosk-session.ts); a manager's PIN (checked by
 * main) behind a hidden 3 s press on the top-left corner leaves it for the cashier screens.
 */
export function KioskApp({
  terminal,
  print,
  onLeave,
  timings = DEFAULT_KIOSK_TIMINGS,
}: {
  readonly terminal: CardTerminal;
  readonly print: (sale: CompletedSale, locale: Locale) => Promise<PrintOutcome>;
  readonly onLeave: (manager: StaffSummary) => void;
  readonly timings?: KioskTimings;
}) {
  const till = useTill();
  const text = useText();
  const [actor, setActor] = useState<Actor | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [exiting, setExiting] = useState(false);

  useEffect(() => {
    let live = true;
    void startKioskSession(till).then((r) => {
      if (!live) return;
      if (r.ok) setActor(r.value);
      else
        setRefusal(
          r.error.code === 'cashier_shift_open' ? text('kiosk.oos.shift') : text.tr.error(r.error),
        );
    });
    return () => {
      live = false;
    };
    // The session is started once per till; a language switch must not start it again.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- text only words the refusal
  }, [till]);

  const corner = <StaffCorner onHeld={() => setExiting(true)} />;
  const exit = exiting ? (
    <KioskExitDialog onLeft={onLeave} onCancel={() => setExiting(false)} />
  ) : null;
  return (
    <main className="kiosk" aria-label={text('kiosk.label')}>
      {corner}
      {actor !== null ? (
        <KioskCustomerFlow actor={actor} terminal={terminal} print={print} timings={timings} />
      ) : refusal !== null ? (
        <section className="kiosk-screen" aria-labelledby="kiosk-oos-title">
          <div className="kiosk-top">
            <h1 id="kiosk-oos-title">{text('kiosk.oos.title')}</h1>
            <p role="alert">{refusal}</p>
          </div>
        </section>
      ) : (
        <p role="status">{text('kiosk.loading')}</p>
      )}
      {exit}
    </main>
  );
}

function KioskCustomerFlow({
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
  const { locale, setLocale } = useLocale();
  const [screen, dispatch] = useReducer(kioskReducer, ATTRACT);
  const localeRef = useRef(locale);
  localeRef.current = locale;

  const reset = useCallback(() => {
    dispatch({ type: 'reset' });
    // The next customer starts in the default language: nothing of this one stays.
    void setLocale(DEFAULT_LOCALE);
  }, [setLocale]);

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
      ).then((outcome) => dispatch(outcomeAction(till.terminalId, outcome)));
    },
    [till, terminal, actor, print, timings],
  );

  switch (screen.kind) {
    case 'attract':
      return <AttractScreen onBuy={() => dispatch({ type: 'start' })} />;
    case 'performances':
      return (
        <KioskPerformances
          onPick={(performanceId) => dispatch({ type: 'pick', performanceId })}
          onBack={() => dispatch({ type: 'back' })}
        />
      );
    case 'quantity':
      return (
        <KioskQuantity
          key={screen.performanceId}
          performanceId={screen.performanceId}
          onPay={pay}
          onBack={() => dispatch({ type: 'back' })}
        />
      );
    case 'paying':
    case 'not_paid':
    case 'done':
      return (
        <KioskPayment screen={screen} onRetry={() => dispatch({ type: 'back' })} onDone={reset} />
      );
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
        reason: outcome.reversal === 'reversed' ? 'not_sold' : 'reversal_failed',
        detail: outcome.message,
      };
  }
}
