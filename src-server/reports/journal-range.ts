import type { DomainEntry } from '../../shared/journal/entry-types';
import type { Db } from '../db/port';

export interface JournalRange {
  /** Every stored entry whose `at` falls in [from, until), by terminal and seq. */
  readonly entries: DomainEntry[];
  /** The shift_open entries of shifts opened before `from` that have entries in the range. */
  readonly earlierOpens: DomainEntry[];
}

const shiftOf = (e: DomainEntry): string | null =>
  'shiftId' in e.payload ? e.payload.shiftId : null;

/**
 * A venue's stored journal between two instants, applied or raised as an exception (the
 * journal is the record: the till's Z counted them all), with the opens of the shifts that
 * began earlier — what the day report and the refund analytics fold.
 */
export async function journalRange(
  db: Db,
  venueId: string,
  from: string,
  until: string,
): Promise<JournalRange> {
  const rows = await db.query<{ body: DomainEntry }>(
    `SELECT body FROM journal_entries
     WHERE venue_id = $1 AND at::timestamptz >= $2::timestamptz AND at::timestamptz < $3::timestamptz
     ORDER BY terminal_id, seq`,
    [venueId, from, until],
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
             AND at::timestamptz < $3::timestamptz`,
          [venueId, missing, from],
        );
  return { entries, earlierOpens: earlier.map((r) => r.body) };
}
