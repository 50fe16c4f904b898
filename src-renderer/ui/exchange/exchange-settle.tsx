import type { ExchangeQuote } from '../../../shared/exchange';
import { abs } from '../../../shared/money';
import { formatReceiptNumber } from '../../../shared/orders/receipt-number';
import type { TenderInput } from '../../../shared/orders/tenders';
import type { CommittedExchange } from '../../flows/exchange-types';
import type { FlowError, PrintOutcome } from '../../flows/flow-types';
import { shownFlowError } from '../refund/flow-error';
import { TenderPanel } from '../sell/tender-panel';
import { useTill } from '../till-context';
import { useText } from '../use-text';

/**
 * The exchange's quote (difference and fee, from the flow's quoteExchange) and how it is
 * settled: take payment, pay back as the policy says, or nothing either way.
 */
export function ExchangeSettle({
  quote,
  busy,
  onSettle,
  onChangeSeats,
  onActivity,
}: {
  readonly quote: ExchangeQuote;
  readonly busy: boolean;
  /** The payments taken (none unless the customer pays); the flow checks they settle it. */
  readonly onSettle: (tenders: TenderInput[]) => void;
  readonly onChangeSeats: () => void;
  /** The cashier is typing a payment (keeps the new seats held). */
  readonly onActivity?: () => void;
}) {
  const till = useTill();
  const text = useText();
  return (
    <>
      <h3>{text('ui.exchange.quote')}</h3>
      <p>{text('exchange.difference', { amount: abs(quote.difference) })}</p>
      <p>{text('exchange.fee', { amount: quote.fee })}</p>
      <p className="total" role="status" aria-label={text('ui.exchange.quote')}>
        {quote.settlement === 'collect'
          ? text('exchange.customerPays', { amount: quote.difference })
          : quote.settlement === 'pay_back'
            ? text('exchange.customerGets', { amount: abs(quote.difference) })
            : text('exchange.even')}
      </p>
      {quote.settlement === 'collect' ? (
        <TenderPanel
          key={quote.difference.amount}
          due={quote.difference}
          cashIncrement={till.settings.cashRoundingIncrement}
          busy={busy}
          confirmLabel={text('exchange.confirm')}
          onConfirm={onSettle}
          onActivity={onActivity}
        />
      ) : (
        <button
          type="button"
          className="primary confirm"
          disabled={busy}
          onClick={() => onSettle([])}
        >
          {text('exchange.confirm')}
        </button>
      )}
      <button type="button" onClick={onChangeSeats} disabled={busy}>
        {text('ui.exchange.changeSeats')}
      </button>
    </>
  );
}

/** A committed exchange and its new tickets' printing (retry / skip when it fails). */
export function ExchangeOutcome({
  exchange,
  printing,
  print,
  printError,
  onRetry,
  onSkip,
}: {
  readonly exchange: CommittedExchange;
  readonly printing: boolean;
  readonly print: PrintOutcome | null;
  readonly printError: FlowError | null;
  readonly onRetry: () => void;
  readonly onSkip: () => void;
}) {
  const till = useTill();
  const text = useText();
  return (
    <>
      <p role="status" className="sale-done">
        {text('ui.exchange.done', {
          receipt: formatReceiptNumber(till.terminalId, exchange.receiptNo, exchange.training),
        })}
      </p>
      {printing ? <p role="status">{text('ui.exchange.printing')}</p> : null}
      {print?.state === 'queued' ? <p role="status">{text('ui.exchange.printQueued')}</p> : null}
      {printError ? (
        <div role="alert" className="error-banner">
          {text('ui.exchange.printFailed', { why: shownFlowError(text, printError).message })}{' '}
          <button type="button" onClick={onRetry}>
            {text('ui.exchange.printRetry')}
          </button>{' '}
          <button type="button" onClick={onSkip}>
            {text('ui.exchange.printSkip')}
          </button>
        </div>
      ) : null}
    </>
  );
}
