import type { Role } from '../../../shared/catalog/roles';
import { approvalCodeSchema } from '../../../shared/orders/tenders';
import { hasRole } from '../../../shared/catalog/roles';
import { REFUND_REASONS, type RefundReasonCode } from '../../../shared/journal/entry-types';
import type { RefundPlan } from '../../../shared/commands/plan-refund';
import type { RefundMethod } from '../../../shared/refund-policy/evaluate';
import { useState, type Ref } from 'react';
import { refundReasonKey } from '../../i18n';
import { OVERRIDE_REASON_MIN } from '../../flows/refund/refund-steps';
import { useText } from '../use-text';

type TenderKind = 'cash' | 'card' | 'voucher';

/**
 * "Refund to the original payment" in the words of what the customer paid with: a cashier
 * must not read "the original card" to someone who paid in cash.
 */
function originalKey(paidWith: readonly TenderKind[]) {
  const kinds = new Set(paidWith);
  if (kinds.size === 1 && kinds.has('card')) return 'refund.method.card' as const;
  if (kinds.size === 1 && kinds.has('cash')) return 'refund.method.asPaidCash' as const;
  return 'refund.method.asPaid' as const;
}

/**
 * The refund plan for the chosen tickets (the domain's `planRefund`, the decision the commit
 * makes), in sentences the cashier can read out, with the methods it allows and the reason.
 * Everything here is the refund flow's context; the choices go back to it as events. It is one
 * form: Enter anywhere in it (a method, the approval code) confirms, as the button does. The
 * amount and the button sit in the side panel's pinned confirm area; when the button is
 * disabled the sentence beside it says why, from the plan — the screen never recomputes.
 */
export function RefundDecision({
  plan,
  method,
  reason,
  staffRole,
  canConfirm,
  busy,
  cards,
  paidWith,
  cardApprovals,
  override,
  formRef,
  onMethod,
  onReason,
  onCardApproval,
  onOverride,
  onConfirm,
}: {
  readonly plan: RefundPlan;
  readonly method: RefundMethod | null;
  readonly reason: RefundReasonCode;
  readonly staffRole: Role;
  readonly canConfirm: boolean;
  /** Something is being checked or saved: the button waits, with no blame on the plan. */
  readonly busy: boolean;
  /** The order's card payments: a refund to them carries the card terminal's approval code. */
  readonly cards: readonly { readonly tenderId: string; readonly last4: string }[];
  /** How the order was paid (its tenders' kinds). */
  readonly paidWith: readonly TenderKind[];
  readonly cardApprovals: Readonly<Record<string, string>>;
  /** The after-deadline exception asked for, if any. */
  readonly override: { readonly reason: string } | null;
  readonly formRef?: Ref<HTMLFormElement>;
  readonly onMethod: (method: RefundMethod) => void;
  readonly onReason: (reason: RefundReasonCode) => void;
  readonly onCardApproval: (tenderId: string, approvalCode: string) => void;
  /** Ask the plan again with the exception (a reason) or without it (null). */
  readonly onOverride: (reason: string | null) => void;
  readonly onConfirm: () => void;
}) {
  const text = useText();
  const [overrideReason, setOverrideReason] = useState('');
  const chosen = plan.methods.find((m) => m.method === method && m.available);
  const sentences = [
    ...new Set(
      [...plan.tickets.flatMap((t) => t.reasons), ...plan.reasons].map((r) => text.tr.reason(r)),
    ),
  ];
  // Why Confirm is off, in the plan's own reasons: the refused tickets' last reason (the one
  // that decided), else the method's.
  const refusedWhy = plan.refusal
    ? [
        ...new Set(
          plan.tickets
            .filter((t) => !t.refundable)
            .flatMap((t) => t.reasons.slice(-1))
            .map((r) => text.tr.reason(r)),
        ),
      ].join(' ') || text.tr.error(plan.refusal)
    : null;
  // An approval code is checked as the command will check it (one schema), as it is typed.
  const badCode =
    method === 'original_tender'
      ? cards.find((c) => {
          const code = cardApprovals[c.tenderId] ?? '';
          return code.trim() !== '' && !approvalCodeSchema.safeParse(code).success;
        })
      : undefined;
  const codeProblem =
    badCode === undefined ? null : text('ui.refund.cardApprovalInvalid', { last4: badCode.last4 });
  const blocked =
    busy || (canConfirm && codeProblem === null)
      ? null
      : (codeProblem ??
        refusedWhy ??
        (chosen === undefined ? text('ui.refund.blocked.method') : text('ui.refund.blocked.wait')));
  const offer = plan.overrideOffer;
  const needsApproval = !hasRole(staffRole, plan.requiredRole);
  return (
    <form
      ref={formRef}
      className="refund-decision"
      aria-label={text('ui.refund.decision')}
      onSubmit={(e) => {
        e.preventDefault();
        if (canConfirm && codeProblem === null && !busy) onConfirm();
      }}
      onKeyDown={(e) => {
        // Enter on a method confirms the step, as on a text field.
        const target = e.target as HTMLElement;
        if (e.key === 'Enter' && target instanceof HTMLInputElement && target.type === 'radio') {
          e.preventDefault();
          e.currentTarget.requestSubmit();
        }
      }}
    >
      <h3>{text('ui.refund.decision')}</h3>
      <ul aria-label={text('ui.refund.decision')}>
        {sentences.map((sentence) => (
          <li key={sentence}>{sentence}</li>
        ))}
      </ul>
      <p>{text('refund.fee', { amount: plan.fees })}</p>
      {offer !== null || override !== null ? (
        <fieldset className="refund-override">
          <legend>{text('ui.refund.override.title')}</legend>
          {override !== null ? (
            <>
              <p>{text('ui.refund.override.asked', { reason: override.reason })}</p>
              <button type="button" onClick={() => onOverride(null)}>
                {text('ui.refund.override.drop')}
              </button>
            </>
          ) : offer !== null ? (
            <>
              <p>
                {text('ui.refund.override.offer', {
                  role: text(`staff.role.${offer.role}`),
                  percent: offer.maxRefundBp / 100,
                })}
              </p>
              <label>
                {text('ui.refund.override.reason')}
                <input
                  value={overrideReason}
                  autoComplete="off"
                  maxLength={500}
                  onChange={(e) => setOverrideReason(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key !== 'Enter') return;
                    e.preventDefault();
                    if (overrideReason.trim().length >= OVERRIDE_REASON_MIN)
                      onOverride(overrideReason);
                  }}
                />
              </label>
              <button
                type="button"
                disabled={overrideReason.trim().length < OVERRIDE_REASON_MIN}
                onClick={() => onOverride(overrideReason)}
              >
                {text('ui.refund.override.ask')}
              </button>
            </>
          ) : null}
        </fieldset>
      ) : null}
      <fieldset className="refund-methods">
        <legend>{text('refund.method')}</legend>
        {plan.methods.map((m) => (
          <label key={m.method} className="choice">
            <input
              type="radio"
              name="refund-method"
              disabled={!m.available}
              checked={method === m.method}
              onChange={() => onMethod(m.method)}
            />
            {text(
              m.method === 'original_tender'
                ? originalKey(paidWith)
                : m.method === 'cash'
                  ? 'refund.method.cash'
                  : 'refund.method.voucher',
            )}
            {!m.available && m.reason
              ? ` — ${text('ui.refund.unavailable', { why: text.tr.reason(m.reason) })}`
              : ''}
          </label>
        ))}
      </fieldset>
      {method === 'original_tender'
        ? cards.map((c) => (
            <label key={c.tenderId}>
              {text('ui.refund.cardApproval', { last4: c.last4 })}
              <input
                value={cardApprovals[c.tenderId] ?? ''}
                aria-invalid={badCode?.tenderId === c.tenderId ? true : undefined}
                aria-describedby={badCode?.tenderId === c.tenderId ? 'refund-blocked' : undefined}
                maxLength={12}
                autoComplete="off"
                onChange={(e) => onCardApproval(c.tenderId, e.target.value)}
              />
            </label>
          ))
        : null}
      <label>
        {text('ui.refund.reason')}
        <select value={reason} onChange={(e) => onReason(e.target.value as RefundReasonCode)}>
          {/* Every reason the reports count: a cashier records why, not only "customer request". */}
          {REFUND_REASONS.map((r) => (
            <option key={r} value={r}>
              {text(refundReasonKey(r))}
            </option>
          ))}
        </select>
      </label>
      <div className="flow-confirm">
        <p className="amount-due" aria-label={text('ui.refund.amountLabel')}>
          {text('refund.amount', { amount: plan.total })}
        </p>
        {chosen && chosen.paidOut.amount !== plan.total.amount ? (
          // Cash rounds down to the coin, a rounded-down sale holds a little less, a voucher
          // adds its bonus: the cashier reads out what actually changes hands.
          <p>{text('refund.paidOut', { amount: chosen.paidOut })}</p>
        ) : null}
        {needsApproval && plan.anyRefundable ? (
          <p>
            {plan.ownSale
              ? text('refund.ownSaleApproval', { role: text(`staff.role.${plan.requiredRole}`) })
              : text('refund.needsApproval', { role: text(`staff.role.${plan.requiredRole}`) })}
          </p>
        ) : null}
        {blocked !== null ? (
          <p id="refund-blocked" className="confirm-blocked" role="status">
            {blocked}
          </p>
        ) : null}
        <button
          type="submit"
          className="primary confirm"
          disabled={!canConfirm || codeProblem !== null || busy}
          aria-describedby={blocked !== null ? 'refund-blocked' : undefined}
        >
          {text('refund.confirm')}
        </button>
      </div>
    </form>
  );
}
