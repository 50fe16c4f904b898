import type { BoxOfficeDb } from './db';
import type { LeaseRecord, TicketRecord } from './records';
import { holdsPlace } from './ticket-counts';

/**
 * The server's leases as this till keeps them (issue 12): what it may sell while offline.
 * Demo leases (the whole house, no `serverLeaseId`) are not among them: an enrolled till
 * whose store began as a demo store must not sell the house from them.
 */

/** This till's live server leases of a performance at `nowIso`. */
export async function liveLeases(
  db: BoxOfficeDb,
  performanceId: string,
  nowIso: string,
): Promise<LeaseRecord[]> {
  const rows = await db.leases.where('performanceId').equals(performanceId).toArray();
  return rows.filter(
    (l) => l.serverLeaseId !== undefined && l.endedAt === undefined && l.expiresAt > nowIso,
  );
}

/** Every server lease not yet given back (expired ones too: they are returned or dropped). */
export async function unendedLeases(db: BoxOfficeDb): Promise<LeaseRecord[]> {
  const rows = await db.leases.toArray();
  return rows.filter((l) => l.serverLeaseId !== undefined && l.endedAt === undefined);
}

/** A lease the server checked out: its seats as one record, each GA tier's slice as another. */
export async function keepLease(
  db: BoxOfficeDb,
  lease: {
    readonly leaseId: string;
    readonly performanceId: string;
    readonly seatIds: readonly string[];
    readonly ga: Readonly<Record<string, number>>;
    readonly expiresAt: string;
  },
  checkedOutAt: string,
): Promise<void> {
  const base = {
    performanceId: lease.performanceId,
    expiresAt: lease.expiresAt,
    serverLeaseId: lease.leaseId,
    checkedOutAt,
  };
  const rows: LeaseRecord[] = [];
  if (lease.seatIds.length > 0) {
    rows.push({ ...base, id: `${lease.leaseId}:seats`, kind: 'seats', seatIds: lease.seatIds });
  }
  for (const [tierId, quantity] of Object.entries(lease.ga)) {
    if (quantity > 0)
      rows.push({ ...base, id: `${lease.leaseId}:ga:${tierId}`, kind: 'ga', tierId, quantity });
  }
  await db.leases.bulkPut(rows);
}

/** The lease went back to the venue (returned, or the server no longer has it). */
export async function endLease(db: BoxOfficeDb, serverLeaseId: string, at: string): Promise<void> {
  await db.transaction('rw', db.leases, async () => {
    const rows = await db.leases.filter((l) => l.serverLeaseId === serverLeaseId).toArray();
    await db.leases.bulkPut(rows.map((l) => ({ ...l, endedAt: at })));
  });
}

/**
 * Tickets of `performanceId` on this terminal's orders since `since`, whatever their status:
 * the one orders-since read behind what a lease slice has given out and the lease's sizing.
 */
async function ticketsSoldHereSince(
  db: BoxOfficeDb,
  terminalId: string,
  performanceId: string,
  since: string,
): Promise<TicketRecord[]> {
  const orders = await db.orders
    .where('at')
    .aboveOrEqual(since)
    .filter((o) => o.terminalId === terminalId && o.performanceIds.includes(performanceId))
    .primaryKeys();
  if (orders.length === 0) return [];
  const tickets = await db.tickets.where('orderId').anyOf(orders).toArray();
  return tickets.filter((t) => t.performanceId === performanceId);
}

/**
 * GA places of `tierId` this terminal sold (and did not refund) at `performanceId` since
 * `since`: what has come out of a GA lease slice checked out then.
 */
export async function gaSoldHereSince(
  db: BoxOfficeDb,
  terminalId: string,
  performanceId: string,
  tierId: string,
  since: string,
): Promise<number> {
  const tickets = await ticketsSoldHereSince(db, terminalId, performanceId, since);
  return tickets.filter(
    (t) => t.tierId === tierId && t.seatId === undefined && holdsPlace(t.status),
  ).length;
}

/** Places this terminal sold of a performance in the last hour (the lease's sizing input). */
export async function soldHereSince(
  db: BoxOfficeDb,
  terminalId: string,
  performanceId: string,
  since: string,
): Promise<{ seats: number; ga: number }> {
  const tickets = await ticketsSoldHereSince(db, terminalId, performanceId, since);
  const ga = tickets.filter((t) => t.seatId === undefined).length;
  return { seats: tickets.length - ga, ga };
}
