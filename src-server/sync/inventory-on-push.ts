import {
  returnPlaces,
  takeTillSale,
  type Collision,
  type CollisionKind,
  type Lease,
  type Ledger,
} from '../../shared/inventory';
import { sum } from '../../shared/money/money';
import type { TicketRecord } from '../../shared/orders/records';
import type { EntryRef } from '../../shared/sync/reconciliation-contract';
import type { Queryable } from '../db/port';
import { HttpError } from '../http-error';
import { capacityOf, catalogIndexOf } from '../inventory/capacity';
import { loadLedger, saveLedger, type PerformanceKey } from '../inventory/ledger-store';
import type { Refusal } from './projection';
import { moneyForManagers } from './manager-words';

/**
 * A till's pushed sale (and the new tickets of an exchange) taken out of the performance's
 * inventory records: its own hold, else its own lease, else the venue's free places — and
 * a collision (another holder's place, a seat sold already, a sale from a lease that had
 * expired) raised beside the sale, which stays applied (shared/inventory/till-sale.ts decides).
 *
 * Cheap for the common push: a performance that never had an inventory operation (no row in
 * inventory_performances) has no hold or lease to take from, so it costs no ledger load; the
 * push learns which of its performances have one in a statement it runs anyway (projectSales)
 * or one probe, and locks their rows (the lock inventory/apply.ts takes) in id order before
 * any of them is read, so pushes and hold requests of one performance run one after the
 * other and two pushes cannot deadlock on two performances.
 */
export interface InventoryScope {
  /** The database the catalog cache belongs to (the push reads through its transaction). */
  readonly cacheKey: object;
  /** The batch's performances that have inventory records, locked for this transaction. */
  readonly performances: ReadonlySet<string>;
}

export interface SoldByTill {
  readonly terminalId: string;
  readonly seq: number;
  readonly at: string;
  readonly tickets: readonly TicketRecord[];
}

/** Locks the inventoried performances among `performanceIds` (in id order) and names them. */
export async function lockInventoried(
  tx: Queryable,
  venueId: string,
  performanceIds: readonly string[],
): Promise<Set<string>> {
  if (performanceIds.length === 0) return new Set();
  const rows = await tx.query<{ performance_id: string }>(
    `SELECT performance_id FROM inventory_performances
     WHERE venue_id = $1 AND performance_id = ANY($2::text[])
     ORDER BY performance_id FOR UPDATE`,
    [venueId, [...new Set(performanceIds)]],
  );
  return new Set(rows.map((r) => r.performance_id));
}

/** Applies the sales to the inventory; answers the collisions each raised (by seq). */
export async function consumeSales(
  tx: Queryable,
  venueId: string,
  scope: InventoryScope,
  sales: readonly SoldByTill[],
): Promise<Map<number, Refusal>> {
  const raised = new Map<number, Refusal>();
  if (scope.performances.size === 0) return raised;
  const performances = [
    ...new Set(sales.flatMap((s) => s.tickets.map((t) => t.performanceId))),
  ].filter((p) => scope.performances.has(p));
  for (const performanceId of performances.sort()) {
    const key = { venueId, performanceId };
    let capacity;
    try {
      capacity = capacityOf(await catalogIndexOf(tx, venueId, scope.cacheKey), performanceId);
    } catch (error) {
      // No catalog names it on sale any more (cancelled since): no ledger to keep.
      if (error instanceof HttpError) continue;
      throw error;
    }
    const of = (s: SoldByTill) => s.tickets.filter((t) => t.performanceId === performanceId);
    const before = await loadLedger(
      tx,
      key,
      capacity,
      sales.flatMap((s) => of(s).map((t) => t.ticketId)),
    );
    const expired = await expiredLeases(tx, key, [...new Set(sales.map((s) => s.terminalId))]);
    let ledger = before;
    const emptied: string[] = [];
    const fromLease: { ticketId: string; leaseId: string }[] = [];
    for (const sale of sales) {
      const tickets = of(sale);
      if (tickets.length === 0) continue;
      const ga: Record<string, number> = {};
      for (const t of tickets) if (t.seatId === undefined) ga[t.tierId] = (ga[t.tierId] ?? 0) + 1;
      const result = takeTillSale(
        ledger,
        {
          saleId: `till ${sale.terminalId} ${sale.seq}`,
          terminalId: sale.terminalId,
          seatIds: tickets.flatMap((t) => (t.seatId === undefined ? [] : [t.seatId])),
          ga,
          at: Date.parse(sale.at),
          expiredLeases: expired.filter((l) => l.terminalId === sale.terminalId),
        },
        Date.now(),
      );
      ledger = result.ledger;
      emptied.push(...result.emptiedHolds);
      fromLease.push(...ticketsOfLeases(tickets, result.fromOwnLeases));
      if (result.collisions.length > 0) {
        raised.set(sale.seq, await refusalOf(tx, key, sale, tickets, result.collisions, sales));
      }
    }
    // The till's sales stay journal tickets (loadLedger reads them there): not copied.
    const after: Ledger = {
      ...ledger,
      sales: new Map([...ledger.sales].filter(([id]) => before.sales.has(id))),
    };
    await saveLedger(tx, key, before, after, {
      ended: emptied.map((id) => ({ id, status: 'sold' as const })),
    });
    if (fromLease.length > 0) {
      await tx.query(
        `UPDATE tickets t SET lease_id = u.lease_id
         FROM unnest($2::text[], $3::text[]) AS u(ticket_id, lease_id)
         WHERE t.venue_id = $1 AND t.ticket_id = u.ticket_id`,
        [venueId, fromLease.map((f) => f.ticketId), fromLease.map((f) => f.leaseId)],
      );
    }
  }
  return raised;
}

/** Which of a sale's tickets came out of which of the till's own leases (GA: the first k). */
function ticketsOfLeases(
  tickets: readonly TicketRecord[],
  fromOwnLeases: ReadonlyMap<string, { seatIds: string[]; ga: Record<string, number> }>,
): { ticketId: string; leaseId: string }[] {
  const out: { ticketId: string; leaseId: string }[] = [];
  const taken = new Set<string>();
  for (const [leaseId, places] of fromOwnLeases) {
    for (const t of tickets) {
      if (t.seatId !== undefined && places.seatIds.includes(t.seatId)) {
        out.push({ ticketId: t.ticketId, leaseId });
        taken.add(t.ticketId);
      }
    }
    for (const [area, n] of Object.entries(places.ga)) {
      const ga = tickets.filter(
        (t) => t.seatId === undefined && t.tierId === area && !taken.has(t.ticketId),
      );
      for (const t of ga.slice(0, n)) {
        out.push({ ticketId: t.ticketId, leaseId });
        taken.add(t.ticketId);
      }
    }
  }
  return out;
}

/** A ticket no longer sold (refunded, voided, exchanged away) whose place came from a lease. */
export interface FreedFromLease {
  readonly performanceId: string;
  readonly leaseId: string;
  readonly seatId: string | null;
  readonly tierId: string;
}

/** The tickets among `rows` (just taken off sale) whose place came from a till's lease. */
export function freedFromLeases(
  rows: readonly {
    performance_id: string;
    seat_id: string | null;
    tier_id: string;
    lease_id: string | null;
  }[],
): FreedFromLease[] {
  return rows.flatMap((r) =>
    r.lease_id === null
      ? []
      : [
          {
            performanceId: r.performance_id,
            leaseId: r.lease_id,
            seatId: r.seat_id,
            tierId: r.tier_id,
          },
        ],
  );
}

/**
 * Gives places that left a sale back to the lease they were sold from while it lives, else
 * to the venue (`returnPlaces`, the one rule the till follows too). The performance's row is
 * locked here if the push had not locked it already (then in id order with the others).
 */
export async function returnFreedPlaces(
  tx: Queryable,
  venueId: string,
  scope: InventoryScope,
  freed: readonly FreedFromLease[],
): Promise<void> {
  const byPerformance = new Map<string, FreedFromLease[]>();
  for (const f of freed)
    byPerformance.set(f.performanceId, [...(byPerformance.get(f.performanceId) ?? []), f]);
  const unlocked = [...byPerformance.keys()].filter((p) => !scope.performances.has(p));
  const locked = new Set([
    ...[...byPerformance.keys()].filter((p) => scope.performances.has(p)),
    ...(await lockInventoried(tx, venueId, unlocked)),
  ]);
  for (const performanceId of [...locked].sort()) {
    const key = { venueId, performanceId };
    let capacity;
    try {
      capacity = capacityOf(await catalogIndexOf(tx, venueId, scope.cacheKey), performanceId);
    } catch (error) {
      if (error instanceof HttpError) continue; // not on sale any more: nothing to give back
      throw error;
    }
    const before = await loadLedger(tx, key, capacity);
    const byLease = new Map<string, { seatIds: string[]; ga: Record<string, number> }>();
    for (const f of byPerformance.get(performanceId)!) {
      const places = byLease.get(f.leaseId) ?? { seatIds: [], ga: {} };
      if (f.seatId !== null) places.seatIds.push(f.seatId);
      else places.ga[f.tierId] = (places.ga[f.tierId] ?? 0) + 1;
      byLease.set(f.leaseId, places);
    }
    const now = Date.now();
    let after = before;
    for (const [leaseId, places] of byLease)
      after = returnPlaces(after, { leaseId, ...places }, now);
    if (after !== before) await saveLedger(tx, key, before, after);
  }
}

async function expiredLeases(
  tx: Queryable,
  key: PerformanceKey,
  terminalIds: readonly string[],
): Promise<Lease[]> {
  const rows = await tx.query<{
    lease_id: string;
    terminal_id: string;
    seat_ids: string[];
    ga: unknown;
    expires_at: Date | string;
  }>(
    `SELECT lease_id, terminal_id, seat_ids, ga, expires_at FROM inventory_leases
     WHERE venue_id = $1 AND performance_id = $2 AND terminal_id = ANY($3::text[])
       AND (status = 'expired' OR (status = 'active' AND expires_at <= now()))
     ORDER BY lease_id`,
    [key.venueId, key.performanceId, terminalIds],
  );
  return rows.map((r) => ({
    id: r.lease_id,
    terminalId: r.terminal_id,
    seatIds: r.seat_ids,
    ga: (typeof r.ga === 'string' ? JSON.parse(r.ga) : r.ga) as Record<string, number>,
    expiresAt: new Date(r.expires_at).getTime(),
  }));
}

const RANK: Record<CollisionKind, number> = {
  seat_sold_twice: 0,
  ga_oversold: 1,
  expired_lease_sale: 2,
};

/** One exception for the sale: its worst collision's kind, every place and entry named. */
async function refusalOf(
  tx: Queryable,
  key: PerformanceKey,
  sale: SoldByTill,
  tickets: readonly TicketRecord[],
  collisions: readonly Collision[],
  batch: readonly SoldByTill[],
): Promise<Refusal> {
  const kind = [...collisions].sort((a, b) => RANK[a.kind] - RANK[b.kind])[0]!.kind;
  // The tickets at stake: the seat's, or as many of the area's as collided.
  const atStake: TicketRecord[] = [];
  for (const c of collisions) {
    if (c.seatId !== undefined) atStake.push(...tickets.filter((t) => t.seatId === c.seatId));
    else atStake.push(...tickets.filter((t) => t.tierId === c.area).slice(0, c.count));
  }
  const amount = sum(
    tickets[0]!.price.currency,
    atStake.map((t) => t.price),
  );
  // Who sold a seat first: the journal's tickets of that seat, other than this push's.
  const seats = collisions.filter((c) => c.from?.kind === 'sale').map((c) => c.seatId!);
  const others: EntryRef[] = [];
  if (seats.length > 0) {
    const mine = new Set(batch.flatMap((s) => s.tickets.map((t) => t.ticketId)));
    const rows = await tx.query<{
      ticket_id: string;
      issued_by_terminal: string;
      issued_seq: number;
    }>(
      `SELECT ticket_id, issued_by_terminal, issued_seq FROM tickets
       WHERE venue_id = $1 AND performance_id = $2 AND seat_id = ANY($3::text[])
         AND status IN ('sold', 'used') ORDER BY issued_by_terminal, issued_seq`,
      [key.venueId, key.performanceId, seats],
    );
    for (const r of rows) {
      if (!mine.has(r.ticket_id))
        others.push({ terminalId: r.issued_by_terminal, seq: Number(r.issued_seq) });
    }
    // Sold twice within this push: the earlier entry of it.
    for (const s of batch) {
      if (
        s.seq < sale.seq &&
        s.tickets.some((t) => t.seatId !== undefined && seats.includes(t.seatId))
      )
        others.push({ terminalId: s.terminalId, seq: s.seq });
    }
  }
  const where = (c: Collision) =>
    c.seatId !== undefined ? `seat ${c.seatId}` : `${c.count} × ${c.area}`;
  const what = collisions.map((c) => `${where(c)} (${WORDS[c.kind](c)})`).join('; ');
  const money = moneyForManagers(amount);
  return {
    code: 'inventory_collision',
    kind,
    message: `Terminal ${sale.terminalId} (seq ${sale.seq}) sold ${what} of ${key.performanceId}.`,
    others,
    amount,
    suggestedAction: ACTIONS[kind](key.performanceId, sale.terminalId, money),
    performanceId: key.performanceId,
    keep: true,
  };
}

const WORDS: Record<CollisionKind, (c: Collision) => string> = {
  seat_sold_twice: (c) =>
    c.from?.kind === 'sale'
      ? 'already sold'
      : `held or leased elsewhere: taken out of ${c.from?.kind ?? 'a record'} ${c.from?.id ?? ''}`,
  ga_oversold: (c) =>
    c.from
      ? `taken out of ${c.from.kind} ${c.from.id}`
      : 'beyond every standing place the night has',
  expired_lease_sale: (c) =>
    `after lease ${c.from?.id ?? ''} had expired; the place was still free`,
};

const ACTIONS: Record<
  CollisionKind,
  (performance: string, terminal: string, money: string) => string
> = {
  seat_sold_twice: (p, t) =>
    `Two customers may hold a ticket for one seat of ${p}: find the other sale of it, offer one customer another seat (or a refund) before the doors open, and check why ${t} sold outside its lease.`,
  ga_oversold: (p, t, money) =>
    `${p} may have more standing tickets than places (${money} sold by ${t} past the quota): stop selling its standing places or raise the quota if the venue can take them.`,
  expired_lease_sale: (p, t) =>
    `${t} sold from a lease of ${p} that had expired (offline too long, or its clock is wrong); nobody lost a place: check the till and resolve.`,
};
