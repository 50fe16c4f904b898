import type { TerminalState } from '../../shared/commands/terminal-state';
import { applyEntry, initialTerminalState } from '../../shared/commands/terminal-state';
import type { DomainEntry } from '../../shared/journal/entry-types';
import { parseJournalEntry } from '../../shared/journal/entry-schema';
import type { JournalEntry } from '../../shared/journal/chain';
import { StoreError } from './errors';
import type { JournalRecord } from './records';

/**
 * Reading the journal back and folding it into the terminal state, one record at a time.
 * Every read goes through the journal contract (shared/journal/entry-schema.ts): a record is
 * used as a DomainEntry only once the schema accepted it, never by a cast.
 */

/** The sealed entry inside a record: without the members the store adds for its indexes. */
function sealedMembers(record: JournalRecord): JournalEntry {
  const { shiftId, ...entry } = record;
  void shiftId;
  return entry;
}

/** A stored record as a DomainEntry; throws StoreError('io_error') if the contract refuses it. */
export function readJournalEntry(record: JournalRecord): DomainEntry {
  const parsed = parseJournalEntry(sealedMembers(record));
  if (parsed.ok) return parsed.entry;
  throw new StoreError(
    'io_error',
    `Journal entry ${record.seq} is not a valid entry (${parsed.message}); the till's records are damaged.`,
  );
}

/** The shift an entry belongs to: its payload's, or the shift open when it was written. */
export function shiftOf(state: TerminalState, entry: DomainEntry): string | undefined {
  return 'shiftId' in entry.payload ? entry.payload.shiftId : state.shift?.shiftId;
}

export interface FoldStep {
  /** null once a record the contract refuses was met: nothing after it can be trusted. */
  readonly state: TerminalState | null;
  readonly shiftId: string | undefined;
}

/** One step of folding stored records (used by the v3 upgrade, which must not throw). */
export function foldJournal(
  terminalId: string,
  state: TerminalState | null | undefined,
  record: JournalRecord,
): FoldStep {
  const before = state === undefined ? initialTerminalState(terminalId) : state;
  if (before === null) return { state: null, shiftId: undefined };
  const parsed = parseJournalEntry(sealedMembers(record));
  if (!parsed.ok) return { state: null, shiftId: undefined };
  return { state: applyEntry(before, parsed.entry), shiftId: shiftOf(before, parsed.entry) };
}
