import type { BoxOfficeDb } from './db';
import { currentIdbTransaction, readByIndex, writeRows } from './raw-requests';
import { StoreError } from './errors';
import type { TicketCountRecord, TicketRecord, TicketStatus } from './records';

/**
 * The only writers of the tickets table, so the valid-ticket counts (`ticketCounts`) can
 * never drift from the tickets: both change in the caller's transaction, which must include
 * `tickets` and `ticketCounts` (commitTables does).
 */

type Counted = Pick<TicketRecord, 'performanceId' | 'tierId'>;

/**
 * A ticket that holds its place: not yet used, or let in at the door. A used ticket's place
 * stays taken (its holder is inside); only a refund, void or exchange gives it back. The
 * count's field is still called `valid` (the store's schema), but it counts these.
 */
export function holdsPlace(status: TicketStatus): boolean {
  return status === 'valid' || status === 'used';
}

/** Adds `delta` valid tickets per (performance, tier) of `tickets`. */
async function adjustCounts(
  db: BoxOfficeDb,
  tickets: readonly Counted[],
  delta: 1 | -1,
): Promise<void> {
  const deltas = new Map<string, { performanceId: string; tierId: string; n: number }>();
  for (const t of tickets) {
    const key = JSON.stringify([t.performanceId, t.tierId]);
    const d = deltas.get(key) ?? { performanceId: t.performanceId, tierId: t.tierId, n: 0 };
    d.n += delta;
    deltas.set(key, d);
  }
  if (deltas.size === 0) return;
  const keys = [...deltas.values()].map((d): [string, string] => [d.performanceId, d.tierId]);
  const rows = await db.ticketCounts.bulkGet(keys);
  await db.ticketCounts.bulkPut(
    [...deltas.values()].map((d, i): TicketCountRecord => ({
      performanceId: d.performanceId,
      tierId: d.tierId,
      valid: Math.max(0, (rows[i]?.valid ?? 0) + d.n),
    })),
  );
}

/** Valid tickets per tier, per performance: every tier row stored for those performances. */
export type ValidCounts = ReadonlyMap<string, ReadonlyMap<string, number>>;

/**
 * Stores new tickets (a sale's or an exchange's) and counts the valid ones. Resolves with the
 * counts of every tier of the performances the tickets name as they stand after them, in
 * the caller's transaction: a sale checks its GA quotas on them without reading them again.
 *
 * `known`: the counts as the caller read them before its transaction (a sale's inventory).
 * The new counts are then written at once, from them, while the transaction reads the
 * stored ones; only if those differ (another window sold meanwhile) are they written again
 * from what was read. Either way the stored counts end as read + added: the read is made
 * before the write, and a transaction runs its requests in order.
 *
 * `onlyIfKnownIsCurrent`: refuse (StoreError `conflict`, aborting the caller's transaction)
 * instead, when `known` misses one of the performances or differs from what is stored.
 */
export async function addTickets(
  tickets: readonly TicketRecord[],
  known?: ValidCounts,
  onlyIfKnownIsCurrent = false,
): Promise<ValidCounts> {
  // On the transaction's own IDBTransaction (raw-requests.ts): this is a sale's hot path.
  const tx = currentIdbTransaction();
  // The counts' read first: its answer does not wait for the tickets' writes.
  const [counts] = await Promise.all([
    countAdded(
      tx,
      tickets.filter((t) => holdsPlace(t.status)),
      known,
      onlyIfKnownIsCurrent,
    ),
    writeRows(tx, 'tickets', tickets, 'add'),
  ]);
  return counts;
}

/** The counts after one more valid ticket per ticket, and the rows that changed. */
function withAdded(
  before: ReadonlyMap<string, ReadonlyMap<string, number>>,
  tickets: readonly Counted[],
): { counts: Map<string, Map<string, number>>; rows: TicketCountRecord[] } {
  const counts = new Map([...before].map(([p, tiers]) => [p, new Map(tiers)]));
  const changed = new Map<string, TicketCountRecord>();
  for (const t of tickets) {
    const tiers = counts.get(t.performanceId)!;
    const valid = (tiers.get(t.tierId) ?? 0) + 1;
    tiers.set(t.tierId, valid);
    changed.set(JSON.stringify([t.performanceId, t.tierId]), {
      performanceId: t.performanceId,
      tierId: t.tierId,
      valid,
    });
  }
  return { counts, rows: [...changed.values()] };
}

function sameCounts(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  return a.size === b.size && [...a].every(([tier, n]) => b.get(tier) === n);
}

/**
 * Adds one valid ticket per ticket to its (performance, tier) count, reading each named
 * performance's rows whole (a handful of tiers) so the result covers its other tiers too.
 */
async function countAdded(
  tx: IDBTransaction,
  tickets: readonly Counted[],
  known: ValidCounts | undefined,
  onlyIfKnownIsCurrent: boolean,
): Promise<ValidCounts> {
  const performanceIds = [...new Set(tickets.map((t) => t.performanceId))];
  if (performanceIds.length === 0) return new Map();
  const reading = Promise.all(
    performanceIds.map((p) =>
      readByIndex<TicketCountRecord>(tx, 'ticketCounts', 'performanceId', p).then(byTier),
    ),
  );
  const guess =
    known !== undefined && performanceIds.every((p) => known.has(p))
      ? withAdded(new Map(performanceIds.map((p) => [p, known.get(p)!])), tickets)
      : null;
  const [stored] = await Promise.all([
    reading,
    guess === null ? undefined : writeRows(tx, 'ticketCounts', guess.rows, 'put'),
  ]);
  if (guess !== null && performanceIds.every((p, i) => sameCounts(stored[i]!, known!.get(p)!))) {
    return guess.counts;
  }
  if (onlyIfKnownIsCurrent) {
    // The caller decided on `known` (a sale on the stock its till last saw): a count that
    // moved since makes that decision unsafe, so the whole commit is refused.
    throw new StoreError('conflict', 'The tickets sold changed since the sale was decided.');
  }
  const after = withAdded(new Map(performanceIds.map((p, i) => [p, stored[i]!])), tickets);
  await writeRows(tx, 'ticketCounts', after.rows, 'put');
  return after.counts;
}

/**
 * Sets a stored ticket's status (refunded, exchanged, voided, used…) and moves the count.
 * Returns the ticket as it was, or undefined when this till does not hold it (sold elsewhere
 * and not replicated, or a practice ticket: the journal still has it).
 */
export async function setTicketStatus(
  db: BoxOfficeDb,
  ticketId: string,
  status: TicketStatus,
): Promise<TicketRecord | undefined> {
  const t = await db.tickets.get(ticketId);
  if (t === undefined) return undefined;
  const held = holdsPlace(t.status);
  const holds = holdsPlace(status);
  await Promise.all([
    db.tickets.put({ ...t, status }),
    held === holds ? undefined : adjustCounts(db, [t], holds ? 1 : -1),
  ]);
  return t;
}

/** The tickets holding a place, per tier of a performance: a few rows, however many are sold. */
export async function validTicketsByTier(
  db: BoxOfficeDb,
  performanceId: string,
): Promise<Map<string, number>> {
  return byTier(await db.ticketCounts.where('performanceId').equals(performanceId).toArray());
}

function byTier(rows: readonly TicketCountRecord[]): Map<string, number> {
  return new Map(rows.map((r) => [r.tierId, r.valid]));
}
