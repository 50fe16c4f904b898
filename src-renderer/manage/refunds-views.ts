import type { MessageKey } from '../i18n/catalogs/en';
import { refundReasonKey } from '../i18n/refund-reason';
import type { Translator } from '../i18n/translator';
import type { Money } from '../../shared/money/money';
import type { RefundChannel } from '../../shared/orders/refund-channels';
import { onlinePartText } from './refund-channels-view';

/**
 * The answer of GET /api/venues/:venueId/analytics/refunds as the page reads it (the server's
 * zod schema is `refundAnalyticsSchema` in src-server/reports/refund-analytics.ts).
 */
export type RefundBucket = 'day' | 'week';
export type RefundReasonCode =
  | 'customer_request'
  | 'performance_cancelled'
  | 'performance_postponed'
  | 'duplicate_purchase'
  | 'wrong_ticket'
  | 'accessibility'
  | 'venue_issue'
  | 'other';
/** `card`: a window's card terminal; `online_card`: the server's card refunds (payment provider). */
export type PayoutMethod = 'cash' | 'card' | 'online_card' | 'voucher';

/**
 * A payout method as a manager reads it: the tills' own words for their kinds, and the online
 * card refunds named as what they are — paid back by the payment provider, not a terminal.
 */
export const PAYOUT_METHOD_KEYS: Readonly<Record<PayoutMethod, MessageKey>> = {
  cash: 'tender.cash',
  card: 'tender.card',
  online_card: 'manage.refunds.method.online_card',
  voucher: 'tender.voucher',
};

/** Of a refund figure: what the server paid online (to the card, vouchers), not a window. */
export interface OnlinePartView {
  readonly count: number;
  readonly tickets: number;
  readonly amount: Money;
}

export interface RefundFiguresView {
  /** Every channel's refunds; `online` says what of them the server paid (a window's: none). */
  readonly refunds: {
    readonly count: number;
    readonly tickets: number;
    readonly amount: Money;
    readonly online: OnlinePartView;
  };
  readonly sales: { readonly count: number; readonly tickets: number; readonly amount: Money };
  /** Refunded tickets ÷ sold tickets in basis points (10000 = 100 %); null: none sold. */
  readonly rateBp: number | null;
}

export interface RefundAnalyticsView {
  readonly venueId: string;
  readonly from: string;
  readonly to: string;
  readonly bucket: RefundBucket;
  readonly currency: string;
  readonly totals: RefundFiguresView;
  readonly buckets: readonly (RefundFiguresView & {
    readonly start: string;
    readonly end: string;
  })[];
  readonly byReason: readonly {
    readonly reasonCode: RefundReasonCode;
    readonly count: number;
    readonly tickets: number;
    readonly amount: Money;
    readonly online: OnlinePartView;
  }[];
  readonly byPerformance: readonly {
    readonly performanceId: string;
    readonly eventName: string | null;
    readonly startsAt: string | null;
    readonly sold: number;
    readonly refunded: number;
    readonly refundAmount: Money;
    readonly online: { readonly tickets: number; readonly amount: Money };
    readonly rateBp: number | null;
  }[];
  readonly byWindow: readonly (RefundFiguresView & {
    readonly terminalId: string;
    readonly name: string | null;
  })[];
  readonly byMethod: readonly {
    readonly method: PayoutMethod;
    readonly count: number;
    readonly amount: Money;
    readonly online: { readonly count: number; readonly amount: Money };
  }[];
  /** `refundFees` counts the online refunds' fees too; `online` says what of it they kept. */
  readonly feesKept: {
    readonly refundFees: Money;
    readonly exchangeFees: Money;
    readonly total: Money;
    readonly online: { readonly count: number; readonly amount: Money };
  };
  /** Every refund by channel: the windows' (the figures above) and the server's online ones. */
  readonly byChannel: readonly {
    readonly channel: RefundChannel;
    readonly count: number;
    readonly tickets: number;
    readonly amount: Money;
  }[];
}

/** A refund rate in basis points as a percentage, or "no tickets sold" (null). */
export function refundRate(tr: Pick<Translator, 't' | 'locale'>, bp: number | null): string {
  return bp === null
    ? tr.t('manage.refunds.noSales')
    : new Intl.NumberFormat(tr.locale, { style: 'percent', maximumFractionDigits: 1 }).format(
        bp / 10000,
      );
}

/**
 * The refund figures' columns of the refunds page's tables (over time, by window), in one
 * order: refunds, tickets refunded, amount refunded, then — where the table has an online
 * part — "Of which online" (amount and tickets) right after the amount it is part of, as on
 * the day report, then the sales and the rate. The windows' table has no online part (no
 * online payout is a window's), so it leaves the column out rather than show zeros.
 */
export function refundFigureColumns(
  tr: Pick<Translator, 't' | 'money' | 'locale'>,
  withOnline: boolean,
): { head: string[]; cells: (f: RefundFiguresView) => string[] } {
  const online = withOnline ? [tr.t('manage.refunds.col.online')] : [];
  return {
    head: [
      tr.t('manage.refunds.col.refunds'),
      tr.t('manage.refunds.col.refundedTickets'),
      tr.t('manage.refunds.col.refundedAmount'),
      ...online,
      tr.t('manage.refunds.col.soldTickets'),
      tr.t('manage.refunds.col.soldAmount'),
      tr.t('manage.refunds.col.rate'),
    ],
    cells: (f) => [
      String(f.refunds.count),
      String(f.refunds.tickets),
      tr.money(f.refunds.amount),
      ...(withOnline ? [onlinePartText(tr, f.refunds.online)] : []),
      String(f.sales.tickets),
      tr.money(f.sales.amount),
      refundRate(tr, f.rateBp),
    ],
  };
}

/** A row of a refunds page table: its key and its cells, the first one the row's heading. */
export interface FigureRow {
  readonly key: string;
  readonly cells: readonly string[];
}

/**
 * The "By reason" table: each reason's refunds (every channel, its online part after the
 * amount) and a total row, "All refunds in the period", that is the page's own total
 * (`totals.refunds`) — every refund has one reason, so the rows add up to it, as the day
 * report's "All refunds of the day" does.
 */
export function reasonTableRows(
  tr: Pick<Translator, 't' | 'money'>,
  a: Pick<RefundAnalyticsView, 'byReason' | 'totals'>,
): { rows: FigureRow[]; total: FigureRow } {
  const line = (
    key: string,
    name: string,
    r: { count: number; tickets: number; amount: Money; online: OnlinePartView },
  ): FigureRow => ({
    key,
    cells: [
      name,
      String(r.count),
      String(r.tickets),
      tr.money(r.amount),
      onlinePartText(tr, r.online),
    ],
  });
  return {
    rows: a.byReason.map((r) => line(r.reasonCode, tr.t(refundReasonKey(r.reasonCode)), r)),
    total: line('all', tr.t('manage.refunds.allRefunds'), a.totals.refunds),
  };
}

/**
 * The "By payout method" table: each kind's refunds and what they paid out (its online part
 * after it, amount only: a refund can pay out in two kinds, so a method row counts no
 * tickets), and a total row "All refunds in the period": the page's refunds count — a refund
 * paid out in two kinds is one refund, not two — and what all the methods paid out, the
 * page's refunded amount and its online part.
 */
export function methodTableRows(
  tr: Pick<Translator, 't' | 'money'>,
  a: Pick<RefundAnalyticsView, 'byMethod' | 'totals'>,
): { rows: FigureRow[]; total: FigureRow } {
  const currency = a.totals.refunds.amount.currency;
  const added = (amounts: readonly Money[]): Money => ({
    currency,
    amount: amounts.reduce((n, m) => n + m.amount, 0),
  });
  return {
    rows: a.byMethod.map((m) => ({
      key: m.method,
      cells: [
        tr.t(PAYOUT_METHOD_KEYS[m.method]),
        String(m.count),
        tr.money(m.amount),
        onlinePartText(tr, { amount: m.online.amount }),
      ],
    })),
    total: {
      key: 'all',
      cells: [
        tr.t('manage.refunds.allRefunds'),
        String(a.totals.refunds.count),
        tr.money(added(a.byMethod.map((m) => m.amount))),
        onlinePartText(tr, { amount: added(a.byMethod.map((m) => m.online.amount)) }),
      ],
    },
  };
}
