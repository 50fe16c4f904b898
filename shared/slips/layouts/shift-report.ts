import { SlipBuilder } from '../builder';
import type { SlipDocument } from '../document';
import { slipLabels } from '../labels';
import { formatAmount, formatDateTime, formatMoney, formatRate } from '../money-format';
import type { ShiftReportView } from '../view-models';
import { copyMark, title, venueHeader } from './common';

/** X (any time, shift stays open) and Z (closing, numbered, with the blind count) reports. */
export function shiftReport(view: ShiftReportView): SlipDocument {
  const { locale } = view;
  const labels = slipLabels(locale);
  const kind = view.kind === 'Z' ? 'z-report' : 'x-report';
  const b = new SlipBuilder(kind, locale, view.columns);
  venueHeader(b, view.venue, labels, view.copy);
  title(b, view.kind === 'Z' ? labels.zReport : labels.xReport);
  if (view.kind === 'Z' && view.zNumber !== undefined) {
    b.row(labels.zNumber, String(view.zNumber).padStart(4, '0'), { bold: true });
  }
  b.row(`${labels.terminal} ${view.terminal}`, `${labels.cashier} ${view.cashier}`);
  b.row(labels.shiftOpened, formatDateTime(view.openedAt, locale, view.timeZone));
  // A copy printed later shows when the report was made, named as such: "Printed" with the
  // Z's own time would tell a manager the copy is older than it is.
  b.row(
    view.copy ? labels.reportMadeAt : labels.printedAt,
    formatDateTime(view.printedAt, locale, view.timeZone),
  );
  b.rule();
  const amount = (m: Parameters<typeof formatAmount>[0]) => formatAmount(m, locale);
  b.row(`${labels.sales} (${view.sales.count})`, amount(view.sales.amount));
  b.row(`${labels.refunds} (${view.refunds.count})`, amount(view.refunds.amount));
  for (const r of view.refundsByReason ?? []) {
    const reason = labels.refundReason[r.reason] ?? r.reason;
    b.row(`${reason} (${r.count})`, amount(r.amount), { indent: 2 });
  }
  b.row(`${labels.exchanges} (${view.exchanges.count})`, amount(view.exchanges.amount));
  if (view.voids) b.row(`${labels.voids} (${view.voids.count})`, amount(view.voids.amount));
  b.row(labels.net, formatMoney(view.net, locale), { bold: true });
  if (view.fees) {
    b.text(labels.fees, { bold: true });
    b.row(labels.bookingFees, amount(view.fees.booking), { indent: 2 });
    b.row(labels.refundFees, amount(view.fees.refund), { indent: 2 });
    b.row(labels.exchangeFees, amount(view.fees.exchange), { indent: 2 });
  }
  b.rule();
  b.text(labels.taxesByRate, { bold: true });
  for (const t of view.taxes) {
    b.row(
      `${labels.tax} ${formatRate(t.rate, locale)} (${labels.taxNet} ${amount(t.net)})`,
      amount(t.tax),
      {
        indent: 2,
      },
    );
  }
  b.text(labels.byTender, { bold: true });
  for (const t of view.tenders) {
    const count = t.count === undefined ? '' : ` (${t.count})`;
    b.row(`${labels.tender[t.method]}${count}`, amount(t.amount), { indent: 2 });
  }
  b.rule();
  b.row(labels.openingFloat, amount(view.openingFloat));
  b.row(labels.paidIn, amount(view.paidIn));
  b.row(labels.paidOut, amount(view.paidOut));
  if (view.drops) b.row(labels.drops, amount(view.drops));
  b.row(labels.noSaleOpens, String(view.noSaleOpens));
  b.row(labels.expectedCash, formatMoney(view.expectedCash, locale), { bold: true });
  if (view.kind === 'Z') {
    if (view.countedCash) b.row(labels.countedCash, formatMoney(view.countedCash, locale));
    if (view.overShort)
      b.row(labels.overShort, formatMoney(view.overShort, locale), { bold: true });
  } else {
    b.text(labels.notClosed, { align: 'center' });
  }
  if (view.copy) copyMark(b, labels);
  const name = view.kind === 'Z' ? `${labels.zReport} ${view.zNumber ?? ''}` : labels.xReport;
  return b.build(`${name} ${view.terminal}`.trim());
}
