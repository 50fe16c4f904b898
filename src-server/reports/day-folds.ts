import type { Currency } from '../../shared/money/currency';
import { num, type Db } from '../db/port';
import { journalRange } from './journal-range';
import { foldDay, type PartFold } from './part-fold';

/** One terminal's UTC day as the analytics fold it (a row of report_day_folds). */
export interface TerminalDayFold {
  readonly day: string;
  readonly terminalId: string;
  readonly parts: readonly PartFold[];
}

interface FoldRow {
  day: string;
  terminal_id: string;
  first_seq: number;
  last_seq: number;
  generation: unknown;
  parts: PartFold[] | null;
}

const DAY = 24 * 3600 * 1000;
/** Stale days folded at once: the pg pool has 10 connections, other requests need some. */
const FILL_CONCURRENCY = 4;

/**
 * The folds of every terminal day of a venue between two UTC days (inclusive) that has
 * entries. Kept ones are read as stored; stale ones (new entries since, see migration 013's
 * trigger) are folded again from that terminal's day of the journal alone and stored.
 */
export async function terminalDayFolds(
  db: Db,
  venueId: string,
  currency: Currency,
  from: string,
  to: string,
): Promise<TerminalDayFold[]> {
  const rows = await db.query<FoldRow>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, terminal_id, first_seq, last_seq, generation, parts
     FROM report_day_folds
     WHERE venue_id = $1 AND day BETWEEN $2::date AND $3::date
     ORDER BY day, terminal_id`,
    [venueId, from, to],
  );
  const stale = rows.filter((r) => r.parts === null);
  const generatedAt = new Date().toISOString();
  let next = 0;
  const refill = async () => {
    while (next < stale.length) {
      const row = stale[next++]!;
      row.parts = await refold(db, venueId, currency, row, generatedAt);
    }
  };
  await Promise.all(Array.from({ length: Math.min(FILL_CONCURRENCY, stale.length) }, refill));
  return rows.map((r) => ({ day: r.day, terminalId: r.terminal_id, parts: r.parts! }));
}

/**
 * Folds one stale terminal day and stores it — unless its generation moved on meanwhile (a
 * push landed in that day while we read): then the next request folds it again. Two
 * requests folding the same day store the same fold; neither fails.
 */
async function refold(
  db: Db,
  venueId: string,
  currency: Currency,
  row: FoldRow,
  generatedAt: string,
): Promise<PartFold[]> {
  const from = `${row.day}T00:00:00Z`;
  const until = new Date(Date.parse(from) + DAY).toISOString();
  const range = await journalRange(db, venueId, from, until, {
    terminalId: row.terminal_id,
    firstSeq: num(row.first_seq),
    lastSeq: num(row.last_seq),
  });
  const parts = foldDay(currency, range, generatedAt);
  await db.query(
    `UPDATE report_day_folds SET parts = $5::jsonb
     WHERE venue_id = $1 AND day = $2::date AND terminal_id = $3 AND generation = $4`,
    [venueId, row.day, row.terminal_id, String(row.generation), JSON.stringify(parts)],
  );
  return parts;
}
