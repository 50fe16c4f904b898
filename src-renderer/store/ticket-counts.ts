import type { BoxOfficeDb } from './db';
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

/**
 * The tickets holding a place, per tier, of each performance a commit touched, as that
 * commit leaves them: what a sale checks its GA quotas against without reading them again.
 */
export type PlacesByPerformance = ReadonlyMap<string, ReadonlyMap<string, number>>;

/**
 * Adds `delta` valid tickets per (performance, tier) of `tickets`. Every tier of their
 * performances is read (a few rows each), so the caller learns the whole performance's counts
 * as written in the same step.
 */
async function adjustCounts(
  db: BoxOfficeDb,
  tickets: readonly Counted[],
  delta: 1 | -1,
): Promise<PlacesByPerformance> {
  if (tickets.length === 0) return new Map();
  const performances = [...new Set(tickets.map((t) => t.performanceId))];
  const byPerformance = db.ticketCounts.where('performanceId');
  const rows = await (
    performances.length === 1
      ? byPerformance.equals(performances[0]!)
      : byPerformance.anyOf(performances)
  ).toArray();
  const after = new Map<string, Map<string, number>>(performances.map((p) => [p, new Map()]));
  for (const r of rows) after.get(r.performanceId)?.set(r.tierId, r.valid);
  const changed = new Map<string, TicketCountRecord>();
  for (const t of tickets) {
    const tiers = after.get(t.performanceId)!;
    const valid = Math.max(0, (tiers.get(t.tierId) ?? 0) + delta);
    tiers.set(t.tierId, valid);
    changed.set(JSON.stringify([t.performanceId, t.tierId]), {
      performanceId: t.performanceId,
      tierId: t.tierId,
      valid,
    });
  }
  await db.ticketCounts.bulkPut([...changed.values()]);
  return after;
}

/**
 * Stores new tickets (a sale's or an exchange's) and counts the valid ones; resolves with
 * their performances' counts as written.
 */
export async function addTickets(
  db: BoxOfficeDb,
  tickets: readonly TicketRecord[],
): Promise<PlacesByPerformance> {
  const [, counts] = await Promise.all([
    db.tickets.bulkAdd(tickets),
    adjustCounts(
      db,
      tickets.filter((t) => holdsPlace(t.status)),
      1,
    ),
  ]);
  return counts;
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
  const rows = await db.ticketCounts.where('performanceId').equals(performanceId).toArray();
  return new Map(rows.map((r) => [r.tierId, r.valid]));
}
