import type { Money } from '../../../shared/money';
import type {
  KioskRefundDecision,
  KioskRefundOutcome,
  RefundStep,
  SeeBoxOfficeWhy,
} from '../../app/kiosk-refund';
import type { MessageKey } from '../../i18n';
import type { TicketScanVerdictCode } from '../../scan';
import { useText } from '../use-text';
import { KioskFrame } from './kiosk-frame';

/**
 * The self-refund's screens, in words a customer understands: what the ticket is, what the
 * policy gives back and why, what to do next. Every figure and reason is the decision's
 * (planRefund's); nothing here computes.
 */

/** The scan verdict in words: a self-refund and a self-exchange refuse the same tickets. */
export const VERDICT_KEY: Record<Exclude<TicketScanVerdictCode, 'genuine'>, MessageKey> = {
  malformed: 'kiosk.refund.verdict.malformed',
  unknown_key: 'kiosk.refund.verdict.forged',
  bad_signature: 'kiosk.refund.verdict.forged',
  revoked: 'kiosk.refund.verdict.revoked',
  used: 'kiosk.refund.verdict.used',
  store_error: 'kiosk.refund.verdict.storeError',
  not_found: 'kiosk.refund.verdict.notFound',
  wrong_venue: 'kiosk.refund.verdict.wrongVenue',
  mismatch: 'kiosk.refund.verdict.mismatch',
  refunded: 'kiosk.refund.verdict.refunded',
  exchanged: 'kiosk.refund.verdict.exchanged',
  voided: 'kiosk.refund.verdict.voided',
};

const WHY_KEY: Record<SeeBoxOfficeWhy, MessageKey> = {
  order_missing: 'kiosk.refund.why.orderMissing',
  cash_purchase: 'kiosk.refund.why.cash',
  partly_used: 'kiosk.refund.why.partlyUsed',
  policy: 'kiosk.refund.why.policy',
  approval: 'kiosk.refund.why.approval',
  no_method: 'kiosk.refund.why.noMethod',
};

type Offer = Extract<KioskRefundDecision, { kind: 'offer' }>;

export function KioskRefundDecisionScreen({
  decision,
  onRefund,
  onAnother,
  onCancel,
}: {
  readonly decision: KioskRefundDecision;
  readonly onRefund: (offer: Offer, method: 'card' | 'voucher') => void;
  readonly onAnother: () => void;
  readonly onCancel: () => void;
}) {
  const text = useText();
  const others = (
    <>
      <button type="button" className="kiosk-secondary" onClick={onAnother}>
        {text('kiosk.refund.another')}
      </button>
      <button type="button" className="kiosk-secondary" onClick={onCancel}>
        {text('kiosk.startOver')}
      </button>
    </>
  );
  if (decision.kind === 'not_valid') {
    return (
      <KioskFrame
        id="kiosk-refund-no-title"
        title={text('kiosk.refund.notValid.title')}
        top={<p role="alert">{text(VERDICT_KEY[decision.code])}</p>}
      >
        {others}
      </KioskFrame>
    );
  }
  // The policy's own reasons for the refused ticket (the last one decided), or the plan's.
  const plan = decision.plan;
  const policyWords =
    plan === null
      ? []
      : [
          ...new Set(
            [
              ...plan.tickets.flatMap((t) => (t.refundable ? t.reasons : t.reasons.slice(-1))),
              // A kiosk never pays out cash: the policy's words on cash are not for its customer.
              ...plan.reasons.filter((r) => !r.code.startsWith('cash_')),
            ].map((r) => text.tr.reason(r)),
          ),
        ];
  if (decision.kind === 'see_box_office') {
    return (
      <KioskFrame
        id="kiosk-refund-office-title"
        title={text('kiosk.refund.office.title')}
        top={
          <div role="alert">
            <p>{text(WHY_KEY[decision.why])}</p>
            {decision.why === 'policy' || decision.why === 'approval' ? (
              <ul className="kiosk-refund-reasons">
                {policyWords.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            ) : null}
          </div>
        }
      >
        {others}
      </KioskFrame>
    );
  }
  const { card, voucher } = decision;
  return (
    <KioskFrame
      id="kiosk-refund-offer-title"
      title={text('kiosk.refund.offer.title')}
      top={
        <>
          <ul className="kiosk-refund-reasons">
            {policyWords.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
          <p className="kiosk-refund-amount">
            {text('kiosk.refund.offer.amount', { amount: decision.plan.payable })}
          </p>
        </>
      }
    >
      {card !== null ? (
        <button type="button" className="kiosk-primary" onClick={() => onRefund(decision, 'card')}>
          {text('kiosk.refund.offer.card', { amount: card.amount, last4: card.last4 })}
        </button>
      ) : null}
      {voucher !== null ? (
        <button
          type="button"
          className={card === null ? 'kiosk-primary' : 'kiosk-secondary'}
          onClick={() => onRefund(decision, 'voucher')}
        >
          {text('kiosk.refund.offer.voucher', { amount: voucher })}
        </button>
      ) : null}
      <button type="button" className="kiosk-secondary" onClick={onCancel}>
        {text('kiosk.refund.offer.keep')}
      </button>
    </KioskFrame>
  );
}

const STEP_KEY: Record<RefundStep, MessageKey> = {
  checking: 'kiosk.refund.step.checking',
  at_terminal: 'kiosk.refund.step.terminal',
  recording: 'kiosk.refund.step.recording',
  printing: 'kiosk.refund.step.printing',
};

/** While the money goes back: nothing to tap, the terminal and main decide. */
export function KioskRefunding({
  amount,
  step,
}: {
  readonly amount: Money;
  readonly step: RefundStep;
}) {
  const text = useText();
  return (
    <KioskFrame
      id="kiosk-refunding-title"
      title={text('kiosk.refund.step.title', { amount })}
      top={
        <p role="status" className="kiosk-step">
          {text(STEP_KEY[step])}
        </p>
      }
      busy
    />
  );
}

type Failed = Exclude<KioskRefundOutcome, { kind: 'refunded' }>;

function failedKey(outcome: Failed): MessageKey {
  if (outcome.kind === 'not_recorded') {
    return outcome.reversal === 'failed'
      ? 'kiosk.refund.failed.reversalFailed'
      : 'kiosk.refund.failed.notRecorded';
  }
  switch (outcome.reason) {
    case 'changed':
      return 'kiosk.refund.failed.changed';
    case 'unavailable':
    case 'terminal_offline':
      return 'kiosk.refund.failed.unavailable';
    case 'timed_out':
      return 'kiosk.refund.failed.timedOut';
    case 'declined_by_issuer':
    case 'insufficient_funds':
    case 'card_removed':
    case 'cancelled_by_customer':
    case 'reversal_failed':
    case undefined:
      return 'kiosk.refund.failed.declined';
  }
}

export function KioskRefundFailed({
  outcome,
  onDone,
}: {
  readonly outcome: Failed;
  readonly onDone: () => void;
}) {
  const text = useText();
  return (
    <KioskFrame
      id="kiosk-refund-failed-title"
      title={text('kiosk.refund.failed.title')}
      top={<p role="alert">{text(failedKey(outcome))}</p>}
    >
      <button type="button" className="kiosk-primary" onClick={onDone}>
        {text('kiosk.startOver')}
      </button>
    </KioskFrame>
  );
}

export function KioskRefundDone({
  outcome,
  receipt,
  onDone,
}: {
  readonly outcome: Extract<KioskRefundOutcome, { kind: 'refunded' }>;
  readonly receipt: string;
  readonly onDone: () => void;
}) {
  const text = useText();
  const { refund, printed } = outcome;
  const card = refund.payouts.find((p) => p.kind === 'card');
  return (
    <KioskFrame
      id="kiosk-refund-done-title"
      title={text('kiosk.refund.done.title')}
      top={
        <>
          <p role="status">
            {card !== undefined && card.kind === 'card'
              ? text('kiosk.refund.done.card', { amount: card.amount, last4: card.last4 })
              : text('kiosk.refund.done.voucher', {
                  amount: { ...refund.total, amount: refund.total.amount + refund.bonus.amount },
                })}
          </p>
          <p>
            {printed.state === 'failed'
              ? text('kiosk.refund.done.printFailed', { receipt })
              : text('kiosk.refund.done.printed')}
          </p>
          <p>{text('kiosk.refund.done.receipt', { receipt })}</p>
        </>
      }
    >
      <button type="button" className="kiosk-primary" onClick={onDone}>
        {text('kiosk.done.finish')}
      </button>
    </KioskFrame>
  );
}
