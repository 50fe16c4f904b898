import type { Money } from '../../../shared/money';
import type { MessageKey } from '../../i18n';
import type { PurchaseStep } from '../../app/kiosk-purchase';
import { useText } from '../use-text';
import { KioskFrame } from './kiosk-frame';
import { KioskPerformanceLine } from './kiosk-performance-line';
import type { KioskScreen } from './kiosk-screens';

const STEP_KEY: Record<PurchaseStep, MessageKey> = {
  starting: 'kiosk.pay.starting',
  present_card: 'kiosk.pay.present',
  checking: 'kiosk.pay.checking',
  committing: 'kiosk.pay.committing',
  printing: 'kiosk.pay.printing',
};

/** While the card terminal has the payment: what to do, the amount, nothing to tap. */
export function KioskPaying({
  performanceId,
  total,
  step,
}: {
  readonly performanceId: string;
  readonly total: Money;
  readonly step: PurchaseStep;
}) {
  const text = useText();
  return (
    <KioskFrame
      id="kiosk-paying-title"
      title={text('kiosk.pay.amount', { total })}
      top={
        <>
          <KioskPerformanceLine performanceId={performanceId} />
          <p role="status" className="kiosk-step">
            {text(STEP_KEY[step])}
          </p>
        </>
      }
      busy
    >
      {step === 'present_card' ? (
        <p className="kiosk-card-arrow" aria-hidden="true">
          ↓
        </p>
      ) : null}
    </KioskFrame>
  );
}

type NotPaid = Extract<KioskScreen, { kind: 'not_paid' }>;

const REASON_KEY: Record<NonNullable<NotPaid['reason']>, MessageKey> = {
  declined_by_issuer: 'kiosk.notPaid.declined',
  insufficient_funds: 'kiosk.notPaid.funds',
  card_removed: 'kiosk.notPaid.removed',
  cancelled_by_customer: 'kiosk.notPaid.cancelled',
  terminal_offline: 'kiosk.notPaid.unavailable',
  timed_out: 'kiosk.notPaid.timedOut',
  unavailable: 'kiosk.notPaid.unavailable',
  not_sold: 'kiosk.notPaid.notSold',
  reversal_failed: 'kiosk.notPaid.reversalFailed',
};

/** The card was not charged (or was given back): why, in plain words, and what next. */
export function KioskNotPaid({
  screen,
  onRetry,
  onCancel,
}: {
  readonly screen: NotPaid;
  readonly onRetry: () => void;
  readonly onCancel: () => void;
}) {
  const text = useText();
  return (
    <KioskFrame
      id="kiosk-not-paid-title"
      title={text('kiosk.notPaid.title')}
      top={
        <>
          <p role="alert">
            {text(screen.reason === undefined ? 'kiosk.notPaid.other' : REASON_KEY[screen.reason])}
          </p>
        </>
      }
    >
      <button type="button" className="kiosk-primary" onClick={onRetry}>
        {text('kiosk.notPaid.retry')}
      </button>
      <button type="button" className="kiosk-secondary" onClick={onCancel}>
        {text('kiosk.startOver')}
      </button>
    </KioskFrame>
  );
}

/** Tickets sold: take them from the printer; "Done" (or the inactivity timer) starts over. */
export function KioskDone({
  receipt,
  printed,
  onDone,
}: {
  readonly receipt: string;
  readonly printed: 'printed' | 'queued' | 'failed';
  readonly onDone: () => void;
}) {
  const text = useText();
  return (
    <KioskFrame
      id="kiosk-done-title"
      title={text('kiosk.done.title')}
      top={
        <>
          <p role="status">
            {printed === 'failed'
              ? text('kiosk.done.printFailed', { receipt })
              : text(printed === 'printed' ? 'kiosk.done.printed' : 'kiosk.done.queued')}
          </p>
          <p>{text('kiosk.done.receipt', { receipt })}</p>
        </>
      }
    >
      <button type="button" className="kiosk-primary" onClick={onDone}>
        {text('kiosk.done.finish')}
      </button>
    </KioskFrame>
  );
}
