import type { EntryLike, RefundReasonCode, StaffRef } from '../journal/entry-types';
import type { Currency } from '../money/currency';
import { money, type Money } from '../money/money';
import type { TaxLine } from '../money/tax';
import { strictAssert } from '../util/assert';
import type { ShiftTally, TenderKindName } from './tally';
import { expectedCash, TENDER_KINDS, tallyOf } from './tally';

export type { TenderKindName } from './tally';

export interface TenderTotals {
  readonly kind: TenderKindName;
  readonly in: Money;
  readonly out: Money;
  readonly net: Money;
}

export interface PerformanceTotals {
  readonly performanceId: string;
  readonly sold: number;
  readonly refunded: number;
  readonly voided: number;
  readonly exchangedOut: number;
  readonly exchangedIn: number;
  /** Tickets this shift added to the performance, net. */
  readonly net: number;
}

export interface ShiftReport {
  readonly kind: 'X' | 'Z';
  readonly shiftId: string;
  readonly openedAt: string;
  readonly openedBy: StaffRef;
  readonly generatedAt: string;
  readonly zNumber: number | null;
  readonly training: boolean;
  readonly currency: Currency;
  readonly entries: number;
  readonly sales: {
    readonly count: number;
    readonly tickets: number;
    readonly ticketsValue: Money;
    readonly bookingFees: Money;
    /** Σ price adjustments (negative = discounts given). */
    readonly adjustments: Money;
    readonly total: Money;
  };
  readonly refunds: {
    readonly count: number;
    readonly tickets: number;
    readonly total: Money;
    readonly fees: Money;
    readonly retained: Money;
    readonly voucherBonus: Money;
    readonly byReason: readonly {
      readonly reasonCode: RefundReasonCode;
      readonly count: number;
      readonly tickets: number;
      readonly total: Money;
    }[];
  };
  readonly exchanges: {
    readonly count: number;
    readonly ticketsReturned: number;
    readonly ticketsIssued: number;
    readonly collected: Money;
    readonly paidBack: Money;
    readonly fees: Money;
  };
  readonly voids: { readonly count: number; readonly tickets: number; readonly total: Money };
  /** VAT per rate, net of refunds, exchanges and voids. */
  readonly taxes: readonly TaxLine[];
  readonly performances: readonly PerformanceTotals[];
  readonly tenders: readonly TenderTotals[];
  readonly cash: {
    readonly float: Money;
    readonly in: Money;
    readonly out: Money;
    readonly paidIn: Money;
    readonly paidOut: Money;
    readonly drops: Money;
    /** float + in − out + paidIn − paidOut − drops. */
    readonly expected: Money;
  };
  readonly movements: {
    readonly paidIn: number;
    readonly paidOut: number;
    readonly drops: number;
    readonly noSales: number;
  };
  /** Σ tenders in − out: what the shift took. */
  readonly netTakings: Money;
  /** Blind count at close (Z only) and the difference to expected. */
  readonly counted: Money | null;
  readonly overShort: Money | null;
}

export interface ReportOptions {
  readonly kind: 'X' | 'Z';
  readonly generatedAt: string;
  readonly zNumber?: number | null;
  readonly counted?: Money | null;
}

/**
 * X (any time) or Z (at close) report of one shift, computed from its journal entries only:
 * `entries` starts with the shift's `shift_open` and runs in journal order; entries of other
 * shifts, and training entries in a real shift (or real ones in a training shift), are skipped.
 */
export function buildShiftReport(
  entries: readonly EntryLike[],
  options: ReportOptions,
): ShiftReport {
  return reportFromTally(tallyOf(entries), options);
}

/** The report of a shift from its running tally (see tally.ts): no journal read. */
export function reportFromTally(t: ShiftTally, options: ReportOptions): ShiftReport {
  const c = t.currency;
  const m = (amount: number): Money => money(amount, c);
  const tenders = TENDER_KINDS.map((kind): TenderTotals => ({
    kind,
    in: m(t.tendersIn[kind]),
    out: m(t.tendersOut[kind]),
    net: m(t.tendersIn[kind] - t.tendersOut[kind]),
  }));
  const expected = expectedCash(t);
  const countedCash = options.counted ?? null;
  if (countedCash) strictAssert(countedCash.currency === c, 'counted cash in another currency');
  const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return {
    kind: options.kind,
    shiftId: t.shiftId,
    openedAt: t.openedAt,
    openedBy: t.openedBy,
    generatedAt: options.generatedAt,
    zNumber: options.zNumber ?? null,
    training: t.training,
    currency: c,
    entries: t.entries,
    sales: {
      count: t.sales.count,
      tickets: t.sales.tickets,
      ticketsValue: m(t.sales.ticketsValue),
      bookingFees: m(t.sales.bookingFees),
      adjustments: m(t.sales.adjustments),
      total: m(t.sales.total),
    },
    refunds: {
      count: t.refunds.count,
      tickets: t.refunds.tickets,
      total: m(t.refunds.total),
      fees: m(t.refunds.fees),
      retained: m(t.refunds.retained),
      voucherBonus: m(t.refunds.voucherBonus),
      byReason: (
        Object.entries(t.refunds.byReason) as [
          RefundReasonCode,
          { count: number; tickets: number; total: number },
        ][]
      )
        .sort((a, b) => byCode(a[0], b[0]))
        .map(([reasonCode, r]) => ({
          reasonCode,
          count: r.count,
          tickets: r.tickets,
          total: m(r.total),
        })),
    },
    exchanges: {
      count: t.exchanges.count,
      ticketsReturned: t.exchanges.ticketsReturned,
      ticketsIssued: t.exchanges.ticketsIssued,
      collected: m(t.exchanges.collected),
      paidBack: m(t.exchanges.paidBack),
      fees: m(t.exchanges.fees),
    },
    voids: { count: t.voids.count, tickets: t.voids.tickets, total: m(t.voids.total) },
    taxes: Object.entries(t.taxes)
      .map(([rateBp, a]): TaxLine => ({
        rateBp: Number(rateBp),
        gross: m(a.gross),
        tax: m(a.tax),
        net: m(a.net),
      }))
      .sort((a, b) => a.rateBp - b.rateBp),
    performances: Object.entries(t.performances)
      .sort((a, b) => byCode(a[0], b[0]))
      .map(([performanceId, p]) => ({
        performanceId,
        ...p,
        net: p.sold + p.exchangedIn - p.refunded - p.voided - p.exchangedOut,
      })),
    tenders,
    cash: {
      float: t.float,
      in: tenders[0]!.in,
      out: tenders[0]!.out,
      paidIn: m(t.cash.paidIn),
      paidOut: m(t.cash.paidOut),
      drops: m(t.cash.drops),
      expected,
    },
    movements: { ...t.movements },
    netTakings: m(tenders.reduce((sum, x) => sum + x.net.amount, 0)),
    counted: countedCash,
    overShort: countedCash ? m(countedCash.amount - expected.amount) : null,
  };
}
