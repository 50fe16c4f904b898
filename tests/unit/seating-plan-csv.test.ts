import { describe, expect, it } from 'vitest';
import { seatingPlanFromCsv } from '../../shared/catalog/seating-plan-csv';

const plan = (csv: string) =>
  seatingPlanFromCsv({ id: 'small-hall', name: 'Small hall', venueId: 'kyiv-opera', csv });

describe('a seating plan from a spreadsheet', () => {
  it('makes sections, rows, seats and categories from the names, laid out when x/y are empty', () => {
    const result = plan(
      [
        'Section,Row,Seat,Category,Accessible',
        'Stalls,A,1,Standard,yes',
        'Stalls,A,2,Standard,',
        'Stalls,B,1,Premium,no',
        '"Balcony, left",A,1,Standard,',
      ].join('\r\n'),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const p = result.plan;
    expect(p.categories).toEqual([
      { id: 'standard', name: 'Standard' },
      { id: 'premium', name: 'Premium' },
    ]);
    expect(p.sections.map((s) => [s.id, s.name])).toEqual([
      ['stalls', 'Stalls'],
      ['balcony-left', 'Balcony, left'],
    ]);
    const rowA = p.sections[0]!.rows[0]!;
    expect(rowA.seats.map((s) => [s.id, s.label, s.accessible, s.categoryId])).toEqual([
      ['stalls-a-1', '1', true, 'standard'],
      ['stalls-a-2', '2', false, 'standard'],
    ]);
    // Centred on 0, one seat pitch apart; the next row lower; the next section lower still.
    expect(rowA.seats.map((s) => s.x)).toEqual([-16, 16]);
    const rowB = p.sections[0]!.rows[1]!;
    expect(rowB.seats[0]!.y).toBeGreaterThan(rowA.seats[0]!.y);
    expect(p.sections[1]!.rows[0]!.seats[0]!.y).toBeGreaterThan(rowB.seats[0]!.y);
  });

  it('keeps given coordinates, reads semicolons, and numbers ids for Cyrillic and Chinese names', () => {
    const result = plan(
      ['section;row;seat;category;x;y', 'Партер;1;1;Стандарт;10;20', '楼座;1;1;标准;30;90'].join(
        '\n',
      ),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const ids = result.plan.sections.map((s) => s.id);
    expect(ids).toEqual(['s1', 's2']);
    expect(result.plan.categories.map((c) => c.name)).toEqual(['Стандарт', '标准']);
    const seat = result.plan.sections[0]!.rows[0]!.seats[0]!;
    expect([seat.x, seat.y, seat.label]).toEqual([10, 20, '1']);
    expect(new Set(result.plan.sections.flatMap((s) => s.rows.map((r) => r.id))).size).toBe(2);
  });

  it('reports each bad line with its number and makes no plan', () => {
    const result = plan(
      [
        'section,row,seat,category,x',
        'Stalls,A,1,Standard,',
        'Stalls,A,1,Standard,',
        'Stalls,,2,Standard,',
        'Stalls,A,3,Standard,left',
      ].join('\n'),
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        { line: 3, message: 'Seat 1 of row A in Stalls is listed twice.' },
        { line: 4, message: 'No row on this line.' },
        { line: 5, message: 'x and y are numbers (or left empty).' },
      ],
    });
  });

  it('refuses a sheet without the needed columns, an empty sheet and an unclosed quote', () => {
    expect(plan('section,seat\nStalls,1')).toEqual({
      ok: false,
      problems: [
        {
          line: 1,
          message:
            'The header needs the columns section, row, seat, category; missing: row, category.',
        },
      ],
    });
    expect(plan('').ok).toBe(false);
    expect(plan('section,row,seat,category\n').ok).toBe(false);
    expect(plan('section,row,seat,category\n"Stalls,A,1,Standard').ok).toBe(false);
  });

  it('makes valid ids from long names', () => {
    const long = 'The very long name of the upper circle on the left side';
    const result = plan(
      `section,row,seat,category\n${long},AA,101,Standard\n${long},AA,102,Standard`,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const seats = result.plan.sections[0]!.rows[0]!.seats;
    expect(seats.every((s) => /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/.test(s.id))).toBe(true);
    expect(new Set(seats.map((s) => s.id)).size).toBe(2);
  });
});
