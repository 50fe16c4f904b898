import { add, money, negate, type Money } from './money';
import { mulDivRounded } from './rounding';
import { BP_PER_WHOLE } from './percent';

/** One VAT rate's share of tax-inclusive amounts. */
export interface TaxLine {
  readonly rateBp: number;
  readonly gross: Money;
  readonly tax: Money;
  readonly net: Money;
}

/**
 * The tax contained in a VAT-inclusive gross amount: gross × rate / (1 + rate), half-even.
 * Symmetric for negative amounts (refunds), so a sale and its full refund cancel exactly.
 */
export function includedTax(gross: Money, rateBp: number): Money {
  return money(
    mulDivRounded(gross.amount, rateBp, BP_PER_WHOLE + rateBp, 'half_even'),
    gross.currency,
  );
}

/**
 * Groups VAT-inclusive amounts by rate and computes the tax once per rate (not per line), the
 * way receipts and Z reports show it. Lines come back sorted by rate.
 */
export function taxBreakdown(
  lines: Iterable<{ readonly gross: Money; readonly rateBp: number }>,
): TaxLine[] {
  const byRate = new Map<number, Money>();
  for (const line of lines) {
    const prev = byRate.get(line.rateBp);
    byRate.set(line.rateBp, prev ? add(prev, line.gross) : line.gross);
  }
  return [...byRate.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([rateBp, gross]) => {
      const tax = includedTax(gross, rateBp);
      return { rateBp, gross, tax, net: money(gross.amount - tax.amount, gross.currency) };
    });
}

/** Adds tax breakdowns rate by rate (e.g. per-entry breakdowns into a shift total). */
export function mergeTaxLines(
  into: Map<number, TaxLine>,
  lines: readonly TaxLine[],
  sign: 1 | -1,
): void {
  for (const line of lines) {
    const l = sign === 1 ? line : negateTaxLine(line);
    const prev = into.get(l.rateBp);
    into.set(
      l.rateBp,
      prev
        ? {
            rateBp: l.rateBp,
            gross: add(prev.gross, l.gross),
            tax: add(prev.tax, l.tax),
            net: add(prev.net, l.net),
          }
        : l,
    );
  }
}

function negateTaxLine(line: TaxLine): TaxLine {
  return {
    rateBp: line.rateBp,
    gross: negate(line.gross),
    tax: negate(line.tax),
    net: negate(line.net),
  };
}
