import type { Seat, SeatingPlan } from '../../../shared/catalog/schemas';

export interface PlacedSeat {
  readonly seat: Seat;
  readonly rowLabel: string;
  readonly sectionName: string;
  /** Index into the grid's rows (front to back, section by section). */
  readonly row: number;
  readonly col: number;
}

export interface SeatGrid {
  readonly rows: readonly (readonly PlacedSeat[])[];
  readonly byId: ReadonlyMap<string, PlacedSeat>;
  readonly bounds: {
    readonly minX: number;
    readonly maxX: number;
    readonly minY: number;
    readonly maxY: number;
  };
}

/** Rows in plan order with seats left to right: what the arrow keys walk through. */
export function seatGrid(plan: SeatingPlan): SeatGrid {
  const rows: PlacedSeat[][] = [];
  const byId = new Map<string, PlacedSeat>();
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const section of plan.sections) {
    for (const row of section.rows) {
      const r = rows.length;
      const placed = [...row.seats]
        .sort((a, b) => a.x - b.x)
        .map((seat, col): PlacedSeat => ({
          seat,
          rowLabel: row.label,
          sectionName: section.name,
          row: r,
          col,
        }));
      for (const p of placed) {
        byId.set(p.seat.id, p);
        minX = Math.min(minX, p.seat.x);
        maxX = Math.max(maxX, p.seat.x);
        minY = Math.min(minY, p.seat.y);
        maxY = Math.max(maxY, p.seat.y);
      }
      rows.push(placed);
    }
  }
  return { rows, byId, bounds: { minX, maxX, minY, maxY } };
}

export type Direction = 'left' | 'right' | 'up' | 'down' | 'home' | 'end';

/**
 * The seat the focus moves to: along the row for left/right (stopping at the ends), to the
 * seat nearest in x in the row in front or behind for up/down — rows differ in length, so a
 * column index alone would jump sideways.
 */
export function moveFocus(grid: SeatGrid, fromId: string, direction: Direction): string {
  const from = grid.byId.get(fromId);
  if (from === undefined) return fromId;
  const row = grid.rows[from.row] ?? [];
  switch (direction) {
    case 'left':
      return row[Math.max(0, from.col - 1)]?.seat.id ?? fromId;
    case 'right':
      return row[Math.min(row.length - 1, from.col + 1)]?.seat.id ?? fromId;
    case 'home':
      return row[0]?.seat.id ?? fromId;
    case 'end':
      return row[row.length - 1]?.seat.id ?? fromId;
    case 'up':
    case 'down': {
      const target = grid.rows[from.row + (direction === 'up' ? -1 : 1)];
      if (target === undefined || target.length === 0) return fromId;
      let best = target[0];
      for (const p of target) {
        if (
          best === undefined ||
          Math.abs(p.seat.x - from.seat.x) < Math.abs(best.seat.x - from.seat.x)
        )
          best = p;
      }
      return best?.seat.id ?? fromId;
    }
  }
}
