import { strictAssert } from '../util/assert';
import { money, type Money } from './money';
import { mulDivRounded, type RoundingMode } from './rounding';

export interface CashRounded {
  /** What changes hands in cash. */
  readonly rounded: Money;
  /** rounded − exact; recorded on the sale so the books still balance to the unit. */
  readonly adjustment: Money;
}

/**
 * Rounds a cash amount to the smallest coin in circulation (`increment` minor units: 10 for
 * UAH since the 1–5 kopiyka coins were withdrawn, 5 for CHF). Halves go up by default, as
 * national cash-rounding rules do; increment 1 (or none) leaves the amount as it is.
 */
export function roundCash(
  amount: Money,
  increment: number | undefined,
  mode: RoundingMode = 'half_up',
): CashRounded {
  if (increment === undefined || increment === 1) {
    return { rounded: amount, adjustment: money(0, amount.currency) };
  }
  strictAssert(Number.isSafeInteger(increment) && increment > 1, 'cash increment must be > 1');
  const steps = mulDivRounded(amount.amount, 1, increment, mode);
  const rounded = money(steps * increment, amount.currency);
  return { rounded, adjustment: money(rounded.amount - amount.amount, amount.currency) };
}
