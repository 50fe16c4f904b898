import { useState } from 'react';
import type { Actor } from '../../../shared/commands';
import { formatReceiptNumber } from '../../../shared/orders/receipt-number';
import type { FlowError, PrintOutcome } from '../../flows/flow-types';
import type { CommittedSale } from '../../flows/sell/sell-types';
import { NextCustomerButton } from '../next-customer-button';
import { ReceiptCopyButton } from '../receipt-copy-button';
import { useTill } from '../till-context';
import { useText } from '../use-text';
import { VoidSaleAction } from '../void-sale-action';

export { NEXT_CUSTOMER_KEY } from '../next-customer-button';

/**
 * After the commit: the sale is saved whatever the printer does. Shown from the moment the
 * commit succeeds; the printer's answer (queued, failed) appears when it arrives — from this
 * cart's own actor only, so it can never come back over the next customer's cart.
 */
export function SaleDone({
  sale,
  print,
  printError,
  printing,
  onRetryPrint,
  onNext,
  staff,
}: {
  readonly sale: CommittedSale;
  readonly print: PrintOutcome | null;
  readonly printError: FlowError | null;
  readonly printing: boolean;
  /** Only while the print failed (the flow's printFailed state). */
  readonly onRetryPrint: (() => void) | null;
  readonly onNext: () => void;
  /** Who is at the till: a void is asked in their name (a supervisor approves). */
  readonly staff: Actor;
}) {
  const till = useTill();
  const text = useText();
  const [voided, setVoided] = useState(false);
  const note =
    printError !== null && !printing
      ? text('ui.sale.printFailed', { message: printError.message })
      : print?.state === 'queued'
        ? text('ui.sale.printQueued')
        : null;
  return (
    <section className="screen sell" aria-labelledby="sell-title">
      <h2 id="sell-title">{text('ui.sell.title')}</h2>
      <p role="status" className="sale-done">
        {text('ui.sale.done', {
          receipt: formatReceiptNumber(till.terminalId, sale.receiptNo, sale.training === true),
          change: sale.change,
        })}
      </p>
      {note !== null ? <p role="alert">{note}</p> : null}
      {onRetryPrint !== null && !voided ? (
        <button type="button" onClick={onRetryPrint}>
          {text('common.retry')}
        </button>
      ) : null}
      {/* A customer's duplicate, marked COPY: offered once the original's print has an answer. */}
      {voided ? null : (
        <ReceiptCopyButton key={sale.orderId} orderId={sale.orderId} disabled={printing} />
      )}
      {/* The customer changed their mind at the window: the whole sale, once its print answered. */}
      <VoidSaleAction
        key={`void-${sale.orderId}`}
        orderId={sale.orderId}
        receiptNo={sale.receiptNo}
        training={sale.training === true}
        amount={sale.total}
        actor={staff}
        disabled={printing}
        onVoided={() => setVoided(true)}
      />
      <NextCustomerButton
        className="primary next-customer"
        label={text('ui.sale.next')}
        onNext={onNext}
      />
    </section>
  );
}
