import { useState, type FormEvent } from 'react';
import type { Catalog } from '../../../shared/catalog/catalog';
import type { Event, PriceTier } from '../../../shared/catalog/schemas';
import { minorPerMajor } from '../../../shared/money/currency';
import { formatMoney, useT, type MessageKey } from '../../i18n';
import { api, venuePath } from '../api';
import { FormButtons, minorUnitsOf, useSubmit } from '../form-parts';
import { NewTierForm } from './new-tier-form';

interface TierForm {
  /** Absent: the name is not edited. */
  readonly name?: string;
  readonly price: string;
  readonly bookingFee: string;
  /** Blank: no limit. */
  readonly perOrderLimit: string;
  /** Standing tiers; blank: no share of their own. */
  readonly gaQuota: string;
}

/** The PATCH body for what the form changed, or the first problem (a message key). */
export function tierChangeOf(
  tier: PriceTier,
  form: TierForm,
): Record<string, number | string | null> | MessageKey {
  const amount = (text: string): number | null => minorUnitsOf(text, tier.price.currency);
  const count = (text: string, min: number): number | null | 'bad' => {
    if (text.trim() === '') return null;
    const n = Number(text.trim());
    return Number.isInteger(n) && n >= min ? n : 'bad';
  };
  const price = amount(form.price);
  const fee = form.bookingFee.trim() === '' ? 0 : amount(form.bookingFee);
  if (price === null || fee === null) return 'manage.tiers.badAmount';
  const limit = count(form.perOrderLimit, 1);
  const quota = count(form.gaQuota, 0);
  if (limit === 'bad' || quota === 'bad') return 'manage.tiers.badCount';
  const change: Record<string, number | string | null> = {};
  if (form.name !== undefined) {
    const name = form.name.trim();
    if (name === '') return 'manage.tiers.noName';
    if (name !== tier.name) change.name = name;
  }
  if (price !== tier.price.amount) change.price = price;
  if (fee !== (tier.bookingFee?.amount ?? 0)) change.bookingFee = fee;
  if (limit !== (tier.perOrderLimit ?? null)) change.perOrderLimit = limit;
  if (tier.kind === 'ga' && quota !== (tier.gaQuota ?? null)) change.gaQuota = quota;
  return Object.keys(change).length === 0 ? 'manage.tiers.nothing' : change;
}

/**
 * An event's price tiers (issue 13 item 6): price, booking fee, order limit and, for standing
 * tiers, their quota of places; a manager changes one at a time, published as the next catalog
 * version (tills sell at it from their next pull; tickets sold keep their price).
 */
export function EventTiers(props: {
  readonly catalog: Catalog;
  readonly event: Event;
  readonly writable: boolean;
  readonly venueId: string;
  readonly onDone: (text: string) => void;
}) {
  const tr = useT();
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const tiers = props.catalog.tiers.filter((t) => t.eventId === props.event.id);
  const money = (m: PriceTier['price']) => formatMoney(tr.locale, m);
  const cols = props.writable ? 6 : 5;
  const add =
    props.writable &&
    (adding ? (
      <NewTierForm
        catalog={props.catalog}
        event={props.event}
        venueId={props.venueId}
        onClose={() => setAdding(false)}
        onDone={(text) => {
          setAdding(false);
          props.onDone(text);
        }}
      />
    ) : (
      <button type="button" aria-expanded={false} onClick={() => setAdding(true)}>
        {tr.t('manage.tiers.add')}
      </button>
    ));
  if (tiers.length === 0) return <>{add}</>;
  return (
    <>
      <table className="bo-table bo-tier-table">
        <caption>{tr.t('manage.tiers.caption', { event: props.event.name })}</caption>
        <thead>
          <tr>
            <th scope="col">{tr.t('manage.tiers.tier')}</th>
            <th scope="col">{tr.t('manage.tiers.price')}</th>
            <th scope="col">{tr.t('manage.tiers.bookingFee')}</th>
            <th scope="col">{tr.t('manage.tiers.perOrderLimit')}</th>
            <th scope="col">{tr.t('manage.tiers.gaQuota')}</th>
            {props.writable && (
              <th scope="col">
                <span className="bo-visually-hidden">{tr.t('manage.catalog.actions')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {tiers.map((t) => (
            <TierRow
              key={t.id}
              tier={t}
              cols={cols}
              money={money}
              editing={editing === t.id}
              onEdit={(on) => setEditing(on ? t.id : null)}
              {...props}
            />
          ))}
        </tbody>
      </table>
      {add}
    </>
  );
}

function TierRow(props: {
  readonly tier: PriceTier;
  readonly cols: number;
  readonly money: (m: PriceTier['price']) => string;
  readonly editing: boolean;
  readonly onEdit: (on: boolean) => void;
  readonly writable: boolean;
  readonly venueId: string;
  readonly onDone: (text: string) => void;
}) {
  const tr = useT();
  const { tier: t, money } = props;
  const none = tr.t('manage.tiers.none');
  return (
    <>
      <tr data-tier={t.id}>
        <th scope="row">
          {t.name}
          <span className="bo-small bo-block">
            {tr.t(t.kind === 'ga' ? 'manage.tiers.standing' : 'manage.tiers.seated')}
          </span>
        </th>
        <td>{money(t.price)}</td>
        <td>{t.bookingFee && t.bookingFee.amount > 0 ? money(t.bookingFee) : none}</td>
        <td>{t.perOrderLimit ?? none}</td>
        <td>{t.kind === 'ga' ? (t.gaQuota ?? none) : '—'}</td>
        {props.writable && (
          <td className="bo-actions">
            <button
              type="button"
              aria-expanded={props.editing}
              onClick={() => props.onEdit(!props.editing)}
            >
              {tr.t('manage.tiers.edit')}
            </button>
          </td>
        )}
      </tr>
      {props.editing && (
        <tr className="bo-confirm-row">
          <td colSpan={props.cols}>
            <TierForm {...props} />
          </td>
        </tr>
      )}
    </>
  );
}

function TierForm(props: {
  readonly tier: PriceTier;
  readonly venueId: string;
  readonly onEdit: (on: boolean) => void;
  readonly onDone: (text: string) => void;
}) {
  const tr = useT();
  const { tier } = props;
  const per = minorPerMajor(tier.price.currency);
  const [form, setForm] = useState<TierForm>({
    name: tier.name,
    price: String(tier.price.amount / per),
    bookingFee: String((tier.bookingFee?.amount ?? 0) / per),
    perOrderLimit: tier.perOrderLimit === undefined ? '' : String(tier.perOrderLimit),
    gaQuota: tier.gaQuota === undefined ? '' : String(tier.gaQuota),
  });
  const { run, busy, feedback, setProblem } = useSubmit(props.onDone);
  const headingId = `tier-edit-${tier.id}`;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const change = tierChangeOf(tier, form);
    if (typeof change === 'string') return setProblem(tr.t(change));
    void run(async () => {
      const answer = await api<{ version: number; tier: PriceTier }>(
        venuePath(props.venueId, `tiers/${encodeURIComponent(tier.id)}`),
        { method: 'PATCH', body: change },
      );
      props.onEdit(false);
      return tr.t('manage.tiers.done', { name: tier.name, version: answer.version });
    });
  };

  const field = (key: MessageKey, name: keyof TierForm) => (
    <label>
      {tr.t(key, { currency: tier.price.currency })}
      <input
        inputMode="decimal"
        value={form[name]}
        onChange={(e) => setForm({ ...form, [name]: e.target.value })}
      />
    </label>
  );
  return (
    <form className="bo-confirm" aria-labelledby={headingId} onSubmit={submit}>
      <h3 id={headingId}>{tr.t('manage.tiers.editTitle', { name: tier.name })}</h3>
      <label>
        {tr.t('manage.tiers.nameField')}
        <input
          value={form.name}
          maxLength={120}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
        />
      </label>
      {field('manage.tiers.priceField', 'price')}
      {field('manage.tiers.bookingFeeField', 'bookingFee')}
      {field('manage.tiers.perOrderLimitField', 'perOrderLimit')}
      {tier.kind === 'ga' && field('manage.tiers.gaQuotaField', 'gaQuota')}
      <p className="bo-sub">{tr.t('manage.tiers.explain')}</p>
      {feedback}
      <FormButtons
        label={tr.t('manage.tiers.publish')}
        busy={busy}
        onClose={() => props.onEdit(false)}
      />
    </form>
  );
}
