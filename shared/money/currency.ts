import { z } from 'zod';

/**
 * ISO 4217 currencies the box office handles, with their minor-unit exponent. The list is
 * closed on purpose: an amount in a currency we do not know the exponent of cannot be stored
 * as integer minor units safely.
 */
export const CURRENCY_EXPONENTS = {
  UAH: 2,
  EUR: 2,
  USD: 2,
  GBP: 2,
  PLN: 2,
  CNY: 2,
  CHF: 2,
  JPY: 0,
  KWD: 3,
  BHD: 3,
} as const;

export type Currency = keyof typeof CURRENCY_EXPONENTS;

export const CURRENCIES = Object.keys(CURRENCY_EXPONENTS) as Currency[];

export const currencySchema = z.enum(CURRENCIES as [Currency, ...Currency[]], {
  error: (issue) => `Unsupported currency ${JSON.stringify(issue.input)}.`,
});

export function isCurrency(value: unknown): value is Currency {
  return typeof value === 'string' && Object.hasOwn(CURRENCY_EXPONENTS, value);
}

export function currencyExponent(currency: Currency): number {
  return CURRENCY_EXPONENTS[currency];
}

/** 10^exponent: how many minor units make one major unit (100 for UAH, 1 for JPY). */
export function minorPerMajor(currency: Currency): number {
  return 10 ** CURRENCY_EXPONENTS[currency];
}
