import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  abs,
  add,
  allocate,
  clamp,
  compare,
  currencyExponent,
  describeMoney,
  divideRounded,
  equals,
  includedTax,
  isCurrency,
  isNegative,
  isPositive,
  isZero,
  max,
  min,
  minorPerMajor,
  money,
  MoneyAccumulator,
  moneySchema,
  mulDivRounded,
  multiply,
  negate,
  nonNegativeMoneySchema,
  parseMoney,
  percentOf,
  positiveMoneySchema,
  ratioOf,
  roundCash,
  split,
  subtract,
  sum,
  taxBreakdown,
  toDecimalString,
  zero,
  mergeTaxLines,
  type TaxLine,
} from '../../shared/money';
import { InvariantError } from '../../shared/util/assert';

const uah = (n: number) => money(n, 'UAH');

describe('money arithmetic', () => {
  it('adds, subtracts and compares within one currency', () => {
    expect(add(uah(1050), uah(250))).toEqual(uah(1300));
    expect(subtract(uah(1050), uah(2000))).toEqual(uah(-950));
    expect(compare(uah(1), uah(2))).toBe(-1);
    expect(compare(uah(2), uah(2))).toBe(0);
    expect(compare(uah(3), uah(2))).toBe(1);
    expect(min(uah(3), uah(2))).toEqual(uah(2));
    expect(max(uah(3), uah(2))).toEqual(uah(3));
    expect(negate(uah(5))).toEqual(uah(-5));
    expect(abs(uah(-5))).toEqual(uah(5));
    expect(multiply(uah(40000), 3)).toEqual(uah(120000));
    expect(sum('UAH', [uah(1), uah(2), uah(3)])).toEqual(uah(6));
    expect(equals(uah(1), money(1, 'EUR'))).toBe(false);
    expect([isZero(zero('JPY')), isPositive(uah(1)), isNegative(uah(-1))]).toEqual([
      true,
      true,
      true,
    ]);
    expect(clamp(uah(1), uah(200), uah(2000))).toEqual(uah(200));
    expect(clamp(uah(5000), uah(200), uah(2000))).toEqual(uah(2000));
    expect(clamp(uah(500))).toEqual(uah(500));
    expect(Object.is(money(-0, 'UAH').amount, 0)).toBe(true);
  });

  it('refuses mixed currencies, fractions and unsafe integers as programmer errors', () => {
    expect(() => add(uah(1), money(1, 'EUR'))).toThrow(InvariantError);
    expect(() => compare(uah(1), money(1, 'EUR'))).toThrow('Currency mismatch');
    expect(() => sum('UAH', [uah(1), money(1, 'EUR')])).toThrow('Currency mismatch');
    expect(() => money(1.5, 'UAH')).toThrow(InvariantError);
    expect(() => money(Number.NaN, 'UAH')).toThrow(InvariantError);
    expect(() => add(uah(Number.MAX_SAFE_INTEGER), uah(1))).toThrow(InvariantError);
    expect(() => multiply(uah(1), 1.5)).toThrow(InvariantError);
    const acc = new MoneyAccumulator('UAH');
    expect(() => acc.add(money(1, 'EUR'))).toThrow('Currency mismatch');
    expect(() => acc.subtract(money(1, 'EUR'))).toThrow('Currency mismatch');
  });

  it('knows each currency exponent', () => {
    expect(
      ['JPY', 'UAH', 'CNY', 'EUR', 'USD', 'GBP', 'PLN', 'KWD', 'BHD'].map((c) =>
        currencyExponent(c as never),
      ),
    ).toEqual([0, 2, 2, 2, 2, 2, 2, 3, 3]);
    expect(minorPerMajor('KWD')).toBe(1000);
    expect(isCurrency('UAH')).toBe(true);
    expect(isCurrency('XXX')).toBe(false);
    expect(isCurrency(42)).toBe(false);
  });

  it('writes plain decimals for messages', () => {
    expect(toDecimalString(uah(1800))).toBe('18.00');
    expect(toDecimalString(uah(-350))).toBe('-3.50');
    expect(toDecimalString(uah(5))).toBe('0.05');
    expect(toDecimalString(money(1500, 'JPY'))).toBe('1500');
    expect(toDecimalString(money(1250, 'KWD'))).toBe('1.250');
    expect(describeMoney(uah(1800))).toBe('18.00 UAH');
  });

  it('validates Money at boundaries with zod', () => {
    expect(moneySchema.safeParse({ amount: 12, currency: 'UAH' }).success).toBe(true);
    expect(moneySchema.safeParse({ amount: 1.2, currency: 'UAH' }).success).toBe(false);
    expect(moneySchema.safeParse({ amount: 12, currency: 'XYZ' }).error?.issues[0]?.message).toBe(
      'Unsupported currency "XYZ".',
    );
    expect(nonNegativeMoneySchema.safeParse(uah(-1)).success).toBe(false);
    expect(positiveMoneySchema.safeParse(uah(0)).success).toBe(false);
  });
});

describe('rounding', () => {
  const table: [number, number, 'half_even' | 'half_up' | 'down' | 'up', number][] = [
    [5, 2, 'half_even', 2],
    [7, 2, 'half_even', 4],
    [-5, 2, 'half_even', -2],
    [-7, 2, 'half_even', -4],
    [5, 2, 'half_up', 3],
    [-5, 2, 'half_up', -3],
    [7, 3, 'down', 2],
    [7, 3, 'up', 3],
    [-7, 3, 'up', -3],
    [6, 3, 'up', 2],
    [1, 3, 'half_even', 0],
    [2, 3, 'half_even', 1],
    [0, 7, 'up', 0],
  ];
  it.each(table)('%i / %i %s = %i', (n, d, mode, expected) => {
    expect(divideRounded(n, d, mode)).toBe(expected);
  });

  it('stays exact past 2^53 through BigInt', () => {
    // 9007199254740991 × 10000 / 10000 would lose units in floating point.
    expect(mulDivRounded(Number.MAX_SAFE_INTEGER, 10_000, 10_000, 'half_even')).toBe(
      Number.MAX_SAFE_INTEGER,
    );
    expect(mulDivRounded(Number.MAX_SAFE_INTEGER, 5_000, 10_000, 'half_even')).toBe(
      4503599627370496,
    );
    expect(mulDivRounded(-Number.MAX_SAFE_INTEGER, 5_000, 10_000, 'half_up')).toBe(
      -4503599627370496,
    );
    expect(mulDivRounded(Number.MAX_SAFE_INTEGER, 3, 7, 'down')).toBe(
      Number((BigInt(Number.MAX_SAFE_INTEGER) * 3n) / 7n),
    );
    expect(() => mulDivRounded(Number.MAX_SAFE_INTEGER, 3, 1, 'down')).toThrow(InvariantError);
    expect(() => divideRounded(1, 0, 'down')).toThrow(InvariantError);
  });

  it('rounds the same way past 2^53 in every mode', () => {
    const big = 2 ** 52 + 1; // × 3 leaves the safe range
    const exact = (BigInt(big) * 3n) / 2n; // remainder 1 of 2: an exact half
    expect(mulDivRounded(big, 3, 2, 'down')).toBe(Number(exact));
    expect(mulDivRounded(big, 3, 2, 'up')).toBe(Number(exact + 1n));
    expect(mulDivRounded(big, 3, 2, 'half_up')).toBe(Number(exact + 1n));
    // half-even goes to the even neighbour: up from an odd quotient, down from an even one
    const odd = (BigInt(2 ** 52 + 1) * 3n) / 2n;
    const even = (BigInt(2 ** 52 + 3) * 3n) / 2n;
    expect([odd % 2n, even % 2n]).toEqual([1n, 0n]);
    expect(mulDivRounded(2 ** 52 + 1, 3, 2, 'half_even')).toBe(Number(odd + 1n));
    expect(mulDivRounded(2 ** 52 + 3, 3, 2, 'half_even')).toBe(Number(even));
    expect(mulDivRounded(-big, 3, 2, 'down')).toBe(-Number(exact));
    expect(mulDivRounded(big, 3, -2, 'up')).toBe(-Number(exact + 1n));
    expect(mulDivRounded(big, 3, 3, 'up')).toBe(big);
    expect(() => mulDivRounded(big, 3, 2, 'sideways' as never)).toThrow(InvariantError);
    expect(() => divideRounded(5, 2, 'sideways' as never)).toThrow(InvariantError);
    expect(() => mulDivRounded(big, 3, 0, 'down')).toThrow(InvariantError);
  });

  it('agrees with BigInt arithmetic on any safe inputs (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e10, max: 1e10 }),
        fc.integer({ min: -100_000, max: 100_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.constantFrom('half_even' as const, 'half_up' as const, 'down' as const, 'up' as const),
        (v, m, d, mode) => {
          const got = mulDivRounded(v, m, d, mode);
          const p = BigInt(v) * BigInt(m);
          const exact = Number(p) / d;
          // Within one unit of the real quotient, and on the side the mode asks for.
          expect(Math.abs(got - exact)).toBeLessThanOrEqual(1);
          const q = p / BigInt(d);
          const r = p % BigInt(d);
          if (r === 0n) expect(got).toBe(Number(q));
        },
      ),
    );
  });
});

describe('allocate (largest remainder)', () => {
  it('splits with the leftover units going to the largest remainders', () => {
    expect(allocate(uah(100), [1, 1, 1]).map((m) => m.amount)).toEqual([34, 33, 33]);
    expect(allocate(uah(1000), [70, 30]).map((m) => m.amount)).toEqual([700, 300]);
    expect(allocate(uah(5), [3, 3, 4]).map((m) => m.amount)).toEqual([2, 1, 2]);
    expect(allocate(uah(-100), [1, 1, 1]).map((m) => m.amount)).toEqual([-34, -33, -33]);
    expect(allocate(uah(0), [0, 0]).map((m) => m.amount)).toEqual([0, 0]);
    expect(split(uah(1000), 3).map((m) => m.amount)).toEqual([334, 333, 333]);
    expect(() => allocate(uah(1), [0, 0])).toThrow(InvariantError);
    expect(() => allocate(uah(1), [])).toThrow(InvariantError);
    expect(() => allocate(uah(1), [-1, 2])).toThrow(InvariantError);
  });

  it('uses BigInt when amount × weights leaves the safe range', () => {
    const parts = allocate(uah(Number.MAX_SAFE_INTEGER), [1, 1]);
    expect(parts[0]!.amount + parts[1]!.amount).toBe(Number.MAX_SAFE_INTEGER);
    expect(parts.map((p) => p.amount)).toEqual([4503599627370496, 4503599627370495]);
  });

  it('always sums to the total and gives each part floor or ceil of its share (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc
          .array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 })
          .filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const parts = allocate(uah(total), weights);
          const W = weights.reduce((a, b) => a + b, 0);
          expect(parts.reduce((a, p) => a + p.amount, 0)).toBe(total);
          parts.forEach((p, i) => {
            const exact = (total * weights[i]!) / W;
            expect(Math.abs(p.amount - exact)).toBeLessThan(1);
          });
        },
      ),
    );
  });
});

describe('percentages', () => {
  it('rounds half-even and clamps to min/max', () => {
    // 5 % of 20.00 = 1.00, below the 2.00 minimum
    expect(
      percentOf(uah(2000), 500, { rounding: 'half_even', min: uah(200), max: uah(2000) }),
    ).toEqual(uah(200));
    // 5 % of 1000.00 = 50.00, above the 20.00 maximum
    expect(
      percentOf(uah(100000), 500, { rounding: 'half_even', min: uah(200), max: uah(2000) }),
    ).toEqual(uah(2000));
    // 12.5 % of 1.00 = 12.5 → 12 (even); of 3.00 = 37.5 → 38
    expect(percentOf(uah(100), 1250, { rounding: 'half_even' })).toEqual(uah(12));
    expect(percentOf(uah(300), 1250, { rounding: 'half_even' })).toEqual(uah(38));
    expect(percentOf(uah(100), 1250, { rounding: 'half_up' })).toEqual(uah(13));
    expect(percentOf(uah(1000), -2000, { rounding: 'half_even' })).toEqual(uah(-200));
    expect(ratioOf(uah(1000), 1, 3, 'half_even')).toEqual(uah(333));
    expect(() => percentOf(uah(1), 1.5, { rounding: 'half_even' })).toThrow(InvariantError);
  });
});

describe('VAT-inclusive tax', () => {
  it('extracts tax per rate from gross amounts', () => {
    // 20 % VAT inside 120.00 is 20.00
    expect(includedTax(uah(12000), 2000)).toEqual(uah(2000));
    expect(includedTax(uah(-12000), 2000)).toEqual(uah(-2000));
    const lines = taxBreakdown([
      { gross: uah(40000), rateBp: 2000 },
      { gross: uah(30000), rateBp: 700 },
      { gross: uah(1000), rateBp: 2000 },
      { gross: uah(500), rateBp: 0 },
    ]);
    expect(lines.map((l) => [l.rateBp, l.gross.amount, l.tax.amount, l.net.amount])).toEqual([
      [0, 500, 0, 500],
      [700, 30000, 1963, 28037],
      [2000, 41000, 6833, 34167],
    ]);
  });

  it('net + tax = gross on every line, and a full refund cancels the sale (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            amount: fc.integer({ min: 0, max: 10_000_000 }),
            rateBp: fc.constantFrom(0, 700, 2000, 2300),
          }),
          { maxLength: 20 },
        ),
        (raw) => {
          const lines = raw.map((r) => ({ gross: uah(r.amount), rateBp: r.rateBp }));
          const sale = taxBreakdown(lines);
          for (const l of sale) expect(l.net.amount + l.tax.amount).toBe(l.gross.amount);
          const refund = taxBreakdown(
            lines.map((l) => ({ gross: negate(l.gross), rateBp: l.rateBp })),
          );
          const into = new Map<number, TaxLine>();
          mergeTaxLines(into, sale, 1);
          mergeTaxLines(into, refund, 1);
          for (const l of into.values())
            expect([l.gross.amount, l.tax.amount, l.net.amount]).toEqual([0, 0, 0]);
          const back = new Map<number, TaxLine>();
          mergeTaxLines(back, sale, 1);
          mergeTaxLines(back, sale, -1);
          for (const l of back.values()) expect(l.tax.amount).toBe(0);
        },
      ),
    );
  });
});

describe('cash rounding', () => {
  it('rounds to the smallest coin, halves up, and records the adjustment', () => {
    expect(roundCash(uah(1246), 10)).toEqual({ rounded: uah(1250), adjustment: uah(4) });
    expect(roundCash(uah(1244), 10)).toEqual({ rounded: uah(1240), adjustment: uah(-4) });
    expect(roundCash(uah(1245), 10)).toEqual({ rounded: uah(1250), adjustment: uah(5) });
    expect(roundCash(money(1012, 'CHF'), 5)).toEqual({
      rounded: money(1010, 'CHF'),
      adjustment: money(-2, 'CHF'),
    });
    expect(roundCash(uah(1249), 10, 'down')).toEqual({ rounded: uah(1240), adjustment: uah(-9) });
    expect(roundCash(uah(1249), undefined)).toEqual({ rounded: uah(1249), adjustment: uah(0) });
    expect(roundCash(uah(1249), 1).rounded).toEqual(uah(1249));
    expect(() => roundCash(uah(1), 0)).toThrow(InvariantError);
  });
});

describe('parsing typed amounts', () => {
  const good: [string, string, number][] = [
    ['12.50', 'UAH', 1250],
    ['12,50', 'UAH', 1250],
    ['12,5', 'UAH', 1250],
    ['12', 'UAH', 1200],
    [' 7.05 ', 'UAH', 705],
    ['1 234,50', 'UAH', 123450],
    ['1\u00a0234.50', 'UAH', 123450],
    ['0', 'UAH', 0],
    ['1500', 'JPY', 1500],
    ['1.250', 'KWD', 1250],
    ['0.001', 'BHD', 1],
  ];
  it.each(good)('%s %s → %i', (text, currency, amount) => {
    const r = parseMoney(text, currency as never);
    expect(r).toEqual({ ok: true, value: money(amount, currency as never) });
  });

  const bad: [string, string, string][] = [
    ['1.234', 'UAH', '2 decimal places'],
    ['12.5', 'JPY', 'no decimal places'],
    ['-5', 'UAH', 'cannot be negative'],
    ['1e3', 'UAH', 'not an amount'],
    ['NaN', 'UAH', 'not an amount'],
    ['', 'UAH', 'not an amount'],
    ['12.', 'UAH', 'not an amount'],
    ['.5', 'UAH', 'not an amount'],
    ['+5', 'UAH', 'not an amount'],
    ['1,234.50', 'UAH', 'not an amount'],
    ['12 34', 'UAH', 'not an amount'],
    ['0x10', 'UAH', 'not an amount'],
    ['Infinity', 'UAH', 'not an amount'],
    ['99999999999999999', 'UAH', 'too large'],
  ];
  it.each(bad)('refuses %s (%s)', (text, currency, why) => {
    const r = parseMoney(text, currency as never);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_amount');
      expect(r.error.message).toContain(why);
    }
  });

  it('allows negatives or forbids zero only when asked', () => {
    expect(parseMoney('-3,50', 'UAH', { allowNegative: true })).toEqual({
      ok: true,
      value: uah(-350),
    });
    const zeroResult = parseMoney('0.00', 'UAH', { allowZero: false });
    expect(zeroResult.ok).toBe(false);
  });

  it('round-trips every amount through its decimal text (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e13, max: 1e13 }),
        fc.constantFrom('UAH' as const, 'JPY' as const, 'KWD' as const),
        (n, c) => {
          const m = money(n, c);
          expect(parseMoney(toDecimalString(m), c, { allowNegative: true })).toEqual({
            ok: true,
            value: m,
          });
        },
      ),
    );
  });
});
