import { z } from 'zod';
import { REFUND_REASONS } from '../../shared/journal/entry-types';
import type { Currency } from '../../shared/money/currency';
import { moneySchema, sum, type Money } from '../../shared/money/money';
import {
  foldRefundChannels,
  methodOfServerRefund,
  REFUND_CHANNELS,
} from '../../shared/orders/refund-channels';
import type { ServerRefund } from '../../shared/orders/server-refund';
import { TENDER_KINDS } from '../../shared/shift/tally';
import { sumFigures, type DayFigures } from './day-figures';
import type { TerminalDayFold } from './day-folds';
import {
  onlineFees,
  onlineLine,
  refundsByPerformance,
  refundsByReason,
  type OnlineLine,
  type OnlinePayout,
} from './online-payouts';

/**
 * Refund analytics over a range of the venue's days (its zone's calendar days): sums (sumFigures) of each terminal day's shift
 * parts as the day report folds them (foldDay in part-fold.ts: shiftParts, tallyOf,
 * reportFromTally, figuresOf), so a day's refund figures here ARE the day report's. The
 * folds come kept per terminal day (day-folds.ts): a year is ~1,500 sums, not 500,000 entries.
 * Every refund figure but the windows' own (`byWindow`) also counts the server's online
 * payouts of the range (online-payouts.ts: by their request's reason, their tickets'
 * performances, the day paid), each saying in `online` what of it they are — the refund fees
 * kept too (the request's fee).
 */
export const BUCKETS = ['day', 'week'] as const;
/**
 * What refunds paid out in, as the manager reads them: a till's payout kinds (TENDER_KINDS:
 * `card` is a window's card terminal) and `online_card`, the server's card refunds through the
 * payment provider — no window's terminal, so never counted as `card`. Vouchers are one kind
 * whoever issued them (`online` says which part the server did).
 */
export const PAYOUT_METHODS = ['cash', 'card', 'online_card', 'voucher'] as const;
export type PayoutMethod = (typeof PAYOUT_METHODS)[number];

/** A server payout's method here: its card refund is `online_card`, its voucher a `voucher`. */
export function payoutMethodOfServerRefund(r: Pick<ServerRefund, 'kind'>): PayoutMethod {
  return methodOfServerRefund(r) === 'card' ? 'online_card' : 'voucher';
}
export type Bucket = (typeof BUCKETS)[number];

const count = z.number().int().min(0);
/** Refunded tickets ÷ sold tickets in basis points (10000 = 100 %); null when none sold. */
const rateBp = z.number().int().min(0).nullable();
/** Of a refund figure: what the server paid online (its ledger), not at a window. */
const online = z.strictObject({ count, tickets: count, amount: moneySchema });
const figuresSchema = z.strictObject({
  refunds: z.strictObject({ count, tickets: count, amount: moneySchema, online }),
  sales: z.strictObject({ count, tickets: count, amount: moneySchema }),
  rateBp,
});
export type Figures = z.infer<typeof figuresSchema>;

export const refundAnalyticsSchema = z.strictObject({
  venueId: z.string(),
  from: z.string(),
  to: z.string(),
  bucket: z.enum(BUCKETS),
  /** The venue's time zone: `from`, `to` and the buckets are calendar days there. */
  timeZone: z.string(),
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
      online,
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
      /** Of `refunded` and `refundAmount`: paid online by the server. */
      online: z.strictObject({ tickets: count, amount: moneySchema }),
      rateBp,
    }),
  ),
  /** The windows' own refunds (online payouts are no window's: `online` is zero here). */
  byWindow: z.array(
    z.strictObject({ terminalId: z.string(), name: z.string().nullable(), ...figuresSchema.shape }),
  ),
  /**
   * What the refunds paid out, by payout method (one refund may pay out in two kinds): an
   * online payout to the card is `online_card` (never `card`, a window's terminal), an online
   * voucher `voucher`; `online` says what of a row the server paid (all of `online_card`).
   */
  byMethod: z.array(
    z.strictObject({
      method: z.enum(PAYOUT_METHODS),
      count,
      amount: moneySchema,
      online: z.strictObject({ count, amount: moneySchema }),
    }),
  ),
  /**
   * Fees the refunds and exchanges kept: `refundFees` the windows' refund fees (their journals;
   * a cash code paid at a window is one of them) and the online payouts' (their request's fee),
   * `online` saying what of it the online payouts kept and how many of them kept one.
   */
  feesKept: z.strictObject({
    refundFees: moneySchema,
    exchangeFees: moneySchema,
    total: moneySchema,
    online: z.strictObject({ count, amount: moneySchema }),
  }),
  /**
   * Every refund of the range by how it reached the customer: the windows' (the figures above,
   * the tills' journals) and the server's own online payouts (its ledger) — the day report's
   * `refundChannels`, by the same fold.
   */
  byChannel: z.array(
    z.strictObject({
      channel: z.enum(REFUND_CHANNELS),
      count,
      tickets: count,
      amount: moneySchema,
    }),
  ),
});
export type RefundAnalytics = z.infer<typeof refundAnalyticsSchema>;

export interface AnalyticsInput {
  readonly venueId: string;
  /** First and last day of the venue's zone, YYYY-MM-DD, inclusive. */
  readonly from: string;
  readonly to: string;
  readonly bucket: Bucket;
  readonly timeZone: string;
  readonly currency: Currency;
  /** The range's terminal days, folded (terminalDayFolds). */
  readonly folds: readonly TerminalDayFold[];
  readonly terminalNames: ReadonlyMap<string, string>;
  readonly performances: ReadonlyMap<string, { eventName: string; startsAt: string }>;
  /** The server's payouts recorded within the range (server_ledger rows), attributed. */
  readonly onlinePayouts: readonly OnlinePayout[];
}

// Calendar arithmetic on YYYY-MM-DD (midnight UTC stands for the date, whatever the zone).
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
    // ISO weeks start on Monday (getUTCDay of the date: Sunday 0).
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

/** The windows' figures with the online payouts' line added to their refunds. */
function figures(currency: Currency, f: DayFigures, paid: OnlineLine): Figures {
  const tickets = f.refunds.tickets + paid.tickets;
  return {
    refunds: {
      count: f.refunds.count + paid.count,
      tickets,
      amount: sum(currency, [f.refunds.total, paid.total]),
      online: { count: paid.count, tickets: paid.tickets, amount: paid.total },
    },
    sales: { count: f.sales.count, tickets: f.sales.tickets, amount: f.sales.gross },
    rateBp: rateOf(tickets, f.sales.tickets),
  };
}

export function buildRefundAnalytics(input: AnalyticsInput): RefundAnalytics {
  const { currency } = input;
  const ranges = bucketsOf(input.from, input.to, input.bucket);
  // Bucket of a day: the last bucket starting on or before it (ranges are in order).
  const bucketOfDay = new Map<string, string>();
  for (const r of ranges)
    for (let t = msOf(r.start); t <= msOf(r.end); t += DAY) bucketOfDay.set(dayOf(t), r.start);

  // Every figure is a sum over shift parts, so a bucket's (a week's) is the sum of its days'.
  const perBucket = new Map<string, DayFigures[]>(ranges.map((r) => [r.start, []]));
  const perTerminal = new Map<string, DayFigures[]>();
  const all: DayFigures[] = [];
  const refundFees: Money[] = [];
  const methods = new Map(TENDER_KINDS.map((k) => [k, { count: 0, amounts: [] as Money[] }]));
  const performanceAmounts = new Map<string, Money[]>();
  for (const fold of input.folds) {
    const start = bucketOfDay.get(fold.day);
    if (start === undefined) continue;
    for (const part of fold.parts) {
      perBucket.get(start)!.push(part.figures);
      all.push(part.figures);
      const own = perTerminal.get(fold.terminalId) ?? [];
      own.push(part.figures);
      perTerminal.set(fold.terminalId, own);
      refundFees.push(part.refundFees);
      for (const m of part.methods) {
        methods.get(m.method)!.count += m.count;
        methods.get(m.method)!.amounts.push(m.amount);
      }
      for (const p of part.refundedByPerformance) {
        const was = performanceAmounts.get(p.performanceId) ?? [];
        was.push(p.amount);
        performanceAmounts.set(p.performanceId, was);
      }
    }
  }

  const totals = sumFigures(currency, all);
  const payouts = input.onlinePayouts.filter((p) => bucketOfDay.has(p.day));
  const feesOnline = onlineFees(currency, payouts);
  const refundFeesTotal = sum(currency, [...refundFees, feesOnline.amount]);
  const channels = foldRefundChannels(
    currency,
    totals.refunds,
    payouts.map((p) => p.refund),
  );
  const none = onlineLine(currency, []);
  const soldOf = new Map(totals.performances.map((p) => [p.performanceId, p.sold]));
  const refundedOf = refundsByPerformance(
    currency,
    totals.performances
      .filter((p) => p.refunded > 0 || performanceAmounts.has(p.performanceId))
      .map((p) => ({
        performanceId: p.performanceId,
        tickets: p.refunded,
        amount: sum(currency, performanceAmounts.get(p.performanceId) ?? []),
      })),
    payouts,
  );
  return {
    venueId: input.venueId,
    from: input.from,
    to: input.to,
    bucket: input.bucket,
    timeZone: input.timeZone,
    currency,
    totals: figures(currency, totals, onlineLine(currency, payouts)),
    buckets: ranges.map((r) => ({
      ...r,
      ...figures(
        currency,
        sumFigures(currency, perBucket.get(r.start)!),
        onlineLine(
          currency,
          payouts.filter((p) => bucketOfDay.get(p.day) === r.start),
        ),
      ),
    })),
    byReason: refundsByReason(currency, totals.refunds.byReason, payouts).map((b) => ({
      reasonCode: b.reasonCode,
      count: b.count,
      tickets: b.tickets,
      amount: b.total,
      online: { count: b.online.count, tickets: b.online.tickets, amount: b.online.total },
    })),
    byPerformance: [
      ...new Set([
        ...totals.performances.filter((p) => p.sold > 0).map((p) => p.performanceId),
        ...refundedOf.map((p) => p.performanceId),
      ]),
    ]
      .map((performanceId) => {
        const known = input.performances.get(performanceId);
        const sold = soldOf.get(performanceId) ?? 0;
        const refunded = refundedOf.find((p) => p.performanceId === performanceId);
        const tickets = refunded?.tickets ?? 0;
        return {
          performanceId,
          eventName: known?.eventName ?? null,
          startsAt: known?.startsAt ?? null,
          sold,
          refunded: tickets,
          refundAmount: refunded?.amount ?? none.total,
          online: refunded?.online ?? { tickets: 0, amount: none.total },
          rateBp: rateOf(tickets, sold),
        };
      })
      .sort((a, b) => b.refunded - a.refunded || (a.performanceId < b.performanceId ? -1 : 1)),
    byWindow: [...perTerminal.keys()].sort().map((terminalId) => ({
      terminalId,
      name: input.terminalNames.get(terminalId) ?? null,
      ...figures(currency, sumFigures(currency, perTerminal.get(terminalId)!), none),
    })),
    byMethod: PAYOUT_METHODS.map((method) => {
      const paid = onlineLine(
        currency,
        payouts.filter((p) => payoutMethodOfServerRefund(p.refund) === method),
      );
      // The windows' payouts of this kind (none are `online_card`: no till pays out online).
      const windows = method === 'online_card' ? { count: 0, amounts: [] } : methods.get(method)!;
      return {
        method,
        count: windows.count + paid.count,
        amount: sum(currency, [...windows.amounts, paid.total]),
        online: { count: paid.count, amount: paid.total },
      };
    }),
    feesKept: {
      refundFees: refundFeesTotal,
      exchangeFees: totals.exchanges.fees,
      total: sum(currency, [refundFeesTotal, totals.exchanges.fees]),
      online: feesOnline,
    },
    byChannel: channels.lines.map((l) => ({
      channel: l.channel,
      count: l.count,
      tickets: l.tickets,
      amount: l.total,
    })),
  };
}
