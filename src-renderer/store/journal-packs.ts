import type { JournalEntry } from '../../shared/journal/chain';
import { hashedTextOf } from '../../shared/journal/chain';
import type { DomainEntry } from '../../shared/journal/entry-types';
import { sha256Hex } from '../../shared/crypto/sha256';
import type { BoxOfficeDb } from './db';
import { assertStrictTransaction } from './durability-guard';
import { StoreError } from './errors';
import { readJournalEntry } from './journal-fold';
import type {
  JournalPackRecord,
  JournalRecord,
  PackedJournalRecord,
  StoredJournalRecord,
} from './records';

/**
 * The journal's packs (v7): PACK_SIZE consecutive entries of a terminal in one row, so the
 * manager's full check reads one IndexedDB row per pack instead of one per entry (IndexedDB's
 * cost is per row far more than per byte). Packs are aligned (the pack holding seq s starts at
 * packStart(s)) and contiguous from seq 1: every entry up to the counter `journal-packed:<id>`
 * is in a pack, and its `journal` row is slim (PackedJournalRecord), or still whole until
 * slimPacked gets to it; every entry after it is a whole row. Packing happens in the commit
 * that completes a pack, or for what an older version stored, in small transactions after
 * start (packBacklog).
 */
export const PACK_SIZE = 50;

/** The counter row holding the last packed seq of a terminal (a multiple of PACK_SIZE). */
export function packedCounterName(terminalId: string): string {
  return `journal-packed:${terminalId}`;
}

/** The first seq of the pack that holds `seq`. */
export function packStart(seq: number): number {
  return Math.floor((seq - 1) / PACK_SIZE) * PACK_SIZE + 1;
}

export function isPacked(record: StoredJournalRecord): record is PackedJournalRecord {
  return (record as { packed?: unknown }).packed === true;
}

function slimRecord(record: JournalRecord): PackedJournalRecord {
  const { terminalId, seq, at, type, shiftId, hash } = record;
  return shiftId === undefined
    ? { terminalId, seq, at, type, hash, packed: true }
    : { terminalId, seq, at, type, shiftId, hash, packed: true };
}

export interface Packing {
  readonly packs: readonly JournalPackRecord[];
  /** The slim rows that replace the packed entries' whole rows. */
  readonly slim: readonly PackedJournalRecord[];
}

/**
 * The complete packs of a run of whole records that starts at a pack's first seq, with each
 * record's hashed text beside it; records past the last complete pack are left out.
 */
export function packRecords(records: readonly JournalRecord[], texts: readonly string[]): Packing {
  const packs: JournalPackRecord[] = [];
  const slim: PackedJournalRecord[] = [];
  for (let i = 0; i + PACK_SIZE <= records.length; i += PACK_SIZE) {
    const first = records[i]!;
    const last = records[i + PACK_SIZE - 1]!;
    packs.push({
      terminalId: first.terminalId,
      firstSeq: first.seq,
      lastSeq: last.seq,
      lastHash: last.hash,
      // Canonical JSON escapes every line break inside strings: '\n' only ever separates.
      lines: texts.slice(i, i + PACK_SIZE).join('\n'),
    });
    for (let k = i; k < i + PACK_SIZE; k++) slim.push(slimRecord(records[k]!));
  }
  return { packs, slim };
}

/**
 * The top-level `prevHash` member of a line. Canonical JSON sorts members, so it comes after
 * `payload` and is followed by `seq`, `terminalId`, `type` and `v` only (numbers and strings,
 * in which `,"` cannot occur unescaped): its last occurrence is the entry's own.
 */
const PREV_HASH_MEMBER = ',"prevHash":"';

function prevHashOf(line: string): string | undefined {
  const at = line.lastIndexOf(PREV_HASH_MEMBER);
  return at < 0
    ? undefined
    : line.slice(at + PREV_HASH_MEMBER.length, at + PREV_HASH_MEMBER.length + 64);
}

function damaged(seq: number, why: string): StoreError {
  return new StoreError('io_error', `Journal entry ${seq} ${why}; the till's records are damaged.`);
}

/** A slim row's entry, from its pack's line and the next line's `prevHash` (no hashing). */
function unpack(
  record: PackedJournalRecord,
  pack: JournalPackRecord | undefined,
  lines: string[],
): JournalEntry {
  if (pack === undefined) throw damaged(record.seq, 'is packed, but its pack is missing');
  const k = record.seq - pack.firstSeq;
  const line = lines[k];
  const hash = k + 1 < lines.length ? prevHashOf(lines[k + 1]!) : pack.lastHash;
  if (line === undefined || hash !== record.hash)
    throw damaged(record.seq, 'does not match its pack');
  let members: unknown;
  try {
    members = JSON.parse(line);
  } catch {
    throw damaged(record.seq, 'is unreadable in its pack');
  }
  const entry = { ...(members as Omit<JournalEntry, 'hash'>), hash };
  if (
    entry.seq !== record.seq ||
    entry.terminalId !== record.terminalId ||
    entry.at !== record.at ||
    entry.type !== record.type
  )
    throw damaged(record.seq, 'does not match its pack');
  return entry;
}

/**
 * Stored journal rows as the entries they hold, in the same order: whole rows as they are,
 * slim rows through their packs (one read for all of them). Every journal reader goes
 * through this; like readJournalEntry, it throws StoreError('io_error') for an entry the
 * contract refuses or a slim row its pack does not back. Inside a transaction, that
 * transaction must include `journalPacks`.
 */
export async function readEntries(
  db: BoxOfficeDb,
  records: readonly StoredJournalRecord[],
): Promise<DomainEntry[]> {
  const keys = new Map<string, [string, number]>();
  for (const r of records) {
    if (!isPacked(r)) continue;
    const start = packStart(r.seq);
    keys.set(`${r.terminalId}\n${start}`, [r.terminalId, start]);
  }
  const packs = new Map<string, { pack: JournalPackRecord | undefined; lines: string[] }>();
  if (keys.size > 0) {
    const found = await db.journalPacks.bulkGet([...keys.values()]);
    [...keys.keys()].forEach((key, i) => {
      const pack = found[i];
      packs.set(key, { pack, lines: pack === undefined ? [] : pack.lines.split('\n') });
    });
  }
  return records.map((r) => {
    if (!isPacked(r)) return readJournalEntry(r);
    const { pack, lines } = packs.get(`${r.terminalId}\n${packStart(r.seq)}`)!;
    return readJournalEntry(unpack(r, pack, lines));
  });
}

/**
 * Packs the oldest complete unpacked groups of a terminal's entries (at most `maxPacks`) in
 * one strict transaction; returns how many it packed. For entries an older version stored:
 * commitJournal packs only the packs its own entries complete, so a sale never pays for this.
 */
export function packBacklog(
  db: BoxOfficeDb,
  terminalId: string,
  maxPacks: number,
): Promise<number> {
  return db.transaction('rw', [db.journal, db.journalPacks, db.counters], async () => {
    assertStrictTransaction();
    const counter = packedCounterName(terminalId);
    const packed = (await db.counters.get(counter))?.value ?? 0;
    const rows = await db.journal
      .where('[terminalId+seq]')
      .between([terminalId, packed], [terminalId, packed + maxPacks * PACK_SIZE], false, true)
      .toArray();
    // The run of whole rows right after the last pack; a gap or a slim row ends it (the
    // verifier, not the packing, reports those).
    const run: JournalRecord[] = [];
    for (const row of rows) {
      if (isPacked(row) || row.seq !== packed + run.length + 1) break;
      run.push(row);
    }
    const { packs, slim } = packRecords(run, run.map(hashedTextOf));
    const last = packs[packs.length - 1];
    if (last === undefined) return 0;
    await Promise.all([
      db.journalPacks.bulkAdd([...packs]),
      db.journal.bulkPut([...slim]),
      db.counters.put({ name: counter, value: last.lastSeq }),
    ]);
    return packs.length;
  });
}

export const idle = (): Promise<void> =>
  new Promise<void>((resolve) => {
    if (typeof requestIdleCallback === 'function')
      requestIdleCallback(() => resolve(), { timeout: 2_000 });
    else setTimeout(resolve, 0);
  });

/** The counter row up to which packed entries' journal rows are known to be slim. */
export function slimmedCounterName(terminalId: string): string {
  return `journal-slimmed:${terminalId}`;
}

/**
 * Rewrites slim, in one strict transaction, the journal rows of packed entries that are still
 * whole (at most `maxRows` seqs from the slimmed counter on); returns how many seqs it passed.
 * The commit that completes a pack leaves its earlier entries' rows whole: rewriting 49 rows
 * (and their three indexes) there cost a sale about 7 ms, so it is done here, off the sale path.
 * Until then a packed entry's row is whole, which every reader reads as it is.
 */
export function slimPacked(db: BoxOfficeDb, terminalId: string, maxRows: number): Promise<number> {
  return db.transaction('rw', [db.journal, db.counters], async () => {
    assertStrictTransaction();
    const [packed, slimmed] = await Promise.all([
      db.counters.get(packedCounterName(terminalId)),
      db.counters.get(slimmedCounterName(terminalId)),
    ]);
    const from = slimmed?.value ?? 0;
    const upTo = Math.min(packed?.value ?? 0, from + maxRows);
    if (upTo <= from) return 0;
    const rows = await db.journal
      .where('[terminalId+seq]')
      .between([terminalId, from], [terminalId, upTo], false, true)
      .toArray();
    const whole = rows.filter((r): r is JournalRecord => !isPacked(r));
    await Promise.all([
      db.journal.bulkPut(whole.map(slimRecord)),
      db.counters.put({ name: slimmedCounterName(terminalId), value: upTo }),
    ]);
    return upTo - from;
  });
}

/**
 * Whenever the page is idle, one small strict transaction at a time until nothing is left (or
 * the store closes): packBacklog (a till upgraded from v6 packs its journal after start), then
 * slimPacked (the rows the day's packing commits left whole). Run after start, and by the
 * writer after a commit that packed; a sale waits for at most one such transaction.
 */
export async function packBacklogWhenIdle(
  db: BoxOfficeDb,
  terminalId: string,
  {
    quiet = idle,
    packsPerStep = 2,
    rowsPerStep = 10,
  }: {
    /** Resolves when a step may run; the writer's waits for a pause between sales. */
    readonly quiet?: () => Promise<void>;
    readonly packsPerStep?: number;
    readonly rowsPerStep?: number;
  } = {},
): Promise<number> {
  let total = 0;
  for (let packing = true; ;) {
    await quiet();
    if (!db.isOpen()) return total;
    try {
      if (packing) {
        const n = await packBacklog(db, terminalId, packsPerStep);
        total += n;
        packing = n > 0;
      } else if ((await slimPacked(db, terminalId, rowsPerStep)) === 0) {
        return total;
      }
    } catch (e) {
      // Nothing is lost: the entries stay whole rows, which every reader reads.
      console.warn(`Packing the journal stopped: ${String(e)}`);
      return total;
    }
  }
}

/** An entry already trusted: where a check of the entries after it starts. */
export interface ChainPoint {
  readonly seq: number;
  readonly hash: string;
}

export type PackCheck =
  | { readonly ok: true; readonly at: ChainPoint }
  | { readonly ok: false; readonly seq: number; readonly reason: string };

/** Packs as read, split into lines, with the SHA-256 of every line after a seq under way. */
export interface HashedPacks {
  readonly packs: readonly JournalPackRecord[];
  readonly lines: readonly string[][];
  /** Per pack: where its first hashed line's hash is in `hashes`, and how many lines precede it. */
  readonly offsets: readonly number[];
  readonly skips: readonly number[];
  readonly hashes: Promise<string[]>;
}

/**
 * Starts hashing the lines of these packs that hold seqs after `after` (WebCrypto, all at
 * once): started as soon as a batch is read, the digests of one batch run while the lines of
 * the one before are checked.
 */
export function hashPacks(packs: readonly JournalPackRecord[], after: number): HashedPacks {
  const lines: string[][] = [];
  const offsets: number[] = [];
  const skips: number[] = [];
  const digests: Promise<string>[] = [];
  for (const pack of packs) {
    const split = pack.lines.split('\n', PACK_SIZE + 1);
    const skip = Math.min(split.length, Math.max(0, after + 1 - pack.firstSeq));
    lines.push(split);
    offsets.push(digests.length);
    skips.push(skip);
    for (let k = skip; k < split.length; k++) digests.push(sha256Hex(split[k]!));
  }
  const hashes = Promise.all(digests);
  // Awaited by checkPacks; a batch never checked (the check stopped early) must stay quiet.
  hashes.catch(() => undefined);
  return { packs, lines, offsets, skips, hashes };
}

/**
 * Checks hashed packs (in seq order) after `from`: each line must continue the chain — its own
 * `prevHash`, `seq` and `terminalId`, read from the text's end without parsing the payload,
 * must be the previous entry's hash, the next seq and this terminal — and a pack's last hash
 * must be the one it records. Packs at or before `from` are skipped; a pack that is not the
 * next one is reported as missing.
 */
export async function checkPacks(
  hashed: HashedPacks,
  terminalId: string,
  from: ChainPoint,
): Promise<PackCheck> {
  const hashes = await hashed.hashes;
  const own = `,"terminalId":${JSON.stringify(terminalId)},"type":"`;
  let at = from;
  for (let i = 0; i < hashed.packs.length; i++) {
    const pack = hashed.packs[i]!;
    const lines = hashed.lines[i]!;
    const next = at.seq + 1;
    if (pack.lastSeq < next) continue;
    const skip = next - pack.firstSeq;
    if (
      pack.terminalId !== terminalId ||
      pack.firstSeq !== packStart(next) ||
      pack.lastSeq !== pack.firstSeq + PACK_SIZE - 1 ||
      skip !== hashed.skips[i]
    ) {
      return { ok: false, seq: next, reason: 'its pack is missing or malformed' };
    }
    let h = hashed.offsets[i]!;
    for (let k = skip; k < lines.length; k++) {
      const expected = pack.firstSeq + k;
      const line = lines[k]!;
      const link = linkOf(line);
      if (link === undefined) return { ok: false, seq: expected, reason: 'edited' };
      // As verifyChain: an entry ahead of its place means the ones before it were taken out.
      if (link.seq !== expected)
        return { ok: false, seq: Math.max(link.seq, expected), reason: 'deleted' };
      if (link.prevHash !== at.hash) {
        // The line before gives another hash than this line records: the line before is
        // the one that changed, as far as the chain can tell (the first line checked is
        // held against an entry already trusted, so it is the one).
        return { ok: false, seq: at.seq > from.seq ? at.seq : expected, reason: 'edited' };
      }
      if (!line.startsWith(own, link.end)) return { ok: false, seq: expected, reason: 'edited' };
      at = { seq: expected, hash: hashes[h++]! };
    }
    // Lines missing at the pack's end: named, as verifyChain names a deletion, by the entry
    // that follows them.
    if (at.seq !== pack.lastSeq) return { ok: false, seq: pack.lastSeq + 1, reason: 'deleted' };
    if (at.hash !== pack.lastHash) return { ok: false, seq: at.seq, reason: 'edited' };
  }
  return { ok: true, at };
}

/**
 * A line's top-level `prevHash` and `seq`, read from its end (the members after `payload`),
 * and where the text after `seq` starts; undefined if they are not there.
 */
function linkOf(line: string): { prevHash: string; seq: number; end: number } | undefined {
  const member = line.lastIndexOf(PREV_HASH_MEMBER);
  if (member < 0) return undefined;
  const hashAt = member + PREV_HASH_MEMBER.length;
  const seqAt = hashAt + 64 + SEQ_MEMBER.length;
  if (!line.startsWith(SEQ_MEMBER, hashAt + 64)) return undefined;
  const end = line.indexOf(',', seqAt);
  const seq = end < 0 ? NaN : Number(line.slice(seqAt, end));
  if (!Number.isSafeInteger(seq)) return undefined;
  return { prevHash: line.slice(hashAt, hashAt + 64), seq, end };
}

const SEQ_MEMBER = '","seq":';

const PACKS_PER_READ = 20;
/** Reads queued ahead of the batch being checked. */
const PACK_READS_IN_FLIGHT = 3;

/**
 * Checks every packed entry after `from` up to `packedSeq` (the packed counter), reading the
 * packs in batches with a few reads in flight, so the browser reads ahead while this thread
 * hashes. A missing pack is reported at its first seq.
 */
export async function verifyPackedChain(
  db: BoxOfficeDb,
  terminalId: string,
  from: ChainPoint,
  packedSeq: number,
  onBatch?: (at: number) => void,
): Promise<PackCheck> {
  const firstStart = packStart(from.seq + 1);
  const span = PACKS_PER_READ * PACK_SIZE;
  const batches = Math.ceil(Math.max(0, packedSeq - firstStart + 1) / span);
  const readBatch = (i: number) => {
    const lo = firstStart + i * span;
    const read = db.journalPacks
      .where('[terminalId+firstSeq]')
      .between([terminalId, lo], [terminalId, Math.min(lo + span, packedSeq)], true, false)
      .toArray()
      .then((packs) => hashPacks(packs, from.seq));
    // A read ahead never awaited (the check stopped early) must not surface as unhandled.
    read.catch(() => undefined);
    return read;
  };
  const inFlight: Promise<HashedPacks>[] = [];
  let requested = 0;
  let at = from;
  for (let i = 0; i < batches; i++) {
    while (requested < batches && requested < i + PACK_READS_IN_FLIGHT)
      inFlight.push(readBatch(requested++));
    const checked = await checkPacks(await inFlight.shift()!, terminalId, at);
    if (!checked.ok) return checked;
    at = checked.at;
    onBatch?.(at.seq);
  }
  if (at.seq < packedSeq)
    return { ok: false, seq: at.seq + 1, reason: 'its pack is missing or malformed' };
  return { ok: true, at };
}
