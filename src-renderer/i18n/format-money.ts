import type { Money } from '../../shared/money';
import { currencyExponent, toDecimalString } from '../../shared/money';
import type { Locale } from './locales';

const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: Locale, money: Money): Intl.NumberFormat {
  const key = `${locale}|${money.currency}`;
  let format = cache.get(key);
  if (format === undefined) {
    const digits = currencyExponent(money.currency);
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: money.currency,
      // "₴1,000.00" rather than "UAH 1,000.00" in English: the cashier reads it aloud.
      currencyDisplay: 'narrowSymbol',
      // Pin the digits to the currency's exponent so KWD shows 3 and JPY 0 whatever the locale's habit.
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    cache.set(key, format);
  }
  return format;
}

/**
 * Money for people, in the amount's own currency (the venue's) and the cashier's language.
 * The amount goes to Intl as an exact decimal string, never as a float, so 0.1 + 0.2 style
 * errors cannot reach a screen (Intl.NumberFormat v3 formats decimal strings exactly).
 */
export function formatMoney(locale: Locale, money: Money): string {
  // A decimal string like "-1234.50" is a StringNumericLiteral to the ES2023 Intl types.
  return numberFormat(locale, money).format(toDecimalString(money) as Intl.StringNumericLiteral);
}
