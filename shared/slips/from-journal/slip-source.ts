import type { CatalogIndex } from '../../catalog/catalog';
import type { TenderRecord } from '../../orders/tenders';
import type { SeatRef, SlipSetup, TenderLine, VenueHeader } from '../view-models';

/**
 * What turning a journal entry into a slip needs besides the entry: the catalog (names of
 * events, tiers, sections, rows and seats; the venue's time zone), the staff directory's
 * display names, the terminal and when the slip is issued. Journal entries hold ids; a
 * customer reads names.
 */
export interface SlipSource extends SlipSetup {
  readonly catalog: CatalogIndex;
  readonly venue: VenueHeader;
  /** a staff member's display name; the directory's, or the id when it does not know them */
  readonly staffName: (staffId: string) => string;
  readonly terminal: string;
  readonly issuedAt: string;
}

/** A name lookup from main's staff list, falling back to the id for someone it does not list. */
export function staffNamesFrom(
  staff: readonly { readonly id: string; readonly name: string }[],
): (staffId: string) => string {
  const names = new Map(staff.map((s) => [s.id, s.name]));
  return (staffId) => names.get(staffId) ?? staffId;
}

export interface PerformanceNames {
  readonly event: string;
  readonly startsAt: string;
}

export function performanceNames(catalog: CatalogIndex, performanceId: string): PerformanceNames {
  const p = catalog.performance(performanceId);
  return {
    event: (p ? catalog.event(p.eventId)?.name : undefined) ?? performanceId,
    startsAt: p?.startsAt ?? '',
  };
}

export function tierName(catalog: CatalogIndex, tierId: string): string {
  return catalog.tier(tierId)?.name ?? tierId;
}

/**
 * A seat by its section name, row label and seat label (`stalls-7-10` → Stalls, 7, 10); null
 * for general admission. A seat the catalog no longer has prints its id as the seat, so the
 * paper still says something a supervisor can look up.
 */
export function seatNames(
  catalog: CatalogIndex,
  performanceId: string,
  seatId: string | undefined,
): SeatRef | null {
  if (seatId === undefined) return null;
  const planId = catalog.performance(performanceId)?.seatingPlanId;
  const plan = planId !== undefined ? catalog.plan(planId) : undefined;
  const at = planId !== undefined ? catalog.seat(planId, seatId) : undefined;
  const section = plan?.sections.find((s) => s.id === at?.sectionId);
  const row = section?.rows.find((r) => r.id === at?.rowId);
  if (!at || !section || !row) return { section: '', row: '', seat: seatId };
  return { section: section.name, row: row.label, seat: at.seat.label };
}

export function tenderLine(t: TenderRecord): TenderLine {
  switch (t.kind) {
    case 'cash':
      return { method: 'cash', amount: t.amount, tendered: t.tendered };
    case 'card':
      return { method: 'card', amount: t.amount, cardLast4: t.last4, approvalCode: t.approvalCode };
    case 'voucher':
      return { method: 'voucher', amount: t.amount, voucherCode: t.voucherId };
  }
}
