import { minorPerMajor } from '../../shared/money/currency';
import { roundCash } from '../../shared/money/cash-rounding';
import { compare, max, subtract, sum, zero, type Money } from '../../shared/money/money';
import { settleTenders, type TenderInput } from '../../shared/orders/tenders';

/**
 * What the tender screen shows while the cashier takes payment: computed by the domain's own
 * `settleTenders` (with throwaway ids), so the screen and the committed sale never disagree
 * about change or cash rounding.
 */
export interface TenderSummary {
  readonly due: Money;
  /** Card and voucher payments so far. */
  readonly nonCash: Money;
  /** What is left to pay in cash, rounded to the smallest coin. */
  readonly cashDue: Money;
  readonly change: Money;
  /** True when the tenders settle the amount due: the sale can be confirmed. */
  readonly settled: boolean;
  /** Why not settled (underpaid, card over the amount due…), in English for the log. */
  readonly problem: { readonly code: string; readonly message: string } | null;
}

export function tenderSummary(
  due: Money,
  tenders: readonly TenderInput[],
  cashIncrement?: number,
): TenderSummary {
  const currency = due.currency;
  const nonCash = sum(
    currency,
    tenders.flatMap((t) => (t.kind === 'cash' ? [] : [t.amount])),
  );
  const cashDue = roundCash(max(subtract(due, nonCash), zero(currency)), cashIncrement).rounded;
  let seq = 0;
  const settled = settleTenders(due, tenders, () => `preview-${++seq}`, cashIncrement);
  if (settled.ok) {
    return { due, nonCash, cashDue, change: settled.value.change, settled: true, problem: null };
  }
  return {
    due,
    nonCash,
    cashDue,
    change: zero(currency),
    settled: false,
    problem: { code: settled.error.code, message: settled.error.message },
  };
}

/** Banknotes a cashier is most often handed, in major units (UAH, EUR, CNY alike). */
const NOTES = [50, 100, 200, 500, 1000];

/**
 * Quick-cash buttons: the exact amount (rounded to the smallest coin), then the next round
 * amounts a customer is likely to hand over. At most `limit` buttons, ascending, no repeats.
 */
export function quickCashAmounts(cashDue: Money, cashIncrement?: number, limit = 4): Money[] {
  if (compare(cashDue, zero(cashDue.currency)) <= 0) return [];
  const exact = roundCash(cashDue, cashIncrement).rounded;
  const unit = minorPerMajor(cashDue.currency);
  const out: Money[] = [exact];
  for (const note of NOTES) {
    // Rounding up to a multiple of the note: what a customer paying with such notes hands over.
    const next = roundCash(exact, note * unit, 'up').rounded;
    if (!out.some((m) => m.amount === next.amount)) out.push(next);
    if (out.length >= limit) break;
  }
  return out.sort((a, b) => compare(a, b));
}
