import { useMemo, useState } from 'react';
import type { Catalog } from '../../../shared/catalog/catalog';
import { hasRole } from '../../../shared/catalog/roles';
import type { PerformanceStatus } from '../../../shared/catalog/schemas';
import type { RefundMethod } from '../../../shared/refund-policy/evaluate';
import type { RefundPolicy } from '../../../shared/refund-policy/policy-schema';
import { formatMoney, useT, type MessageKey } from '../../i18n';
import { venuePath } from '../api';
import type { CatalogAnswer } from '../catalog-views';
import { ErrorText } from '../error-text';
import { previewRefund } from '../policy-preview';
import { canWrite, type SignedIn } from '../session';
import { PolicyEditor } from './policy-editor';
import { useApi } from '../use-api';
import './catalog.css';

const METHOD_KEY: Record<RefundMethod, MessageKey> = {
  original_tender: 'refund.method.asPaid',
  cash: 'refund.method.cash',
  voucher: 'refund.method.voucher',
};
const STATUS_KEY: Record<PerformanceStatus, MessageKey> = {
  scheduled: 'manage.policies.ifScheduled',
  cancelled: 'manage.policies.ifCancelled',
  postponed: 'manage.policies.ifPostponed',
};

/**
 * The refund policies (issue 13 item 7): each policy's windows and fees, and the live preview —
 * what a ticket of a tier gets so long before the show — answered by the tills' own refund
 * decision (`planRefund`, shared, run here in the browser). Read only for now: changing a
 * policy is publishing a new catalog version.
 */
export function PoliciesPage({ who }: { readonly who: SignedIn }) {
  const tr = useT();
  const loaded = useApi<CatalogAnswer>(venuePath(who.venueId, 'catalog'));
  const catalog = loaded.data?.catalog;
  return (
    <>
      <h1 id="bo-heading">{tr.t('manage.policies.title')}</h1>
      <ErrorText error={loaded.error} />
      {catalog === undefined ? (
        <p>{tr.t('manage.loading')}</p>
      ) : catalog === null || catalog.refundPolicies.length === 0 ? (
        <p>{tr.t('manage.policies.none')}</p>
      ) : (
        <Policies catalog={catalog} who={who} reload={() => loaded.reload()} />
      )}
    </>
  );
}

function Policies({
  catalog,
  who,
  reload,
}: {
  readonly catalog: Catalog;
  readonly who: SignedIn;
  readonly reload: () => void;
}) {
  const tr = useT();
  const [done, setDone] = useState<string | null>(null);
  const [policyId, setPolicyId] = useState(catalog.refundPolicies[0]!.id);
  const [draft, setDraft] = useState<RefundPolicy | null>(null);
  const policy =
    catalog.refundPolicies.find((p) => p.id === policyId) ?? catalog.refundPolicies[0]!;
  return (
    <>
      <label className="bo-field">
        {tr.t('manage.policies.policy')}
        <select
          value={policy.id}
          onChange={(e) => {
            setDraft(null);
            setDone(null);
            setPolicyId(e.target.value);
          }}
        >
          {catalog.refundPolicies.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      {done && (
        <p className="bo-done" role="status">
          {done}
        </p>
      )}
      <PolicySummary policy={draft ?? policy} catalog={catalog} />
      {canWrite(who) && (
        <PolicyEditor
          key={`${policy.id}@${policy.version}`}
          policy={policy}
          catalog={catalog}
          who={who}
          onDraft={setDraft}
          onPublished={(text) => {
            setDone(text);
            reload();
          }}
        />
      )}
      <Preview key={policy.id} catalog={catalog} policy={draft ?? policy} draft={draft !== null} />
    </>
  );
}

function PolicySummary({
  policy,
  catalog,
}: {
  readonly policy: RefundPolicy;
  readonly catalog: Catalog;
}) {
  const tr = useT();
  const percent = (bp: number) => bp / 100;
  const fee = policy.fees.percent;
  return (
    <section aria-labelledby="policy-rules">
      <h2 id="policy-rules">{tr.t('manage.policies.rules', { name: policy.name })}</h2>
      <ul>
        {policy.windows.length === 0 && <li>{tr.t('manage.policies.noWindows')}</li>}
        {policy.windows.map((w) => (
          <li key={w.minHoursBefore}>
            {tr.t('manage.policies.window', {
              before: tr.duration(w.minHoursBefore),
              percent: percent(w.refundBp),
            })}
          </li>
        ))}
        {fee && fee.bp > 0 && (
          <li>{tr.t('manage.policies.percentFee', { percent: percent(fee.bp) })}</li>
        )}
        {policy.fees.fixedPerTicket && (
          <li>
            {tr.t('manage.policies.fixedFee', {
              fee: formatMoney(tr.locale, policy.fees.fixedPerTicket),
            })}
          </li>
        )}
        <li>
          {tr.t(
            policy.fees.bookingFee === 'returned'
              ? 'manage.policies.bookingFeeReturned'
              : 'manage.policies.bookingFeeKept',
          )}
        </li>
        <li>
          {tr.t('manage.policies.cancelledRule', { percent: percent(policy.cancelled.refundBp) })}
        </li>
        <li>
          {tr.t('manage.policies.postponedRule', { percent: percent(policy.postponed.refundBp) })}
        </li>
        <PolicyRulesSummary policy={policy} catalog={catalog} />
      </ul>
    </section>
  );
}

/** Who may refund, how refunds are paid back and which tiers are not refundable, in words. */
function PolicyRulesSummary({
  policy,
  catalog,
}: {
  readonly policy: RefundPolicy;
  readonly catalog: Catalog;
}) {
  const tr = useT();
  const money = (m: Parameters<typeof formatMoney>[1]) => formatMoney(tr.locale, m);
  const after = policy.approvals.afterDeadline;
  const cash = policy.methods.cash;
  const methods = [
    ...(policy.methods.originalTender ? [tr.t('refund.method.asPaid')] : []),
    ...(cash.allowed
      ? [
          tr.t(cash.onlyForCashPurchases ? 'manage.policies.cashForCash' : 'refund.method.cash') +
            (cash.maxAmount
              ? ` ${tr.t('manage.policies.atMost', { amount: money(cash.maxAmount) })}`
              : ''),
        ]
      : []),
    ...(policy.methods.voucher.allowed
      ? [
          policy.methods.voucher.bonusBp > 0
            ? tr.t('manage.policies.voucherBonus', {
                percent: policy.methods.voucher.bonusBp / 100,
              })
            : tr.t('refund.method.voucher'),
        ]
      : []),
  ];
  const tierName = (id: string) => {
    const t = catalog.tiers.find((x) => x.id === id);
    const event = t && catalog.events.find((e) => e.id === t.eventId);
    return t
      ? tr.t('manage.policies.edit.tierName', { event: event?.name ?? t.eventId, name: t.name })
      : id;
  };
  return (
    <>
      {policy.approvals.thresholds
        .filter((t) => t.role !== 'kiosk')
        .map((t) => (
          <li key={t.role}>
            {tr.t('manage.policies.limit', {
              role: tr.t(`staff.role.${t.role}` as MessageKey),
              amount: money(t.maxAmount),
            })}
          </li>
        ))}
      <li>
        {after === null
          ? tr.t('manage.policies.afterDeadlineNone')
          : tr.t('manage.policies.afterDeadline', {
              role: tr.t(`staff.role.${after.role}` as MessageKey),
              percent: after.maxRefundBp / 100,
            })}
      </li>
      <li>{tr.t('manage.policies.paidBack', { methods: methods.join(' · ') })}</li>
      {policy.nonRefundableTierIds.length > 0 && (
        <li>
          {tr.t('manage.policies.nonRefundableTiers', {
            tiers: policy.nonRefundableTierIds.map(tierName).join(', '),
          })}
        </li>
      )}
    </>
  );
}

function Preview({
  catalog,
  policy,
  draft,
}: {
  readonly catalog: Catalog;
  readonly policy: RefundPolicy;
  /** The policy is the editor's draft, not the published one. */
  readonly draft: boolean;
}) {
  const tr = useT();
  const tiers = catalog.tiers.filter((t) => t.refundPolicyId === policy.id);
  const [tierId, setTierId] = useState(tiers[0]?.id ?? '');
  const [days, setDays] = useState(7);
  const [hours, setHours] = useState(0);
  const [status, setStatus] = useState<PerformanceStatus>('scheduled');
  const [paidBy, setPaidBy] = useState<'cash' | 'card'>('card');
  const tier = tiers.find((t) => t.id === tierId) ?? tiers[0];
  const eventName = (id: string) => catalog.events.find((e) => e.id === id)?.name ?? id;
  // The clock is read once per question, so the answer does not move while it is read.
  const plan = useMemo(
    () =>
      tier === undefined
        ? null
        : previewRefund({
            catalog,
            policy,
            tier,
            hoursBefore: Math.max(0, days) * 24 + Math.max(0, hours),
            status,
            paidBy,
            nowMs: Date.now(),
          }),
    [catalog, policy, tier, days, hours, status, paidBy],
  );
  const money = (m: Parameters<typeof formatMoney>[1]) => formatMoney(tr.locale, m);
  if (tier === undefined) return <p>{tr.t('manage.policies.noTiers')}</p>;
  const paid = {
    amount: tier.price.amount + (tier.bookingFee?.amount ?? 0),
    currency: tier.price.currency,
  };
  return (
    <section aria-labelledby="policy-preview" className="bo-preview">
      <h2 id="policy-preview">{tr.t('manage.policies.previewTitle')}</h2>
      <p className="bo-sub">
        {tr.t(draft ? 'manage.policies.previewDraft' : 'manage.policies.previewExplain')}
      </p>
      <div className="bo-preview-question">
        <label className="bo-field">
          {tr.t('manage.policies.tier')}
          <select value={tier.id} onChange={(e) => setTierId(e.target.value)}>
            {tiers.map((t) => (
              <option key={t.id} value={t.id}>
                {tr.t('manage.policies.tierOption', {
                  event: eventName(t.eventId),
                  name: t.name,
                  price: money(t.price),
                })}
              </option>
            ))}
          </select>
        </label>
        <label className="bo-field">
          {tr.t('manage.policies.days')}
          <input
            type="number"
            min={0}
            max={3650}
            step={1}
            value={days}
            onChange={(e) => setDays(Math.max(0, Math.floor(Number(e.target.value) || 0)))}
          />
        </label>
        <label className="bo-field">
          {tr.t('manage.policies.hours')}
          <input
            type="number"
            min={0}
            max={23}
            step={1}
            value={hours}
            onChange={(e) =>
              setHours(Math.min(23, Math.max(0, Math.floor(Number(e.target.value) || 0))))
            }
          />
        </label>
        <label className="bo-field">
          {tr.t('manage.policies.status')}
          <select value={status} onChange={(e) => setStatus(e.target.value as PerformanceStatus)}>
            {(['scheduled', 'cancelled', 'postponed'] as const).map((s) => (
              <option key={s} value={s}>
                {tr.t(STATUS_KEY[s])}
              </option>
            ))}
          </select>
        </label>
        <label className="bo-field">
          {tr.t('manage.policies.paidBy')}
          <select value={paidBy} onChange={(e) => setPaidBy(e.target.value as 'cash' | 'card')}>
            <option value="card">{tr.t('tender.card')}</option>
            <option value="cash">{tr.t('tender.cash')}</option>
          </select>
        </label>
      </div>
      {plan === null ? null : !plan.ok ? (
        <p className="bo-error" role="alert">
          {tr.error(plan.error)}
        </p>
      ) : (
        <div className="bo-answer" aria-live="polite">
          <p className="bo-answer-total" data-figure="refund">
            {plan.value.anyRefundable
              ? tr.t('manage.policies.answer', {
                  amount: money(plan.value.total),
                  paid: money(paid),
                })
              : tr.t('manage.policies.answerNone', { paid: money(paid) })}
          </p>
          <ul>
            {plan.value.tickets[0]!.reasons.map((r) => (
              <li key={r.code}>{tr.reason(r)}</li>
            ))}
            {/* The fee reasons above already name each fee with its amount; the total line
                is for a fee no reason names (none today), so a fee is never listed twice. */}
            {plan.value.anyRefundable &&
              plan.value.fees.amount > 0 &&
              !plan.value.tickets[0]!.reasons.some((r) => r.code.startsWith('fee_')) && (
                <li>{tr.t('manage.policies.fee', { fee: money(plan.value.fees) })}</li>
              )}
            {plan.value.anyRefundable && (
              <li>
                {hasRole('cashier', plan.value.requiredRole)
                  ? tr.t('manage.policies.anyCashier')
                  : tr.t('manage.policies.whoMay', {
                      role: tr.t(`staff.role.${plan.value.requiredRole}` as MessageKey),
                    })}
              </li>
            )}
            {plan.value.overrideOffer && (
              <li>
                {tr.t('manage.policies.override', {
                  role: tr.t(`staff.role.${plan.value.overrideOffer.role}` as MessageKey),
                  percent: plan.value.overrideOffer.maxRefundBp / 100,
                })}
              </li>
            )}
          </ul>
          {plan.value.anyRefundable && (
            <table className="bo-table">
              <caption>{tr.t('manage.policies.methods')}</caption>
              <tbody>
                {plan.value.methods.map((m) => (
                  <tr key={m.method}>
                    <th scope="row">{tr.t(METHOD_KEY[m.method])}</th>
                    <td>
                      {m.available
                        ? money(m.paidOut)
                        : m.reason
                          ? tr.reason(m.reason)
                          : tr.t('manage.policies.methodNo')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
