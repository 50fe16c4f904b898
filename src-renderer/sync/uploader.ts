import Dexie from 'dexie';
import { MAX_PUSH_BYTES, MAX_PUSH_ENTRIES } from '../../shared/sync/contract';
import type { DomainEntry } from '../../shared/journal/entry-types';
import type { BoxOfficeDb, StoredJournalRecord } from '../store';
import { browserLocks, readEntries, type TillLocks } from '../store';
import type { SyncFailure, SyncPort } from './sync-port';
import { classifyFailure } from './sync-port';

/** The Web Locks name: one uploader per till, however many tabs or windows are open. */
export const UPLOAD_LOCK = 'box-office-sync-upload';

/** The locks as the uploader uses them (exclusive, waits its turn): `browserLocks()`. */
export type UploadLocks = Pick<TillLocks, 'request'>;
export { browserLocks };

export type UploadOutcome =
  | { readonly kind: 'drained'; readonly pushed: number }
  | { readonly kind: 'failed'; readonly pushed: number; readonly failure: SyncFailure };

const encoder = new TextEncoder();
/** Bytes of JSON as the request body carries them (UTF-8: a Cyrillic name is 2 bytes a letter). */
function jsonBytes(value: unknown): number {
  return encoder.encode(JSON.stringify(value)).length;
}

/**
 * The longest run from the start of `entries` that fits one push: at most MAX_PUSH_ENTRIES and
 * MAX_PUSH_BYTES of `{"entries":[…]}`. One entry always goes, even an oversized one, so the
 * server (not the till) says what is wrong with it and the queue does not stall silently.
 */
export function nextBatch(entries: readonly DomainEntry[]): DomainEntry[] {
  const batch: DomainEntry[] = [];
  let bytes = jsonBytes({ entries: [] });
  for (const entry of entries) {
    if (batch.length === MAX_PUSH_ENTRIES) break;
    const size = jsonBytes(entry) + (batch.length > 0 ? 1 : 0);
    if (batch.length > 0 && bytes + size > MAX_PUSH_BYTES) break;
    batch.push(entry);
    bytes += size;
  }
  return batch;
}

/** This terminal's queued entries, oldest first (the outbox key is [terminalId+seq]). */
async function queuedEntries(
  db: BoxOfficeDb,
  terminalId: string,
  limit: number,
): Promise<DomainEntry[]> {
  const rows = await db.outbox
    .where('[terminalId+seq]')
    .between([terminalId, Dexie.minKey], [terminalId, Dexie.maxKey])
    .limit(limit)
    .toArray();
  const records = await db.journal.bulkGet(
    rows.map((r): [string, number] => [r.terminalId, r.seq]),
  );
  // An outbox row without its entry cannot be pushed; stopping there keeps the order.
  const missing = records.indexOf(undefined);
  return readEntries(
    db,
    (missing < 0 ? records : records.slice(0, missing)) as StoredJournalRecord[],
  );
}

/**
 * Pushes the outbox, oldest first, until it is empty or a push fails. Rows go only once the
 * server acknowledged their entry (applied, or stored as a reconciliation exception), in a
 * strict transaction like every write of the store. A refusal (`chain_gap`, `seq_conflict`…)
 * deletes nothing and stops: the next attempt starts again from the same oldest entry, so
 * nothing is lost or reordered.
 *
 * Runs under the upload lock: a second tab waits, then finds the rows already gone.
 */
export function drainOutbox(
  db: BoxOfficeDb,
  terminalId: string,
  port: SyncPort,
  locks: UploadLocks,
): Promise<UploadOutcome> {
  return locks.request(UPLOAD_LOCK, async (): Promise<UploadOutcome> => {
    let pushed = 0;
    for (;;) {
      const queued = await queuedEntries(db, terminalId, MAX_PUSH_ENTRIES);
      if (queued.length === 0) return { kind: 'drained', pushed };
      const batch = nextBatch(queued);
      const answer = await port.push(batch as unknown as Record<string, unknown>[]);
      if (!answer.ok) return { kind: 'failed', pushed, failure: classifyFailure(answer.error) };
      const sent = new Map(batch.map((e) => [e.seq, e.hash]));
      const acked = answer.value.acks.filter((a) => sent.get(a.seq) === a.hash).map((a) => a.seq);
      if (acked.length === 0) {
        // An answer that acknowledges none of what was sent would loop forever: stop and say so.
        return {
          kind: 'failed',
          pushed,
          failure: {
            kind: 'refused',
            code: 'not_acknowledged',
            message: `The server acknowledged none of entries ${batch[0]!.seq}–${batch[batch.length - 1]!.seq}.`,
          },
        };
      }
      await db.transaction('rw', db.outbox, () =>
        db.outbox.bulkDelete(acked.map((seq): [string, number] => [terminalId, seq])),
      );
      pushed += acked.length;
    }
  });
}

/** The queue as the status bar shows it: how many entries wait, and since when the oldest. */
export async function queueState(
  db: BoxOfficeDb,
  terminalId: string,
): Promise<{ readonly queued: number; readonly oldestAt: string | null }> {
  // A fresh collection per read: a Dexie collection is consumed by its first terminal call.
  const range = () =>
    db.outbox
      .where('[terminalId+seq]')
      .between([terminalId, Dexie.minKey], [terminalId, Dexie.maxKey]);
  return db.transaction('r', db.outbox, async () => {
    const [queued, oldest] = await Promise.all([range().count(), range().first()]);
    return { queued, oldestAt: oldest?.enqueuedAt ?? null };
  });
}
