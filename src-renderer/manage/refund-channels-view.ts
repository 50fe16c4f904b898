import type { MessageKey } from '../i18n/catalogs/en';
import { negate, type Money } from '../../shared/money/money';
import type { RefundChannel } from '../../shared/orders/refund-channels';
import type { DayReportView } from './views';

/** A refund channel as a manager reads it (the customer record's refund lines use it too). */
export const REFUND_CHANNEL_KEYS: Readonly<Record<RefundChannel, MessageKey>> = {
  window: 'manage.refundChannel.window',
  online_card: 'manage.refundChannel.online_card',
  online_voucher: 'manage.refundChannel.online_voucher',
};

export interface DayNetRow {
  readonly key: MessageKey;
  /** The row's `data-figure` (the e2e and the unit test find it by this). */
  readonly figure: string;
  /** Signed as it counts towards the net: sales +, refunds −. */
  readonly amount: Money;
  readonly count: number;
  readonly tickets: number;
}

/**
 * The day's reconciliation as the reports page lists it: sales, then each refund channel
 * (at the windows, online to card, vouchers issued online) taken off, then the net — the
 * server's own lines and net, only ordered and signed here (no figure is computed but the
 * sign), so the rows add up to the net exactly when the server's do.
 */
export function dayNetRows(report: Pick<DayReportView, 'totals' | 'refundChannels' | 'net'>): {
  rows: DayNetRow[];
  net: Money;
  cashCode: { count: number; total: Money } | null;
} {
  const { sales } = report.totals;
  return {
    rows: [
      {
        key: 'manage.reports.sales',
        figure: 'sales',
        amount: sales.gross,
        count: sales.count,
        tickets: sales.tickets,
      },
      ...report.refundChannels.lines.map((l) => ({
        key: REFUND_CHANNEL_KEYS[l.channel],
        figure: `refunds-${l.channel}`,
        amount: negate(l.total),
        count: l.count,
        tickets: l.tickets,
      })),
    ],
    net: report.net,
    // Said only when a window paid an online request out: otherwise it is noise.
    cashCode:
      report.refundChannels.collectedByCashCode.count > 0
        ? report.refundChannels.collectedByCashCode
        : null,
  };
}

export interface DayPerformanceRow {
  readonly performanceId: string;
  readonly sold: number;
  /** Every channel's refunded tickets (the server's `refundsAllChannels`). */
  readonly refunded: number;
  readonly refundedOnline: number;
  readonly voided: number;
  readonly exchangedOut: number;
  readonly exchangedIn: number;
  /** The windows' net less the tickets refunded online, as a window's refund takes them off. */
  readonly net: number;
}

/**
 * The day's rows by performance as the reports page lists them: the windows' ticket figures
 * (`totals.performances`) with the refunded tickets of every channel from the server's
 * `refundsAllChannels.byPerformance` — a performance refunded only online gets a row too.
 */
export function dayPerformanceRows(
  report: Pick<DayReportView, 'totals' | 'refundsAllChannels'>,
): DayPerformanceRow[] {
  const refunded = new Map(
    report.refundsAllChannels.byPerformance.map((p) => [p.performanceId, p]),
  );
  const windows = new Map(report.totals.performances.map((p) => [p.performanceId, p]));
  const ids = [...new Set([...windows.keys(), ...refunded.keys()])].sort();
  return ids.map((performanceId) => {
    const w = windows.get(performanceId);
    const all = refunded.get(performanceId);
    const online = all?.online.tickets ?? 0;
    return {
      performanceId,
      sold: w?.sold ?? 0,
      refunded: all?.tickets ?? w?.refunded ?? 0,
      refundedOnline: online,
      voided: w?.voided ?? 0,
      exchangedOut: w?.exchangedOut ?? 0,
      exchangedIn: w?.exchangedIn ?? 0,
      net: (w?.net ?? 0) - online,
    };
  });
}
