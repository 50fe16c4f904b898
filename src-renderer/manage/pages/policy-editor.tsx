import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { minorPerMajor } from '../../../shared/money/currency';
import { money } from '../../../shared/money/money';
import type { RefundFees, RefundPolicy } from '../../../shared/refund-policy/policy-schema';
import { useT, type MessageKey } from '../../i18n';
import { api, ApiError, venuePath } from '../api';
import type { Catalog } from '../../../shared/catalog/catalog';
import { ErrorText } from '../error-text';
import type { SignedIn } from '../session';
import { RulesFields, rulesFormOf, rulesOf, type RulesForm } from './policy-rules-form';

interface WindowRow {
  readonly hours: string;
  readonly percent: string;
}

interface Form {
  readonly windows: readonly WindowRow[];
  readonly feePercent: string;
  readonly fixedFee: string;
  readonly bookingFeeReturned: boolean;
  readonly rules: RulesForm;
}

function formOf(policy: RefundPolicy): Form {
  const per = minorPerMajor(policy.currency);
  return {
    windows: policy.windows.map((w) => ({
      hours: String(w.minHoursBefore),
      percent: String(w.refundBp / 100),
    })),
    feePercent: String((policy.fees.percent?.bp ?? 0) / 100),
    fixedFee: String((policy.fees.fixedPerTicket?.amount ?? 0) / per),
    bookingFeeReturned: policy.fees.bookingFee === 'returned',
    rules: rulesFormOf(policy),
  };
}

const number = (text: string): number | null => {
  const n = Number(text.trim().replace(',', '.'));
  return text.trim() === '' || !Number.isFinite(n) ? null : n;
};

/**
 * The form as a policy, or the first problem in it (a message key). The same two window rules
 * as the shared policy schema, said in the manager's language; the server checks again.
 */
export function draftOf(policy: RefundPolicy, form: Form): RefundPolicy | MessageKey {
  const windows = [];
  for (const row of form.windows) {
    const hours = number(row.hours);
    const percent = number(row.percent);
    if (hours === null || hours < 0 || percent === null || percent < 0 || percent > 100)
      return 'manage.policies.edit.badWindow';
    windows.push({ minHoursBefore: hours, refundBp: Math.round(percent * 100) });
  }
  for (let i = 1; i < windows.length; i++) {
    if (windows[i]!.minHoursBefore >= windows[i - 1]!.minHoursBefore)
      return 'manage.policies.edit.order';
    if (windows[i]!.refundBp > windows[i - 1]!.refundBp) return 'manage.policies.edit.more';
  }
  const feePercent = number(form.feePercent);
  if (feePercent === null || feePercent < 0 || feePercent > 100)
    return 'manage.policies.edit.badFee';
  const fixed = number(form.fixedFee);
  if (fixed === null || fixed < 0) return 'manage.policies.edit.badFee';
  const fixedMinor = Math.round(fixed * minorPerMajor(policy.currency));
  const { percent: _percent, fixedPerTicket: _fixed, ...rest } = policy.fees;
  const fees: RefundFees = {
    ...rest,
    bookingFee: form.bookingFeeReturned ? 'returned' : 'kept',
    ...(feePercent > 0
      ? { percent: { ...policy.fees.percent, bp: Math.round(feePercent * 100) } }
      : {}),
    ...(fixedMinor > 0 ? { fixedPerTicket: money(fixedMinor, policy.currency) } : {}),
  };
  const rules = rulesOf(policy, form.rules);
  if (typeof rules === 'string') return rules;
  return { ...policy, windows, fees, ...rules };
}

/**
 * A manager edits a policy's windows, fees, approvals, payout methods and non-refundable
 * tiers; the preview below answers for the draft as it
 * is typed. Publishing sends it to the server, which publishes the policy at its next version
 * in the next catalog: new sales take it, tickets already sold keep theirs.
 */
export function PolicyEditor({
  policy,
  catalog,
  who,
  onDraft,
  onPublished,
}: {
  readonly policy: RefundPolicy;
  /** The tiers that sell under the policy and their events' names. */
  readonly catalog: Catalog;
  readonly who: SignedIn;
  readonly onDraft: (draft: RefundPolicy | null) => void;
  /** Published: what to tell the manager; the page reads the catalog again. */
  readonly onPublished: (text: string) => void;
}) {
  const tr = useT();
  const [form, setForm] = useState<Form | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const draft = useMemo(() => (form === null ? null : draftOf(policy, form)), [policy, form]);
  useEffect(
    () => onDraft(draft !== null && typeof draft === 'object' ? draft : null),
    [draft, onDraft],
  );

  if (form === null) {
    return (
      <button type="button" className="bo-primary bo-edit" onClick={() => setForm(formOf(policy))}>
        {tr.t('manage.policies.edit.open')}
      </button>
    );
  }

  const setWindow = (i: number, row: Partial<WindowRow>) =>
    setForm({ ...form, windows: form.windows.map((w, j) => (j === i ? { ...w, ...row } : w)) });

  const publish = async (e: FormEvent) => {
    e.preventDefault();
    if (draft === null || typeof draft !== 'object') return;
    setBusy(true);
    setError(null);
    try {
      const answer = await api<{ version: number; policy: RefundPolicy }>(
        venuePath(who.venueId, `refund-policies/${encodeURIComponent(policy.id)}`),
        {
          method: 'PUT',
          body: {
            windows: draft.windows,
            fees: draft.fees,
            approvals: draft.approvals,
            methods: draft.methods,
            nonRefundableTierIds: draft.nonRefundableTierIds,
          },
        },
      );
      setForm(null);
      onPublished(
        tr.t('manage.policies.edit.done', {
          name: answer.policy.name,
          policyVersion: answer.policy.version,
          version: answer.version,
        }),
      );
    } catch (cause) {
      setError(cause instanceof ApiError ? cause : new ApiError(0, 'network', 'network'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="bo-confirm bo-policy-editor" onSubmit={(e) => void publish(e)}>
      <h2>{tr.t('manage.policies.edit.title', { name: policy.name })}</h2>
      <table className="bo-table">
        <thead>
          <tr>
            <th scope="col">{tr.t('manage.policies.edit.hours')}</th>
            <th scope="col">{tr.t('manage.policies.edit.percent')}</th>
            <th scope="col">
              <span className="bo-visually-hidden">{tr.t('manage.catalog.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {form.windows.map((w, i) => (
            <tr key={i}>
              <td>
                <input
                  inputMode="decimal"
                  aria-label={tr.t('manage.policies.edit.hours')}
                  value={w.hours}
                  onChange={(e) => setWindow(i, { hours: e.target.value })}
                />
              </td>
              <td>
                <input
                  inputMode="decimal"
                  aria-label={tr.t('manage.policies.edit.percent')}
                  value={w.percent}
                  onChange={(e) => setWindow(i, { percent: e.target.value })}
                />
              </td>
              <td>
                <button
                  type="button"
                  onClick={() =>
                    setForm({ ...form, windows: form.windows.filter((_, j) => j !== i) })
                  }
                >
                  {tr.t('manage.policies.edit.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div>
        <button
          type="button"
          onClick={() =>
            setForm({ ...form, windows: [...form.windows, { hours: '0', percent: '0' }] })
          }
        >
          {tr.t('manage.policies.edit.add')}
        </button>
      </div>
      <label>
        {tr.t('manage.policies.edit.feePercent')}
        <input
          inputMode="decimal"
          value={form.feePercent}
          onChange={(e) => setForm({ ...form, feePercent: e.target.value })}
        />
      </label>
      <label>
        {tr.t('manage.policies.edit.fixedFee', { currency: policy.currency })}
        <input
          inputMode="decimal"
          value={form.fixedFee}
          onChange={(e) => setForm({ ...form, fixedFee: e.target.value })}
        />
      </label>
      <label className="bo-tick">
        <input
          type="checkbox"
          checked={form.bookingFeeReturned}
          onChange={(e) => setForm({ ...form, bookingFeeReturned: e.target.checked })}
        />
        {tr.t('manage.policies.edit.bookingFeeReturned')}
      </label>
      <RulesFields
        form={form.rules}
        onChange={(rules) => setForm({ ...form, rules })}
        currency={policy.currency}
        tiers={catalog.tiers.filter((t) => t.refundPolicyId === policy.id)}
        eventName={(id) => catalog.events.find((e) => e.id === id)?.name ?? id}
      />
      {typeof draft === 'string' && (
        <p className="bo-error" role="alert">
          {tr.t(draft)}
        </p>
      )}
      <p className="bo-sub">{tr.t('manage.policies.edit.explain')}</p>
      <ErrorText error={error} />
      <div className="bo-confirm-buttons">
        <button type="submit" className="bo-primary" disabled={busy || typeof draft !== 'object'}>
          {tr.t('manage.policies.edit.publish')}
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => {
            setForm(null);
            setError(null);
          }}
        >
          {tr.t('manage.catalog.keep')}
        </button>
      </div>
    </form>
  );
}
