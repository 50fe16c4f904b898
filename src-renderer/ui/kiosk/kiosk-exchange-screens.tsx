import './kiosk-exchange.css';
import { money, type Money } from '../../../shared/money';
import type {
  ExchangeBoxOfficeWhy,
  ExchangeStep,
  KioskExchangeOutcome,
  KioskExchangeQuote,
  KioskExchangeStart,
} from '../../app/kiosk-exchange';
import type { MessageKey } from '../../i18n';
import { seatLabelOf } from '../sell/seat-label';
import { useTill } from '../till-context';
import { useText } from '../use-text';
import { KioskFrame } from './kiosk-frame';
import { KioskPerformanceLine } from './kiosk-performance-line';
import { VERDICT_KEY } from './kiosk-refund-screens';

/**
 * The self-exchange's screens, in words a customer understands. Every figure is
 * planExchange's and every refusal the exchange rules' (kiosk-exchange.ts); nothing here
 * computes.
 */

const WHY_KEY: Record<ExchangeBoxOfficeWhy, MessageKey> = {
  order_missing: 'kiosk.exchange.why.orderMissing',
  policy: 'kiosk.exchange.why.policy',
  no_performance: 'ui.exchange.why.noPerformance',
  approval: 'kiosk.exchange.why.approval',
  no_method: 'kiosk.exchange.why.noMethod',
};

type Refused = Exclude<KioskExchangeStart, { kind: 'choose' }>;
type NotOffered = Extract<KioskExchangeQuote, { kind: 'see_box_office' }>;

/** Not here: the scan says the ticket is not valid, or a person must decide, and why. */
export function KioskExchangeOffice({
  start,
  quote,
  onAnother,
  onCancel,
}: {
  readonly start: Refused | null;
  readonly quote: NotOffered | null;
  readonly onAnother: () => void;
  readonly onCancel: () => void;
}) {
  const text = useText();
  const others = (
    <>
      <button type="button" className="kiosk-secondary" onClick={onAnother}>
        {text(quote !== null ? 'kiosk.exchange.chooseAgain' : 'kiosk.refund.another')}
      </button>
      <button type="button" className="kiosk-secondary" onClick={onCancel}>
        {text('kiosk.startOver')}
      </button>
    </>
  );
  if (start?.kind === 'not_valid') {
    return (
      <KioskFrame
        id="kiosk-exchange-no-title"
        title={text('kiosk.exchange.notValid.title')}
        top={<p role="alert">{text(VERDICT_KEY[start.code])}</p>}
      >
        {others}
      </KioskFrame>
    );
  }
  const why = start?.why ?? quote?.why ?? 'policy';
  const refusal = start?.kind === 'see_box_office' ? start.refusal : null;
  // The exchange rule that refused the ticket, in the words the till's exchange screen uses.
  const rule =
    refusal === null
      ? null
      : refusal.why === 'policy'
        ? text('kiosk.exchange.rule.policy')
        : refusal.why === 'ticket_status'
          ? text('kiosk.exchange.rule.ticketStatus')
          : refusal.why === 'started'
            ? text('ui.exchange.why.started')
            : text('ui.exchange.why.closed', { hours: Number(refusal.params['hours'] ?? 0) });
  const refused = quote?.refused ?? null;
  return (
    <KioskFrame
      id="kiosk-exchange-office-title"
      title={text('kiosk.refund.office.title')}
      top={
        <div role="alert">
          <p>{text(WHY_KEY[why])}</p>
          {rule !== null ? <p>{rule}</p> : null}
          {refused !== null ? <p>{text.tr.error(refused)}</p> : null}
        </div>
      }
    >
      {others}
    </KioskFrame>
  );
}

type Offer = Extract<KioskExchangeQuote, { kind: 'offer' }>;

/**
 * What the customer gets in words: each new place's tier, and a seat by section, row and
 * number as on the hall's plan — the figures alone do not say the right seat was chosen.
 */
function NewTickets({ items }: { readonly items: Offer['items'] }) {
  const till = useTill();
  const text = useText();
  return (
    <ul className="kiosk-exchange-new" aria-label={text('kiosk.exchange.quote.new')}>
      {items.map((item, i) => {
        const tier = till.catalog.tier(item.tierId)?.name ?? item.tierId;
        if (item.seatId === undefined) {
          return (
            <li key={i}>{text('kiosk.exchange.newPlaces', { quantity: item.quantity, tier })}</li>
          );
        }
        const label = seatLabelOf(till.catalog, item.performanceId, item.seatId);
        const seat = label.row === '' ? label.seat : text('kiosk.seats.seatIn', label);
        return <li key={i}>{text('kiosk.exchange.newSeat', { tier, seat })}</li>;
      })}
    </ul>
  );
}

/**
 * planExchange's lines, one meaning each: what the old ticket is worth, what the new ones
 * cost, the exchange fee, and the difference that settles it — then the one action that
 * settles it the way the policy says.
 */
export function KioskExchangeQuoteScreen({
  offer,
  onExchange,
  onChooseAgain,
  onCancel,
}: {
  readonly offer: Offer;
  readonly onExchange: (offer: Offer) => void;
  readonly onChooseAgain: () => void;
  readonly onCancel: () => void;
}) {
  const text = useText();
  const { plan, settle } = offer;
  const back = money(-plan.due.amount, plan.due.currency);
  const difference =
    settle.kind === 'pay_by_card'
      ? text('kiosk.exchange.line.toPay', { amount: plan.due })
      : settle.kind === 'even'
        ? text('kiosk.exchange.line.even')
        : text('kiosk.exchange.line.back', { amount: back });
  const action =
    settle.kind === 'pay_by_card'
      ? text('kiosk.exchange.pay', { amount: settle.amount })
      : settle.kind === 'back_to_card'
        ? text('kiosk.exchange.toCard', { amount: settle.card.amount, last4: settle.card.last4 })
        : settle.kind === 'voucher'
          ? text('kiosk.exchange.toVoucher', { amount: settle.amount })
          : text('kiosk.exchange.even');
  const performanceId = offer.items[0]?.performanceId;
  return (
    <KioskFrame
      id="kiosk-exchange-quote-title"
      title={text('kiosk.exchange.quote.title')}
      top={
        <>
          {performanceId !== undefined ? (
            <KioskPerformanceLine performanceId={performanceId} />
          ) : null}
          <NewTickets items={offer.items} />
          <ul className="kiosk-exchange-lines" aria-label={text('kiosk.exchange.quote.lines')}>
            <li>{text('kiosk.exchange.line.credit', { amount: plan.credit })}</li>
            <li>{text('kiosk.exchange.line.newTotal', { amount: plan.newTotal })}</li>
            <li>{text('kiosk.exchange.line.fee', { amount: plan.fee })}</li>
            <li className="kiosk-exchange-due">{difference}</li>
          </ul>
        </>
      }
    >
      <button type="button" className="kiosk-primary" onClick={() => onExchange(offer)}>
        {action}
      </button>
      <button type="button" className="kiosk-secondary" onClick={onChooseAgain}>
        {text('kiosk.exchange.chooseAgain')}
      </button>
      <button type="button" className="kiosk-secondary" onClick={onCancel}>
        {text('kiosk.refund.offer.keep')}
      </button>
    </KioskFrame>
  );
}

const STEP_KEY: Record<ExchangeStep, MessageKey> = {
  checking: 'kiosk.refund.step.checking',
  at_terminal: 'kiosk.exchange.step.terminal',
  recording: 'kiosk.exchange.step.recording',
  printing: 'kiosk.exchange.step.printing',
};

/** While the exchange runs: nothing to tap, the terminal and main decide. */
export function KioskExchanging({
  amount,
  step,
}: {
  readonly amount: Money;
  readonly step: ExchangeStep;
}) {
  const text = useText();
  return (
    <KioskFrame
      id="kiosk-exchanging-title"
      title={text('kiosk.exchange.step.title')}
      top={
        <>
          {amount.amount !== 0 ? (
            <p className="kiosk-refund-amount">{text('kiosk.pay.amount', { total: amount })}</p>
          ) : null}
          <p role="status" className="kiosk-step">
            {text(STEP_KEY[step])}
          </p>
        </>
      }
      busy
    />
  );
}

type Failed = Exclude<KioskExchangeOutcome, { kind: 'exchanged' }>;

function failedKey(outcome: Failed): MessageKey {
  if (outcome.kind === 'not_recorded') {
    return outcome.reversal === 'failed'
      ? 'kiosk.exchange.failed.reversalFailed'
      : 'kiosk.exchange.failed.notRecorded';
  }
  switch (outcome.reason) {
    case 'changed':
      return 'kiosk.exchange.failed.changed';
    case 'unavailable':
    case 'terminal_offline':
      return 'kiosk.exchange.failed.unavailable';
    case 'timed_out':
    case 'declined_by_issuer':
    case 'insufficient_funds':
    case 'card_removed':
    case 'cancelled_by_customer':
    case 'reversal_failed':
    case undefined:
      return 'kiosk.exchange.failed.declined';
  }
}

export function KioskExchangeFailed({
  outcome,
  onDone,
}: {
  readonly outcome: Failed;
  readonly onDone: () => void;
}) {
  const text = useText();
  return (
    <KioskFrame
      id="kiosk-exchange-failed-title"
      title={text('kiosk.exchange.failed.title')}
      top={<p role="alert">{text(failedKey(outcome))}</p>}
    >
      <button type="button" className="kiosk-primary" onClick={onDone}>
        {text('kiosk.startOver')}
      </button>
    </KioskFrame>
  );
}

export function KioskExchangeDone({
  outcome,
  receipt,
  onDone,
}: {
  readonly outcome: Extract<KioskExchangeOutcome, { kind: 'exchanged' }>;
  readonly receipt: string;
  readonly onDone: () => void;
}) {
  const text = useText();
  const { exchange, printed } = outcome;
  const card = exchange.payouts.find((p) => p.kind === 'card');
  const voucher = exchange.payouts.find((p) => p.kind === 'voucher');
  const settled =
    card?.kind === 'card'
      ? text('kiosk.refund.done.card', { amount: card.amount, last4: card.last4 })
      : voucher !== undefined
        ? text('kiosk.refund.done.voucher', { amount: voucher.amount })
        : exchange.difference.amount > 0
          ? text('kiosk.exchange.done.paid', { amount: exchange.difference })
          : null;
  return (
    <KioskFrame
      id="kiosk-exchange-done-title"
      title={text('kiosk.exchange.done.title')}
      top={
        <>
          {settled !== null ? <p role="status">{settled}</p> : null}
          <p>
            {printed.state === 'failed'
              ? text('kiosk.exchange.done.printFailed', { receipt })
              : text('kiosk.exchange.done.printed')}
          </p>
          <p>{text('kiosk.exchange.done.receipt', { receipt })}</p>
        </>
      }
    >
      <button type="button" className="kiosk-primary" onClick={onDone}>
        {text('kiosk.done.finish')}
      </button>
    </KioskFrame>
  );
}
