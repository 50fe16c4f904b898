import { formatReceiptNumber } from '../../../shared/orders/receipt-number';
import type { FlowError, PrintOutcome } from '../../flows/flow-types';
import type { CommittedSale } from '../../flows/sell/sell-types';
import { ReceiptCopyButton } from '../receipt-copy-button';
import { useTill } from '../till-context';
import { useText } from '../use-text';

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
}: {
  readonly sale: CommittedSale;
  readonly print: PrintOutcome | null;
  readonly printError: FlowError | null;
  readonly printing: boolean;
  /** Only while the print failed (the flow's printFailed state). */
  readonly onRetryPrint: (() => void) | null;
  readonly onNext: () => void;
}) {
  const till = useTill();
  const text = useText();
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
      {onRetryPrint !== null ? (
        <button type="button" onClick={onRetryPrint}>
          {text('common.retry')}
        </button>
      ) : null}
      {/* A customer's duplicate, marked COPY: offered once the original's print has an answer. */}
      <ReceiptCopyButton key={sale.orderId} orderId={sale.orderId} disabled={printing} />
      <button type="button" className="primary" autoFocus onClick={onNext}>
        {text('ui.sale.next')}
      </button>
    </section>
  );
}
