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

/** Stores new tickets (a sale's or an exchange's) and counts the valid ones. */
export async function addTickets(db: BoxOfficeDb, tickets: readonly TicketRecord[]): Promise<void> {
  await Promise.all([
    db.tickets.bulkAdd(tickets),
    adjustCounts(
      db,
      tickets.filter((t) => holdsPlace(t.status)),
      1,
    ),
  ]);
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
