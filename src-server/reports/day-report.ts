import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import type { DomainEntry } from '../../shared/journal/entry-types';
import type { Currency } from '../../shared/money/currency';
import { moneySchema, subtract, sum, type Money } from '../../shared/money/money';
import { foldRefundChannels, REFUND_CHANNELS } from '../../shared/orders/refund-channels';
import { reportFromTally } from '../../shared/shift/report';
import { belongs, tallyOf } from '../../shared/shift/tally';
import {
  dayFiguresSchema,
  figuresOf,
  reasonRefundsSchema,
  sumFigures,
  type DayFigures,
} from './day-figures';
import { refundsByPerformance, refundsByReason, type OnlinePayout } from './online-payouts';
import { windowRefundsByPerformance } from './window-refunds';

const shiftRef = { terminalId: z.string(), shiftId: z.string() };
const count = z.number().int().min(0);
const onlinePart = z.strictObject({ count, tickets: count, total: moneySchema });

export const dayReportSchema = z.strictObject({
  venueId: z.string(),
  date: z.string(),
  /** The venue's time zone (its catalog's): `date` is a calendar day there, midnight to midnight. */
  timeZone: z.string(),
  currency: z.string(),
  totals: dayFiguresSchema,
  terminals: z.array(
    z.strictObject({
      terminalId: z.string(),
      totals: dayFiguresSchema,
      /** Z reports of the shifts this terminal closed that day, as the till printed them. */
      zReports: z.array(
        z.strictObject({
          shiftId: z.string(),
          zNumber: z.number().int().nullable(),
          openedAt: z.string(),
          closedAt: z.string(),
          /** Opened and closed that day: its Z is part of the check. */
          wholeDay: z.boolean(),
          figures: dayFiguresSchema,
        }),
      ),
    }),
  ),
  check: z.strictObject({
    /** Shifts opened and closed within the day. */
    wholeShifts: z.array(z.strictObject(shiftRef)),
    /** The day's figures of those shifts, folded by the server from their stored entries. */
    fromEntries: dayFiguresSchema,
    /** The sum of the same shifts' Z reports as the tills computed them. */
    fromZ: dayFiguresSchema,
    matches: z.boolean(),
    /** Shifts with entries that day but not wholly in it (still open, or opened before). */
    partialShifts: z.array(
      z.strictObject({ ...shiftRef, state: z.enum(['open_at_day_end', 'opened_before']) }),
    ),
    /** No partial shifts and matches: the day's totals ARE the sum of its Z reports. */
    totalsAreSumOfZ: z.boolean(),
  }),
  /**
   * Every refund of the day by how it reached the customer: the windows' (`totals.refunds`,
   * the tills' journals) and the server's own payouts that day (its ledger: card refunds
   * through the payment provider, credit vouchers issued), which no till's Z carries.
   */
  refundChannels: z.strictObject({
    lines: z.array(
      z.strictObject({
        channel: z.enum(REFUND_CHANNELS),
        count,
        tickets: count,
        total: moneySchema,
      }),
    ),
    online: moneySchema,
    total: moneySchema,
    /** Of the window line: approved online requests a window paid out in cash by their code. */
    collectedByCashCode: z.strictObject({ count, total: moneySchema }),
  }),
  /**
   * The day's refunds by reason and by performance over every channel: the windows'
   * (`totals.refunds.byReason`, `totals.performances`) with the server's online payouts that
   * day added (online-payouts.ts), each row's `online` saying what of it was paid online. A
   * cash code paid at a window is a window refund here, once.
   */
  refundsAllChannels: z.strictObject({
    byReason: z.array(reasonRefundsSchema.extend({ online: onlinePart })),
    byPerformance: z.array(
      z.strictObject({
        performanceId: z.string(),
        tickets: count,
        total: moneySchema,
        online: z.strictObject({ tickets: count, total: moneySchema }),
      }),
    ),
  }),
  /** Sales less every refund of the day, window and online (voids, exchanges: their own lines). */
  net: moneySchema,
});
export type DayReport = z.infer<typeof dayReportSchema>;

export interface DayInput {
  readonly venueId: string;
  readonly date: string;
  /** The venue's zone, the one `date` is a day of. */
  readonly timeZone: string;
  readonly currency: Currency;
  /** Every stored entry whose `at` falls in the day, by terminal and seq. */
  readonly entries: readonly DomainEntry[];
  /** The shift_open entries of shifts opened before the day that have entries in it. */
  readonly earlierOpens: readonly DomainEntry[];
  /** The server's own payouts recorded that day (server_ledger rows), in ledger order. */
  readonly onlinePayouts: readonly OnlinePayout[];
}

export interface ShiftPart {
  readonly terminalId: string;
  readonly shiftId: string;
  readonly open: DomainEntry;
  readonly opensInDay: boolean;
  readonly entries: DomainEntry[];
  close?: Extract<DomainEntry, { type: 'shift_close' }>;
}

const shiftIdOf = (e: DomainEntry): string | null =>
  'shiftId' in e.payload ? e.payload.shiftId : null;
const keyOf = (terminalId: string, shiftId: string) => `${terminalId}\u0000${shiftId}`;

/**
 * Real (not training) entries of the day that belong to a shift, grouped by shift. Also the
 * refund analytics' grouping (refund-analytics.ts), so both count the same entries.
 */
export function shiftParts(input: Pick<DayInput, 'entries' | 'earlierOpens'>): {
  parts: ShiftPart[];
  unattributed: number;
} {
  const opens = new Map<string, DomainEntry>();
  for (const e of input.earlierOpens) opens.set(keyOf(e.terminalId, shiftIdOf(e) ?? ''), e);
  const parts = new Map<string, ShiftPart>();
  let unattributed = 0;
  for (const e of input.entries) {
    const shiftId = shiftIdOf(e);
    if (shiftId === null || ('training' in e.payload && e.payload.training)) continue;
    const key = keyOf(e.terminalId, shiftId);
    let part = parts.get(key);
    if (!part) {
      const open = e.type === 'shift_open' ? e : opens.get(key);
      if (!open) {
        // A shift the server never saw opened (a reconciliation exception): no tally to add to.
        unattributed += 1;
        continue;
      }
      part = { terminalId: e.terminalId, shiftId, open, opensInDay: open === e, entries: [] };
      parts.set(key, part);
    }
    if (e.type !== 'shift_open') part.entries.push(e);
    if (e.type === 'shift_close') part.close = e;
  }
  return { parts: [...parts.values()], unattributed };
}

/**
 * A venue's day: each shift's part of the day folded with the shared shift tally (tallyOf,
 * reportFromTally — the rules of the X and Z reports, so an entry counts for the same figures
 * here as on the till's Z), then added up per terminal and for the venue. The check sets the
 * server's fold of every shift wholly in the day beside the Z reports the tills printed for
 * them: equal figures show the server holds the same day the tills closed.
 */
export function buildDayReport(input: DayInput, generatedAt: string): DayReport {
  const { currency } = input;
  const { parts } = shiftParts(input);
  const figures = new Map<ShiftPart, DayFigures>();
  const byCashCode: Money[] = [];
  const windowPerformances: { performanceId: string; tickets: number; amount: Money }[] = [];
  for (const part of parts) {
    const tally = tallyOf([part.open, ...part.entries]);
    figures.set(part, figuresOf(reportFromTally(tally, { kind: 'X', generatedAt })));
    windowPerformances.push(...windowRefundsByPerformance(currency, tally, part.entries));
    for (const e of part.entries)
      if (e.type === 'refund' && e.payload.cashCode !== undefined && belongs(tally, e))
        byCashCode.push(e.payload.total);
  }
  const zOf = (part: ShiftPart) => figuresOf(part.close!.payload.report);

  const terminalIds = [...new Set(parts.map((p) => p.terminalId))].sort();
  const terminals = terminalIds.map((terminalId) => {
    const own = parts.filter((p) => p.terminalId === terminalId);
    return {
      terminalId,
      totals: sumFigures(
        currency,
        own.map((p) => figures.get(p)!),
      ),
      zReports: own
        .filter((p) => p.close !== undefined)
        .map((p) => ({
          shiftId: p.shiftId,
          zNumber: p.close!.payload.zNumber,
          openedAt: p.open.at,
          closedAt: p.close!.at,
          wholeDay: p.opensInDay,
          figures: zOf(p),
        })),
    };
  });

  const whole = parts.filter((p) => p.opensInDay && p.close !== undefined);
  const partial = parts
    .filter((p) => !whole.includes(p))
    .map((p) => ({
      terminalId: p.terminalId,
      shiftId: p.shiftId,
      state: p.opensInDay ? ('open_at_day_end' as const) : ('opened_before' as const),
    }));
  const fromEntries = sumFigures(
    currency,
    whole.map((p) => figures.get(p)!),
  );
  const fromZ = sumFigures(currency, whole.map(zOf));
  const matches = isDeepStrictEqual(fromEntries, fromZ);
  const totals = sumFigures(
    currency,
    terminals.map((t) => t.totals),
  );
  const channels = foldRefundChannels(
    currency,
    totals.refunds,
    input.onlinePayouts.map((p) => p.refund),
  );
  return {
    venueId: input.venueId,
    date: input.date,
    timeZone: input.timeZone,
    currency,
    totals,
    terminals,
    check: {
      wholeShifts: whole.map((p) => ({ terminalId: p.terminalId, shiftId: p.shiftId })),
      fromEntries,
      fromZ,
      matches,
      partialShifts: partial,
      totalsAreSumOfZ: matches && partial.length === 0,
    },
    refundChannels: {
      lines: channels.lines.map((l) => ({ ...l })),
      online: channels.online,
      total: channels.total,
      collectedByCashCode: { count: byCashCode.length, total: sum(currency, byCashCode) },
    },
    refundsAllChannels: {
      byReason: refundsByReason(currency, totals.refunds.byReason, input.onlinePayouts),
      byPerformance: refundsByPerformance(currency, windowPerformances, input.onlinePayouts).map(
        (p) => ({
          performanceId: p.performanceId,
          tickets: p.tickets,
          total: p.amount,
          online: { tickets: p.online.tickets, total: p.online.amount },
        }),
      ),
    },
    net: subtract(totals.sales.gross, channels.total),
  };
}
