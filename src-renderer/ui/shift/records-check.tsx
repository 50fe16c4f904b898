import { useState } from 'react';
import { verifyStoredChain } from '../../app/journal-anchor';
import { useTill } from '../till-context';
import { useText } from '../use-text';

type Check =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly done: number; readonly total: number }
  | { readonly kind: 'ok'; readonly count: number }
  | { readonly kind: 'failed' };

/**
 * The manager's full check of the journal (issue 8 item 4): every stored entry re-hashed and
 * linked from the first, with progress. Start-up checks only what came since the last check.
 */
export function RecordsCheck() {
  const till = useTill();
  const text = useText();
  const [check, setCheck] = useState<Check>({ kind: 'idle' });

  const run = async () => {
    setCheck({ kind: 'running', done: 0, total: 0 });
    const r = await verifyStoredChain(till.store.db, till.terminalId, 0, (done, total) =>
      setCheck({ kind: 'running', done, total }),
    );
    setCheck(r.ok ? { kind: 'ok', count: r.value } : { kind: 'failed' });
  };

  return (
    <section aria-labelledby="records-check-title" className="records-check">
      <h3 id="records-check-title">{text('ui.verify.title')}</h3>
      <button type="button" disabled={check.kind === 'running'} onClick={() => void run()}>
        {text('ui.verify.start')}
      </button>
      {check.kind === 'running' ? (
        <>
          <progress
            aria-label={text('ui.verify.title')}
            value={check.done}
            max={Math.max(1, check.total)}
          />
          <p role="status">
            {text('ui.verify.progress', { done: check.done, total: check.total })}
          </p>
        </>
      ) : null}
      {check.kind === 'ok' ? (
        <p role="status">{text('ui.verify.ok', { count: check.count })}</p>
      ) : null}
      {check.kind === 'failed' ? <p role="alert">{text('ui.verify.failed')}</p> : null}
    </section>
  );
}
