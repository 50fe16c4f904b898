import { useState, type FormEvent } from 'react';
import type { Performance } from '../../../shared/catalog/schemas';
import { useT } from '../../i18n';
import { api, venuePath } from '../api';
import { FormButtons, useSubmit, type ChangeFormProps } from '../form-parts';

/**
 * A performance's purchase limit per customer (issue 13 item 6), published as the next catalog
 * version: the tills' purchase-limit rule refuses a customer more than this many tickets for
 * the performance from their next pull. Blank removes the limit.
 */
export function LimitForm(
  props: ChangeFormProps & { readonly performance: Performance; readonly when: string },
) {
  const tr = useT();
  const p = props.performance;
  const [text, setText] = useState(
    p.perCustomerLimit === undefined ? '' : String(p.perCustomerLimit),
  );
  const { run, busy, feedback, setProblem } = useSubmit(props.onDone);
  const headingId = `limit-${p.id}`;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(text.trim());
    const limit = text.trim() === '' ? null : Number.isInteger(n) && n >= 1 && n <= 1000 ? n : NaN;
    if (limit !== null && Number.isNaN(limit)) return setProblem(tr.t('manage.limits.bad'));
    void run(async () => {
      const answer = await api<{ version: number }>(
        venuePath(props.venueId, `performances/${encodeURIComponent(p.id)}/limits`),
        { method: 'PATCH', body: { perCustomerLimit: limit } },
      );
      return tr.t('manage.limits.done', { date: props.when, version: answer.version });
    });
  };

  return (
    <form className="bo-confirm" aria-labelledby={headingId} onSubmit={submit}>
      <h3 id={headingId}>{tr.t('manage.limits.title', { date: props.when })}</h3>
      <label>
        {tr.t('manage.limits.field')}
        <input inputMode="numeric" value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      {feedback}
      <FormButtons label={tr.t('manage.tiers.publish')} busy={busy} onClose={props.onClose} />
    </form>
  );
}
