import { SlipBuilder } from '../builder';
import type { SlipDocument } from '../document';
import { slipLabels } from '../labels';
import { formatDateTime, formatMoney } from '../money-format';
import type { TicketView } from '../view-models';
import { copyMark, title, venueHeader } from './common';

/** Admission ticket: performance, seat (or general admission), tier, price, QR. */
export function ticketSlip(view: TicketView): SlipDocument {
  const { locale } = view;
  const labels = slipLabels(locale);
  const b = new SlipBuilder('ticket', locale, view.columns);
  venueHeader(b, view.venue, labels, view.copy);
  title(b, labels.ticket);
  b.text(view.eventTitle, { align: 'center', bold: true, size: 'large' });
  b.text(formatDateTime(view.performanceStartsAt, locale, view.timeZone), {
    align: 'center',
    bold: true,
  });
  b.rule();
  if (view.seat) {
    b.row(labels.section, view.seat.section);
    b.row(labels.row, view.seat.row, { bold: true });
    b.row(labels.seat, view.seat.seat, { bold: true });
  } else {
    b.text(labels.generalAdmission, { bold: true });
  }
  b.row(labels.tier, view.tier);
  b.row(labels.price, formatMoney(view.price, locale));
  b.rule();
  b.qr(view.code, view.columns === 32 ? 4 : 6);
  b.text(view.ticketNo, { align: 'center' });
  if (view.copy) copyMark(b, labels);
  return b.build(`${labels.ticket} ${view.ticketNo}`);
}
