import type { Currency } from '../../shared/money/currency';
import { sum, type Money } from '../../shared/money/money';
import { reportFromTally } from '../../shared/shift/report';
import { belongs, tallyOf, TENDER_KINDS, type TenderKindName } from '../../shared/shift/tally';
import { figuresOf, type DayFigures } from './day-figures';
import { shiftParts } from './day-report';
import type { JournalRange } from './journal-range';
import { windowRefundsByPerformance } from './window-refunds';

/**
 * What the refund analytics takes from one shift's part of a terminal's venue day: the day
 * report's figures of it, and what the day report does not carry (refund fees, payout
 * methods, refunded amounts per performance), read from the refund entries the fold counted
 * (`belongs`). Plain JSON: report_day_folds stores a terminal's day as a list of these.
 */
export interface PartFold {
  readonly shiftId: string;
  readonly figures: DayFigures;
  readonly refundFees: Money;
  /** Per payout kind (TENDER_KINDS order): refunds paying out in it, and what they paid. */
  readonly methods: readonly { method: TenderKindName; count: number; amount: Money }[];
  /** Refunded tickets' amounts by performance (lists, not records: ids are not trusted keys). */
  readonly refundedByPerformance: readonly { performanceId: string; amount: Money }[];
}

/**
 * The fold of one venue day's entries (a journalRange of that day, one terminal's or all):
 * the day report's grouping (shiftParts) and the shared tally (tallyOf, reportFromTally,
 * figuresOf) per shift part — the one place the analytics turns entries into figures. The
 * range already is the venue's day (journalRange read it so): the fold takes no venue or
 * date of its own to disagree with it.
 */
export function foldDay(currency: Currency, range: JournalRange, generatedAt: string): PartFold[] {
  const { parts } = shiftParts(range);
  return parts.map((part) => {
    const tally = tallyOf([part.open, ...part.entries]);
    const report = reportFromTally(tally, { kind: 'X', generatedAt });
    const methods = new Map(TENDER_KINDS.map((k) => [k, { count: 0, amounts: [] as Money[] }]));
    for (const e of part.entries) {
      if (e.type !== 'refund' || !belongs(tally, e)) continue;
      for (const kind of new Set(e.payload.payouts.map((p) => p.kind)))
        methods.get(kind)!.count += 1;
      for (const p of e.payload.payouts) methods.get(p.kind)!.amounts.push(p.amount);
    }
    return {
      shiftId: part.shiftId,
      figures: figuresOf(report),
      refundFees: report.refunds.fees,
      methods: TENDER_KINDS.map((method) => ({
        method,
        count: methods.get(method)!.count,
        amount: sum(currency, methods.get(method)!.amounts),
      })),
      refundedByPerformance: windowRefundsByPerformance(currency, tally, part.entries).map((p) => ({
        performanceId: p.performanceId,
        amount: p.amount,
      })),
    };
  });
}
