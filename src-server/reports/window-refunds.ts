import type { DomainEntry } from '../../shared/journal/entry-types';
import type { Currency } from '../../shared/money/currency';
import { sum, type Money } from '../../shared/money/money';
import { belongs, type ShiftTally } from '../../shared/shift/tally';

/**
 * A shift part's refunded tickets and their amounts by performance, read from the refund
 * entries its tally counted (`belongs`): the refund analytics' fold (part-fold.ts) and the
 * day report both take the windows' per-performance refunds from here.
 */
export function windowRefundsByPerformance(
  currency: Currency,
  tally: ShiftTally,
  entries: readonly DomainEntry[],
): { performanceId: string; tickets: number; amount: Money }[] {
  const performances = new Map<string, Money[]>();
  for (const e of entries) {
    if (e.type !== 'refund' || !belongs(tally, e)) continue;
    for (const t of e.payload.tickets) {
      const was = performances.get(t.performanceId) ?? [];
      was.push(t.amount);
      performances.set(t.performanceId, was);
    }
  }
  return [...performances].map(([performanceId, amounts]) => ({
    performanceId,
    tickets: amounts.length,
    amount: sum(currency, amounts),
  }));
}
