import { z } from 'zod';
import { InvariantError, strictAssert } from '../util/assert';
import { currencyExponent, currencySchema, type Currency } from './currency';

/**
 * An amount of money: integer minor units (kopiyky, cents, fils) plus its currency. Never a
 * float, and combined only through the helpers here, so a mixed-currency sum or a fractional
 * unit is a programmer error caught at the first operation rather than a wrong total.
 */
export interface Money {
  readonly amount: number;
  readonly currency: Currency;
}

export const moneySchema = z.object({
  amount: z.number().refine(Number.isSafeInteger, {
    message: 'Amounts are whole minor units (e.g. 1250 = 12.50).',
  }),
  currency: currencySchema,
});

export const nonNegativeMoneySchema = moneySchema.refine((m) => m.amount >= 0, {
  message: 'The amount must not be negative.',
});

export const positiveMoneySchema = moneySchema.refine((m) => m.amount > 0, {
  message: 'The amount must be more than zero.',
});

export function money(amount: number, currency: Currency): Money {
  strictAssert(Number.isSafeInteger(amount), `money amount ${amount} is not a safe integer`);
  // -0 would survive JSON as 0 but compare oddly in tests; normalise it here once.
  return { amount: amount === 0 ? 0 : amount, currency };
}

export function zero(currency: Currency): Money {
  return { amount: 0, currency };
}

export function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new InvariantError(`Currency mismatch: ${a.currency} and ${b.currency}`);
  }
}

export function add(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amount + b.amount, a.currency);
}

export function subtract(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amount - b.amount, a.currency);
}

export function negate(a: Money): Money {
  return money(-a.amount, a.currency);
}

export function abs(a: Money): Money {
  return money(Math.abs(a.amount), a.currency);
}

/** a × an integer count (quantity of tickets); fractions go through percent helpers instead. */
export function multiply(a: Money, factor: number): Money {
  strictAssert(Number.isSafeInteger(factor), `multiply factor ${factor} must be an integer`);
  return money(a.amount * factor, a.currency);
}

export function sum(currency: Currency, items: Iterable<Money>): Money {
  let total = 0;
  for (const m of items) {
    if (m.currency !== currency) {
      throw new InvariantError(`Currency mismatch: ${currency} and ${m.currency}`);
    }
    total += m.amount;
  }
  return money(total, currency);
}

export function compare(a: Money, b: Money): -1 | 0 | 1 {
  assertSameCurrency(a, b);
  return a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0;
}

export function equals(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.amount === b.amount;
}

export const isZero = (a: Money): boolean => a.amount === 0;
export const isPositive = (a: Money): boolean => a.amount > 0;
export const isNegative = (a: Money): boolean => a.amount < 0;

export function min(a: Money, b: Money): Money {
  return compare(a, b) <= 0 ? a : b;
}

export function max(a: Money, b: Money): Money {
  return compare(a, b) >= 0 ? a : b;
}

/** Clamps into [low, high]; either bound may be omitted. */
export function clamp(a: Money, low?: Money, high?: Money): Money {
  let out = a;
  if (low && compare(out, low) < 0) out = low;
  if (high && compare(out, high) > 0) out = high;
  return out;
}

/**
 * Plain decimal text of an amount, "18.00", "-3.50", "1500" (JPY), "1.250" (KWD). Used in
 * English sentences for the cashier; locale-aware formatting is the UI's job (Intl).
 */
export function toDecimalString(a: Money): string {
  const exponent = currencyExponent(a.currency);
  const negative = a.amount < 0;
  const digits = Math.abs(a.amount)
    .toString()
    .padStart(exponent + 1, '0');
  const whole = exponent === 0 ? digits : digits.slice(0, digits.length - exponent);
  const frac = exponent === 0 ? '' : `.${digits.slice(digits.length - exponent)}`;
  return `${negative ? '-' : ''}${whole}${frac}`;
}

/** "18.00 UAH" — for messages the cashier reads out. */
export function describeMoney(a: Money): string {
  return `${toDecimalString(a)} ${a.currency}`;
}

/**
 * A running total in one currency without allocating a Money per addition: report code adds
 * tens of thousands of amounts and this keeps that allocation-free while still refusing a
 * foreign currency or a float.
 */
export class MoneyAccumulator {
  #amount = 0;
  constructor(readonly currency: Currency) {}

  add(m: Money): this {
    if (m.currency !== this.currency) {
      throw new InvariantError(`Currency mismatch: ${this.currency} and ${m.currency}`);
    }
    this.#amount += m.amount;
    return this;
  }

  subtract(m: Money): this {
    if (m.currency !== this.currency) {
      throw new InvariantError(`Currency mismatch: ${this.currency} and ${m.currency}`);
    }
    this.#amount -= m.amount;
    return this;
  }

  value(): Money {
    return money(this.#amount, this.currency);
  }
}
