import type { SlipBuilder } from '../builder';
import type { SlipLabels } from '../labels';
import type { VenueHeader } from '../view-models';

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
