import { strictAssert } from '../util/assert';
import { money, type Money } from './money';

/**
 * Splits `total` in proportion to `weights` by largest remainder: every part is the floor of
 * its exact share, and the units left over go one each to the largest fractional remainders
 * (earlier index first on a tie). The parts always sum to `total` exactly.
 */
export function allocate(total: Money, weights: readonly number[]): Money[] {
  strictAssert(weights.length > 0, 'allocate needs at least one weight');
  let weightSum = 0;
  for (const w of weights) {
    strictAssert(Number.isSafeInteger(w) && w >= 0, `weight ${w} must be a non-negative integer`);
    weightSum += w;
  }
  strictAssert(Number.isSafeInteger(weightSum), 'weights sum beyond the safe integer range');
  if (weightSum === 0) {
    strictAssert(total.amount === 0, 'cannot allocate a non-zero amount over zero weights');
    return weights.map(() => money(0, total.currency));
  }
  const sign = total.amount < 0 ? -1 : 1;
  const units = Math.abs(total.amount);
  const parts: number[] = [];
  const remainders: number[] = [];
  let given = 0;
  const useBig = !Number.isSafeInteger(units * weightSum);
  for (const w of weights) {
    let q: number;
    let r: number;
    if (useBig) {
      const p = BigInt(units) * BigInt(w);
      const big = BigInt(weightSum);
      q = Number(p / big);
      r = Number(p % big);
    } else {
      const p = units * w;
      q = Math.floor(p / weightSum);
      r = p - q * weightSum;
    }
    parts.push(q);
    remainders.push(r);
    given += q;
  }
  let left = units - given;
  if (left > 0) {
    const order = weights.map((_, i) => i);
    order.sort((a, b) => remainders[b]! - remainders[a]! || a - b);
    for (const i of order) {
      if (left === 0) break;
      parts[i]! += 1;
      left -= 1;
    }
  }
  return parts.map((p) => money(sign * p, total.currency));
}

/** `total` in `count` near-equal parts; the first parts get the extra units. */
export function split(total: Money, count: number): Money[] {
  strictAssert(Number.isSafeInteger(count) && count > 0, `split count ${count} must be positive`);
  return allocate(total, new Array<number>(count).fill(1));
}
