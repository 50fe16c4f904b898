import { useState, type FormEvent } from 'react';
import type { Performance } from '../../../shared/catalog/schemas';
import { useT } from '../../i18n';
import { api, ApiError, venuePath } from '../api';
import { ErrorText } from '../error-text';

/**
 * A performance's purchase limit per customer (issue 13 item 6), published as the next catalog
 * version: the tills' purchase-limit rule refuses a customer more than this many tickets for
 * the performance from their next pull. Blank removes the limit.
 */
export function LimitForm(props: {
  readonly performance: Performance;
  readonly when: string;
  readonly venueId: string;
  readonly onClose: () => void;
  readonly onDone: (text: string) => void;
}) {
  const tr = useT();
  const p = props.performance;
  const [text, setText] = useState(
    p.perCustomerLimit === undefined ? '' : String(p.perCustomerLimit),
  );
  const [bad, setBad] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = `limit-${p.id}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const n = Number(text.trim());
    const limit = text.trim() === '' ? null : Number.isInteger(n) && n >= 1 && n <= 1000 ? n : NaN;
    if (limit !== null && Number.isNaN(limit)) return setBad(true);
    setBad(false);
    setBusy(true);
    try {
      const answer = await api<{ version: number }>(
        venuePath(props.venueId, `performances/${encodeURIComponent(p.id)}/limits`),
        { method: 'PATCH', body: { perCustomerLimit: limit } },
      );
      props.onDone(tr.t('manage.limits.done', { date: props.when, version: answer.version }));
    } catch (cause) {
      setError(cause instanceof ApiError ? cause : new ApiError(0, 'network', 'network'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="bo-confirm" aria-labelledby={headingId} onSubmit={(e) => void submit(e)}>
      <h3 id={headingId}>{tr.t('manage.limits.title', { date: props.when })}</h3>
      <label>
        {tr.t('manage.limits.field')}
        <input inputMode="numeric" value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      {bad && (
        <p className="bo-error" role="alert">
          {tr.t('manage.limits.bad')}
        </p>
      )}
      <ErrorText error={error} />
      <div className="bo-confirm-buttons">
        <button type="submit" className="bo-primary" disabled={busy}>
          {tr.t('manage.tiers.publish')}
        </button>
        <button type="button" disabled={busy} onClick={props.onClose}>
          {tr.t('manage.catalog.keep')}
        </button>
      </div>
    </form>
  );
}
