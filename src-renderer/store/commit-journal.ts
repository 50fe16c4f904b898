import Dexie from 'dexie';
import type { TerminalState } from '../../shared/commands/terminal-state';
import { applyEntry, initialTerminalState } from '../../shared/commands/terminal-state';
import type { ChainHead } from '../../shared/journal/chain';
import { hashedTextOf, sealEntries } from '../../shared/journal/chain';
import { sha256HexSync } from '../../shared/crypto/sha256';
import type { DomainEntry, EntryDraft } from '../../shared/journal/entry-types';
import { parseJournalEntry } from '../../shared/journal/entry-schema';
import type { ShiftTally } from '../../shared/shift/tally';
import { nextTally, tallyOf } from '../../shared/shift/tally';
import type { Result } from '../../shared/util/result';
import { err, ok } from '../../shared/util/result';
import type { BoxOfficeDb } from './db';
import { commitTables } from './db';
import { assertStrictTransaction } from './durability-guard';
import type { StoreErrorCode } from './errors';
import { STORE_ERROR_MESSAGES, StoreError, toStoreError } from './errors';
import { shiftOf } from './journal-fold';
import type { Packing } from './journal-packs';
import {
  isPacked,
  idle,
  packBacklogWhenIdle,
  PACK_SIZE,
  packedCounterName,
  packRecords,
  packStart,
  readEntries,
} from './journal-packs';
import { currentIdbTransaction, readRows, writeRows } from './raw-requests';
import type {
  CheckpointRecord,
  CounterRecord,
  JournalRecord,
  OutboxRecord,
  StoredJournalRecord,
} from './records';
import { receiptCounterName } from './records';

/** What the draft builder and the projections learn about the commit in progress. */
export interface DraftContext {
  readonly terminalId: string;
  /**
   * The next receipt number of this terminal (last + 1 from the counter); a sale, refund,
   * exchange or void puts it in its payload as `receiptNo`. Training has its own sequence.
   */
  readonly receiptNumber: number;
  readonly trainingReceiptNumber: number;
  /** Instant to stamp on drafts and records: the commit's clock reading. */
  readonly now: string;
  /**
   * The terminal state folded from the journal up to its latest entry (the checkpoint's):
   * the state a command must decide against, current even if another window just committed.
   */
  readonly state: TerminalState;
  /** The open shift's running tally at the same point (null when no shift is open). */
  readonly shift: ShiftTally | null;
}

export interface ProjectionContext extends DraftContext {
  readonly db: BoxOfficeDb;
  /** The sealed entries being written in this same transaction. */
  readonly entries: readonly DomainEntry[];
}

/**
 * Drafts, or a builder that makes them once the receipt number is known (a sale prints its
 * receipt number, so the number is in the entry). The builder may run more than once if
 * another window commits at the same moment; it must not have side effects.
 */
export type DraftSource<C extends string> =
  | readonly EntryDraft[]
  | ((
      ctx: DraftContext,
    ) => Promise<Result<readonly EntryDraft[], C>> | Result<readonly EntryDraft[], C>);

/**
 * Writes the read models (orders, tickets, seat states, leases, carts…) for the entries.
 * It runs inside the commit transaction: it must only await Dexie operations (awaiting
 * anything else, e.g. WebCrypto or fetch, lets IndexedDB auto-commit the transaction), and
 * anything it throws aborts the whole commit.
 */
export type ApplyProjections = (ctx: ProjectionContext) => Promise<void> | void;

export interface CommitOutcome {
  readonly entries: readonly DomainEntry[];
  /** The receipt number the commit took (the last one if several), or null if none. */
  readonly receiptNumber: number | null;
  /** The terminal state folded up to and including these entries (the new checkpoint's). */
  readonly state: TerminalState;
  /** The open shift's tally after these entries (the new checkpoint's). */
  readonly shift: ShiftTally | null;
}

interface Tail {
  readonly last: ChainHead | null;
  /** The clock reading (`at`) of the last entry, or null for an empty journal. */
  readonly lastAt: string | null;
  readonly receiptCounter: number;
  readonly trainingCounter: number;
  /** The terminal state folded up to `last`. */
  readonly state: TerminalState;
  /** The open shift's tally up to `last`. */
  readonly shift: ShiftTally | null;
  /**
   * The entries of the pack still open (from packStart(last + 1) to `last`) with their hashed
   * texts, when this writer sealed them: the commit that completes the pack needs them. null
   * when not known (after a fresh read); that commit then reads them back.
   */
  readonly openPack: OpenPack | null;
}

interface OpenPack {
  readonly records: readonly JournalRecord[];
  readonly texts: readonly string[];
}

interface Numbered {
  readonly receiptNo: number;
  readonly training: boolean;
}

/** An entry that takes a receipt number: its payload has a numeric `receiptNo`. */
function numbered(payload: unknown): Numbered | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as { receiptNo?: unknown; training?: unknown };
  return typeof p.receiptNo === 'number'
    ? { receiptNo: p.receiptNo, training: p.training === true }
    : null;
}

/** An entry the journal contract refuses, found inside the commit transaction (which it aborts). */
class ContractBreach extends Error {
  constructor(seq: number, reason: string) {
    super(`Entry ${seq} breaks the journal contract: ${reason}`);
  }
}

const MAX_ATTEMPTS = 3;

/** The pause after a commit before the journal's tidying may take its next step. */
const QUIET_AFTER_COMMIT_MS = 1_000;

/**
 * How far behind the last entry a commit's clock may read before it is refused. Two windows
 * of one till, or a clock nudged by time sync, can disagree by seconds; an hour back is a
 * clock that would reopen refund windows and misdate the shift.
 */
export const CLOCK_BEHIND_TOLERANCE_MS = 2 * 60_000;

/**
 * Why a commit at `now` must be refused, or null: its clock reads more than the tolerance
 * before the journal's last entry. Every commit is held to it, not only money ones: a login
 * stamped an hour back would become the last entry, and the next sale would then be compared
 * against the wrong clock and pass.
 */
export function clockBehind(now: string, lastAt: string | null): string | null {
  if (lastAt === null) return null;
  const behindMs = Date.parse(lastAt) - Date.parse(now);
  if (!(behindMs > CLOCK_BEHIND_TOLERANCE_MS)) return null;
  return `The till's clock reads ${now}, ${Math.round(behindMs / 1000)} s before the last journal entry (${lastAt}).`;
}

/**
 * Where the terminal's journal stands: its checkpoint plus whatever entries follow it (none
 * when every write went through commitJournal; all of them for a store that never had a
 * checkpoint). Reads a handful of rows however long the journal is.
 */
export function readTail(db: BoxOfficeDb, terminalId: string): Promise<Tail> {
  // One read transaction, so checkpoint, counters and journal are one snapshot: a counter read
  // before another window's commit and a journal read after it would pair a fresh seq with a
  // stale receipt number, which the primary key could no longer catch.
  return db.transaction(
    'r',
    [db.checkpoints, db.counters, db.journal, db.journalPacks],
    async () => {
      const [checkpoint, counter, training] = await Promise.all([
        db.checkpoints.get(terminalId),
        db.counters.get(receiptCounterName(terminalId)),
        db.counters.get(receiptCounterName(terminalId, true)),
      ]);
      const after = await db.journal
        .where('[terminalId+seq]')
        .between([terminalId, checkpoint?.seq ?? 0], [terminalId, Dexie.maxKey], false, true)
        .toArray();
      let state = checkpoint?.state ?? initialTerminalState(terminalId);
      // undefined: a checkpoint from before tallies were kept (see the end of this read).
      let shift = checkpoint ? checkpoint.shift : null;
      let last: ChainHead | null = checkpoint
        ? { terminalId, seq: checkpoint.seq, hash: checkpoint.hash }
        : null;
      let lastAt: string | null = null;
      const entries = await readEntries(db, after);
      for (const [i, record] of after.entries()) {
        const entry = entries[i]!;
        state = applyEntry(state, entry);
        shift =
          entry.type === 'shift_open' || shift !== undefined
            ? nextTally(shift ?? null, entry)
            : undefined;
        last = record;
        lastAt = record.at;
      }
      if (shift === undefined) {
        // Once, for a store upgraded with a shift open: tally it from its own entries.
        shift =
          state.shift === null
            ? null
            : tallyOf(
                await readEntries(
                  db,
                  (
                    await db.journal
                      .where('[shiftId+seq]')
                      .between(
                        [state.shift.shiftId, Dexie.minKey],
                        [state.shift.shiftId, Dexie.maxKey],
                      )
                      .toArray()
                  ).filter((r) => r.terminalId === terminalId),
                ),
              );
      }
      if (lastAt === null && checkpoint) {
        // The checkpoint's own entry, by primary key: one more row, not a scan.
        lastAt = (await db.journal.get([terminalId, checkpoint.seq]))?.at ?? null;
      }
      return {
        last,
        lastAt,
        receiptCounter: counter?.value ?? 0,
        trainingCounter: training?.value ?? 0,
        state,
        shift,
        // Known only when nothing of the open pack is stored yet.
        openPack: (last?.seq ?? 0) % PACK_SIZE === 0 ? { records: [], texts: [] } : null,
      };
    },
  );
}

/**
 * The records to store for sealed entries (with their shift), and the state and the open
 * shift's tally after them.
 */
function foldForStorage(
  before: Tail,
  entries: readonly DomainEntry[],
): { records: JournalRecord[]; state: TerminalState; shift: ShiftTally | null } {
  let state = before.state;
  let shift = before.shift;
  const records = entries.map((entry): JournalRecord => {
    const shiftId = shiftOf(state, entry);
    state = applyEntry(state, entry);
    shift = nextTally(shift, entry);
    return shiftId === undefined ? entry : { ...entry, shiftId };
  });
  return { records, state, shift };
}

/**
 * The counters after these entries, or a StoreError if an entry's receipt number is not the
 * next one: receipt numbers are gapless by rule, so a payload built from a stale view of the
 * terminal never reaches the disk.
 */
function advanceCounters(
  tail: Tail,
  entries: readonly DomainEntry[],
  folded: { state: TerminalState; shift: ShiftTally | null; records: readonly JournalRecord[] },
): { tail: Tail; taken: number | null } {
  let { receiptCounter, trainingCounter } = tail;
  let taken: number | null = null;
  for (const entry of entries) {
    const n = numbered(entry.payload);
    if (n === null) continue;
    const expected = (n.training ? trainingCounter : receiptCounter) + 1;
    if (n.receiptNo !== expected) {
      throw new StoreError(
        'invalid_argument',
        `Entry ${entry.seq} carries receipt number ${n.receiptNo}; the next ${n.training ? 'training ' : ''}receipt number is ${expected}.`,
      );
    }
    if (n.training) trainingCounter = expected;
    else receiptCounter = expected;
    taken = expected;
  }
  return {
    tail: {
      last: entries[entries.length - 1] ?? tail.last,
      lastAt: entries[entries.length - 1]?.at ?? tail.lastAt,
      receiptCounter,
      trainingCounter,
      state: folded.state,
      shift: folded.shift,
      openPack: openPackAfter(tail.openPack, folded.records, entries),
    },
    taken,
  };
}

/** The open pack after these records (in seq order, following the tail's last entry). */
function openPackAfter(
  before: OpenPack | null,
  records: readonly JournalRecord[],
  entries: readonly DomainEntry[],
): OpenPack | null {
  const last = records[records.length - 1];
  if (last === undefined) return before;
  const start = packStart(last.seq + 1);
  const fresh = records.filter((r) => r.seq >= start);
  // From the sealed entries: sealEntries kept their texts (a record with its shiftId is a copy).
  const texts = entries.filter((e) => e.seq >= start).map(hashedTextOf);
  if (fresh.length === records.length && records[0]!.seq > start) {
    // The open pack began before these records.
    return before && { records: [...before.records, ...fresh], texts: [...before.texts, ...texts] };
  }
  return { records: fresh, texts };
}

/** Whether these records (in seq order) reach the end of the pack their first one is in. */
function completesPack(records: readonly JournalRecord[]): boolean {
  return records[records.length - 1]!.seq >= packStart(records[0]!.seq) + PACK_SIZE - 1;
}

function sameTail(a: Tail, b: Tail): boolean {
  return (
    a.receiptCounter === b.receiptCounter &&
    a.trainingCounter === b.trainingCounter &&
    (a.last?.seq ?? 0) === (b.last?.seq ?? 0) &&
    (a.last?.hash ?? '') === (b.last?.hash ?? '')
  );
}

/**
 * The single path by which money or inventory changes reach the store.
 *
 * Sealing hashes with WebCrypto, which is not an IndexedDB request: awaiting it inside an
 * IndexedDB transaction lets the transaction auto-commit half-way. So the drafts are sealed
 * against a snapshot of the journal tail first (cached after each commit), and then one
 * strict read-write transaction writes the entries, their outbox rows, the receipt counter
 * and every projection — all or nothing.
 *
 * A stale snapshot cannot fork the chain: an entry sealed after a tail that is no longer the
 * last has a seq that already exists, and [terminalId+seq] is the journal's primary key, so
 * IndexedDB refuses the whole transaction. The counters are only ever written together with
 * the journal, so they cannot have moved while the journal did not. On such a refusal the
 * tail is re-read and, if another window moved it, the commit starts again (bounded).
 * Commits from this page are also queued one after another, so they never race each other.
 */
export class JournalWriter {
  private queue: Promise<unknown> = Promise.resolve();
  private cachedTail: Tail | null = null;
  /** The idle rewrite of packed entries' rows (packBacklogWhenIdle), while one runs. */
  private tidying: Promise<unknown> | null = null;
  /** performance.now() when the last commit ended: tidying waits for a pause after it. */
  private lastCommitEnded = -Infinity;

  constructor(
    readonly db: BoxOfficeDb,
    readonly terminalId: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  commitJournal<C extends string = never>(
    drafts: DraftSource<C>,
    applyProjections?: ApplyProjections,
  ): Promise<Result<CommitOutcome, StoreErrorCode | C>> {
    const run = this.queue.then(() => this.commitNow(drafts, applyProjections));
    // The queue must survive a failed commit; the caller still sees the failure through `run`.
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async commitNow<C extends string>(
    source: DraftSource<C>,
    applyProjections: ApplyProjections | undefined,
  ): Promise<Result<CommitOutcome, StoreErrorCode | C>> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      let snapshot: Tail;
      try {
        snapshot = this.cachedTail ?? (await readTail(this.db, this.terminalId));
      } catch (e) {
        return toStoreError(e, 'unavailable');
      }
      const ctx: DraftContext = {
        terminalId: this.terminalId,
        receiptNumber: snapshot.receiptCounter + 1,
        trainingReceiptNumber: snapshot.trainingCounter + 1,
        now: this.clock().toISOString(),
        state: snapshot.state,
        shift: snapshot.shift,
      };
      const behind = clockBehind(ctx.now, snapshot.lastAt);
      if (behind !== null) {
        // Logged, not journalled: an entry stamped with the wrong clock is what this refuses.
        // The console is the page's log (main's bridge log has no channel from the page yet).
        console.warn(`Commit refused, clock went back: ${behind}`);
        return err('clock_behind', STORE_ERROR_MESSAGES.clock_behind, { detail: behind });
      }

      let drafts: readonly EntryDraft[];
      if (typeof source === 'function') {
        const built = await source(ctx);
        if (!built.ok) return built;
        drafts = built.value;
      } else {
        drafts = source;
      }
      if (drafts.length === 0) return err('invalid_argument', 'There is nothing to commit.');

      let entries: DomainEntry[];
      let records: JournalRecord[];
      let after: { tail: Tail; taken: number | null };
      try {
        entries = await sealEntries(this.terminalId, snapshot.last, drafts, sha256HexSync);
        const folded = foldForStorage(snapshot, entries);
        records = folded.records;
        after = advanceCounters(snapshot, entries, folded);
      } catch (e) {
        return toStoreError(e, 'invalid_argument');
      }
      const last = entries[entries.length - 1];
      if (last === undefined) return err('invalid_argument', 'There is nothing to commit.');

      let packed = false;
      try {
        await this.db.transaction('rw', commitTables(this.db), async () => {
          assertStrictTransaction();
          // The projections' requests are made first: their reads (a seat's row, a tier's
          // count) are then answered before IndexedDB works through the journal's writes, and
          // the writes that depend on them are queued while it does, instead of after.
          // Everything is still awaited below in the same order (projections, then the
          // journal's writes), so the same failure surfaces as before.
          const projected = applyProjections
            ? this.project(applyProjections, { ...ctx, db: this.db, entries })
            : undefined;
          // Awaited below; this only keeps an early rejection from being reported as unhandled
          // while the other requests run.
          void projected?.catch(() => undefined);
          // The writes are issued together rather than awaited one by one: IndexedDB runs a
          // transaction's requests in order anyway, and each await costs an event-loop trip.
          // They go straight to the IDBTransaction (raw-requests.ts), past Dexie's middleware
          // and so past the durability guard: assertStrictTransaction above is their guard.
          const tx = currentIdbTransaction();
          const counters: CounterRecord[] = [];
          if (after.tail.receiptCounter !== snapshot.receiptCounter) {
            counters.push({
              name: receiptCounterName(this.terminalId),
              value: after.tail.receiptCounter,
            });
          }
          if (after.tail.trainingCounter !== snapshot.trainingCounter) {
            counters.push({
              name: receiptCounterName(this.terminalId, true),
              value: after.tail.trainingCounter,
            });
          }
          const checkpoint: CheckpointRecord = {
            terminalId: this.terminalId,
            seq: last.seq,
            hash: last.hash,
            state: after.tail.state,
            shift: after.tail.shift,
          };
          const outbox: OutboxRecord[] = entries.map((e) => ({
            terminalId: e.terminalId,
            seq: e.seq,
            enqueuedAt: ctx.now,
          }));
          // Only a commit that completes a pack waits for anything before its writes go.
          const packing = completesPack(records)
            ? await this.packingOf(tx, snapshot, records, entries)
            : null;
          const lastPack = packing?.packs[packing.packs.length - 1];
          if (lastPack !== undefined) {
            counters.push({ name: packedCounterName(this.terminalId), value: lastPack.lastSeq });
            packed = true;
          }
          const slimBySeq = new Map(packing?.slim.map((r) => [r.seq, r]));
          const writes = Promise.all([
            // Entries this commit packs are stored slim from the start; the earlier entries
            // of the first pack it completes stay whole rows until slimPacked, off the sale
            // path (rewriting them here cost the sale about 7 ms).
            writeRows(
              tx,
              'journal',
              records.map((r) => slimBySeq.get(r.seq) ?? r),
              'add',
            ),
            writeRows(tx, 'journalPacks', packing?.packs ?? [], 'add'),
            // The checkpoint moves with the journal, in the same transaction, whoever commits.
            writeRows(tx, 'checkpoints', [checkpoint], 'put'),
            writeRows(tx, 'outbox', outbox, 'add'),
            writeRows(tx, 'counters', counters, 'put'),
          ]);
          void writes.catch(() => undefined);
          // The contract is checked on the way in as well as on the way out: an entry the
          // schema refuses would make the journal unreadable (and unsyncable) from then on.
          // Checked here, while IndexedDB works through the requests just made (the check is
          // synchronous, so the transaction cannot commit before it ends); a breach throws,
          // which aborts the transaction and with it everything requested.
          for (const entry of entries) {
            const checked = parseJournalEntry(entry);
            if (!checked.ok) throw new ContractBreach(entry.seq, checked.message);
          }
          await projected;
          await writes;
        });
      } catch (e) {
        if (e instanceof ContractBreach) return err('invalid_argument', e.message);
        this.cachedTail = null;
        const failure = toStoreError(e);
        if (failure.error.code === 'constraint' && (await this.tailMoved(snapshot))) {
          if (attempt < MAX_ATTEMPTS) continue;
          return err('conflict', STORE_ERROR_MESSAGES.conflict);
        }
        return failure;
      }
      this.cachedTail = after.tail;
      this.lastCommitEnded = performance.now();
      if (packed) this.tidyWhenIdle();
      return ok({
        entries,
        receiptNumber: after.taken,
        state: after.tail.state,
        shift: after.tail.shift,
      });
    }
    return err('conflict', STORE_ERROR_MESSAGES.conflict);
  }

  /**
   * Packs an upgraded store's backlog and slims the rows packing commits left whole, one small
   * strict transaction at a time, each only after QUIET_AFTER_COMMIT_MS without a commit and
   * when the page is idle: a window selling back to back never has a sale wait behind one
   * (between customers there are seconds). After start, and after a commit that packed.
   */
  tidyWhenIdle(): void {
    if (this.tidying !== null) return;
    const quiet = async (): Promise<void> => {
      for (;;) {
        const wait = this.lastCommitEnded + QUIET_AFTER_COMMIT_MS - performance.now();
        if (wait <= 0) break;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
      await idle();
    };
    this.tidying = packBacklogWhenIdle(this.db, this.terminalId, { quiet }).finally(() => {
      this.tidying = null;
    });
  }

  /**
   * The packs this commit completes (it completes one at least), or null if the packs before
   * them are not all packed yet (an upgraded store's backlog, which packBacklog packs off the
   * sale path). Runs inside the commit transaction: reads the packed counter, and the earlier
   * entries of the first pack when the cached tail does not have them.
   */
  private async packingOf(
    tx: IDBTransaction,
    snapshot: Tail,
    records: readonly JournalRecord[],
    entries: readonly DomainEntry[],
  ): Promise<Packing | null> {
    const firstNew = records[0]!.seq;
    const start = packStart(firstNew);
    const earlierKeys: [string, number][] = [];
    if (snapshot.openPack === null)
      for (let seq = start; seq < firstNew; seq++) earlierKeys.push([this.terminalId, seq]);
    const [[counter], earlierRows] = await Promise.all([
      readRows<CounterRecord>(tx, 'counters', [packedCounterName(this.terminalId)]),
      readRows<StoredJournalRecord>(tx, 'journal', earlierKeys),
    ]);
    if ((counter?.value ?? 0) !== start - 1) return null;
    let earlier = snapshot.openPack;
    if (earlier === null) {
      const rows: JournalRecord[] = [];
      for (const row of earlierRows) {
        // Not what a store this writer keeps can hold; leave it to the verifier to name.
        if (row === undefined || isPacked(row)) return null;
        rows.push(row);
      }
      earlier = { records: rows, texts: rows.map(hashedTextOf) };
    }
    return packRecords(
      [...earlier.records, ...records],
      [...earlier.texts, ...entries.map(hashedTextOf)],
    );
  }

  /**
   * Runs the projections inside the commit transaction (their first requests are made before
   * this returns). A failure that is not storage's own becomes `projection_failed`.
   */
  private async project(applyProjections: ApplyProjections, ctx: ProjectionContext): Promise<void> {
    try {
      await applyProjections(ctx);
    } catch (e) {
      // Storage failures keep their own code (a full disk is not a projection bug).
      if (e instanceof StoreError || e instanceof Dexie.DexieError || e instanceof DOMException)
        throw e;
      throw new StoreError('projection_failed', `A projection failed: ${String(e)}`, e);
    }
  }

  /** After a refused commit: did another window append to this terminal's journal meanwhile? */
  private async tailMoved(snapshot: Tail): Promise<boolean> {
    try {
      return !sameTail(await readTail(this.db, this.terminalId), snapshot);
    } catch {
      return false;
    }
  }
}
