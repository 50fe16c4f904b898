import type { Money } from '../../shared/money/money';
import type { RefundChannel } from '../../shared/orders/refund-channels';

/**
 * The shapes of the server's answers the back office reads (src-server/reports/day-report.ts,
 * routes/enrolment.ts). Written out here because the page must not import server code; the
 * server checks every answer against its zod schema before sending it.
 */
export interface DayFiguresView {
  readonly sales: { count: number; tickets: number; gross: Money };
  readonly refunds: {
    count: number;
    tickets: number;
    total: Money;
    byReason: readonly { reasonCode: string; count: number; tickets: number; total: Money }[];
  };
  readonly exchanges: {
    count: number;
    ticketsReturned: number;
    ticketsIssued: number;
    collected: Money;
    paidBack: Money;
    fees: Money;
  };
  readonly voids: { count: number; tickets: number; total: Money };
  readonly cash: { in: Money; out: Money; paidIn: Money; paidOut: Money; drops: Money };
  readonly performances: readonly {
    performanceId: string;
    sold: number;
    refunded: number;
    voided: number;
    exchangedOut: number;
    exchangedIn: number;
    net: number;
  }[];
}

export interface DayReportView {
  readonly venueId: string;
  readonly date: string;
  readonly currency: string;
  readonly totals: DayFiguresView;
  readonly terminals: readonly {
    terminalId: string;
    totals: DayFiguresView;
    zReports: readonly {
      shiftId: string;
      zNumber: number | null;
      openedAt: string;
      closedAt: string;
      wholeDay: boolean;
      figures: DayFiguresView;
    }[];
  }[];
  readonly check: {
    readonly matches: boolean;
    readonly totalsAreSumOfZ: boolean;
    readonly partialShifts: readonly {
      terminalId: string;
      shiftId: string;
      state: 'open_at_day_end' | 'opened_before';
    }[];
  };
  /** Every refund of the day by channel: the windows' and the server's own online payouts. */
  readonly refundChannels: {
    readonly lines: readonly {
      channel: RefundChannel;
      count: number;
      tickets: number;
      total: Money;
    }[];
    readonly online: Money;
    readonly total: Money;
    /** Of the window line: approved online requests paid out in cash by their code. */
    readonly collectedByCashCode: { count: number; total: Money };
  };
  /** The day's refunds by reason and performance, every channel; `online`: of them, online. */
  readonly refundsAllChannels: {
    readonly byReason: readonly {
      reasonCode: string;
      count: number;
      tickets: number;
      total: Money;
      online: { count: number; tickets: number; total: Money };
    }[];
    readonly byPerformance: readonly {
      performanceId: string;
      tickets: number;
      total: Money;
      online: { tickets: number; total: Money };
    }[];
  };
  /** Sales less every refund, window and online. */
  readonly net: Money;
}

export interface TerminalView {
  readonly terminalId: string;
  readonly name: string;
  readonly enrolledAt: string;
  readonly revokedAt: string | null;
  readonly headSeq: number;
  readonly lastPushAt: string | null;
  readonly lastSeenAt: string | null;
  /** Entries the till held that the server had not, at its last pull (null: not reported). */
  readonly queued: number | null;
  readonly unsyncedSince: string | null;
}
