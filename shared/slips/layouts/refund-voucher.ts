import { add, subtract } from '../../money/money';
import { strictAssert } from '../../util/assert';
import { SlipBuilder } from '../builder';
import type { SlipDocument, SlipLocale } from '../document';
import { slipLabels, type SlipLabels } from '../labels';
import { formatAmount, formatDateTime, formatMoney } from '../money-format';
import type { RefundBreakdown, RefundedTicket, RefundVoucherView } from '../view-models';
import { copyMark, ticketHeadLines, title, venueHeader } from './common';

const minus = (m: RefundBreakdown['fee'], locale: SlipLocale) => `-${formatAmount(m, locale)}`;

/**
 * One refunded ticket: what it was for, then price + booking fee − refund fee − booking fee
 * kept (− the share outside the refund window) = what it gives back. The figures are the
 * policy's (the refund entry's); the layout only lays them out, and refuses a breakdown whose
 * lines would not add up, since a customer checks exactly that sum.
 */
function refundedTicket(
  b: SlipBuilder,
  t: RefundedTicket,
  labels: SlipLabels,
  view: RefundVoucherView,
): void {
  const { locale } = view;
  if (t.breakdown === undefined) {
    b.row(t.label, formatAmount(t.amount, locale), { indent: 2 });
    return;
  }
  const d = t.breakdown;
  const sum = subtract(
    subtract(subtract(add(d.price, d.bookingFee), d.fee), d.bookingFeeKept),
    d.notRefundable,
  );
  strictAssert(sum.amount === t.amount.amount, 'refund voucher lines must add up');
  ticketHeadLines(
    b,
    {
      event: t.label,
      startsAt: t.startsAt,
      tier: t.tier,
      seats: t.seat === undefined ? undefined : t.seat === null ? [] : [t.seat],
    },
    labels,
    locale,
    view.timeZone,
  );
  const row = (label: string, value: string) => b.row(label, value, { indent: 2 });
  row(labels.ticketPrice, formatAmount(d.price, locale));
  if (d.bookingFee.amount !== 0) row(labels.bookingFee, formatAmount(d.bookingFee, locale));
  if (d.notRefundable.amount !== 0) row(labels.notRefundable, minus(d.notRefundable, locale));
  if (d.fee.amount !== 0) row(labels.refundFee, minus(d.fee, locale));
  if (d.bookingFeeKept.amount !== 0) row(labels.bookingFeeKept, minus(d.bookingFeeKept, locale));
  row(labels.toRefund, formatAmount(t.amount, locale));
}

/**
 * Refund voucher: original receipt, each refunded ticket (performance, seat) with the sum that
 * gives its amount, the refund amount, how it was paid back, the reason in the slip's
 * language, the approver, a QR naming the refund, and a signature line when cash left the
 * drawer.
 */
export function refundVoucher(view: RefundVoucherView): SlipDocument {
  const { locale } = view;
  const labels = slipLabels(locale);
  const b = new SlipBuilder('refund-voucher', locale, view.columns);
  venueHeader(b, view.venue, labels, view.copy);
  title(b, labels.refundVoucher);
  b.row(labels.refundNo, view.refundNo);
  b.row(labels.originalReceipt, view.originalReceiptNo);
  b.row(`${labels.terminal} ${view.terminal}`, `${labels.cashier} ${view.cashier}`);
  b.row(labels.date, formatDateTime(view.issuedAt, locale, view.timeZone));
  b.rule();
  b.text(labels.refundedTickets, { bold: true });
  for (const t of view.tickets) refundedTicket(b, t, labels, view);
  // Older callers give only the fee in total; a breakdown already shows it per ticket.
  if (view.tickets.some((t) => t.breakdown === undefined)) {
    b.row(labels.fee, minus(view.fee, locale));
  }
  b.rule();
  b.row(labels.refundAmount, formatMoney(view.amount, locale), { bold: true });
  if (view.shortfall && view.shortfall.amount !== 0)
    b.row(labels.saleRoundingKept, minus(view.shortfall, locale));
  if (view.bonus && view.bonus.amount !== 0)
    b.row(labels.voucherBonus, formatAmount(view.bonus, locale));
  if (view.rounding && view.rounding.amount !== 0)
    b.row(labels.cashRounding, formatAmount(view.rounding, locale));
  if (view.payouts && view.payouts.length > 0) {
    b.text(labels.paidBack, { bold: true });
    for (const p of view.payouts)
      b.row(labels.tender[p.method], formatAmount(p.amount, locale), { indent: 2 });
  } else {
    b.row(labels.method, labels.tender[view.method]);
  }
  b.text(`${labels.reason}: ${labels.refundReason[view.reason] ?? view.reason}`);
  if (view.approver) b.row(labels.approvedBy, view.approver);
  b.qr(view.refundCode, view.columns === 32 ? 3 : 4);
  if (view.method === 'cash') {
    b.feed(2);
    b.rule();
    b.text(labels.customerSignature, { align: 'center' });
  }
  if (view.copy) copyMark(b, labels);
  return b.build(`${labels.refundVoucher} ${view.refundNo}`);
}
