import { InvariantError, strictAssert } from '../util/assert';

/**
 * How a quotient that falls between two integers is settled. Money code names the mode at
 * every call site; there is no default hidden in a helper.
 * - half_even: banker's rounding, no bias over many operations (percentages, tax).
 * - half_up: halves away from zero (cash rounding in CH/UA/Nordics).
 * - down / up: toward / away from zero.
 */
export type RoundingMode = 'half_even' | 'half_up' | 'down' | 'up';

/**
 * numerator / denominator rounded to an integer. Works in plain numbers while the product fits
 * in 2^53 and switches to BigInt beyond, so a large amount times a rate never loses a unit.
 */
export function divideRounded(numerator: number, denominator: number, mode: RoundingMode): number {
  strictAssert(Number.isSafeInteger(numerator), `numerator ${numerator} is not a safe integer`);
  strictAssert(
    Number.isSafeInteger(denominator) && denominator !== 0,
    `denominator ${denominator} must be a non-zero safe integer`,
  );
  const sign = Math.sign(numerator) * Math.sign(denominator);
  const n = Math.abs(numerator);
  const d = Math.abs(denominator);
  // Float division of values near 2^53 can land one off; the remainder check corrects it.
  let q = Math.floor(n / d);
  let r = n - q * d;
  if (r < 0) {
    q -= 1;
    r += d;
  } else if (r >= d) {
    q += 1;
    r -= d;
  }
  return sign * (q + roundUpBy(q, r, d, mode)) || 0;
}

/** (value × multiplier) / divisor, rounded; exact for any safe-integer inputs. */
export function mulDivRounded(
  value: number,
  multiplier: number,
  divisor: number,
  mode: RoundingMode,
): number {
  const product = value * multiplier;
  if (Number.isSafeInteger(product)) return divideRounded(product, divisor, mode);
  return bigMulDiv(value, multiplier, divisor, mode);
}

function bigMulDiv(value: number, multiplier: number, divisor: number, mode: RoundingMode): number {
  strictAssert(
    Number.isSafeInteger(value) && Number.isSafeInteger(multiplier),
    'mulDiv operands must be safe integers',
  );
  strictAssert(Number.isSafeInteger(divisor) && divisor !== 0, 'divisor must be non-zero');
  const product = BigInt(value) * BigInt(multiplier);
  const d = BigInt(divisor);
  const negative = product < 0n !== d < 0n && product !== 0n;
  const n = product < 0n ? -product : product;
  const ad = d < 0n ? -d : d;
  const q = n / ad;
  const r = n - q * ad;
  const twice = 2n * r;
  let bump = 0n;
  if (r !== 0n) {
    switch (mode) {
      case 'down':
        break;
      case 'up':
        bump = 1n;
        break;
      case 'half_up':
        bump = twice >= ad ? 1n : 0n;
        break;
      case 'half_even':
        bump = twice > ad || (twice === ad && q % 2n === 1n) ? 1n : 0n;
        break;
      default:
        throw new InvariantError(`Unhandled rounding mode ${String(mode)}`);
    }
  }
  const result = (q + bump) * (negative ? -1n : 1n);
  strictAssert(
    result <= BigInt(Number.MAX_SAFE_INTEGER) && result >= BigInt(Number.MIN_SAFE_INTEGER),
    'rounded result exceeds the safe integer range',
  );
  return Number(result);
}

function roundUpBy(q: number, r: number, d: number, mode: RoundingMode): number {
  if (r === 0) return 0;
  switch (mode) {
    case 'down':
      return 0;
    case 'up':
      return 1;
    case 'half_up':
      return 2 * r >= d ? 1 : 0;
    case 'half_even':
      return 2 * r > d || (2 * r === d && q % 2 === 1) ? 1 : 0;
    default:
      throw new InvariantError(`Unhandled rounding mode ${String(mode)}`);
  }
}
