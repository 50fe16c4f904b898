import type { FastifyBaseLogger } from 'fastify';
import {
  GENESIS_PREV_HASH,
  verifyChainBatch,
  type ChainFailureReason,
} from '../../shared/journal/chain';
import { parseJournalEntryCompiled } from '../../shared/journal/entry-schema';
import type { DomainEntry } from '../../shared/journal/entry-types';
import { sha256Hex } from '../auth/secrets';
import type { TerminalPrincipal } from '../auth/terminal-auth';
import { num, type Db, type Queryable } from '../db/port';
import { strictAssert } from '../../shared/util/assert';
import { HttpError } from '../http-error';
import type { FeedNotifier } from './feed-notifier';
import {
  consumeSales,
  lockInventoried,
  type InventoryScope,
  type SoldByTill,
} from './inventory-on-push';
import {
  projectEntry,
  projectSales,
  salesProjectionCtes,
  salesProjectionParams,
  type Refusal,
} from './projection';

type SaleEntry = Extract<DomainEntry, { type: 'sale' }>;

export const MAX_BATCH_ENTRIES = 100;
export const MAX_BATCH_BYTES = 256 * 1024;

/**
 * The answer for one entry. It depends only on the entry and what the server did with it
 * when it first arrived, so pushing the same entry again (a lost response, a retry storm)
 * gets exactly the same answer.
 */
export interface EntryAck {
  readonly seq: number;
  readonly hash: string;
  /** applied to the projections, or stored and raised as a reconciliation exception. */
  readonly status: 'applied' | 'exception';
}

export interface PushResult {
  readonly acks: EntryAck[];
  /** The terminal's head on the server after this push. */
  readonly head: { readonly seq: number; readonly hash: string };
}

const CHAIN_WORDS: Record<ChainFailureReason, string> = {
  gap: 'seq numbers are missing before it',
  reorder: 'entries are out of order',
  edited: 'its content does not match its hash',
  deleted: 'entries before it are missing',
  bad_prev_hash: 'its prevHash does not link to the entry before it',
  duplicate: 'its seq repeats an earlier one',
  wrong_terminal: 'it belongs to another terminal',
};

/** Shape checks that need no database: every entry valid and the pushing terminal's own. */
export function parseBatch(raw: readonly unknown[], terminal: TerminalPrincipal): DomainEntry[] {
  if (raw.length > MAX_BATCH_ENTRIES) {
    throw new HttpError(
      413,
      'batch_too_large',
      `A push carries at most ${MAX_BATCH_ENTRIES} entries; this one has ${raw.length}. Split it.`,
    );
  }
  return raw.map((value, i) => {
    const parsed = parseJournalEntryCompiled(value);
    if (!parsed.ok)
      throw new HttpError(
        400,
        'invalid_entry',
        `entries[${i}] is not a valid journal entry: ${parsed.message}`,
      );
    if (parsed.entry.terminalId !== terminal.terminalId) {
      throw new HttpError(
        403,
        'wrong_terminal',
        `entries[${i}] belongs to terminal ${parsed.entry.terminalId}; this token is terminal ${terminal.terminalId}'s, which may push only its own journal.`,
      );
    }
    // The entry as sent, not the parser's copy: the journal schemas are strict and transform
    // nothing, so the two hold the same members and values, but the copy has its members in
    // the schema's order while the value as sent has the payload in the canonical order the
    // till sealed it in. The chain check then hashes it with the engine's JSON.stringify
    // (canonicalJson's fast path) instead of the sorting walk, and the journal stores
    // exactly what was hashed (storedBody).
    return value as DomainEntry;
  });
}

/**
 * Stores a batch of one terminal's entries in ONE transaction, after the checks that make
 * the journal trustworthy: the terminal's head row is locked (two pushes of one terminal
 * queue here instead of forking), the batch must chain onto what the server holds
 * (shared verifyChainBatch from the stored entry before the batch — the one chain rule),
 * entries the server already has must be byte-for-byte the same (same hash) and are
 * answered as they were the first time, and new entries are stored, projected and the head
 * advanced. A new entry the projections cannot take is stored anyway, answered
 * `exception` and raised as a reconciliation exception: the queue never blocks.
 * Anything refused (HttpError) rolls the whole batch back: nothing changes.
 *
 * New entries take the venue's next feed positions (in storeNew); once the transaction has
 * COMMITTED, the venue's live streams are told the new feed head.
 */
export async function pushEntries(
  db: Db,
  terminal: TerminalPrincipal,
  entries: readonly DomainEntry[],
  log: FastifyBaseLogger,
  feed: FeedNotifier,
): Promise<PushResult> {
  let stored: Awaited<ReturnType<typeof storeBatch>> | null = await storeSalesAtOnce(
    db,
    terminal,
    entries,
    log,
    feed,
  );
  try {
    stored ??= await storeBatch(db, terminal, entries, log, feed, 'swift');
  } catch (error) {
    if (!(error instanceof ProjectAgain)) throw error;
    // Rolled back whole: pushed again with a savepoint around each projection, where the
    // failure becomes the failing entry's reconciliation exception.
    log.warn({ err: error.cause, terminalId: terminal.terminalId }, 'pushing again entry by entry');
    stored = await storeBatch(db, terminal, entries, log, feed, 'careful');
  }
  const { result, feedHead } = stored;
  if (feedHead !== null) feed.publish(terminal.venueId, feedHead);
  return result;
}

async function storeBatch(
  db: Db,
  terminal: TerminalPrincipal,
  entries: readonly DomainEntry[],
  log: FastifyBaseLogger,
  feed: FeedNotifier,
  mode: 'swift' | 'careful',
): Promise<{ result: PushResult; feedHead: number | null }> {
  return db.transaction(async (tx) => {
    const heads = await tx.query<{ head_seq: number; head_hash: string; revoked_at: unknown }>(
      `SELECT head_seq, head_hash, revoked_at FROM terminals WHERE venue_id = $1 AND terminal_id = $2 FOR UPDATE`,
      [terminal.venueId, terminal.terminalId],
      { prepareAs: 'push_lock_head' },
    );
    const head = heads[0];
    if (!head)
      throw new HttpError(401, 'invalid_token', 'The bearer token is not one this server issued.');
    // Checked again under the lock: a revocation that landed after authentication wins.
    if (head.revoked_at !== null) {
      throw new HttpError(
        403,
        'terminal_revoked',
        `Terminal ${terminal.terminalId} was revoked; a manager must enrol it again.`,
      );
    }
    const headSeq = Number(head.head_seq);
    if (entries.length === 0) {
      return { result: { acks: [], head: { seq: headSeq, hash: head.head_hash } }, feedHead: null };
    }

    const first = entries[0]!.seq;
    if (first > headSeq + 1) {
      throw new HttpError(
        409,
        'chain_gap',
        `The server holds terminal ${terminal.terminalId}'s journal up to seq ${headSeq}; this batch starts at seq ${first}. Push from seq ${headSeq + 1}.`,
      );
    }
    const anchor = await anchorBefore(tx, terminal, first, headSeq, head.head_hash);
    const chain = await verifyChainBatch(entries, {
      terminalId: terminal.terminalId,
      anchor,
      // node:crypto, synchronous: no worker-thread round trip per entry as WebCrypto's has.
      sha256: sha256Hex,
    });
    if (!chain.ok) {
      throw new HttpError(
        422,
        'chain_broken',
        `entries[${chain.index}] (seq ${chain.seq}) breaks the hash chain: ${CHAIN_WORDS[chain.reason]} (expected seq ${chain.expectedSeq}).`,
      );
    }

    const known = await storedAcks(
      tx,
      terminal,
      first,
      Math.min(headSeq, entries[entries.length - 1]!.seq),
    );
    const acks: EntryAck[] = [];
    const newEntries: DomainEntry[] = [];
    const bodies: string[] = [];
    for (const [i, entry] of entries.entries()) {
      if (entry.seq <= headSeq) {
        const stored = known.get(entry.seq);
        if (!stored || stored.hash !== entry.hash) {
          throw new HttpError(
            409,
            'seq_conflict',
            `The server already holds a different entry at seq ${entry.seq} for terminal ${terminal.terminalId}: this journal has forked from what was pushed before.`,
          );
        }
        acks.push(stored);
        continue;
      }
      newEntries.push(entry);
      bodies.push(storedBody(chain.canonical[i]!, entry.hash));
    }
    const refusals = await projectBatch(tx, db, terminal.venueId, newEntries, log, mode);
    const exceptions: { seq: number; refusal: Refusal }[] = [];
    const rows = newEntries.map((entry, i) => {
      const refusal = refusals[i]!;
      // A kept entry (a double refund, a sale that collided) is applied: only raised.
      const status: EntryAck['status'] = refusal === null || refusal.keep ? 'applied' : 'exception';
      acks.push({ seq: entry.seq, hash: entry.hash, status });
      if (refusal !== null) {
        exceptions.push({ seq: entry.seq, refusal });
        log.warn(
          { terminalId: terminal.terminalId, seq: entry.seq, code: refusal.code },
          'entry stored as a reconciliation exception',
        );
      }
      return { entry, body: bodies[i]!, status };
    });
    if (rows.length === 0) {
      return { result: { acks, head: { seq: headSeq, hash: head.head_hash } }, feedHead: null };
    }
    const feedHead = await storeNew(tx, terminal, feed, rows, exceptions);
    const last = entries[entries.length - 1]!;
    return { result: { acks, head: { seq: last.seq, hash: last.hash } }, feedHead };
  });
}

/**
 * ONE statement stores the new entries (the last of which is the new head), their exceptions
 * (which reference them; checked at the statement's end), advances the head, takes the
 * entries' feed positions and announces the feed to other nodes (sent by PostgreSQL at
 * COMMIT); returns the new feed head.
 *
 * Feed positions come from the venue's counter (`UPDATE venues … RETURNING`), which locks the
 * venue row until COMMIT, so a second push of the venue (any terminal) waits for them and
 * gets its positions only after this one committed: positions are handed out in commit order,
 * and a till that pulled up to position p never finds an entry below p appear later. A
 * sequence or identity column would not give that (7 and 8 taken, 8 committed and pulled
 * first, 7 committed behind the reader's cursor and never read). Taken here, in the push's
 * last statement, the venue row is held only from it to COMMIT (not through the projections
 * as well), and it is the last lock a push takes. Different venues never wait for each other.
 *
 * The statement's text is the same for every batch, so PostgreSQL keeps it prepared per
 * connection (STORE_NEW): each column is one array parameter and the bodies ONE text, joined
 * by the record separator U+001E (bodiesText: nothing to escape, unlike a text[] literal),
 * split and read as jsonb one body each, zipped row by row by ROWS FROM … WITH ORDINALITY.
 * The bodies were one jsonb array (`[body,body,…]`, split by jsonb_array_elements): read as
 * one 240 KB document and then cut into 100, the statement took 9–19 % longer than reading
 * each body on its own (the same 100 rows, both prepared, interleaved in one process: median
 * 13.95 → 11.64, 20.84 → 19.05, 23.21 → 18.82, 23.20 → 20.66 ms at load average 5–6;
 * 11.43 → 9.95, 8.56 → 7.49 ms with the order rotated, load 1.6–1.9). A row's feed position
 * is the counter's new value less the batch's size plus its place in the batch. The
 * multi-row VALUES list it replaces (7 parameters a row, ~700 in all) was parsed and planned
 * again at every push: its parse and bind took ~10 ms of a 100-entry push on PostgreSQL
 * (log_min_duration_statement, load average ~10), this one's 3–6 ms, most of it the jsonb
 * input of the bodies, which any INSERT of them pays.
 */
const STORE_NEW = {
  name: 'push_store_new',
  text: `WITH ${journalCtes({ from: 16, guard: '' })}, raised AS (
       INSERT INTO reconciliation_exceptions (venue_id, terminal_id, seq, code, message, kind,
         entries, amount_minor, currency, suggested_action, performance_id)
       SELECT $1, $2, x.seq, x.code, x.message, x.kind, x.entries::jsonb, x.amount, x.currency,
         x.action, x.performance
       FROM unnest($7::integer[], $8::text[], $9::text[], $10::text[], $11::text[], $12::bigint[],
         $13::text[], $14::text[], $15::text[])
         AS x (seq, code, message, kind, entries, amount, currency, action, performance)
     ), ${headCte('$3', '$4', '')}
     SELECT feed_pos, pg_notify($5, $6 || feed_pos) FROM pos`,
};

/**
 * STORE_NEW's CTEs `pos` (the venue's feed positions taken) and `journal` (the rows), over
 * $1 (venue), $2 (terminal) and seven parameters from $`from`: the rows' seq, hash,
 * prev_hash, type, at and status arrays and bodiesText. `guard` (starting with AND) keeps
 * the counter, and so every row, untouched unless it holds.
 */
function journalCtes({ from, guard }: { from: number; guard: string }): string {
  const p = (i: number) => `$${from + i}`;
  return `pos AS (
       UPDATE venues SET feed_pos = feed_pos + cardinality(${p(0)}::integer[])
       WHERE venue_id = $1 ${guard} RETURNING feed_pos
     ), journal AS (
       INSERT INTO journal_entries (venue_id, terminal_id, seq, hash, prev_hash, type, at, body, status, feed_pos)
       SELECT $1, $2, e.seq, e.hash, e.prev_hash, e.type, e.at, e.body::jsonb, e.status,
         pos.feed_pos - cardinality(${p(0)}::integer[]) + e.place
       FROM ROWS FROM (unnest(${p(0)}::integer[]), unnest(${p(1)}::text[]), unnest(${p(2)}::text[]),
           unnest(${p(3)}::text[]), unnest(${p(4)}::text[]), unnest(${p(5)}::text[]),
           unnest(string_to_array(${p(6)}::text, chr(30)))) WITH ORDINALITY
         AS e (seq, hash, prev_hash, type, at, status, body, place)
       CROSS JOIN pos
     )`;
}

/** The terminal's new head (parameters `seq` and `hash`), if `guard` (starting with AND) holds. */
function headCte(seq: string, hash: string, guard: string): string {
  return `head AS (
       UPDATE terminals SET head_seq = ${seq}, head_hash = ${hash}, head_at = now()
       WHERE venue_id = $1 AND terminal_id = $2 ${guard}
     )`;
}

/** The journal columns of STORE_NEW and SALES_AT_ONCE (from its $29), in journalCtes' order. */
function journalColumns(rows: readonly { entry: DomainEntry; body: string; status: string }[]) {
  const column = <V>(pick: (row: (typeof rows)[number]) => V): V[] => rows.map(pick);
  return [
    column((r) => r.entry.seq),
    column((r) => r.entry.hash),
    column((r) => r.entry.prevHash),
    column((r) => r.entry.type),
    column((r) => r.entry.at),
    column((r) => r.status),
    bodiesText(rows),
  ];
}

async function storeNew(
  tx: Queryable,
  terminal: TerminalPrincipal,
  feed: FeedNotifier,
  rows: readonly { entry: DomainEntry; body: string; status: EntryAck['status'] }[],
  exceptions: readonly { seq: number; refusal: Refusal }[],
): Promise<number> {
  const last = rows[rows.length - 1]!.entry;
  const taken = await tx.query<{ feed_pos: unknown }>(
    STORE_NEW.text,
    [
      terminal.venueId,
      terminal.terminalId,
      last.seq,
      last.hash,
      ...feed.announcementBeforeCursor(terminal.venueId),
      exceptions.map((x) => x.seq),
      exceptions.map((x) => x.refusal.code),
      exceptions.map((x) => x.refusal.message),
      exceptions.map((x) => x.refusal.kind ?? 'unappliable'),
      exceptions.map((x) =>
        JSON.stringify([
          ...(x.refusal.others ?? []),
          { terminalId: terminal.terminalId, seq: x.seq },
        ]),
      ),
      exceptions.map((x) => x.refusal.amount?.amount ?? null),
      exceptions.map((x) => x.refusal.amount?.currency ?? null),
      exceptions.map((x) => x.refusal.suggestedAction ?? null),
      exceptions.map((x) => x.refusal.performanceId ?? null),
      ...journalColumns(rows),
    ],
    { prepareAs: STORE_NEW.name },
  );
  strictAssert(taken.length === 1, `venue ${terminal.venueId} has no feed counter`);
  return num(taken[0]!.feed_pos);
}

/**
 * The common push — new sales only, chained onto the head the server holds, none refused,
 * none selling a performance with inventory records — as ONE statement outside any explicit
 * transaction (a statement alone is one transaction): the head row locked and checked, the
 * sales projected (projection.ts salesProjectionCtes), the entries stored with their feed
 * positions, the head advanced and the feed announced, or nothing written at all: no BEGIN,
 * head lock, projection and COMMIT, each a round trip that wakes PostgreSQL and then this
 * process. Measured on PostgreSQL 15 (100-sale pushes over HTTP, two tills of one server
 * taking turns batch by batch, one on this path and one on the transaction path, swapped
 * every other batch; load average 5–9 on 2 cores): the transaction path took 1.06–1.22×
 * this one's time over 50 pushes each (5 runs; 0.99 with both on the same path), with
 * ~2.5 ms less CPU a push in this process (fewer writes and wake-ups) and, kept prepared,
 * ~1 ms less in PostgreSQL's. A push of 1–5 sales, as tills send them, saves the same four
 * round trips.
 *
 * The locks come in the transaction path's order — the terminal's head row first (its
 * pushes queue there), the venue's feed counter last: the main SELECT reads `go` (which
 * takes the head lock), then the projections' writes, then `pos`; `journal` and `head`,
 * which it does not read, run after it. A push this cannot take whole (a retry of entries
 * already stored, another head, an order or ticket already there, a closed shift, an
 * inventoried performance, a database error) wrote nothing, and goes the transaction path,
 * which answers it exactly as before.
 */
const SALES_AT_ONCE = {
  name: 'push_sales_at_once',
  text: `WITH locked AS (
       SELECT head_seq, head_hash, revoked_at FROM terminals
       WHERE venue_id = $1 AND terminal_id = $2 FOR UPDATE
     ), ${salesProjectionCtes({
       ok: `AND l.head_seq = $25 AND l.head_hash = $26 AND l.revoked_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM inventory_performances
                         WHERE venue_id = $1 AND performance_id = ANY($22::text[]))`,
       from: 'FROM locked l',
       returning: true,
     })}, ${journalCtes({ from: 29, guard: 'AND (SELECT ok FROM go)' })},
     ${headCte('$23', '$24', 'AND (SELECT ok FROM go)')}
     SELECT coalesce((SELECT ok FROM go), false) AS ok,
       (SELECT count(*) FROM touched) AS shifts, (SELECT count(*) FROM orders_in) AS orders,
       (SELECT count(*) FROM tickets_in) AS tickets, (SELECT feed_pos FROM pos) AS feed_pos,
       (SELECT pg_notify($27, $28 || feed_pos) FROM pos) AS announced`,
};

async function storeSalesAtOnce(
  db: Db,
  terminal: TerminalPrincipal,
  entries: readonly DomainEntry[],
  log: FastifyBaseLogger,
  feed: FeedNotifier,
): Promise<{ result: PushResult; feedHead: number } | null> {
  // PGlite has no round trips to save, and ran this statement slower than the transaction.
  if (db.kind !== 'postgres') return null;
  if (entries.length === 0 || !entries.every((e): e is SaleEntry => e.type === 'sale')) {
    return null;
  }
  const sales = entries;
  const projection = salesProjectionParams(terminal.venueId, terminal.terminalId, sales);
  if (projection === null) return null;
  const first = sales[0]!;
  // Checked against the head this batch says it follows; the statement holds the server's
  // head to exactly that.
  const anchor =
    first.seq === 1
      ? { seq: 0, hash: GENESIS_PREV_HASH }
      : { seq: first.seq - 1, hash: first.prevHash };
  const chain = await verifyChainBatch(sales, {
    terminalId: terminal.terminalId,
    anchor,
    sha256: sha256Hex,
  });
  if (!chain.ok) return null;
  const last = sales[sales.length - 1]!;
  const rows = sales.map((entry, i) => ({
    entry,
    body: storedBody(chain.canonical[i]!, entry.hash),
    status: 'applied' as const,
  }));
  let answer: { ok: boolean; feed_pos: unknown } | undefined;
  try {
    [answer] = await db.query<{ ok: boolean; feed_pos: unknown }>(
      SALES_AT_ONCE.text,
      [
        ...projection,
        last.seq,
        last.hash,
        anchor.seq,
        anchor.hash,
        ...feed.announcementBeforeCursor(terminal.venueId),
        ...journalColumns(rows),
      ],
      // Kept prepared (PostgreSQL settles on its generic plan after five runs): its order and
      // ticket look-ups go one id at a time through the primary keys (LATERAL … LIMIT 1), on
      // the generic plan too (EXPLAIN at 10,500 orders and tickets). Planned at every run,
      // it cost ~1 ms of PostgreSQL's CPU a push more than the transaction path.
      { prepareAs: SALES_AT_ONCE.name },
    );
  } catch (error) {
    // Rolled back whole (one statement); the transaction path meets the same and answers it.
    log.debug({ err: error, terminalId: terminal.terminalId }, 'pushing in a transaction');
    return null;
  }
  if (!answer?.ok) return null;
  return {
    result: {
      acks: sales.map((e) => ({ seq: e.seq, hash: e.hash, status: 'applied' })),
      head: { seq: last.seq, hash: last.hash },
    },
    feedHead: num(answer.feed_pos),
  };
}

/**
 * Splits the bodies again in STORE_NEW (chr(30)). JSON text holds no raw control character
 * (JSON.stringify writes U+001E in a string as `\u001e`), so no body contains it.
 */
const BODY_SEPARATOR = '\u001e';

/** The new entries' stored bodies as STORE_NEW's one text parameter. */
function bodiesText(rows: readonly { readonly body: string }[]): string {
  const bodies = rows.map((r) => r.body);
  strictAssert(
    !bodies.some((b) => b.includes(BODY_SEPARATOR)),
    'a journal body holds the record separator',
  );
  return bodies.join(BODY_SEPARATOR);
}

/**
 * The journal row's body: the canonical text the chain check hashed (every member but `hash`)
 * with the `hash` member added — the entry as sent, member for member (the schemas are strict;
 * jsonb keeps members in its own order whatever order they arrive in), without serialising
 * the entry again. The hash is the hex one computed there, so it needs no escaping.
 */
function storedBody(canonical: string, hash: string): string {
  return `${canonical.slice(0, -1)},"hash":"${hash}"}`;
}

/** The trusted entry just before the batch: genesis, the head, or a stored entry. */
async function anchorBefore(
  tx: Queryable,
  terminal: TerminalPrincipal,
  first: number,
  headSeq: number,
  headHash: string,
) {
  if (first === 1) return { seq: 0, hash: GENESIS_PREV_HASH };
  if (first - 1 === headSeq) return { seq: headSeq, hash: headHash };
  const rows = await tx.query<{ hash: string }>(
    `SELECT hash FROM journal_entries WHERE venue_id = $1 AND terminal_id = $2 AND seq = $3`,
    [terminal.venueId, terminal.terminalId, first - 1],
  );
  if (!rows[0]) throw new Error(`journal_entries lacks seq ${first - 1} below the head ${headSeq}`);
  return { seq: first - 1, hash: rows[0].hash };
}

async function storedAcks(tx: Queryable, terminal: TerminalPrincipal, from: number, to: number) {
  const known = new Map<number, EntryAck>();
  if (to < from) return known;
  const rows = await tx.query<{ seq: number; hash: string; status: 'applied' | 'exception' }>(
    `SELECT seq, hash, status FROM journal_entries WHERE venue_id = $1 AND terminal_id = $2 AND seq BETWEEN $3 AND $4`,
    [terminal.venueId, terminal.terminalId, from, to],
  );
  for (const r of rows)
    known.set(Number(r.seq), { seq: Number(r.seq), hash: r.hash, status: r.status });
  return known;
}

/** A batch projection without a savepoint failed in the database: the transaction is lost. */
class ProjectAgain extends Error {
  override name = 'ProjectAgain';
}

/**
 * Projects the batch's new entries, in order; returns each one's refusal (null: applied; a
 * `keep` refusal: applied and raised — a double refund, a sale that collided in inventory).
 * Sales and exchanges then come out of their performances' holds and leases
 * (inventory-on-push.ts), for performances that have any.
 *
 * - A batch of sales only, the common case, is ONE statement (projectSales), which writes all
 *   of it or nothing; 'swift' runs it without a savepoint. If it fails in the database the
 *   transaction is lost: ProjectAgain is thrown and the push runs again 'careful'.
 * - Otherwise (or 'careful') the batch runs under ONE savepoint, rolled back if any entry is
 *   refused or fails.
 *
 * Whenever the batch did not apply whole, it is projected again entry by entry, each in its
 * own savepoint (applyInSavepoint), from the same state: exactly what projecting one entry at
 * a time gives, so the same entries become exceptions with the same codes.
 */
async function projectBatch(
  tx: Queryable,
  db: Db,
  venueId: string,
  entries: readonly DomainEntry[],
  log: FastifyBaseLogger,
  mode: 'swift' | 'careful',
): Promise<(Refusal | null)[]> {
  const sales = entries.filter((e): e is SaleEntry => e.type === 'sale');
  // One sale too (a till's push as it sells): one statement instead of a savepoint, the
  // inventory probe and three or four statements of projectEntry.
  const swift = mode === 'swift' && sales.length > 0 && sales.length === entries.length;
  const answer = (kept: ReadonlyMap<number, Refusal>) =>
    entries.map((e) => kept.get(e.seq) ?? null);
  if (swift) {
    let kept: Map<number, Refusal> | null = null;
    try {
      const inventoried = await projectSales(tx, venueId, sales[0]!.terminalId, sales);
      if (inventoried !== null) {
        const scope = {
          cacheKey: db,
          performances: await lockInventoried(tx, venueId, inventoried),
        };
        kept = await consumeSales(
          tx,
          venueId,
          scope,
          sales.map((e) => soldBy(e)),
        );
      }
    } catch (error) {
      throw new ProjectAgain('projecting the batch failed', { cause: error });
    }
    if (kept !== null) return answer(kept);
  }
  // Every performance the batch sells that has inventory records, locked up front in id order.
  const scope: InventoryScope = {
    cacheKey: db,
    performances: await lockInventoried(
      tx,
      venueId,
      entries.flatMap((e) => performancesTouchedBy(e)),
    ),
  };
  // A swift run that did not apply whole goes entry by entry (the batch would refuse again).
  if (!swift && entries.length > 1) {
    await tx.exec('SAVEPOINT project_batch');
    let clean = true;
    const kept = new Map<number, Refusal>();
    const run = async (list: SaleEntry[]) => {
      if (list.length === 0) return true;
      if ((await projectSales(tx, venueId, list[0]!.terminalId, list)) === null) return false;
      for (const [seq, r] of await consumeSales(
        tx,
        venueId,
        scope,
        list.map((e) => soldBy(e)),
      ))
        kept.set(seq, r);
      return true;
    };
    try {
      // Runs of sales in one statement a run (projectSales), anything else one by one.
      let pending: SaleEntry[] = [];
      for (const entry of entries) {
        if (entry.type === 'sale') {
          pending.push(entry);
          continue;
        }
        if (!(await run(pending))) {
          clean = false;
          break;
        }
        pending = [];
        const refusal = await projectEntry(tx, venueId, entry, scope);
        if (refusal?.keep) kept.set(entry.seq, refusal);
        else if (refusal !== null) {
          clean = false;
          break;
        }
      }
      if (clean && !(await run(pending))) clean = false;
    } catch {
      // Projected again one by one below, where the failure is logged and raised.
      clean = false;
    }
    // Left open when clean: COMMIT releases it (RELEASE would only cost a round trip), and
    // what follows (storeNew) either commits with it or fails the whole transaction.
    if (clean) return answer(kept);
    await tx.exec('ROLLBACK TO SAVEPOINT project_batch');
    await tx.exec('RELEASE SAVEPOINT project_batch');
  }
  const refusals: (Refusal | null)[] = [];
  for (const entry of entries)
    refusals.push(await applyInSavepoint(tx, venueId, entry, log, scope));
  return refusals;
}

/**
 * The performances whose places an entry takes (a sale's, an exchange's new tickets) or gives
 * back (a refund, void or exchange may return places to a till's lease): their inventory rows
 * are locked together, in id order, before the batch is projected.
 */
function performancesTouchedBy(entry: DomainEntry): string[] {
  const taken = soldBy(entry)?.tickets.map((t) => t.performanceId) ?? [];
  if (entry.type === 'refund' || entry.type === 'void')
    return [...taken, ...entry.payload.tickets.map((t) => t.performanceId)];
  if (entry.type === 'exchange')
    return [...taken, ...entry.payload.returned.map((t) => t.performanceId)];
  return taken;
}

/** The tickets an entry issues (a sale's, an exchange's new ones); none for training. */
function soldBy(entry: SaleEntry): SoldByTill;
function soldBy(entry: DomainEntry): SoldByTill | null;
function soldBy(entry: DomainEntry): SoldByTill | null {
  const { terminalId, seq, at } = entry;
  if (entry.type === 'sale')
    return { terminalId, seq, at, tickets: entry.payload.training ? [] : entry.payload.tickets };
  if (entry.type === 'exchange')
    return { terminalId, seq, at, tickets: entry.payload.training ? [] : entry.payload.issued };
  return null;
}

/**
 * Projects one entry inside a savepoint, so a refused or failed projection leaves no half
 * of its writes behind while the batch's other entries stay. An unexpected database error
 * while projecting is logged and raised as an exception too: the entry is still stored.
 */
async function applyInSavepoint(
  tx: Queryable,
  venueId: string,
  entry: DomainEntry,
  log: FastifyBaseLogger,
  inventory: InventoryScope,
): Promise<Refusal | null> {
  await tx.exec('SAVEPOINT project_entry');
  let refusal: Refusal | null;
  try {
    refusal = await projectEntry(tx, venueId, entry, inventory);
  } catch (error) {
    log.error({ err: error, terminalId: entry.terminalId, seq: entry.seq }, 'projection failed');
    refusal = {
      code: 'apply_failed',
      message: `The server could not apply this ${entry.type} entry; it is kept for a manager to reconcile.`,
    };
  }
  await tx.exec(
    refusal === null || refusal.keep
      ? 'RELEASE SAVEPOINT project_entry'
      : 'ROLLBACK TO SAVEPOINT project_entry',
  );
  return refusal;
}
