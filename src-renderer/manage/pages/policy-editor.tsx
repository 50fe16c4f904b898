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

/** A tier with windows of its own (the policy's tier override). */
interface OverrideRow {
  readonly tierId: string;
  readonly windows: readonly WindowRow[];
}

interface Form {
  readonly windows: readonly WindowRow[];
  readonly overrides: readonly OverrideRow[];
  readonly feePercent: string;
  readonly fixedFee: string;
  readonly bookingFeeReturned: boolean;
  readonly rules: RulesForm;
}

const rowsOf = (windows: RefundPolicy['windows']): WindowRow[] =>
  windows.map((w) => ({ hours: String(w.minHoursBefore), percent: String(w.refundBp / 100) }));

function formOf(policy: RefundPolicy): Form {
  const per = minorPerMajor(policy.currency);
  return {
    windows: rowsOf(policy.windows),
    overrides: policy.tierOverrides.flatMap((o) =>
      o.windows ? [{ tierId: o.tierId, windows: rowsOf(o.windows) }] : [],
    ),
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

function windowsOf(rows: readonly WindowRow[]): RefundPolicy['windows'] | MessageKey {
  const windows = [];
  for (const row of rows) {
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
  return windows;
}

/**
 * The policy's tier overrides with the form's own windows: a tier listed in the form gets
 * them, a tier taken out of the form loses its windows (its other overrides stay).
 */
function overridesOf(
  policy: RefundPolicy,
  rows: readonly OverrideRow[],
): RefundPolicy['tierOverrides'] | MessageKey {
  const own = new Map<string, RefundPolicy['windows']>();
  for (const row of rows) {
    const windows = windowsOf(row.windows);
    if (typeof windows === 'string') return windows;
    own.set(row.tierId, windows);
  }
  const kept = policy.tierOverrides.flatMap((o) => {
    const { windows: _old, ...rest } = o;
    const windows = own.get(o.tierId);
    own.delete(o.tierId);
    if (windows) return [{ ...rest, windows }];
    return rest.nonRefundable !== undefined || rest.fees !== undefined ? [rest] : [];
  });
  return [...kept, ...[...own].map(([tierId, windows]) => ({ tierId, windows }))];
}

/**
 * The form as a policy, or the first problem in it (a message key). The same two window rules
 * as the shared policy schema, said in the manager's language; the server checks again.
 */
export function draftOf(policy: RefundPolicy, form: Form): RefundPolicy | MessageKey {
  const windows = windowsOf(form.windows);
  if (typeof windows === 'string') return windows;
  const tierOverrides = overridesOf(policy, form.overrides);
  if (typeof tierOverrides === 'string') return tierOverrides;
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
  return { ...policy, windows, tierOverrides, fees, ...rules };
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
            tierOverrides: draft.tierOverrides,
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
      <WindowsTable rows={form.windows} onChange={(windows) => setForm({ ...form, windows })} />
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
      <TierWindows
        rows={form.overrides}
        policyWindows={form.windows}
        tiers={catalog.tiers.filter((t) => t.refundPolicyId === policy.id)}
        eventName={(id) => catalog.events.find((e) => e.id === id)?.name ?? id}
        onChange={(overrides) => setForm({ ...form, overrides })}
      />
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

/** Refund windows as rows a manager edits: hours before the show and the share refunded. */
function WindowsTable(props: {
  readonly rows: readonly WindowRow[];
  readonly onChange: (rows: readonly WindowRow[]) => void;
  /** Names the table for screen readers when there are several. */
  readonly caption?: string;
}) {
  const tr = useT();
  const { rows, onChange } = props;
  const set = (i: number, row: Partial<WindowRow>) =>
    onChange(rows.map((w, j) => (j === i ? { ...w, ...row } : w)));
  return (
    <>
      <table className="bo-table">
        {props.caption && <caption>{props.caption}</caption>}
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
          {rows.map((w, i) => (
            <tr key={i}>
              <td>
                <input
                  inputMode="decimal"
                  aria-label={tr.t('manage.policies.edit.hours')}
                  value={w.hours}
                  onChange={(e) => set(i, { hours: e.target.value })}
                />
              </td>
              <td>
                <input
                  inputMode="decimal"
                  aria-label={tr.t('manage.policies.edit.percent')}
                  value={w.percent}
                  onChange={(e) => set(i, { percent: e.target.value })}
                />
              </td>
              <td>
                <button type="button" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                  {tr.t('manage.policies.edit.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div>
        <button type="button" onClick={() => onChange([...rows, { hours: '0', percent: '0' }])}>
          {tr.t('manage.policies.edit.add')}
        </button>
      </div>
    </>
  );
}

/**
 * Per-tier overrides (issue 13 item 7): a tier that sells under this policy may have refund
 * windows of its own (a premium tier refundable for longer, say); the others follow the
 * policy's. planRefund reads the override for that tier, at the till and in the preview.
 */
function TierWindows(props: {
  readonly rows: readonly OverrideRow[];
  readonly policyWindows: readonly WindowRow[];
  readonly tiers: readonly {
    readonly id: string;
    readonly name: string;
    readonly eventId: string;
  }[];
  readonly eventName: (eventId: string) => string;
  readonly onChange: (rows: readonly OverrideRow[]) => void;
}) {
  const tr = useT();
  const name = (tierId: string) => {
    const tier = props.tiers.find((t) => t.id === tierId);
    return tier ? `${props.eventName(tier.eventId)} · ${tier.name}` : tierId;
  };
  const free = props.tiers.filter((t) => !props.rows.some((r) => r.tierId === t.id));
  const [pick, setPick] = useState('');
  return (
    <fieldset>
      <legend>{tr.t('manage.policies.edit.tierWindows')}</legend>
      {props.rows.map((row) => (
        <div key={row.tierId} data-override={row.tierId}>
          <WindowsTable
            caption={tr.t('manage.policies.edit.tierWindowsOf', { tier: name(row.tierId) })}
            rows={row.windows}
            onChange={(windows) =>
              props.onChange(
                props.rows.map((r) => (r.tierId === row.tierId ? { ...r, windows } : r)),
              )
            }
          />
          <button
            type="button"
            onClick={() => props.onChange(props.rows.filter((r) => r.tierId !== row.tierId))}
          >
            {tr.t('manage.policies.edit.tierWindowsDrop', { tier: name(row.tierId) })}
          </button>
        </div>
      ))}
      {free.length > 0 && (
        <div>
          <label>
            {tr.t('manage.policies.edit.tierWindowsPick')}
            <select value={pick} onChange={(e) => setPick(e.target.value)}>
              <option value="">—</option>
              {free.map((t) => (
                <option key={t.id} value={t.id}>
                  {name(t.id)}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            disabled={pick === ''}
            onClick={() => {
              props.onChange([...props.rows, { tierId: pick, windows: props.policyWindows }]);
              setPick('');
            }}
          >
            {tr.t('manage.policies.edit.tierWindowsAdd')}
          </button>
        </div>
      )}
    </fieldset>
  );
}
