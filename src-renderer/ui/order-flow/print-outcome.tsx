import type { MessageKey } from '../../i18n';
import type { FlowError, PrintOutcome } from '../../flows/flow-types';
import { shownFlowError } from '../refund/flow-error';
import { useText } from '../use-text';

/** The words of one flow's print step; `failed` takes `{why}`. */
export interface PrintTexts {
  readonly printing: MessageKey;
  readonly queued: MessageKey;
  readonly failed: MessageKey;
  readonly retry: MessageKey;
  readonly skip: MessageKey;
}

/**
 * A committed refund or exchange and its printing. The flow is saved before anything prints,
 * so the `done` line shows at once; the printer's answer (or failure, with retry / skip)
 * follows.
 */
export function CommittedOutcome({
  done,
  texts,
  printing,
  print,
  printError,
  onRetry,
  onSkip,
}: {
  /** The saved line, in words ("Refund … done"). */
  readonly done: string;
  readonly texts: PrintTexts;
  readonly printing: boolean;
  readonly print: PrintOutcome | null;
  /** Set while the flow waits in printFailed. */
  readonly printError: FlowError | null;
  readonly onRetry: () => void;
  readonly onSkip: () => void;
}) {
  const text = useText();
  return (
    <>
      <p role="status" className="sale-done">
        {done}
      </p>
      {printing ? <p role="status">{text(texts.printing)}</p> : null}
      {print?.state === 'queued' ? <p role="status">{text(texts.queued)}</p> : null}
      {printError ? (
        <div role="alert" className="error-banner">
          {text(texts.failed, { why: shownFlowError(text, printError).message })}{' '}
          <button type="button" onClick={onRetry}>
            {text(texts.retry)}
          </button>{' '}
          <button type="button" onClick={onSkip}>
            {text(texts.skip)}
          </button>
        </div>
      ) : null}
    </>
  );
}
