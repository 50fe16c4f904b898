import { useEffect, useRef, useState } from 'react';
import { printReceiptCopy, type ReceiptCopyOutcome } from '../app/receipt-copy';
import { useLocale } from '../i18n';
import { useContractClient } from '../transport/client-context';
import { useTill } from './till-context';
import { useText } from './use-text';

/**
 * "Print a copy of the receipt" for one order (the sale just made, or the order found on the
 * refund screen). One click is one copy: the button is disabled from the click until main
 * answers, so a double click never prints two. Mount it keyed by the order id: an answer
 * that arrives after the view moved on is dropped with the old instance.
 */
export function ReceiptCopyButton({
  orderId,
  disabled = false,
}: {
  readonly orderId: string;
  /** e.g. while the original receipt is still being sent */
  readonly disabled?: boolean;
}) {
  const till = useTill();
  const client = useContractClient();
  const text = useText();
  const { locale } = useLocale();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ReceiptCopyOutcome | null>(null);
  // The state update disables the button on the next render; this stops a second click that
  // lands before it.
  const inFlight = useRef(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const print = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setOutcome(null);
    let result: ReceiptCopyOutcome;
    try {
      result = await printReceiptCopy(client, till, orderId, locale);
    } catch (cause) {
      // The store read or the layout threw: say so rather than leave the button dead.
      result = { state: 'failed', message: cause instanceof Error ? cause.message : String(cause) };
    }
    inFlight.current = false;
    if (!mounted.current) return;
    setBusy(false);
    setOutcome(result);
  };

  return (
    <div className="receipt-copy">
      <button type="button" disabled={disabled || busy} onClick={() => void print()}>
        {text('ui.copy.button')}
      </button>
      {busy ? <p role="status">{text('ui.copy.printing')}</p> : null}
      {outcome?.state === 'printed' ? <p role="status">{text('ui.copy.printed')}</p> : null}
      {outcome?.state === 'queued' ? <p role="status">{text('ui.copy.queued')}</p> : null}
      {outcome?.state === 'missing' ? <p role="alert">{text('ui.copy.missing')}</p> : null}
      {outcome?.state === 'failed' ? (
        <p role="alert">{text('ui.copy.failed', { message: outcome.message })}</p>
      ) : null}
    </div>
  );
}
