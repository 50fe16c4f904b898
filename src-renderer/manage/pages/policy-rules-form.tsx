import type { PriceTier } from '../../../shared/catalog/schemas';
import { minorPerMajor } from '../../../shared/money/currency';
import { money } from '../../../shared/money/money';
import type { RefundPolicy } from '../../../shared/refund-policy/policy-schema';
import { useT, type MessageKey } from '../../i18n';

/**
 * The policy editor's second half (issue 13 item 7): who may give a refund alone, who may
 * still refund after the last window, how refunds are paid back, and which tiers are not
 * refundable at all. Text as typed; `rulesOf` turns it into the policy's own shape or names
 * the first problem, and the server's policy schema checks it again.
 */
export interface RulesForm {
  /** Major units as typed; blank: no limit of this role's own. */
  readonly cashierLimit: string;
  readonly supervisorLimit: string;
  readonly afterDeadlineRole: 'never' | 'supervisor' | 'manager';
  readonly afterDeadlinePercent: string;
  readonly originalTender: boolean;
  readonly cashAllowed: boolean;
  readonly cashOnlyForCash: boolean;
  /** Blank: no cap on cash. */
  readonly cashMax: string;
  readonly voucherAllowed: boolean;
  readonly voucherBonus: string;
  readonly nonRefundable: readonly string[];
}

type Rules = Pick<RefundPolicy, 'approvals' | 'methods' | 'nonRefundableTierIds'>;

const EDITED_ROLES = new Set(['cashier', 'supervisor']);

const number = (text: string): number | null => {
  const n = Number(text.trim().replace(',', '.'));
  return text.trim() === '' || !Number.isFinite(n) ? null : n;
};

export function rulesFormOf(policy: RefundPolicy): RulesForm {
  const per = minorPerMajor(policy.currency);
  const limit = (role: string) => {
    const t = policy.approvals.thresholds.find((x) => x.role === role);
    return t ? String(t.maxAmount.amount / per) : '';
  };
  const after = policy.approvals.afterDeadline;
  return {
    cashierLimit: limit('cashier'),
    supervisorLimit: limit('supervisor'),
    afterDeadlineRole:
      after === null ? 'never' : after.role === 'supervisor' ? 'supervisor' : 'manager',
    afterDeadlinePercent: String((after?.maxRefundBp ?? 10_000) / 100),
    originalTender: policy.methods.originalTender,
    cashAllowed: policy.methods.cash.allowed,
    cashOnlyForCash: policy.methods.cash.onlyForCashPurchases,
    cashMax:
      policy.methods.cash.maxAmount === undefined
        ? ''
        : String(policy.methods.cash.maxAmount.amount / per),
    voucherAllowed: policy.methods.voucher.allowed,
    voucherBonus: String(policy.methods.voucher.bonusBp / 100),
    nonRefundable: policy.nonRefundableTierIds,
  };
}

/** The form as the policy's rules, or the first problem in it (a message key). */
export function rulesOf(policy: RefundPolicy, form: RulesForm): Rules | MessageKey {
  const per = minorPerMajor(policy.currency);
  const amount = (text: string): number | null | 'bad' => {
    if (text.trim() === '') return null;
    const n = number(text);
    return n === null || n < 0 ? 'bad' : Math.round(n * per);
  };
  const cashier = amount(form.cashierLimit);
  const supervisor = amount(form.supervisorLimit);
  const cashMax = amount(form.cashMax);
  if (cashier === 'bad' || supervisor === 'bad' || cashMax === 'bad')
    return 'manage.policies.edit.badLimit';
  if (cashier !== null && supervisor !== null && cashier > supervisor)
    return 'manage.policies.edit.limitOrder';
  const afterPercent = number(form.afterDeadlinePercent);
  if (afterPercent === null || afterPercent < 0 || afterPercent > 100)
    return 'manage.policies.edit.badWindow';
  const bonus = number(form.voucherBonus);
  if (bonus === null || bonus < 0 || bonus > 100) return 'manage.policies.edit.badBonus';
  if (!form.originalTender && !form.cashAllowed && !form.voucherAllowed)
    return 'manage.policies.edit.noMethod';
  const thresholds = [
    // Limits of roles this form does not show (a kiosk's, a manager's own) are kept.
    ...policy.approvals.thresholds.filter((t) => !EDITED_ROLES.has(t.role)),
    ...(cashier === null
      ? []
      : [{ role: 'cashier' as const, maxAmount: money(cashier, policy.currency) }]),
    ...(supervisor === null
      ? []
      : [{ role: 'supervisor' as const, maxAmount: money(supervisor, policy.currency) }]),
  ];
  const { maxAmount: _cap, ...cash } = policy.methods.cash;
  return {
    approvals: {
      thresholds,
      afterDeadline:
        form.afterDeadlineRole === 'never'
          ? null
          : { role: form.afterDeadlineRole, maxRefundBp: Math.round(afterPercent * 100) },
    },
    methods: {
      originalTender: form.originalTender,
      cash: {
        ...cash,
        allowed: form.cashAllowed,
        onlyForCashPurchases: form.cashOnlyForCash,
        ...(cashMax === null ? {} : { maxAmount: money(cashMax, policy.currency) }),
      },
      voucher: { allowed: form.voucherAllowed, bonusBp: Math.round(bonus * 100) },
    },
    nonRefundableTierIds: [...form.nonRefundable],
  };
}

/** The fields of `RulesForm`; `tiers`: the tiers that sell under this policy. */
export function RulesFields({
  form,
  onChange,
  currency,
  tiers,
  eventName,
}: {
  readonly form: RulesForm;
  readonly onChange: (form: RulesForm) => void;
  readonly currency: string;
  readonly tiers: readonly PriceTier[];
  readonly eventName: (eventId: string) => string;
}) {
  const tr = useT();
  const set = (change: Partial<RulesForm>) => onChange({ ...form, ...change });
  const text = (key: MessageKey, value: string, field: keyof RulesForm) => (
    <label>
      {tr.t(key, { currency })}
      <input inputMode="decimal" value={value} onChange={(e) => set({ [field]: e.target.value })} />
    </label>
  );
  const check = (key: MessageKey, checked: boolean, field: keyof RulesForm) => (
    <label className="bo-tick">
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => set({ [field]: e.target.checked })}
      />
      {tr.t(key)}
    </label>
  );
  return (
    <>
      <fieldset className="bo-policy-rules">
        <legend>{tr.t('manage.policies.edit.approvals')}</legend>
        {text('manage.policies.edit.cashierLimit', form.cashierLimit, 'cashierLimit')}
        {text('manage.policies.edit.supervisorLimit', form.supervisorLimit, 'supervisorLimit')}
        <label>
          {tr.t('manage.policies.edit.afterDeadline')}
          <select
            value={form.afterDeadlineRole}
            onChange={(e) =>
              set({ afterDeadlineRole: e.target.value as RulesForm['afterDeadlineRole'] })
            }
          >
            <option value="manager">{tr.t('staff.role.manager')}</option>
            <option value="supervisor">{tr.t('staff.role.supervisor')}</option>
            <option value="never">{tr.t('manage.policies.edit.afterDeadlineNever')}</option>
          </select>
        </label>
        {form.afterDeadlineRole !== 'never' &&
          text(
            'manage.policies.edit.afterDeadlinePercent',
            form.afterDeadlinePercent,
            'afterDeadlinePercent',
          )}
      </fieldset>
      <fieldset className="bo-policy-rules">
        <legend>{tr.t('manage.policies.edit.methods')}</legend>
        {check('manage.policies.edit.originalTender', form.originalTender, 'originalTender')}
        {check('manage.policies.edit.cashAllowed', form.cashAllowed, 'cashAllowed')}
        {form.cashAllowed && (
          <>
            {check('manage.policies.edit.cashOnlyForCash', form.cashOnlyForCash, 'cashOnlyForCash')}
            {text('manage.policies.edit.cashMax', form.cashMax, 'cashMax')}
          </>
        )}
        {check('manage.policies.edit.voucherAllowed', form.voucherAllowed, 'voucherAllowed')}
        {form.voucherAllowed &&
          text('manage.policies.edit.voucherBonus', form.voucherBonus, 'voucherBonus')}
      </fieldset>
      {tiers.length > 0 && (
        <fieldset className="bo-policy-rules">
          <legend>{tr.t('manage.policies.edit.tiers')}</legend>
          {tiers.map((t) => (
            <label key={t.id} className="bo-tick">
              <input
                type="checkbox"
                checked={form.nonRefundable.includes(t.id)}
                onChange={(e) =>
                  set({
                    nonRefundable: e.target.checked
                      ? [...form.nonRefundable, t.id]
                      : form.nonRefundable.filter((id) => id !== t.id),
                  })
                }
              />
              {tr.t('manage.policies.edit.tierName', { event: eventName(t.eventId), name: t.name })}
            </label>
          ))}
        </fieldset>
      )}
    </>
  );
}
