import type { MessageKey } from '../i18n/catalogs/en';
import type { Translator } from '../i18n/translator';
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

/**
 * What of a refund figure the server paid online, in the same words on the day report and the
 * refunds page: its amount, with its tickets where the row counts tickets (a payout method's
 * row does not: one refund can pay out in two kinds). The "Of which online" column.
 */
export function onlinePartText(
  tr: Pick<Translator, 't' | 'money'>,
  part: { readonly amount: Money; readonly tickets?: number },
): string {
  return part.tickets === undefined
    ? tr.money(part.amount)
    : tr.t('manage.onlinePart.amountTickets', { amount: part.amount, tickets: part.tickets });
}

export interface DayReasonRow {
  /** The refund reason code (the page names it in words; the row's `data-reason`). */
  readonly reasonCode: string;
  readonly count: number;
  readonly tickets: number;
  readonly total: Money;
  readonly online: { readonly amount: Money; readonly tickets: number };
}

/**
 * The day's refunds by reason over every channel (the server's `refundsAllChannels.byReason`:
 * the windows' reasons with the online payouts' added), and the line they add up to — every
 * refund of the day, the server's `refundChannels` (its total and online part). The windows'
 * own reasons stay on the Z reports; these are what a manager asks "why did money go back".
 */
export function dayReasonRows(
  report: Pick<DayReportView, 'refundsAllChannels' | 'refundChannels'>,
): {
  rows: DayReasonRow[];
  all: DayReasonRow;
} {
  const { lines } = report.refundChannels;
  const online = lines.filter((l) => l.channel !== 'window');
  return {
    rows: report.refundsAllChannels.byReason.map((r) => ({
      reasonCode: r.reasonCode,
      count: r.count,
      tickets: r.tickets,
      total: r.total,
      online: { amount: r.online.total, tickets: r.online.tickets },
    })),
    all: {
      reasonCode: 'all',
      count: lines.reduce((n, l) => n + l.count, 0),
      tickets: lines.reduce((n, l) => n + l.tickets, 0),
      total: report.refundChannels.total,
      online: {
        amount: report.refundChannels.online,
        tickets: online.reduce((n, l) => n + l.tickets, 0),
      },
    },
  };
}

export interface DayPerformanceRow {
  readonly performanceId: string;
  readonly sold: number;
  /** Every channel's refunded tickets (the server's `refundsAllChannels`). */
  readonly refunded: number;
  /** Every channel's refunded amount. */
  readonly refundedAmount: Money;
  /** Of `refunded` and `refundedAmount`: paid online by the server. */
  readonly online: { readonly amount: Money; readonly tickets: number };
  readonly voided: number;
  readonly exchangedOut: number;
  readonly exchangedIn: number;
  /**
   * The day's net change in tickets held, every channel: sold + exchanged in − refunded (at
   * the windows and online) − voided − exchanged away; the page labels it so. Online refunds
   * are in it, not left out, because the Refunded column beside it counts them: the row adds
   * up as a manager reads it, and a seat refunded online is back on sale like one refunded at
   * a window. It is negative on a day more tickets came back than were sold — a refund of
   * tickets bought on an earlier day, at a window as much as online — and the page says so.
   */
  readonly net: number;
}

/**
 * The day's rows by performance as the reports page lists them: the windows' ticket figures
 * (`totals.performances`) with the refunded tickets and amounts of every channel from the
 * server's `refundsAllChannels.byPerformance` — a performance refunded only online gets a row too.
 */
export function dayPerformanceRows(
  report: Pick<DayReportView, 'totals' | 'refundsAllChannels'>,
): DayPerformanceRow[] {
  const refunded = new Map(
    report.refundsAllChannels.byPerformance.map((p) => [p.performanceId, p]),
  );
  const windows = new Map(report.totals.performances.map((p) => [p.performanceId, p]));
  const none: Money = { ...report.totals.refunds.total, amount: 0 };
  const ids = [...new Set([...windows.keys(), ...refunded.keys()])].sort();
  return ids.map((performanceId) => {
    const w = windows.get(performanceId);
    const all = refunded.get(performanceId);
    const online = all?.online.tickets ?? 0;
    return {
      performanceId,
      sold: w?.sold ?? 0,
      refunded: all?.tickets ?? w?.refunded ?? 0,
      refundedAmount: all?.total ?? none,
      online: { amount: all?.online.total ?? none, tickets: online },
      voided: w?.voided ?? 0,
      exchangedOut: w?.exchangedOut ?? 0,
      exchangedIn: w?.exchangedIn ?? 0,
      // The windows' net (the tills' own fold) less what was refunded online.
      net: (w?.net ?? 0) - online,
    };
  });
}

/**
 * The day's refunds the server paid online (to the card, credit vouchers): the channel lines
 * other than the windows', added up — the "Today" page's online tile, with its refunds and
 * tickets counted like the windows' tile beside it. Its total is the server's `online`.
 */
export function onlineRefundsLine(
  channels: Pick<DayReportView['refundChannels'], 'lines' | 'online'>,
): {
  count: number;
  tickets: number;
  total: Money;
} {
  const online = channels.lines.filter((l) => l.channel !== 'window');
  return {
    count: online.reduce((n, l) => n + l.count, 0),
    tickets: online.reduce((n, l) => n + l.tickets, 0),
    total: channels.online,
  };
}
