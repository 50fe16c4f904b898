import { minorPerMajor } from '../money/currency';
import { max, money, multiply, type Money } from '../money/money';

/** How many times the cash due a customer may hand over before the till refuses the amount. */
export const CASH_TENDER_MULTIPLE = 10;
/** Whatever is due, a customer may hand over this much more in major units (one large note). */
export const CASH_TENDER_HEADROOM_MAJOR = 1_000;

/**
 * The most cash a till's screens take for `cashDue`: ten times what is due, and never less than
 * what is due plus one large note (₴24 paid with a ₴1,000 note is fine). Above it the amount is
 * a slip of the finger (1,000,000,000,000 typed for 2,440), not money handed over. A screen rule:
 * `settleTenders` does not refuse it (the change it computes is right whatever is handed over).
 */
export function cashTenderLimit(cashDue: Money): Money {
  const headroom = money(
    cashDue.amount + CASH_TENDER_HEADROOM_MAJOR * minorPerMajor(cashDue.currency),
    cashDue.currency,
  );
  return max(multiply(cashDue, CASH_TENDER_MULTIPLE), headroom);
}
