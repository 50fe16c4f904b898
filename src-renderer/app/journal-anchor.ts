import Dexie from 'dexie';
import type { ContractClient } from '../../shared/ipc/client';
import type { AnchorComparison, DamageKind, StoreTail } from '../../shared/journal/anchor';
import type { JournalEntry } from '../../shared/journal/chain';
import { GENESIS_PREV_HASH, verifyChainBatch } from '../../shared/journal/chain';
import type { DomainEntry } from '../../shared/journal/entry-types';
import type { Result } from '../../shared/util/result';
import { err, ok } from '../../shared/util/result';
import type { BoxOfficeDb } from '../store';
import type { StoredJournalRecord } from '../store/records';
import { packedCounterName, readEntries, readTail, verifyPackedChain } from '../store';

/**
 * The page's half of the journal's anchor (issue 8 items 3 and 4): the store is held against
 * main's head at start, every commit is reported to main (in order, outside the IndexedDB
 * transaction), and main says which entries the drawer may open for.
 */

/** Why the till refuses to sell: its store and main's head disagree, or the chain is broken. */
export type RecordsDamage = DamageKind | 'not_chained' | 'edited' | 'unreachable';

export type RecordsState =
  | { readonly kind: 'agreed' }
  | {
      readonly kind: 'damaged';
      readonly damage: RecordsDamage;
      /** For support: seqs and the technical reason, never shown as the sentence itself. */
      readonly detail: string;
      /** Main's head and the store's tail, when the comparison found them. */
      readonly headSeq?: number | null;
      readonly storeSeq?: number;
    };

export type DrawerOutcome =
  { readonly drawer: 'opened' } | { readonly drawer: 'failed'; readonly message: string };

export interface ReportAnswer {
  readonly accepted: boolean;
  /** The seqs main will open the drawer for (once each). */
  readonly cashSeqs: readonly number[];
  readonly message?: string;
}

/** What the till needs from main for its anchor; tests give a fake, the app the contract. */
export interface AnchorPort {
  compare(tail: StoreTail | null): Promise<Result<AnchorComparison, string>>;
  /** Accepted, refused (does not chain), or null when main could not be reached. */
  report(entries: readonly DomainEntry[]): Promise<ReportAnswer | null>;
  openDrawer(ref: Pick<JournalEntry, 'terminalId' | 'seq'>): Promise<DrawerOutcome>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Opens the drawer for one journal entry; waits out main's rate limit once. */
export async function openDrawerFor(
  client: ContractClient,
  ref: Pick<JournalEntry, 'terminalId' | 'seq'>,
): Promise<DrawerOutcome> {
  for (let attempt = 0; ; attempt++) {
    const r = await client.call('printer.openDrawer', { terminalId: ref.terminalId, seq: ref.seq });
    if (r.ok) return { drawer: 'opened' };
    const wait = (r.error.details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
    if (attempt === 0 && typeof wait === 'number' && wait <= 5_000) {
      await sleep(wait + 50);
      continue;
    }
    return { drawer: 'failed', message: r.error.message };
  }
}

export function anchorThrough(client: ContractClient): AnchorPort {
  return {
    async compare(tail) {
      const r = await client.call('journal.compare', { tail });
      return r.ok ? ok(r.value) : err('unreachable', r.error.message);
    },
    async report(entries) {
      const r = await client.call('journal.report', {
        entries: entries as unknown as Record<string, unknown>[],
      });
      if (!r.ok) return null;
      return r.value.status === 'accepted'
        ? { accepted: true, cashSeqs: r.value.cash.map((c) => c.seq) }
        : { accepted: false, cashSeqs: [], message: r.value.message };
    },
    openDrawer: (ref) => openDrawerFor(client, ref),
  };
}

const REPORT_BATCH = 500;
/**
 * A report stays well under the bridge's message limit (1 MiB): a sale with many tickets and
 * their signed codes is several kilobytes, so entries are sent in chunks of this many bytes.
 */
const REPORT_CHUNK_BYTES = 256 * 1024;

/** Splits entries into runs whose JSON stays under `maxBytes` (one entry per run at least). */
export function chunkBySize<T>(entries: readonly T[], maxBytes = REPORT_CHUNK_BYTES): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const entry of entries) {
    const bytes = JSON.stringify(entry).length;
    if (current.length > 0 && size + bytes > maxBytes) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(entry);
    size += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export interface ChunkedReport {
  /** true: all accepted; false: main refused one (it does not chain); null: main unreachable. */
  readonly accepted: boolean | null;
  readonly cashSeqs: readonly number[];
  /** Entries main has not accepted (from the first chunk that failed on), in order. */
  readonly remaining: readonly DomainEntry[];
  readonly message?: string;
}

/** Reports entries in size-bounded chunks, in order, stopping at the first that fails. */
export async function reportInChunks(
  port: AnchorPort,
  entries: readonly DomainEntry[],
): Promise<ChunkedReport> {
  const chunks = chunkBySize(entries);
  const cashSeqs: number[] = [];
  for (let i = 0; i < chunks.length; i++) {
    const answer = await port.report(chunks[i]!);
    if (answer === null || !answer.accepted) {
      return {
        accepted: answer === null ? null : false,
        cashSeqs,
        remaining: chunks.slice(i).flat(),
        ...(answer?.message !== undefined ? { message: answer.message } : {}),
      };
    }
    cashSeqs.push(...answer.cashSeqs);
  }
  return { accepted: true, cashSeqs, remaining: [] };
}
const VERIFY_BATCH = 2_000;
/** Reads queued ahead of the batch being checked (at most this many batches held at once). */
const VERIFY_READS_IN_FLIGHT = 4;

/** A counter row per terminal: the seq up to which start-up last verified the chain. */
export function verifiedCounterName(terminalId: string): string {
  return `journal-verified:${terminalId}`;
}

/**
 * Verifies the stored chain from `fromSeq` (exclusive; 0 = from the first entry) to its end,
 * reporting progress: the packed entries pack by pack (store/journal-packs.ts: one row holds
 * PACK_SIZE entries' hashed texts, hashed as read), then the entries not packed yet in
 * batches read by primary key, chained onto the last pack. Returns the last seq verified, or
 * the first broken entry.
 */
export async function verifyStoredChain(
  db: BoxOfficeDb,
  terminalId: string,
  fromSeq: number,
  onProgress?: (done: number, total: number) => void,
): Promise<Result<number, 'edited'>> {
  let anchor: { seq: number; hash: string } | undefined;
  if (fromSeq > 0) {
    const row = await db.journal.get([terminalId, fromSeq]);
    if (row === undefined) return err('edited', `Entry ${fromSeq} is missing from the store.`);
    anchor = { seq: row.seq, hash: row.hash };
  }
  const [tail, packed] = await Promise.all([
    readTail(db, terminalId),
    db.counters.get(packedCounterName(terminalId)),
  ]);
  const last = tail.last?.seq ?? 0;
  const total = Math.max(0, last - fromSeq);
  const packedSeq = packed?.value ?? 0;
  let at = fromSeq;
  if (packedSeq > fromSeq) {
    const checked = await verifyPackedChain(
      db,
      terminalId,
      anchor ?? { seq: 0, hash: GENESIS_PREV_HASH },
      packedSeq,
      (seq) => onProgress?.(seq - fromSeq, total),
    );
    if (!checked.ok)
      return err('edited', `Entry ${checked.seq} fails the chain check (${checked.reason}).`);
    anchor = checked.at;
    at = checked.at.seq;
  }
  const from = at;
  // Batch i holds seqs (fromSeq + i·VERIFY_BATCH, fromSeq + (i+1)·VERIFY_BATCH]: its key range
  // is known before the batch before it arrives, so several reads are in flight at once. What
  // a read costs is half IndexedDB's own work (in the browser process) and half turning the
  // rows into objects on this thread; with reads queued, the browser reads ahead while this
  // thread deserialises and hashes. A missing entry leaves its batch short (or empty), and
  // the chain check names it where the next entry fails to follow the anchor.
  const readBatch = (i: number) => {
    const lo = from + i * VERIFY_BATCH;
    const read = db.journal
      .where('[terminalId+seq]')
      .between([terminalId, lo], [terminalId, Math.min(lo + VERIFY_BATCH, last)], false, true)
      .toArray();
    // A read ahead that is never awaited (the check stopped at a broken entry) must not
    // surface as an unhandled rejection; an awaited one still throws.
    read.catch(() => undefined);
    return read;
  };
  const batches = Math.ceil(Math.max(0, last - from) / VERIFY_BATCH);
  const inFlight: Promise<StoredJournalRecord[]>[] = [];
  let requested = 0;
  for (let i = 0; i < batches; i++) {
    while (requested < batches && requested < i + VERIFY_READS_IN_FLIGHT)
      inFlight.push(readBatch(requested++));
    const rows = await inFlight.shift()!;
    if (rows.length === 0) continue;
    // The rows go to the check as read: it hashes the sealed members only (hashOf picks them
    // by name), so the store's `shiftId` beside them needs no copy of every row to drop it. A
    // slim row here (a packed entry past the packed counter) is not an entry: 'edited'.
    const entries = rows as readonly JournalEntry[];
    const checked = await verifyChainBatch(entries, {
      terminalId,
      ...(anchor ? { anchor } : { expectedFirstSeq: 1 }),
    });
    if (!checked.ok)
      return err('edited', `Entry ${checked.seq} fails the chain check (${checked.reason}).`);
    const tail = entries[entries.length - 1]!;
    anchor = { seq: tail.seq, hash: tail.hash };
    at = tail.seq;
    onProgress?.(at - fromSeq, total);
  }
  if (at < last) return err('edited', `Entries after ${at} are missing from the store.`);
  return ok(at);
}

async function reportStored(
  db: BoxOfficeDb,
  terminalId: string,
  anchor: AnchorPort,
  fromSeq: number,
): Promise<RecordsState> {
  for (let at = fromSeq - 1; ;) {
    const rows = await db.journal
      .where('[terminalId+seq]')
      .between([terminalId, at], [terminalId, Dexie.maxKey], false, true)
      .limit(REPORT_BATCH)
      .toArray();
    if (rows.length === 0) return { kind: 'agreed' };
    const answer = await reportInChunks(anchor, await readEntries(db, rows));
    if (answer.accepted === null)
      return { kind: 'damaged', damage: 'unreachable', detail: 'main did not answer the report' };
    if (!answer.accepted)
      return { kind: 'damaged', damage: 'forked', detail: answer.message ?? 'not chained' };
    at = rows[rows.length - 1]!.seq;
  }
}

/**
 * The start-up check: the store's tail against main's head (entries committed but never
 * reported are reported now and must chain), then the chain itself from the last seq
 * verified at an earlier start to the tail (a few rows on a normal day, so start stays fast).
 */
export async function checkRecords(
  db: BoxOfficeDb,
  terminalId: string,
  anchor: AnchorPort,
): Promise<RecordsState> {
  const tail = (await readTail(db, terminalId)).last;
  const compared = await anchor.compare(tail ? { seq: tail.seq, hash: tail.hash } : null);
  if (!compared.ok)
    return { kind: 'damaged', damage: 'unreachable', detail: compared.error.message };
  const c = compared.value;
  if (c.state === 'damaged') {
    return {
      kind: 'damaged',
      damage: c.kind,
      headSeq: c.headSeq,
      storeSeq: c.storeSeq,
      detail: `store at seq ${c.storeSeq}, main's head at ${c.headSeq ?? 'none'}`,
    };
  }
  if (c.state === 'unreported') {
    const reported = await reportStored(db, terminalId, anchor, c.fromSeq);
    if (reported.kind === 'damaged') return reported;
  }
  if (tail === null) return { kind: 'agreed' };
  const counter = verifiedCounterName(terminalId);
  const verifiedSeq = Math.min((await db.counters.get(counter))?.value ?? 0, tail.seq);
  const verified = await verifyStoredChain(db, terminalId, verifiedSeq);
  if (!verified.ok) return { kind: 'damaged', damage: 'edited', detail: verified.error.message };
  await db.counters.put({ name: counter, value: verified.value });
  return { kind: 'agreed' };
}
