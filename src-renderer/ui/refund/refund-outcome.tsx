import { formatReceiptNumber } from '../../../shared/orders/receipt-number';
import type { FlowError, PrintOutcome } from '../../flows/flow-types';
import type { CommittedRefund } from '../../flows/refund-types';
import { useTill } from '../till-context';
import { useText } from '../use-text';
import { shownFlowError } from './flow-error';

/**
 * A committed refund and its voucher. The refund is saved before the voucher prints, so the
 * "done" line shows at once; the printer's answer (or failure, with retry / skip) follows.
 */
export function RefundOutcome({
  refund,
  printing,
  print,
  printError,
  onRetry,
  onSkip,
}: {
  readonly refund: CommittedRefund;
  readonly printing: boolean;
  readonly print: PrintOutcome | null;
  /** Set while the flow waits in printFailed. */
  readonly printError: FlowError | null;
  readonly onRetry: () => void;
  readonly onSkip: () => void;
}) {
  const till = useTill();
  const text = useText();
  return (
    <>
      <p role="status" className="sale-done">
        {text('ui.refund.done', {
          receipt: formatReceiptNumber(till.terminalId, refund.receiptNo, refund.training),
          amount: refund.total,
        })}
      </p>
      {printing ? <p role="status">{text('ui.refund.printing')}</p> : null}
      {print?.state === 'queued' ? <p role="status">{text('ui.refund.printQueued')}</p> : null}
      {printError ? (
        <div role="alert" className="error-banner">
          {text('ui.refund.printFailed', { why: shownFlowError(text, printError).message })}{' '}
          <button type="button" onClick={onRetry}>
            {text('ui.refund.printRetry')}
          </button>{' '}
          <button type="button" onClick={onSkip}>
            {text('ui.refund.printSkip')}
          </button>
        </div>
      ) : null}
    </>
  );
}
