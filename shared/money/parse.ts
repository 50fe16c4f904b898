import { err, ok, type Result } from '../util/result';
import { currencyExponent, type Currency } from './currency';
import { money, type Money } from './money';

export interface ParseMoneyOptions {
  readonly allowNegative?: boolean;
  readonly allowZero?: boolean;
}

// Digits, optionally grouped by single spaces in threes ("1 234"), then one decimal
// separator (either "." or ","). Anything else — exponents, "+", letters, two separators,
// "1,234.50" — is refused rather than guessed at.
const AMOUNT = /^(-)?(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,](\d+))?$/;

/**
 * Parses an amount a person typed ("12.50", "12,50", "1 250", "-3.5" when negatives are
 * allowed) into minor units of `currency`. Strict: more decimals than the currency has
 * ("1.234" for UAH) is an error, not a rounding.
 */
export function parseMoney(
  text: string,
  currency: Currency,
  options: ParseMoneyOptions = {},
): Result<Money, 'invalid_amount'> {
  const trimmed = text.trim();
  const match = AMOUNT.exec(trimmed);
  if (!match) {
    return err(
      'invalid_amount',
      `"${text}" is not an amount. Type digits with at most one decimal point, like 12.50.`,
    );
  }
  const [, minus, wholeText, fracText = ''] = match;
  const exponent = currencyExponent(currency);
  if (fracText.length > exponent) {
    return err(
      'invalid_amount',
      exponent === 0
        ? `${currency} has no decimal places: type a whole amount.`
        : `${currency} has ${exponent} decimal places: "${text}" has ${fracText.length}.`,
    );
  }
  const digits = `${wholeText!.replace(/\D/g, '')}${fracText.padEnd(exponent, '0')}`;
  const units = Number(digits);
  if (!Number.isSafeInteger(units)) {
    return err('invalid_amount', `"${text}" is too large to be an amount.`);
  }
  const amount = minus ? -units : units;
  if (amount < 0 && !options.allowNegative) {
    return err('invalid_amount', 'The amount cannot be negative here.');
  }
  if (amount === 0 && options.allowZero === false) {
    return err('invalid_amount', 'The amount must be more than zero.');
  }
  return ok(money(amount, currency));
}
