import { useState, type FormEvent } from 'react';
import { useT, type MessageKey } from '../../i18n';
import { api, venuePath } from '../api';
import { FormButtons, minorUnitsOf, useSubmit, type EventFormProps } from '../form-parts';

const ERROR_KEY: Partial<Record<string, MessageKey>> = {
  tier_exists: 'manage.tiers.error.tier_exists',
  catalog_version_taken: 'manage.catalog.error.catalog_version_taken',
};

/**
 * A new price tier of an event (issue 13 item 6): seats of chosen categories or standing
 * places, its price, booking fee, VAT and refund policy. Published as the next catalog version;
 * the event's performances sell it from the tills' next pull.
 */
export function NewTierForm(props: EventFormProps) {
  const tr = useT();
  const { catalog, event } = props;
  const currency = catalog.venue.currency;
  const categories = [
    ...new Map(
      catalog.seatingPlans.flatMap((p) => p.categories.map((c) => [c.id, c.name] as const)),
    ),
  ];
  const [kind, setKind] = useState<'seated' | 'ga'>(categories.length > 0 ? 'seated' : 'ga');
  const [name, setName] = useState('');
  const [price, setPrice] = useState('');
  const [fee, setFee] = useState('');
  const [vat, setVat] = useState(String((catalog.tiers[0]?.taxRateBp ?? 2000) / 100));
  const [policyId, setPolicyId] = useState(catalog.refundPolicies[0]?.id ?? '');
  const [chosen, setChosen] = useState<readonly string[]>([]);
  const [quota, setQuota] = useState('');
  const { run, busy, feedback, setProblem } = useSubmit(props.onDone, ERROR_KEY);
  const headingId = `new-tier-${event.id}`;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const priceMinor = minorUnitsOf(price, currency);
    const feeMinor = fee.trim() === '' ? 0 : minorUnitsOf(fee, currency);
    const vatBp = Math.round(Number(vat.replace(',', '.')) * 100);
    if (priceMinor === null || feeMinor === null) return setProblem(tr.t('manage.tiers.badAmount'));
    if (!Number.isInteger(vatBp) || vatBp < 0 || vatBp > 10_000)
      return setProblem(tr.t('manage.tiers.badVat'));
    if (kind === 'seated' && chosen.length === 0)
      return setProblem(tr.t('manage.tiers.noCategories'));
    const gaQuota = quota.trim() === '' ? undefined : Number(quota);
    void run(async () => {
      const answer = await api<{ version: number; tier: { name: string } }>(
        venuePath(props.venueId, 'tiers'),
        {
          method: 'POST',
          body: {
            kind,
            eventId: event.id,
            name: name.trim(),
            price: priceMinor,
            ...(feeMinor > 0 ? { bookingFee: feeMinor } : {}),
            taxRateBp: vatBp,
            refundPolicyId: policyId,
            ...(kind === 'seated' ? { seatCategoryIds: chosen } : {}),
            ...(kind === 'ga' && gaQuota !== undefined ? { gaQuota } : {}),
          },
        },
      );
      return tr.t('manage.tiers.added', {
        name: answer.tier.name,
        event: event.name,
        version: answer.version,
      });
    });
  };

  return (
    <form className="bo-confirm" aria-labelledby={headingId} onSubmit={submit}>
      <h3 id={headingId}>{tr.t('manage.tiers.addTitle', { event: event.name })}</h3>
      <label>
        {tr.t('manage.tiers.nameField')}
        <input value={name} maxLength={120} required onChange={(e) => setName(e.target.value)} />
      </label>
      <fieldset>
        <legend>{tr.t('manage.tiers.kind')}</legend>
        {categories.length > 0 && (
          <label>
            <input
              type="radio"
              name={`${headingId}-kind`}
              checked={kind === 'seated'}
              onChange={() => setKind('seated')}
            />
            {tr.t('manage.tiers.seated')}
          </label>
        )}
        <label>
          <input
            type="radio"
            name={`${headingId}-kind`}
            checked={kind === 'ga'}
            onChange={() => setKind('ga')}
          />
          {tr.t('manage.tiers.standing')}
        </label>
      </fieldset>
      {kind === 'seated' ? (
        <fieldset>
          <legend>{tr.t('manage.tiers.categories')}</legend>
          {categories.map(([id, label]) => (
            <label key={id}>
              <input
                type="checkbox"
                checked={chosen.includes(id)}
                onChange={(e) =>
                  setChosen(e.target.checked ? [...chosen, id] : chosen.filter((c) => c !== id))
                }
              />
              {label}
            </label>
          ))}
        </fieldset>
      ) : (
        <label>
          {tr.t('manage.tiers.gaQuotaField')}
          <input inputMode="numeric" value={quota} onChange={(e) => setQuota(e.target.value)} />
        </label>
      )}
      <label>
        {tr.t('manage.tiers.priceField', { currency })}
        <input
          inputMode="decimal"
          required
          value={price}
          onChange={(e) => setPrice(e.target.value)}
        />
      </label>
      <label>
        {tr.t('manage.tiers.bookingFeeField', { currency })}
        <input inputMode="decimal" value={fee} onChange={(e) => setFee(e.target.value)} />
      </label>
      <label>
        {tr.t('manage.tiers.vatField')}
        <input inputMode="decimal" required value={vat} onChange={(e) => setVat(e.target.value)} />
      </label>
      <label>
        {tr.t('manage.tiers.policy')}
        <select value={policyId} onChange={(e) => setPolicyId(e.target.value)}>
          {catalog.refundPolicies.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      {feedback}
      <FormButtons label={tr.t('manage.tiers.addDo')} busy={busy} onClose={props.onClose} />
    </form>
  );
}
