import type { SeatingPlan } from '../../../shared/catalog/schemas';

/**
 * A seat as the customer reads it (section, row and seat as printed on the hall's plan) and
 * its category: the kiosk's seat map and the exchange's quote name seats the same way.
 */
export interface SeatFacts {
  readonly section: string;
  readonly row: string;
  readonly seat: string;
  readonly categoryId: string;
}

const byPlan = new WeakMap<SeatingPlan, ReadonlyMap<string, SeatFacts>>();

/** Each seat's section, row, number and category, worked out once per plan. */
export function seatsById(plan: SeatingPlan | undefined): ReadonlyMap<string, SeatFacts> {
  if (plan === undefined) return new Map();
  let found = byPlan.get(plan);
  if (found === undefined) {
    found = new Map(
      plan.sections.flatMap((s) =>
        s.rows.flatMap((r) =>
          r.seats.map(
            (x) =>
              [
                x.id,
                { section: s.name, row: r.label, seat: x.label, categoryId: x.categoryId },
              ] as const,
          ),
        ),
      ),
    );
    byPlan.set(plan, found);
  }
  return found;
}
