import type { SeatingPlan } from '../../shared/catalog/schemas';

/**
 * Best-available seats for N people: a pure function of the seating plan and the seats this
 * terminal can sell. Pure domain, but kept here until a second caller (kiosk, server) needs it.
 */

export interface BestAvailableOptions {
  /** Only seats of these categories (the tier's); absent = any category. */
  readonly categoryIds?: readonly string[];
  /**
   * Wheelchair places and their companion seats are offered only when asked for: sold to a
   * walk-up group by default they would be gone for the people who need them.
   */
  readonly includeAccessible?: boolean;
}

export interface BestAvailableResult {
  readonly seatIds: readonly string[];
  /** True when all seats sit side by side in one row. */
  readonly together: boolean;
}

interface Candidate {
  readonly id: string;
  readonly x: number;
  readonly y: number;
}

/**
 * Picks `count` seats: the block of `count` adjacent available seats in one row whose centre is
 * nearest the "sweet spot" (the horizontal centre of the plan, a quarter of the way back from
 * the front row). When no row has such a block the nearest single seats are returned with
 * `together: false`, so the cashier can still offer them. Null when fewer seats are left.
 * Deterministic: ties go to the lower seat id.
 */
export function bestAvailable(
  plan: SeatingPlan,
  available: ReadonlySet<string>,
  count: number,
  options: BestAvailableOptions = {},
): BestAvailableResult | null {
  if (!Number.isInteger(count) || count < 1) return null;
  const categories = options.categoryIds ? new Set(options.categoryIds) : null;
  const rows: Candidate[][] = [];
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const section of plan.sections) {
    for (const row of section.rows) {
      for (const s of row.seats) {
        minX = Math.min(minX, s.x);
        maxX = Math.max(maxX, s.x);
        minY = Math.min(minY, s.y);
        maxY = Math.max(maxY, s.y);
      }
      // A run is broken by a seat that cannot be offered, so keep the row's full order here.
      const ordered = [...row.seats].sort((a, b) => a.x - b.x);
      let run: Candidate[] = [];
      for (const s of ordered) {
        const usable =
          available.has(s.id) &&
          (!categories || categories.has(s.categoryId)) &&
          (options.includeAccessible === true || (!s.accessible && !s.companion));
        if (usable) run.push({ id: s.id, x: s.x, y: s.y });
        else if (run.length > 0) {
          rows.push(run);
          run = [];
        }
      }
      if (run.length > 0) rows.push(run);
    }
  }
  const spotX = (minX + maxX) / 2;
  const spotY = minY + (maxY - minY) / 4;
  const distance = (x: number, y: number): number => Math.hypot(x - spotX, y - spotY);

  let best: { ids: string[]; score: number } | null = null;
  for (const run of rows) {
    for (let i = 0; i + count <= run.length; i++) {
      const block = run.slice(i, i + count);
      const cx = block.reduce((n, s) => n + s.x, 0) / count;
      const score = distance(cx, block[0]?.y ?? 0);
      const ids = block.map((s) => s.id);
      if (!best || score < best.score || (score === best.score && ids.join() < best.ids.join()))
        best = { ids, score };
    }
  }
  if (best) return { seatIds: best.ids, together: true };

  const singles = rows
    .flat()
    .map((s) => ({ id: s.id, score: distance(s.x, s.y) }))
    .sort((a, b) => a.score - b.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (singles.length < count) return null;
  return { seatIds: singles.slice(0, count).map((s) => s.id), together: false };
}
