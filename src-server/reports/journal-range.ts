import type { DomainEntry } from '../../shared/journal/entry-types';
import type { Db } from '../db/port';

export interface JournalRange {
  /** Every stored entry whose `at` falls in [from, until), by terminal and seq. */
  readonly entries: DomainEntry[];
  /** The shift_open entries of shifts opened before `from` that have entries in the range. */
  readonly earlierOpens: DomainEntry[];
}

/** One terminal's entries between two seqs (its stored day: report_day_folds' seq span). */
export interface TerminalSpan {
  readonly terminalId: string;
  readonly firstSeq: number;
  readonly lastSeq: number;
}

const shiftOf = (e: DomainEntry): string | null =>
  'shiftId' in e.payload ? e.payload.shiftId : null;

/**
 * A venue's stored journal between two instants, applied or raised as an exception (the
 * journal is the record: the till's Z counted them all), with the opens of the shifts that
 * began earlier — what the day report and the refund analytics fold. With `span`, only that
 * terminal's entries within its seqs (read through the primary key, not the venue's whole
 * journal); its earlier opens are then that terminal's too, as shiftParts keys opens by
 * terminal and shift anyway.
 */
export async function journalRange(
  db: Db,
  venueId: string,
  from: string,
  until: string,
  span?: TerminalSpan,
): Promise<JournalRange> {
  const inSpan = span ? `AND terminal_id = $4 AND seq BETWEEN $5 AND $6` : '';
  const spanParams = span ? [span.terminalId, span.firstSeq, span.lastSeq] : [];
  const rows = await db.query<{ body: DomainEntry }>(
    `SELECT body FROM journal_entries
     WHERE venue_id = $1 AND at::timestamptz >= $2::timestamptz AND at::timestamptz < $3::timestamptz
       ${inSpan}
     ORDER BY terminal_id, seq`,
    [venueId, from, until, ...spanParams],
  );
  const entries = rows.map((r) => r.body);
  const openedHere = new Set(
    entries.filter((e) => e.type === 'shift_open').map((e) => `${e.terminalId} ${shiftOf(e)}`),
  );
  const missing = [
    ...new Set(
      entries
        .filter((e) => shiftOf(e) !== null && !openedHere.has(`${e.terminalId} ${shiftOf(e)}`))
        .map((e) => shiftOf(e)!),
    ),
  ];
  const earlier =
    missing.length === 0
      ? []
      : await db.query<{ body: DomainEntry }>(
          `SELECT body FROM journal_entries
           WHERE venue_id = $1 AND type = 'shift_open' AND body->'payload'->>'shiftId' = ANY($2::text[])
             AND at::timestamptz < $3::timestamptz ${span ? 'AND terminal_id = $4' : ''}`,
          [venueId, missing, from, ...spanParams.slice(0, 1)],
        );
  return { entries, earlierOpens: earlier.map((r) => r.body) };
}
