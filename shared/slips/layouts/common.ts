import type { SlipBuilder } from '../builder';
import type { SlipLabels } from '../labels';
import type { SlipLocale } from '../document';
import { formatDateTime } from '../money-format';
import type { SeatRef, VenueHeader } from '../view-models';

/** Venue block every slip starts with; a reprint carries a large COPY mark above it. */
export function venueHeader(
  b: SlipBuilder,
  venue: VenueHeader,
  labels: SlipLabels,
  copy: boolean | undefined,
): void {
  if (copy) copyMark(b, labels);
  b.text(venue.name, { align: 'center', bold: true });
  for (const line of venue.address) b.text(line, { align: 'center' });
  if (venue.taxId) b.text(`${labels.taxId}: ${venue.taxId}`, { align: 'center' });
}

export function copyMark(b: SlipBuilder, labels: SlipLabels): void {
  b.text(`*** ${labels.copy} ***`, { align: 'center', bold: true, size: 'large' });
}

export function title(b: SlipBuilder, text: string): void {
  b.text(text, { align: 'center', bold: true, size: 'large' });
}

/**
 * What a ticket is for, as a customer reads it: the event, the performance's date and time in
 * the venue's time zone, the tier, and each seat by its section, row and seat names (general
 * admission says so instead).
 */
export function ticketHeadLines(
  b: SlipBuilder,
  what: {
    readonly event: string;
    readonly startsAt?: string | undefined;
    readonly tier?: string | undefined;
    readonly seats?: readonly SeatRef[] | undefined;
  },
  labels: SlipLabels,
  locale: SlipLocale,
  timeZone: string,
  indent = 2,
): void {
  b.text(what.event, { bold: true });
  // An indented line is a row with nothing on the right: text() would drop leading spaces.
  const line = (text: string) => b.row(text, '', { indent });
  if (what.startsAt) line(formatDateTime(what.startsAt, locale, timeZone));
  if (what.tier) line(`${labels.tier}: ${what.tier}`);
  if (what.seats === undefined) return;
  if (what.seats.length === 0) line(labels.generalAdmission);
  for (const s of what.seats) line(seatText(s, labels));
}

/** A seat in words; a seat the catalog no longer knows has only its id, printed as it is. */
export function seatText(seat: SeatRef, labels: SlipLabels): string {
  if (seat.section === '' && seat.row === '') return seat.seat;
  return labels.seatLine(seat.section, seat.row, seat.seat);
}
