import { freshId } from './id-from-name';
import { seatingPlanSchema, type SeatingPlan } from './schemas';

/**
 * A seating plan from a spreadsheet (issue 13 item 6): one line per seat, a header naming the
 * columns in any order —
 *
 *     section,row,seat,category,x,y,accessible,companion
 *     Stalls,A,1,Standard,,,yes,
 *
 * `section`, `row`, `seat` (the labels printed on the ticket) and `category` (the seat
 * category a price tier sells) are required; `x`/`y` place the seat on the map (left empty,
 * rows are laid out centred, sections one under the other); `accessible`/`companion` take
 * yes/no, true/false or 1/0. Ids are made from the names so that the same sheet gives the same
 * plan; names that make no usable id (Cyrillic, Chinese) get numbered ids. Every problem is
 * reported with its line, so a manager fixes the sheet in one pass.
 */
export interface CsvPlanInput {
  readonly id: string;
  readonly name: string;
  readonly venueId: string;
  readonly csv: string;
}

export interface CsvProblem {
  /** 1-based line of the sheet (the header is line 1); 0 for the sheet as a whole. */
  readonly line: number;
  readonly message: string;
}

export type CsvPlanResult =
  | { readonly ok: true; readonly plan: SeatingPlan }
  | { readonly ok: false; readonly problems: readonly CsvProblem[] };

/** More lines than any hall has seats: a sheet this long is a wrong file, not a plan. */
export const MAX_PLAN_SEATS = 20_000;
const REQUIRED = ['section', 'row', 'seat', 'category'] as const;
const OPTIONAL = ['x', 'y', 'accessible', 'companion'] as const;
type Column = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];
/** Layout of a sheet without coordinates, in the seat map's units (a seat is 26 across). */
const SEAT_PITCH = 32;
const ROW_PITCH = 34;
const SECTION_GAP = 60;

export function seatingPlanFromCsv(input: CsvPlanInput): CsvPlanResult {
  const lines = splitCsv(input.csv);
  if (!lines.ok) return { ok: false, problems: [lines.problem] };
  const [header, ...body] = lines.rows;
  if (!header) return fail(0, 'The file is empty: it needs a header line and one line per seat.');
  const columns = headerColumns(header.cells);
  if (!columns.ok) return fail(1, columns.message);
  if (body.length === 0) return fail(0, 'The file has a header but no seats.');
  if (body.length > MAX_PLAN_SEATS) {
    return fail(0, `The file has ${body.length} seats; a plan holds at most ${MAX_PLAN_SEATS}.`);
  }

  const problems: CsvProblem[] = [];
  const ids = new IdMaker();
  const sections = new Map<string, DraftSection>();
  const categories = new Map<string, string>();
  for (const { line, cells } of body) {
    if (cells.every((c) => c.trim() === '')) continue;
    const cell = (c: Column): string => {
      const at = columns.index.get(c);
      return at === undefined ? '' : (cells[at] ?? '').trim();
    };
    const missing = REQUIRED.filter((c) => cell(c) === '');
    if (missing.length > 0) {
      problems.push({ line, message: `No ${missing.join(', ')} on this line.` });
      continue;
    }
    const seatLabel = cell('seat');
    const rowLabel = cell('row');
    if (seatLabel.length > 12 || rowLabel.length > 12) {
      problems.push({ line, message: 'Row and seat labels are at most 12 characters.' });
      continue;
    }
    const accessible = flag(cell('accessible'));
    const companion = flag(cell('companion'));
    if (accessible === null || companion === null) {
      problems.push({ line, message: 'Write yes or no for accessible and companion.' });
      continue;
    }
    const x = coordinate(cell('x'));
    const y = coordinate(cell('y'));
    if (x === null || y === null) {
      problems.push({ line, message: 'x and y are numbers (or left empty).' });
      continue;
    }
    const categoryName = cell('category');
    let categoryId = categories.get(categoryName);
    if (categoryId === undefined) {
      categoryId = ids.make('category', categoryName, 'c');
      categories.set(categoryName, categoryId);
    }
    const sectionName = cell('section');
    let section = sections.get(sectionName);
    if (!section) {
      section = { id: ids.make('section', sectionName, 's'), name: sectionName, rows: new Map() };
      sections.set(sectionName, section);
    }
    let row = section.rows.get(rowLabel);
    if (!row) {
      row = { id: ids.make('row', `${section.id}-${rowLabel}`, `${section.id}-r`), seats: [] };
      section.rows.set(rowLabel, row);
    }
    if (row.seats.some((s) => s.label === seatLabel)) {
      problems.push({
        line,
        message: `Seat ${seatLabel} of row ${rowLabel} in ${sectionName} is listed twice.`,
      });
      continue;
    }
    row.seats.push({
      id: ids.make('seat', `${row.id}-${seatLabel}`, `${row.id}-`),
      label: seatLabel,
      x,
      y,
      categoryId,
      accessible,
      companion,
    });
  }
  if (problems.length > 0) return { ok: false, problems };

  const plan = seatingPlanSchema.safeParse({
    id: input.id,
    venueId: input.venueId,
    name: input.name,
    categories: [...categories].map(([name, id]) => ({ id, name })),
    sections: laidOut([...sections.values()]),
  });
  if (!plan.success) {
    return {
      ok: false,
      problems: plan.error.issues.map((i) => ({ line: 0, message: i.message })),
    };
  }
  return { ok: true, plan: plan.data };
}

interface DraftSeat {
  readonly id: string;
  readonly label: string;
  readonly x: number | undefined;
  readonly y: number | undefined;
  readonly categoryId: string;
  readonly accessible: boolean;
  readonly companion: boolean;
}
interface DraftRow {
  readonly id: string;
  readonly seats: DraftSeat[];
}
interface DraftSection {
  readonly id: string;
  readonly name: string;
  readonly rows: Map<string, DraftRow>;
}

/** Seats without coordinates: each row centred on x = 0, sections stacked downwards. */
function laidOut(sections: readonly DraftSection[]) {
  let top = 0;
  return sections.map((section) => {
    const rows = [...section.rows].map(([label, row], ri) => ({
      id: row.id,
      label,
      seats: row.seats.map((seat, n) => ({
        ...seat,
        x: seat.x ?? (n - (row.seats.length - 1) / 2) * SEAT_PITCH,
        y: seat.y ?? top + ri * ROW_PITCH,
      })),
    }));
    top += section.rows.size * ROW_PITCH + SECTION_GAP;
    return { id: section.id, name: section.name, rows };
  });
}

/** Ids from names, unique among their kind (a section and a category may both be "stalls"). */
class IdMaker {
  private readonly used = new Map<string, Set<string>>();

  make(kind: string, name: string, fallbackPrefix: string): string {
    let used = this.used.get(kind);
    if (!used) this.used.set(kind, (used = new Set()));
    const id = freshId(name, used, fallbackPrefix);
    used.add(id);
    return id;
  }
}

function headerColumns(
  cells: readonly string[],
):
  | { readonly ok: true; readonly index: Map<Column, number> }
  | { readonly ok: false; readonly message: string } {
  const known: readonly string[] = [...REQUIRED, ...OPTIONAL];
  const index = new Map<Column, number>();
  cells.forEach((raw, i) => {
    const name = raw
      .trim()
      .toLowerCase()
      .replace(/^\uFEFF/, '');
    if (known.includes(name) && !index.has(name as Column)) index.set(name as Column, i);
  });
  const missing = REQUIRED.filter((c) => !index.has(c));
  return missing.length === 0
    ? { ok: true, index }
    : {
        ok: false,
        message: `The header needs the columns ${REQUIRED.join(', ')}; missing: ${missing.join(', ')}.`,
      };
}

function flag(text: string): boolean | null {
  const t = text.toLowerCase();
  if (t === '' || t === 'no' || t === 'false' || t === '0') return false;
  if (t === 'yes' || t === 'true' || t === '1') return true;
  return null;
}

/** undefined: left empty (laid out); null: not a number. */
function coordinate(text: string): number | undefined | null {
  if (text === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

function fail(line: number, message: string): CsvPlanResult {
  return { ok: false, problems: [{ line, message }] };
}

/**
 * RFC 4180 lines: commas (or semicolons, as spreadsheets in many locales save) between cells,
 * double quotes around a cell that holds one, `""` for a quote inside; CRLF or LF.
 */
function splitCsv(
  text: string,
):
  | { readonly ok: true; readonly rows: { line: number; cells: string[] }[] }
  | { readonly ok: false; readonly problem: CsvProblem } {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const separator = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === separator) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (quoted) {
    return { ok: false, problem: { line: rowLine, message: 'A quoted cell is never closed.' } };
  }
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
  }
  return { ok: true, rows: rows.filter((r) => r.cells.some((c) => c.trim() !== '')) };
}
