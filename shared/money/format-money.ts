import { currencyExponent } from './currency';
import { toDecimalString, type Money } from './money';

const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, money: Money): Intl.NumberFormat {
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
 * Money for people on a screen or in a sentence ("₴600.00" in en), in the amount's own
 * currency and the reader's language (a BCP 47 tag: the till's `en`, `uk`, `zh-Hans`). The one
 * formatter of the till's screens (src-renderer/i18n) and the server's sentences for managers;
 * slips have their own (shared/slips/money-format.ts: printer code pages lack "₴"). The amount
 * goes to Intl as an exact decimal string, never as a float, so 0.1 + 0.2 style errors cannot
 * reach a reader (Intl.NumberFormat v3 formats decimal strings exactly).
 */
export function formatMoney(locale: string, money: Money): string {
  // A decimal string like "-1234.50" is a StringNumericLiteral to the ES2023 Intl types.
  return numberFormat(locale, money).format(toDecimalString(money) as Intl.StringNumericLiteral);
}
