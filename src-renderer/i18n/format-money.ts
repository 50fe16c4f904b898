import type { Money } from '../../shared/money';
import { formatMoney as formatMoneyIn } from '../../shared/money/format-money';
import type { Locale } from './locales';

/**
 * Money for people, in the amount's own currency (the venue's) and the cashier's language:
 * the shared formatter (shared/money/format-money.ts), which the server's sentences for
 * managers use too, so "₴600.00" reads the same on a till and in the back office.
 */
export function formatMoney(locale: Locale, money: Money): string {
  return formatMoneyIn(locale, money);
}
