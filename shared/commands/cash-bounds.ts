import { currencyExponent } from '../money/currency';
import { describeMoney, money, type Money } from '../money/money';
import { err, ok, type Result } from '../util/result';

/**
 * The most cash one drawer entry may name: a float, a paid in / paid out / drop, a count.
 * A till drawer holds a few thousand; a million in the venue's currency is a typo (an extra
 * zero, a pasted number), never a real drawer. One bound, used by the commands and by the
 * shift screen before anything is sent, so the screen and the journal agree.
 */
export const DRAWER_AMOUNT_MAX_WHOLE_UNITS = 1_000_000;

export type DrawerAmountField = 'float' | 'counted' | 'amount';

export function drawerAmountMax(currency: Money['currency']): Money {
  return money(DRAWER_AMOUNT_MAX_WHOLE_UNITS * 10 ** currencyExponent(currency), currency);
}

const LABEL: Readonly<Record<DrawerAmountField, string>> = {
  float: 'The float',
  counted: 'The counted cash',
  amount: 'The amount',
};

/**
 * Refuses a drawer amount above the bound, naming the field and the fix; `details` carries the
 * field and the bound so a screen can say it in the cashier's language.
 */
export function checkDrawerAmount(
  field: DrawerAmountField,
  amount: Money,
): Result<Money, 'invalid_argument'> {
  const max = drawerAmountMax(amount.currency);
  if (amount.amount > max.amount)
    return err(
      'invalid_argument',
      `${LABEL[field]} is more than ${describeMoney(max)}, more than a drawer holds: check the amount and type it again.`,
      { field, max },
    );
  return ok(amount);
}
