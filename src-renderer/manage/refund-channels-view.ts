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
