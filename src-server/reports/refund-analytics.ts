import { z } from 'zod';
import { REFUND_REASONS, type DomainEntry } from '../../shared/journal/entry-types';
import type { Currency } from '../../shared/money/currency';
import { moneySchema, sum, type Money } from '../../shared/money/money';
import { reportFromTally } from '../../shared/shift/report';
import { belongs, tallyOf, TENDER_KINDS } from '../../shared/shift/tally';
import { figuresOf, sumFigures, type DayFigures } from './day-figures';
import { shiftParts } from './day-report';

/**
 * Refund analytics over a range of UTC days: the same fold as the day report (shiftParts,
 * tallyOf, reportFromTally, figuresOf, sumFigures), so a day's refund figures here ARE the day
 * report's; only what the day report does not carry (fees, payout methods, refunded amounts
 * per performance) is read from the refund entries the fold counted (`belongs`).
 */
export const BUCKETS = ['day', 'week'] as const;
export type Bucket = (typeof BUCKETS)[number];

const count = z.number().int().min(0);
/** Refunded tickets ÷ sold tickets in basis points (10000 = 100 %); null when none sold. */
const rateBp = z.number().int().min(0).nullable();
const figuresSchema = z.strictObject({
  refunds: z.strictObject({ count, tickets: count, amount: moneySchema }),
  sales: z.strictObject({ count, tickets: count, amount: moneySchema }),
  rateBp,
});
export type Figures = z.infer<typeof figuresSchema>;

export const refundAnalyticsSchema = z.strictObject({
  venueId: z.string(),
  from: z.string(),
  to: z.string(),
  bucket: z.enum(BUCKETS),
  timeZone: z.literal('UTC'),
  currency: z.string(),
  totals: figuresSchema,
  /** Day buckets, or ISO weeks (Monday to Sunday) clipped to the range; empty ones included. */
  buckets: z.array(z.strictObject({ start: z.string(), end: z.string(), ...figuresSchema.shape })),
  byReason: z.array(
    z.strictObject({
      reasonCode: z.enum(REFUND_REASONS),
      count,
      tickets: count,
      amount: moneySchema,
    }),
  ),
  byPerformance: z.array(
    z.strictObject({
      performanceId: z.string(),
      /** From the venue's newest catalog; null when it no longer lists the performance. */
      eventName: z.string().nullable(),
      startsAt: z.string().nullable(),
      sold: count,
      refunded: count,
      refundAmount: moneySchema,
      rateBp,
    }),
  ),
  byWindow: z.array(
    z.strictObject({ terminalId: z.string(), name: z.string().nullable(), ...figuresSchema.shape }),
  ),
  /** What the refunds paid out, by payout kind (one refund may pay out in two kinds). */
  byMethod: z.array(
    z.strictObject({
      method: z.enum(TENDER_KINDS as ['cash', 'card', 'voucher']),
      count,
      amount: moneySchema,
    }),
  ),
  feesKept: z.strictObject({
    refundFees: moneySchema,
    exchangeFees: moneySchema,
    total: moneySchema,
  }),
});
export type RefundAnalytics = z.infer<typeof refundAnalyticsSchema>;

export interface AnalyticsInput {
  readonly venueId: string;
  /** First and last UTC day, YYYY-MM-DD, inclusive. */
  readonly from: string;
  readonly to: string;
  readonly bucket: Bucket;
  readonly currency: Currency;
  /** Every stored entry of the range, by terminal and seq (journalRange). */
  readonly entries: readonly DomainEntry[];
  readonly earlierOpens: readonly DomainEntry[];
  readonly terminalNames: ReadonlyMap<string, string>;
  readonly performances: ReadonlyMap<string, { eventName: string; startsAt: string }>;
}

const DAY = 24 * 3600 * 1000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const msOf = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** The buckets of a range: [start, end] days, inclusive, in order. */
export function bucketsOf(
  from: string,
  to: string,
  bucket: Bucket,
): { start: string; end: string }[] {
  const out: { start: string; end: string }[] = [];
  const last = msOf(to);
  for (let t = msOf(from); t <= last;) {
    // ISO weeks start on Monday (getUTCDay: Sunday 0).
    const span = bucket === 'day' ? 1 : 7 - ((new Date(t).getUTCDay() + 6) % 7);
    const end = Math.min(t + (span - 1) * DAY, last);
    out.push({ start: dayOf(t), end: dayOf(end) });
    t = end + DAY;
  }
  return out;
}

export function rateOf(refunded: number, sold: number): number | null {
  return sold === 0 ? null : Math.round((refunded * 10000) / sold);
}

function figures(f: DayFigures): Figures {
  return {
    refunds: { count: f.refunds.count, tickets: f.refunds.tickets, amount: f.refunds.total },
    sales: { count: f.sales.count, tickets: f.sales.tickets, amount: f.sales.gross },
    rateBp: rateOf(f.refunds.tickets, f.sales.tickets),
  };
}

export function buildRefundAnalytics(input: AnalyticsInput, generatedAt: string): RefundAnalytics {
  const { currency } = input;
  const ranges = bucketsOf(input.from, input.to, input.bucket);
  const byBucket = new Map<string, DomainEntry[]>(ranges.map((r) => [r.start, []]));
  // Bucket of a day: the last bucket starting on or before it (ranges are in order).
  const bucketOfDay = new Map<string, string>();
  for (const r of ranges)
    for (let t = msOf(r.start); t <= msOf(r.end); t += DAY) bucketOfDay.set(dayOf(t), r.start);
  for (const e of input.entries) {
    const start = bucketOfDay.get(dayOf(Date.parse(e.at)));
    if (start !== undefined) byBucket.get(start)!.push(e);
  }
  const opens = [...input.earlierOpens, ...input.entries.filter((e) => e.type === 'shift_open')];

  const perBucket = new Map<string, DayFigures[]>();
  const perTerminal = new Map<string, DayFigures[]>();
  const all: DayFigures[] = [];
  const refundFees: Money[] = [];
  const methods = new Map(TENDER_KINDS.map((k) => [k, { count: 0, amounts: [] as Money[] }]));
  const performanceAmounts = new Map<string, Money[]>();
  for (const r of ranges) {
    const { parts } = shiftParts({
      venueId: input.venueId,
      date: r.start,
      currency,
      entries: byBucket.get(r.start)!,
      earlierOpens: opens,
    });
    const list: DayFigures[] = [];
    for (const part of parts) {
      const tally = tallyOf([part.open, ...part.entries]);
      const report = reportFromTally(tally, { kind: 'X', generatedAt });
      const f = figuresOf(report);
      list.push(f);
      all.push(f);
      const own = perTerminal.get(part.terminalId) ?? [];
      own.push(f);
      perTerminal.set(part.terminalId, own);
      refundFees.push(report.refunds.fees);
      for (const e of part.entries) {
        if (e.type !== 'refund' || !belongs(tally, e)) continue;
        for (const kind of new Set(e.payload.payouts.map((p) => p.kind)))
          methods.get(kind)!.count += 1;
        for (const p of e.payload.payouts) methods.get(p.kind)!.amounts.push(p.amount);
        for (const t of e.payload.tickets) {
          const was = performanceAmounts.get(t.performanceId) ?? [];
          was.push(t.amount);
          performanceAmounts.set(t.performanceId, was);
        }
      }
    }
    perBucket.set(r.start, list);
  }

  const totals = sumFigures(currency, all);
  const refundFeesTotal = sum(currency, refundFees);
  return {
    venueId: input.venueId,
    from: input.from,
    to: input.to,
    bucket: input.bucket,
    timeZone: 'UTC',
    currency,
    totals: figures(totals),
    buckets: ranges.map((r) => ({
      ...r,
      ...figures(sumFigures(currency, perBucket.get(r.start)!)),
    })),
    byReason: totals.refunds.byReason.map((b) => ({
      reasonCode: b.reasonCode,
      count: b.count,
      tickets: b.tickets,
      amount: b.total,
    })),
    byPerformance: totals.performances
      .filter((p) => p.sold > 0 || p.refunded > 0)
      .map((p) => {
        const known = input.performances.get(p.performanceId);
        return {
          performanceId: p.performanceId,
          eventName: known?.eventName ?? null,
          startsAt: known?.startsAt ?? null,
          sold: p.sold,
          refunded: p.refunded,
          refundAmount: sum(currency, performanceAmounts.get(p.performanceId) ?? []),
          rateBp: rateOf(p.refunded, p.sold),
        };
      })
      .sort((a, b) => b.refunded - a.refunded || (a.performanceId < b.performanceId ? -1 : 1)),
    byWindow: [...perTerminal.keys()].sort().map((terminalId) => ({
      terminalId,
      name: input.terminalNames.get(terminalId) ?? null,
      ...figures(sumFigures(currency, perTerminal.get(terminalId)!)),
    })),
    byMethod: TENDER_KINDS.map((method) => ({
      method,
      count: methods.get(method)!.count,
      amount: sum(currency, methods.get(method)!.amounts),
    })),
    feesKept: {
      refundFees: refundFeesTotal,
      exchangeFees: totals.exchanges.fees,
      total: sum(currency, [refundFeesTotal, totals.exchanges.fees]),
    },
  };
}
