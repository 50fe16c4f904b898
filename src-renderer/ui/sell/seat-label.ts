import type { CatalogIndex } from '../../../shared/catalog/catalog';

/**
 * A seat as printed on the hall's plan (section name, row label and seat label), for lists in
 * words; the plan's ids are not what a customer reads. Unknown seats fall back to their id.
 */
export function seatLabelOf(
  catalog: CatalogIndex,
  performanceId: string,
  seatId: string,
): { section: string; row: string; seat: string } {
  const planId = catalog.performance(performanceId)?.seatingPlanId;
  const plan = planId !== undefined ? catalog.plan(planId) : undefined;
  if (plan === undefined) return { section: '', row: '', seat: seatId };
  const loc = catalog.seat(plan.id, seatId);
  const section = plan.sections.find((x) => x.id === loc?.sectionId);
  const row = section?.rows.find((r) => r.id === loc?.rowId);
  return { section: section?.name ?? '', row: row?.label ?? '', seat: loc?.seat.label ?? seatId };
}
