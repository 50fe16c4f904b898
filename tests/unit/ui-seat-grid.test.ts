import { describe, expect, it } from 'vitest';
import type { SeatingPlan } from '../../shared/catalog/schemas';
import { moveFocus, seatGrid } from '../../src-renderer/ui/sell/seat-grid';

const seat = (id: string, x: number, y: number) => ({
  id,
  label: id,
  x,
  y,
  categoryId: 'c',
  accessible: false,
  companion: false,
});

// Row A has 4 seats; row B is shorter and offset to the right, as in a real hall.
const plan: SeatingPlan = {
  id: 'p',
  venueId: 'v',
  name: 'Hall',
  categories: [{ id: 'c', name: 'C' }],
  sections: [
    {
      id: 's',
      name: 'Stalls',
      rows: [
        {
          id: 'A',
          label: 'A',
          seats: [seat('A3', 30, 0), seat('A1', 10, 0), seat('A4', 40, 0), seat('A2', 20, 0)],
        },
        { id: 'B', label: 'B', seats: [seat('B1', 25, 10), seat('B2', 35, 10)] },
      ],
    },
  ],
};

describe('seat map keyboard movement', () => {
  const grid = seatGrid(plan);

  it('orders each row left to right whatever order the plan lists the seats in', () => {
    expect(grid.rows[0]?.map((p) => p.seat.id)).toEqual(['A1', 'A2', 'A3', 'A4']);
  });

  it('moves along a row and stops at its ends', () => {
    expect(moveFocus(grid, 'A2', 'right')).toBe('A3');
    expect(moveFocus(grid, 'A4', 'right')).toBe('A4');
    expect(moveFocus(grid, 'A1', 'left')).toBe('A1');
    expect(moveFocus(grid, 'A3', 'home')).toBe('A1');
    expect(moveFocus(grid, 'A1', 'end')).toBe('A4');
  });

  it('moves between rows to the seat nearest in x, not the same index', () => {
    expect(moveFocus(grid, 'A4', 'down')).toBe('B2');
    expect(moveFocus(grid, 'A1', 'down')).toBe('B1');
    expect(moveFocus(grid, 'B2', 'up')).toBe('A3');
    expect(moveFocus(grid, 'B1', 'down')).toBe('B1');
    expect(moveFocus(grid, 'A2', 'up')).toBe('A2');
  });

  it('leaves focus alone for an unknown seat', () => {
    expect(moveFocus(grid, 'Z9', 'right')).toBe('Z9');
  });
});
