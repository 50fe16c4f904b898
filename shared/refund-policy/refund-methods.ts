import { ROLES, type Role } from '../catalog/roles';
import { add, money, zero, type Money } from '../money/money';
import { percentOf } from '../money/percent';
import type { MethodOption, TenderBalance } from './evaluation-types';
import type { RefundPolicy } from './policy-schema';
import { reasons } from './reasons';

/**
 * How a refund may be paid out (original tender, cash, credit voucher) and who may give it:
 * the policy's method rules and approval thresholds, apart from the amounts `evaluate` works out.
 */

/**
 * The lowest role allowed to give `total` alone. A role not listed in the thresholds shares
 * the limit of the next listed role above it; a manager is unlimited unless listed.
 */
export function roleForAmount(
  policy: RefundPolicy,
  total: number,
): { role: Role; limitBelow: number | null } {
  const limits = roleLimits(policy);
  for (let i = 0; i < ROLES.length; i++) {
    if (total <= limits[i]!) {
      const below = i > 0 && Number.isFinite(limits[i - 1]!) ? limits[i - 1]! : null;
      return { role: ROLES[i]!, limitBelow: below };
    }
  }
  // Above every listed limit: the manager is the last word even past their own listed limit.
  return { role: 'manager', limitBelow: limits[ROLES.length - 2] ?? null };
}

const limitCache = new WeakMap<RefundPolicy['approvals'], number[]>();

function roleLimits(policy: RefundPolicy): number[] {
  let limits = limitCache.get(policy.approvals);
  if (!limits) {
    limits = new Array<number>(ROLES.length);
    let inherited = Number.POSITIVE_INFINITY;
    for (let i = ROLES.length - 1; i >= 0; i--) {
      for (const t of policy.approvals.thresholds)
        if (t.role === ROLES[i]) inherited = t.maxAmount.amount;
      limits[i] = inherited;
    }
    limitCache.set(policy.approvals, limits);
  }
  return limits;
}

export function methodOptions(
  policy: RefundPolicy,
  total: Money,
  tenders: readonly TenderBalance[] | undefined,
  allowance: number,
): MethodOption[] {
  const { methods } = policy;
  const currency = total.currency;
  let leftAll = 0;
  let leftCash = 0;
  if (tenders) {
    for (let i = 0; i < tenders.length; i++) {
      const t = tenders[i]!;
      const left = t.paid.amount - t.refunded.amount;
      leftAll += left;
      if (t.kind === 'cash') leftCash += left;
    }
  }
  const options: MethodOption[] = [];

  if (!methods.originalTender) {
    options.push({
      method: 'original_tender',
      available: false,
      max: zero(currency),
      reason: reasons.originalNotAllowed(),
    });
  } else {
    const max = tenders ? money(Math.min(leftAll, total.amount), currency) : total;
    const available = max.amount + allowance >= total.amount;
    options.push(
      available
        ? { method: 'original_tender', available, max }
        : { method: 'original_tender', available, max, reason: reasons.originalExhausted(max) },
    );
  }

  const cash = methods.cash;
  if (!cash.allowed) {
    options.push({
      method: 'cash',
      available: false,
      max: zero(currency),
      reason: reasons.cashNotAllowed(),
    });
  } else {
    const paidCash = tenders ? leftCash : null;
    if (cash.onlyForCashPurchases && paidCash !== null && paidCash <= 0) {
      options.push({
        method: 'cash',
        available: false,
        max: zero(currency),
        reason: reasons.cashOnlyForCash(),
      });
    } else {
      // Two caps: the policy's cash limit, and (for cash-only refunds) the cash the order took.
      const limit = cash.maxAmount?.amount ?? Number.POSITIVE_INFINITY;
      const took =
        cash.onlyForCashPurchases && paidCash !== null ? paidCash : Number.POSITIVE_INFINITY;
      const max = money(Math.min(total.amount, limit, took), currency);
      const available = limit >= total.amount && took + allowance >= total.amount;
      options.push(
        available
          ? { method: 'cash', available, max }
          : {
              method: 'cash',
              available,
              max,
              reason:
                limit < total.amount && cash.maxAmount
                  ? reasons.cashLimit(cash.maxAmount)
                  : reasons.cashPaidLess(money(took, currency)),
            },
      );
    }
  }

  const voucher = methods.voucher;
  if (!voucher.allowed) {
    options.push({
      method: 'voucher',
      available: false,
      max: zero(currency),
      reason: reasons.voucherNotAllowed(),
    });
  } else {
    const bonus = percentOf(total, voucher.bonusBp, { rounding: 'half_even' });
    const value = add(total, bonus);
    options.push({
      method: 'voucher',
      available: true,
      max: total,
      bonus,
      voucherValue: value,
      ...(bonus.amount > 0 ? { reason: reasons.voucherBonus(bonus, voucher.bonusBp, value) } : {}),
    });
  }
  return options;
}
