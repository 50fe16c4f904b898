import { z } from 'zod';
import { strictAssert } from '../util/assert';
import { clamp, money, type Money } from './money';
import { mulDivRounded, type RoundingMode } from './rounding';

/** Rates are basis points (1 bp = 0.01 %, 10 000 bp = 100 %) so no float ever holds a rate. */
export const BP_PER_WHOLE = 10_000;

export const basisPointsSchema = z
  .number()
  .int('Rates are whole basis points (1 % = 100).')
  .min(0, 'A rate cannot be negative.');

/** 0..100 %. */
export const shareBpSchema = basisPointsSchema.max(BP_PER_WHOLE, 'A share cannot exceed 100 %.');

export interface PercentOptions {
  readonly rounding: RoundingMode;
  readonly min?: Money | undefined;
  readonly max?: Money | undefined;
}

/**
 * `bp` basis points of `amount`, rounded as the caller names, then clamped to [min, max]
 * (e.g. "5 % fee, at least 2.00, at most 20.00"). Negative bp gives a discount-style negative.
 */
export function percentOf(amount: Money, bp: number, options: PercentOptions): Money {
  strictAssert(Number.isSafeInteger(bp), `basis points ${bp} must be an integer`);
  const raw = money(
    mulDivRounded(amount.amount, bp, BP_PER_WHOLE, options.rounding),
    amount.currency,
  );
  return clamp(raw, options.min, options.max);
}

/** amount × numerator / denominator, rounded (e.g. a share of an order fee). */
export function ratioOf(
  amount: Money,
  numerator: number,
  denominator: number,
  rounding: RoundingMode,
): Money {
  return money(mulDivRounded(amount.amount, numerator, denominator, rounding), amount.currency);
}
