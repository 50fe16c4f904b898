import { z } from 'zod';
import { REFUND_REASONS, type RefundReasonCode } from '../../shared/journal/entry-types';
import type { Currency } from '../../shared/money/currency';
import { moneySchema, sum, type Money } from '../../shared/money/money';
import type { ShiftReport } from '../../shared/shift/report';

/**
 * The figures of a reports answer: one day, one terminal's day, one shift's Z. Taken from a
 * shared ShiftReport (figuresOf) — built by the shared fold, never re-derived here — and
 * added up with the shared money helpers (sumFigures).
 */
const count = z.number().int().min(0);
/** One refund reason's refunds of a day (the day report's every-channel rows extend it). */
export const reasonRefundsSchema = z.strictObject({
  reasonCode: z.enum(REFUND_REASONS),
  count,
  tickets: count,
  total: moneySchema,
});

export const dayFiguresSchema = z.strictObject({
  sales: z.strictObject({ count, tickets: count, gross: moneySchema }),
  refunds: z.strictObject({
    count,
    tickets: count,
    total: moneySchema,
    byReason: z.array(reasonRefundsSchema),
  }),
  exchanges: z.strictObject({
    count,
    ticketsReturned: count,
    ticketsIssued: count,
    collected: moneySchema,
    paidBack: moneySchema,
    fees: moneySchema,
  }),
  voids: z.strictObject({ count, tickets: count, total: moneySchema }),
  /** Cash tendered in and paid back, and the drawer movements (the float is not a movement). */
  cash: z.strictObject({
    in: moneySchema,
    out: moneySchema,
    paidIn: moneySchema,
    paidOut: moneySchema,
    drops: moneySchema,
  }),
  /** Tickets per performance (sold, refunded, voided, exchanged out and in, net). */
  performances: z.array(
    z.strictObject({
      performanceId: z.string(),
      sold: z.number().int(),
      refunded: z.number().int(),
      voided: z.number().int(),
      exchangedOut: z.number().int(),
      exchangedIn: z.number().int(),
      net: z.number().int(),
    }),
  ),
});
export type DayFigures = z.infer<typeof dayFiguresSchema>;

export function figuresOf(r: ShiftReport): DayFigures {
  return {
    sales: { count: r.sales.count, tickets: r.sales.tickets, gross: r.sales.total },
    refunds: {
      count: r.refunds.count,
      tickets: r.refunds.tickets,
      total: r.refunds.total,
      byReason: r.refunds.byReason.map((b) => ({ ...b })),
    },
    exchanges: { ...r.exchanges },
    voids: { ...r.voids },
    cash: {
      in: r.cash.in,
      out: r.cash.out,
      paidIn: r.cash.paidIn,
      paidOut: r.cash.paidOut,
      drops: r.cash.drops,
    },
    performances: r.performances.map((p) => ({ ...p })),
  };
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The sum of several figures (none: all zero), lists sorted by their codes like a report's. */
export function sumFigures(currency: Currency, list: readonly DayFigures[]): DayFigures {
  const total = (pick: (f: DayFigures) => Money) => sum(currency, list.map(pick));
  const n = (pick: (f: DayFigures) => number) => list.reduce((s, f) => s + pick(f), 0);
  const reasons = new Map<RefundReasonCode, DayFigures['refunds']['byReason'][number]>();
  for (const f of list)
    for (const r of f.refunds.byReason) {
      const was = reasons.get(r.reasonCode);
      reasons.set(
        r.reasonCode,
        was
          ? {
              reasonCode: r.reasonCode,
              count: was.count + r.count,
              tickets: was.tickets + r.tickets,
              total: sum(currency, [was.total, r.total]),
            }
          : { ...r },
      );
    }
  const performances = new Map<string, DayFigures['performances'][number]>();
  for (const f of list)
    for (const p of f.performances) {
      const was = performances.get(p.performanceId);
      performances.set(
        p.performanceId,
        was
          ? {
              performanceId: p.performanceId,
              sold: was.sold + p.sold,
              refunded: was.refunded + p.refunded,
              voided: was.voided + p.voided,
              exchangedOut: was.exchangedOut + p.exchangedOut,
              exchangedIn: was.exchangedIn + p.exchangedIn,
              net: was.net + p.net,
            }
          : { ...p },
      );
    }
  return {
    sales: {
      count: n((f) => f.sales.count),
      tickets: n((f) => f.sales.tickets),
      gross: total((f) => f.sales.gross),
    },
    refunds: {
      count: n((f) => f.refunds.count),
      tickets: n((f) => f.refunds.tickets),
      total: total((f) => f.refunds.total),
      byReason: [...reasons.values()].sort((a, b) => byKey(a.reasonCode, b.reasonCode)),
    },
    exchanges: {
      count: n((f) => f.exchanges.count),
      ticketsReturned: n((f) => f.exchanges.ticketsReturned),
      ticketsIssued: n((f) => f.exchanges.ticketsIssued),
      collected: total((f) => f.exchanges.collected),
      paidBack: total((f) => f.exchanges.paidBack),
      fees: total((f) => f.exchanges.fees),
    },
    voids: {
      count: n((f) => f.voids.count),
      tickets: n((f) => f.voids.tickets),
      total: total((f) => f.voids.total),
    },
    cash: {
      in: total((f) => f.cash.in),
      out: total((f) => f.cash.out),
      paidIn: total((f) => f.cash.paidIn),
      paidOut: total((f) => f.cash.paidOut),
      drops: total((f) => f.cash.drops),
    },
    performances: [...performances.values()].sort((a, b) =>
      byKey(a.performanceId, b.performanceId),
    ),
  };
}
