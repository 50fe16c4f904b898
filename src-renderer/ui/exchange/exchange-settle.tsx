import type { ExchangeQuote } from '../../../shared/exchange';
import type { CommittedExchange } from '../../flows/exchange/exchange-types';
import { abs } from '../../../shared/money';
import type { TenderInput } from '../../../shared/orders/tenders';
import { TenderPanel } from '../sell/tender-panel';
import { useTill } from '../till-context';
import { useEffect, useRef, type ReactNode } from 'react';
import { useText } from '../use-text';

/**
 * The exchange's quote (the domain's `planExchange`, through the flow's quoteExchange actor)
 * and how it is settled: take payment, pay back as the policy says, or nothing either way.
 * Each line is what it says: the price difference is the tickets' alone, the fee is apart,
 * and the last line (price difference + fee) is exactly what the commit takes or pays back.
 */
export function ExchangeSettle({
  quote,
  busy,
  onSettle,
  onActivity,
}: {
  readonly quote: ExchangeQuote;
  readonly busy: boolean;
  /** The payments taken (none unless the customer pays); the flow checks they settle it. */
  readonly onSettle: (tenders: TenderInput[]) => void;
  /** The cashier is typing a payment (keeps the new seats held). */
  readonly onActivity?: () => void;
}) {
  const till = useTill();
  const text = useText();
  return (
    <>
      <h3>{text('ui.exchange.quote')}</h3>
      <p>{text('exchange.difference', { amount: abs(quote.priceDifference) })}</p>
      <p>{text('exchange.fee', { amount: quote.fee })}</p>
      <p className="total amount-due" role="status" aria-label={text('ui.exchange.quote')}>
        {quote.settlement === 'collect'
          ? text('exchange.customerPays', { amount: quote.due })
          : quote.settlement === 'pay_back'
            ? text('exchange.customerGets', { amount: abs(quote.due) })
            : text('exchange.even')}
      </p>
      {quote.settlement === 'collect' ? (
        <CashFirst>
          <TenderPanel
            key={quote.due.amount}
            due={quote.due}
            cashIncrement={till.settings.cashRoundingIncrement}
            busy={busy}
            confirmLabel={text('exchange.confirm')}
            onConfirm={onSettle}
            onActivity={onActivity}
          />
        </CashFirst>
      ) : (
        <div className="flow-confirm">
          <button
            type="button"
            className="primary confirm"
            disabled={busy}
            autoFocus
            onClick={() => onSettle([])}
          >
            {text('exchange.confirm')}
          </button>
        </div>
      )}
    </>
  );
}

/**
 * What changed hands when the exchange was settled: the cash the customer handed over and the
 * change to give back (the domain's settlement, as committed), or what was paid back.
 */
export function ExchangeChange({ exchange }: { readonly exchange: CommittedExchange }) {
  const text = useText();
  const tendered = exchange.cashTendered;
  if (tendered === undefined) {
    return exchange.difference.amount < 0 ? (
      <p className="amount-due" aria-label={text('ui.exchange.changeLabel')}>
        {text('exchange.customerGets', { amount: abs(exchange.difference) })}
      </p>
    ) : null;
  }
  return (
    <div className="exchange-change" role="status" aria-label={text('ui.exchange.changeLabel')}>
      <p>{text('ui.exchange.cashReceived', { amount: tendered })}</p>
      <p className="amount-due">{text('tender.changeDue', { amount: exchange.change })}</p>
    </div>
  );
}

/**
 * Keyboard first around the payment panel: the cash field takes focus when the quote arrives
 * (the cashier types what the customer hands over, no Tab), and Enter in a payment field
 * confirms as the button does, once the payment settles it.
 */
function CashFirst({ children }: { readonly children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.querySelector<HTMLInputElement>('input[inputmode="decimal"]')?.focus();
  }, []);
  return (
    <div
      ref={box}
      onKeyDown={(e) => {
        if (e.key !== 'Enter' || !(e.target instanceof HTMLInputElement)) return;
        const confirm = e.currentTarget.querySelector<HTMLButtonElement>('button.confirm');
        if (confirm === null || confirm.disabled) return;
        e.preventDefault();
        confirm.click();
      }}
    >
      {children}
    </div>
  );
}
