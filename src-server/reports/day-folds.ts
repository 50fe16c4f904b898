import type { Currency } from '../../shared/money/currency';
import { addDays, venueDayOf, venueDayRange, venueDaysRange } from '../../shared/time/venue-day';
import { num, type Db } from '../db/port';
import { journalRange } from './journal-range';
import { foldDay, type PartFold } from './part-fold';

/** One terminal's day, a calendar day of the venue's zone, as the analytics fold it. */
export interface TerminalDayFold {
  readonly day: string;
  readonly terminalId: string;
  readonly parts: readonly PartFold[];
}

/**
 * What a report_day_folds row keeps in `parts`: the folds of the venue days that overlap the
 * row's UTC day. The rows are cut at UTC midnight (migration 013's trigger), the venue's days
 * at its own midnight, so a venue day spans two rows (three around a DST change); its fold
 * records the generation of every row it read, and is good only while they are all unchanged
 * and no other row has joined the day. A fold in another zone (the venue moved) is not kept.
 * A NULL or a plain list (a UTC-day fold stored before days were the venue's) holds none.
 */
interface KeptFolds {
  readonly zone: string;
  readonly days: Record<string, { deps: Record<string, string>; parts: PartFold[] }>;
}

interface FoldRow {
  day: string;
  terminal_id: string;
  first_seq: number;
  last_seq: number;
  generation: unknown;
  parts: KeptFolds | PartFold[] | null;
}

/** Stale days folded at once: the pg pool has 10 connections, other requests need some. */
const FILL_CONCURRENCY = 4;

/** The venue days (YYYY-MM-DD) a UTC day overlaps: one or two, three around a DST change. */
function venueDaysOfUtcDay(utcDay: string, timeZone: string): string[] {
  const last = venueDayOf(Date.parse(`${addDays(utcDay, 1)}T00:00:00Z`) - 1, timeZone);
  const days = [venueDayOf(`${utcDay}T00:00:00Z`, timeZone)];
  while (days.at(-1)! < last) days.push(addDays(days.at(-1)!, 1));
  return days;
}

interface TerminalDay {
  readonly day: string;
  readonly terminalId: string;
  /** The rows (UTC days) of this terminal that overlap the venue day. */
  readonly rows: FoldRow[];
  parts?: PartFold[];
}

const depsOf = (rows: readonly FoldRow[]) =>
  Object.fromEntries(rows.map((r) => [r.day, String(r.generation)]));

function keptFold(d: TerminalDay, timeZone: string): PartFold[] | undefined {
  const want = depsOf(d.rows);
  for (const row of d.rows) {
    const kept = row.parts;
    if (kept === null || Array.isArray(kept) || kept.zone !== timeZone) continue;
    const fold = kept.days[d.day];
    const deps = fold?.deps ?? {};
    const same =
      Object.keys(deps).length === Object.keys(want).length &&
      Object.entries(want).every(([day, generation]) => deps[day] === generation);
    if (fold && same) return fold.parts;
  }
  return undefined;
}

/**
 * The folds of every terminal day of a venue between two of its days (inclusive, calendar
 * days of `timeZone`) that has entries. Kept ones are read as stored; stale ones (new entries
 * since, see migration 013's trigger) are folded again from that terminal's day of the
 * journal alone and kept.
 */
export async function terminalDayFolds(
  db: Db,
  venueId: string,
  currency: Currency,
  from: string,
  to: string,
  timeZone: string,
): Promise<TerminalDayFold[]> {
  const range = venueDaysRange(from, to, timeZone);
  const rows = await db.query<FoldRow>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, terminal_id, first_seq, last_seq, generation, parts
     FROM report_day_folds
     WHERE venue_id = $1 AND day BETWEEN $2::date AND $3::date
     ORDER BY day, terminal_id`,
    [
      venueId,
      range.from.slice(0, 10),
      new Date(Date.parse(range.until) - 1).toISOString().slice(0, 10),
    ],
  );
  const days = new Map<string, TerminalDay>();
  // Every terminal has a row per UTC day: work out each day's venue days once, not per row.
  const venueDays = new Map<string, string[]>();
  const venueDaysOf = (utcDay: string): string[] => {
    let found = venueDays.get(utcDay);
    if (found === undefined) venueDays.set(utcDay, (found = venueDaysOfUtcDay(utcDay, timeZone)));
    return found;
  };
  for (const row of rows)
    for (const day of venueDaysOf(row.day)) {
      if (day < from || day > to) continue;
      const key = `${day} ${row.terminal_id}`;
      const d = days.get(key) ?? { day, terminalId: row.terminal_id, rows: [] };
      d.rows.push(row);
      days.set(key, d);
    }
  const all = [...days.values()];
  for (const d of all) d.parts = keptFold(d, timeZone);
  const stale = all.filter((d) => d.parts === undefined);
  const generatedAt = new Date().toISOString();
  let next = 0;
  const refill = async () => {
    while (next < stale.length) {
      const d = stale[next++]!;
      d.parts = await refold(db, venueId, currency, d, timeZone, generatedAt);
    }
  };
  await Promise.all(Array.from({ length: Math.min(FILL_CONCURRENCY, stale.length) }, refill));
  return all
    .filter((d) => d.parts!.length > 0)
    .sort((a, b) => (a.day + a.terminalId < b.day + b.terminalId ? -1 : 1))
    .map((d) => ({ day: d.day, terminalId: d.terminalId, parts: d.parts! }));
}

/**
 * Folds one stale terminal day and keeps it on its first row — unless that row's generation
 * moved on meanwhile (a push landed in it while we read): then the next request folds it
 * again. A push into its other rows changes their generation, which the kept fold records.
 * Two requests folding the same day keep the same fold; neither fails.
 */
async function refold(
  db: Db,
  venueId: string,
  currency: Currency,
  d: TerminalDay,
  timeZone: string,
  generatedAt: string,
): Promise<PartFold[]> {
  const { from, until } = venueDayRange(d.day, timeZone);
  const range = await journalRange(db, venueId, from, until, {
    terminalId: d.terminalId,
    firstSeq: Math.min(...d.rows.map((r) => num(r.first_seq))),
    lastSeq: Math.max(...d.rows.map((r) => num(r.last_seq))),
  });
  const parts = foldDay(currency, range, generatedAt);
  const home = d.rows[0]!;
  await db.query(
    `UPDATE report_day_folds
     SET parts = jsonb_set(
       CASE WHEN jsonb_typeof(parts) = 'object' AND parts->>'zone' = $5 THEN parts
            ELSE jsonb_build_object('zone', $5::text, 'days', '{}'::jsonb) END,
       ARRAY['days', $6::text], $7::jsonb)
     WHERE venue_id = $1 AND day = $2::date AND terminal_id = $3 AND generation = $4`,
    [
      venueId,
      home.day,
      d.terminalId,
      String(home.generation),
      timeZone,
      d.day,
      JSON.stringify({ deps: depsOf(d.rows), parts }),
    ],
  );
  return parts;
}
