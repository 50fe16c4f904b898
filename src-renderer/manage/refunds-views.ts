import type { Money } from '../../shared/money/money';
import type { RefundChannel } from '../../shared/orders/refund-channels';

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
export type PayoutMethod = 'cash' | 'card' | 'voucher';

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
  readonly feesKept: {
    readonly refundFees: Money;
    readonly exchangeFees: Money;
    readonly total: Money;
  };
  /** Every refund by channel: the windows' (the figures above) and the server's online ones. */
  readonly byChannel: readonly {
    readonly channel: RefundChannel;
    readonly count: number;
    readonly tickets: number;
    readonly amount: Money;
  }[];
}
