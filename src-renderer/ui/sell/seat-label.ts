import type { CatalogIndex } from '../../../shared/catalog/catalog';

/**
 * A seat as printed on the hall's plan (row label and seat label), for lists in words; the
 * plan's ids are not what a customer reads. Unknown seats fall back to their id.
 */
export function seatLabelOf(
  catalog: CatalogIndex,
  performanceId: string,
  seatId: string,
): { row: string; seat: string } {
  const planId = catalog.performance(performanceId)?.seatingPlanId;
  const plan = planId !== undefined ? catalog.plan(planId) : undefined;
  if (plan === undefined) return { row: '', seat: seatId };
  const loc = catalog.seat(plan.id, seatId);
  const row = plan.sections.flatMap((x) => x.rows).find((r) => r.id === loc?.rowId);
  return { row: row?.label ?? '', seat: loc?.seat.label ?? seatId };
}
