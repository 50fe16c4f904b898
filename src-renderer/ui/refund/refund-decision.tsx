import type { Role } from '../../../shared/catalog/roles';
import { hasRole } from '../../../shared/catalog/roles';
import type { RefundReasonCode } from '../../../shared/journal/entry-types';
import type { RefundPlan } from '../../../shared/commands/plan-refund';
import type { RefundMethod } from '../../../shared/refund-policy/evaluate';
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
const REASONS: readonly RefundReasonCode[] = ['customer_request', 'performance_cancelled', 'other'];

/**
 * The refund plan for the chosen tickets (the domain's `planRefund`, the decision the commit
 * makes), in sentences the cashier can read out, with the methods it allows and the reason. Everything here is the refund flow's context; the
 * choices go back to it as events.
 */
export function RefundDecision({
  plan,
  method,
  reason,
  staffRole,
  canConfirm,
  cards,
  paidWith,
  cardApprovals,
  onMethod,
  onReason,
  onCardApproval,
  onConfirm,
}: {
  readonly plan: RefundPlan;
  readonly method: RefundMethod | null;
  readonly reason: RefundReasonCode;
  readonly staffRole: Role;
  readonly canConfirm: boolean;
  /** The order's card payments: a refund to them carries the card terminal's approval code. */
  readonly cards: readonly { readonly tenderId: string; readonly last4: string }[];
  /** How the order was paid (its tenders' kinds). */
  readonly paidWith: readonly TenderKind[];
  readonly cardApprovals: Readonly<Record<string, string>>;
  readonly onMethod: (method: RefundMethod) => void;
  readonly onReason: (reason: RefundReasonCode) => void;
  readonly onCardApproval: (tenderId: string, approvalCode: string) => void;
  readonly onConfirm: () => void;
}) {
  const text = useText();
  const chosen = plan.methods.find((m) => m.method === method && m.available);
  const sentences = [
    ...new Set(
      [...plan.tickets.flatMap((t) => t.reasons), ...plan.reasons].map((r) => text.tr.reason(r)),
    ),
  ];
  return (
    <>
      <h3>{text('ui.refund.decision')}</h3>
      <ul aria-label={text('ui.refund.decision')}>
        {sentences.map((sentence) => (
          <li key={sentence}>{sentence}</li>
        ))}
      </ul>
      <p>{text('refund.fee', { amount: plan.fees })}</p>
      <p className="total">{text('refund.amount', { amount: plan.total })}</p>
      {chosen && chosen.paidOut.amount !== plan.total.amount ? (
        // Cash rounds down to the coin, a rounded-down sale holds a little less, a voucher
        // adds its bonus: the cashier reads out what actually changes hands.
        <p>{text('refund.paidOut', { amount: chosen.paidOut })}</p>
      ) : null}
      <fieldset>
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
          {REASONS.map((r) => (
            <option key={r} value={r}>
              {text(`ui.refund.reason.${r}` as 'ui.refund.reason.other')}
            </option>
          ))}
        </select>
      </label>
      {hasRole(staffRole, plan.requiredRole) ? null : (
        <p>
          {plan.ownSale
            ? text('refund.ownSaleApproval', { role: text(`staff.role.${plan.requiredRole}`) })
            : text('refund.needsApproval', { role: text(`staff.role.${plan.requiredRole}`) })}
        </p>
      )}
      <button type="button" className="primary confirm" disabled={!canConfirm} onClick={onConfirm}>
        {text('refund.confirm')}
      </button>
    </>
  );
}
