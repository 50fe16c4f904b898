import { useState, type FormEvent } from 'react';
import type { Catalog } from '../../../shared/catalog/catalog';
import type { PriceRule } from '../../../shared/catalog/price-rules';
import type { Currency } from '../../../shared/money/currency';
import { formatMoney, useT, type MessageKey } from '../../i18n';
import { api, venuePath } from '../api';
import { wallTimeToInstant } from '../catalog-views';
import { FormButtons, minorUnitsOf, useSubmit, type ChangeFormProps } from '../form-parts';

const KIND_KEY: Record<PriceRule['kind'], MessageKey> = {
  promo: 'manage.rules.kind.promo',
  time_window: 'manage.rules.kind.time_window',
  concession: 'manage.rules.kind.concession',
  demand: 'manage.rules.kind.demand',
};

const ERROR_KEY: Partial<Record<string, MessageKey>> = {
  promo_exists: 'manage.rules.error.promo_exists',
  window_without_time: 'manage.rules.error.window_without_time',
  catalog_version_taken: 'manage.catalog.error.catalog_version_taken',
};

/** What the add form holds, as typed. */
export interface RuleForm {
  readonly label: string;
  readonly kind: PriceRule['kind'];
  readonly direction: 'off' | 'on';
  readonly unit: 'percent' | 'amount';
  readonly value: string;
  readonly tierIds: readonly string[];
  readonly code: string;
  readonly maxUses: string;
  readonly hoursBefore: string;
  readonly dayOfShow: boolean;
  /** Venue wall time ("2027-01-31T23:59"); blank: no end. */
  readonly until: string;
  readonly checkId: boolean;
  readonly soldPercent: string;
}

export const EMPTY_RULE: RuleForm = {
  label: '',
  kind: 'promo',
  direction: 'off',
  unit: 'percent',
  value: '',
  tierIds: [],
  code: '',
  maxUses: '',
  hoursBefore: '',
  dayOfShow: false,
  until: '',
  checkId: false,
  soldPercent: '',
};

/**
 * The POST body for the form (pure: the page and its unit test share it), or the first problem
 * as a message key. "10 % off" is −1000 basis points; "₴50 off" −5000 minor units.
 */
export function ruleDraftOf(
  form: RuleForm,
  currency: Currency,
  timeZone: string,
): Record<string, unknown> | MessageKey {
  if (form.label.trim() === '') return 'manage.rules.noLabel';
  const sign = form.direction === 'off' ? -1 : 1;
  let adjustment: Record<string, unknown>;
  if (form.unit === 'percent') {
    const pct = Number(form.value.trim().replace(',', '.'));
    if (form.value.trim() === '' || !Number.isFinite(pct) || pct <= 0 || (sign < 0 && pct > 100))
      return 'manage.rules.badValue';
    adjustment = { type: 'percent', bp: sign * Math.round(pct * 100) };
  } else {
    const minor = minorUnitsOf(form.value, currency);
    if (minor === null || minor === 0) return 'manage.rules.badValue';
    adjustment = { type: 'fixed', amount: { amount: sign * minor, currency } };
  }
  const base = {
    kind: form.kind,
    label: form.label.trim(),
    adjustment,
    ...(form.tierIds.length > 0 ? { tierIds: form.tierIds } : {}),
  };
  const count = (text: string): number | null | 'bad' => {
    if (text.trim() === '') return null;
    const n = Number(text.trim());
    return Number.isInteger(n) && n >= 1 ? n : 'bad';
  };
  switch (form.kind) {
    case 'promo': {
      const code = form.code.trim().toUpperCase();
      if (!/^[A-Z0-9-]{3,32}$/.test(code)) return 'manage.rules.badCode';
      const maxUses = count(form.maxUses);
      if (maxUses === 'bad') return 'manage.rules.badCount';
      return { ...base, code, ...(maxUses !== null ? { maxUses } : {}) };
    }
    case 'time_window': {
      const hours = form.hoursBefore.trim() === '' ? null : Number(form.hoursBefore);
      if (hours !== null && (!Number.isFinite(hours) || hours < 0)) return 'manage.rules.badCount';
      const until = form.until === '' ? null : wallTimeToInstant(form.until, timeZone);
      if (hours === null && until === null && !form.dayOfShow) return 'manage.rules.noWhen';
      return {
        ...base,
        ...(hours !== null ? { minHoursBefore: hours } : {}),
        ...(until !== null ? { until } : {}),
        ...(form.dayOfShow ? { dayOfShow: true } : {}),
      };
    }
    case 'concession':
      return { ...base, checkId: form.checkId };
    case 'demand': {
      const pct = Number(form.soldPercent.trim());
      if (form.soldPercent.trim() === '' || !Number.isFinite(pct) || pct < 0 || pct > 100)
        return 'manage.rules.badSold';
      return { ...base, minSoldBp: Math.round(pct * 100) };
    }
  }
}

/**
 * The venue's price rules (issue 13 item 6): promo codes, time windows (early bird, last
 * hours), concessions and demand pricing, in words; a manager adds or removes one, published as
 * the next catalog version.
 */
export function PriceRules(props: {
  readonly catalog: Catalog;
  readonly writable: boolean;
  readonly venueId: string;
  readonly onDone: (text: string) => void;
}) {
  const tr = useT();
  const { catalog } = props;
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<string | null>(null);
  const tierName = (id: string) => catalog.tiers.find((t) => t.id === id)?.name ?? id;
  const change = (r: PriceRule) =>
    r.adjustment.type === 'percent'
      ? tr.t(r.adjustment.bp < 0 ? 'manage.rules.percentOff' : 'manage.rules.percentOn', {
          percent: Math.abs(r.adjustment.bp) / 100,
        })
      : tr.t(r.adjustment.amount.amount < 0 ? 'manage.rules.amountOff' : 'manage.rules.amountOn', {
          amount: formatMoney(tr.locale, {
            ...r.adjustment.amount,
            amount: Math.abs(r.adjustment.amount.amount),
          }),
        });
  const when = (r: PriceRule): string => {
    switch (r.kind) {
      case 'promo':
        return r.maxUses === undefined
          ? tr.t('manage.rules.when.promo', { code: r.code })
          : tr.t('manage.rules.when.promoMax', { code: r.code, count: r.maxUses });
      case 'concession':
        return tr.t(r.checkId ? 'manage.rules.when.checkId' : 'manage.rules.when.noCheck');
      case 'demand':
        return tr.t('manage.rules.when.demand', { percent: r.minSoldBp / 100 });
      case 'time_window': {
        const parts: string[] = [];
        if (r.minHoursBefore !== undefined)
          parts.push(tr.t('manage.rules.when.hoursBefore', { hours: r.minHoursBefore }));
        if (r.until !== undefined)
          parts.push(tr.t('manage.rules.when.until', { date: tr.date(r.until, 'dateTime') }));
        if (r.dayOfShow) parts.push(tr.t('manage.rules.when.dayOfShow'));
        return parts.join(' · ') || '—';
      }
    }
  };

  const remove = useSubmit(props.onDone);
  return (
    <section className="bo-event" aria-labelledby="rules-heading">
      <h2 id="rules-heading">{tr.t('manage.rules.title')}</h2>
      <table className="bo-table">
        <thead>
          <tr>
            <th scope="col">{tr.t('manage.rules.rule')}</th>
            <th scope="col">{tr.t('manage.rules.change')}</th>
            <th scope="col">{tr.t('manage.rules.when')}</th>
            <th scope="col">{tr.t('manage.rules.tiers')}</th>
            {props.writable && <th scope="col">{tr.t('manage.catalog.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {catalog.priceRules.map((r) => (
            <tr key={r.id} data-rule={r.id}>
              <th scope="row">
                {r.label}
                <span className="bo-small bo-block">{tr.t(KIND_KEY[r.kind])}</span>
              </th>
              <td>{change(r)}</td>
              <td>{when(r)}</td>
              <td>
                {r.tierIds ? r.tierIds.map(tierName).join(', ') : tr.t('manage.rules.allTiers')}
              </td>
              {props.writable && (
                <td className="bo-actions">
                  {removing === r.id ? (
                    <>
                      <button
                        type="button"
                        className="bo-danger"
                        disabled={remove.busy}
                        onClick={() =>
                          void remove.run(async () => {
                            const done = await api<{ version: number }>(
                              venuePath(props.venueId, `price-rules/${encodeURIComponent(r.id)}`),
                              { method: 'DELETE' },
                            );
                            setRemoving(null);
                            return tr.t('manage.rules.removed', {
                              label: r.label,
                              version: done.version,
                            });
                          })
                        }
                      >
                        {tr.t('manage.rules.removeDo', { label: r.label })}
                      </button>
                      <button type="button" onClick={() => setRemoving(null)}>
                        {tr.t('manage.catalog.keep')}
                      </button>
                    </>
                  ) : (
                    <button type="button" onClick={() => setRemoving(r.id)}>
                      {tr.t('manage.rules.remove')}
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {remove.feedback}
      {props.writable &&
        (adding ? (
          <RuleFormView
            catalog={catalog}
            venueId={props.venueId}
            onClose={() => setAdding(false)}
            onDone={(text) => {
              setAdding(false);
              props.onDone(text);
            }}
          />
        ) : (
          <button type="button" aria-expanded={false} onClick={() => setAdding(true)}>
            {tr.t('manage.rules.add')}
          </button>
        ))}
    </section>
  );
}

function RuleFormView(props: ChangeFormProps & { readonly catalog: Catalog }) {
  const tr = useT();
  const { catalog } = props;
  const [form, setForm] = useState<RuleForm>(EMPTY_RULE);
  const { run, busy, feedback, setProblem } = useSubmit(props.onDone, ERROR_KEY);
  const set = (patch: Partial<RuleForm>) => setForm({ ...form, ...patch });
  const eventName = (id: string) => catalog.events.find((e) => e.id === id)?.name ?? id;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const draft = ruleDraftOf(form, catalog.venue.currency, catalog.venue.timeZone);
    if (typeof draft === 'string') return setProblem(tr.t(draft));
    void run(async () => {
      const done = await api<{ version: number; rule: PriceRule }>(
        venuePath(props.venueId, 'price-rules'),
        { method: 'POST', body: draft },
      );
      return tr.t('manage.rules.added', { label: done.rule.label, version: done.version });
    });
  };

  return (
    <form className="bo-confirm" aria-labelledby="rule-add" onSubmit={submit}>
      <h3 id="rule-add">{tr.t('manage.rules.addTitle')}</h3>
      <label>
        {tr.t('manage.rules.label')}
        <input
          value={form.label}
          maxLength={120}
          required
          onChange={(e) => set({ label: e.target.value })}
        />
      </label>
      <label>
        {tr.t('manage.rules.kind')}
        <select
          value={form.kind}
          onChange={(e) => set({ kind: e.target.value as RuleForm['kind'] })}
        >
          {(Object.keys(KIND_KEY) as PriceRule['kind'][]).map((k) => (
            <option key={k} value={k}>
              {tr.t(KIND_KEY[k])}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{tr.t('manage.rules.change')}</legend>
        <select
          aria-label={tr.t('manage.rules.direction')}
          value={form.direction}
          onChange={(e) => set({ direction: e.target.value as RuleForm['direction'] })}
        >
          <option value="off">{tr.t('manage.rules.off')}</option>
          <option value="on">{tr.t('manage.rules.on')}</option>
        </select>
        <input
          aria-label={tr.t('manage.rules.value')}
          inputMode="decimal"
          value={form.value}
          onChange={(e) => set({ value: e.target.value })}
        />
        <select
          aria-label={tr.t('manage.rules.unit')}
          value={form.unit}
          onChange={(e) => set({ unit: e.target.value as RuleForm['unit'] })}
        >
          <option value="percent">%</option>
          <option value="amount">{catalog.venue.currency}</option>
        </select>
      </fieldset>
      {form.kind === 'promo' && (
        <>
          <label>
            {tr.t('manage.rules.code')}
            <input
              value={form.code}
              maxLength={32}
              onChange={(e) => set({ code: e.target.value })}
            />
          </label>
          <label>
            {tr.t('manage.rules.maxUses')}
            <input
              inputMode="numeric"
              value={form.maxUses}
              onChange={(e) => set({ maxUses: e.target.value })}
            />
          </label>
        </>
      )}
      {form.kind === 'time_window' && (
        <>
          <label>
            {tr.t('manage.rules.hoursBefore')}
            <input
              inputMode="numeric"
              value={form.hoursBefore}
              onChange={(e) => set({ hoursBefore: e.target.value })}
            />
          </label>
          <label>
            {tr.t('manage.rules.until')}
            <input
              type="datetime-local"
              value={form.until}
              onChange={(e) => set({ until: e.target.value })}
            />
          </label>
          <label>
            <input
              type="checkbox"
              checked={form.dayOfShow}
              onChange={(e) => set({ dayOfShow: e.target.checked })}
            />
            {tr.t('manage.rules.dayOfShow')}
          </label>
        </>
      )}
      {form.kind === 'concession' && (
        <label>
          <input
            type="checkbox"
            checked={form.checkId}
            onChange={(e) => set({ checkId: e.target.checked })}
          />
          {tr.t('manage.rules.checkId')}
        </label>
      )}
      {form.kind === 'demand' && (
        <label>
          {tr.t('manage.rules.soldPercent')}
          <input
            inputMode="decimal"
            value={form.soldPercent}
            onChange={(e) => set({ soldPercent: e.target.value })}
          />
        </label>
      )}
      <fieldset>
        <legend>{tr.t('manage.rules.tiersPick')}</legend>
        {catalog.tiers.map((t) => (
          <label key={t.id}>
            <input
              type="checkbox"
              checked={form.tierIds.includes(t.id)}
              onChange={(e) =>
                set({
                  tierIds: e.target.checked
                    ? [...form.tierIds, t.id]
                    : form.tierIds.filter((id) => id !== t.id),
                })
              }
            />
            {`${eventName(t.eventId)} · ${t.name}`}
          </label>
        ))}
      </fieldset>
      {feedback}
      <FormButtons label={tr.t('manage.rules.addDo')} busy={busy} onClose={props.onClose} />
    </form>
  );
}
