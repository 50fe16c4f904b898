import { subtract } from '../money/money';
import type { ShiftReportView, SlipSetup, TenderTotal, VenueHeader } from '../slips/view-models';
import type { ShiftClosePayload } from '../journal/entry-types';
import type { ShiftReport } from './report';

export interface ShiftReportSlipContext extends SlipSetup {
  readonly venue: VenueHeader;
  readonly terminal: string;
  /** who the slip names as cashier: the staff member who opened the shift, by default */
  readonly cashier?: string;
  readonly copy?: boolean;
}

/**
 * The domain's X/Z report as the slip's plain view: the printed report and the preview on the
 * manager's screen are both laid out from this, so they cannot disagree. Every figure is
 * taken from the report as computed from the journal; nothing is recomputed here except the
 * exchanges' net (collected − paid back), which the slip shows as one amount.
 */
export function shiftReportView(
  report: ShiftReport,
  context: ShiftReportSlipContext,
): ShiftReportView {
  const tenders: TenderTotal[] = report.tenders
    // Cash always (it is what the drawer is counted against); card and voucher once used.
    .filter((t) => t.kind === 'cash' || t.in.amount !== 0 || t.out.amount !== 0)
    .map((t) => ({ method: t.kind, amount: t.net }));
  return {
    locale: context.locale,
    columns: context.columns,
    timeZone: context.timeZone,
    kind: report.kind,
    venue: context.venue,
    ...(report.zNumber !== null ? { zNumber: report.zNumber } : {}),
    terminal: context.terminal,
    cashier: context.cashier ?? report.openedBy.staffId,
    openedAt: report.openedAt,
    printedAt: report.generatedAt,
    sales: { count: report.sales.count, amount: report.sales.total },
    refunds: { count: report.refunds.count, amount: report.refunds.total },
    refundsByReason: report.refunds.byReason.map((r) => ({
      reason: r.reasonCode,
      count: r.count,
      amount: r.total,
    })),
    exchanges: {
      count: report.exchanges.count,
      amount: subtract(report.exchanges.collected, report.exchanges.paidBack),
    },
    ...(report.voids.count > 0
      ? { voids: { count: report.voids.count, amount: report.voids.total } }
      : {}),
    net: report.netTakings,
    fees: {
      booking: report.sales.bookingFees,
      refund: report.refunds.fees,
      exchange: report.exchanges.fees,
    },
    // A rate whose sales were all voided or refunded nets to nothing: a line of zeros only
    // makes the manager look for money that is not there.
    taxes: report.taxes
      .filter((t) => t.net.amount !== 0 || t.tax.amount !== 0)
      .map((t) => ({ rate: t.rateBp, net: t.net, tax: t.tax })),
    tenders,
    openingFloat: report.cash.float,
    paidIn: report.cash.paidIn,
    paidOut: report.cash.paidOut,
    drops: report.cash.drops,
    noSaleOpens: report.movements.noSales,
    expectedCash: report.cash.expected,
    ...(report.counted !== null ? { countedCash: report.counted } : {}),
    ...(report.overShort !== null ? { overShort: report.overShort } : {}),
    ...(context.copy ? { copy: true } : {}),
  };
}

/** One shift's Z as the server hands it out: the till's close and who and where, by name. */
export interface ZCopySource {
  readonly close: ShiftClosePayload;
  readonly terminalName: string;
  readonly cashierName: string;
}

/**
 * A copy of a Z, on the back office's page and on another till's paper: one mapping, so the
 * two cannot differ, naming the window and the cashier as the till's own Z names its cashier.
 */
export function zCopyView(
  source: ZCopySource,
  setup: SlipSetup & { readonly venueName: string },
): ShiftReportView {
  return shiftReportView(source.close.report, {
    locale: setup.locale,
    columns: setup.columns,
    timeZone: setup.timeZone,
    venue: { name: setup.venueName, address: [] },
    terminal: source.terminalName,
    cashier: source.cashierName,
    copy: true,
  });
}
