import {
  emptyLedger,
  type Capacity,
  type GaCounts,
  type Hold,
  type Lease,
  type Ledger,
  type Sale,
} from '../../shared/inventory';
import { num, type Queryable } from '../db/port';

/**
 * A performance's ledger in PostgreSQL: read whole under the performance's row lock, written
 * back as the records that changed. The decisions are shared/inventory's; this file only
 * moves rows.
 */

export interface PerformanceKey {
  readonly venueId: string;
  readonly performanceId: string;
}

/**
 * Till sales pushed in the journal (tickets, sold or used) show in the ledger as this one
 * sale, so nothing is held, leased or sold online over them. It is never written back.
 */
export const JOURNAL_SALE_ID = 'journal';

/** Takes the performance's lock row (made on first use) until the transaction ends. */
export async function lockPerformance(tx: Queryable, key: PerformanceKey): Promise<void> {
  await tx.query(
    `INSERT INTO inventory_performances (venue_id, performance_id) VALUES ($1, $2)
     ON CONFLICT (venue_id, performance_id)
     DO UPDATE SET revision = inventory_performances.revision + 1`,
    [key.venueId, key.performanceId],
  );
}

interface RecordRow {
  kind: 'hold' | 'lease' | 'sale';
  id: string;
  channel: 'terminal' | 'web';
  owner: string;
  lease_id: string | null;
  seat_ids: string[];
  ga: unknown;
  expires_at: Date | string | null;
}

const gaOf = (value: unknown): GaCounts =>
  (typeof value === 'string' ? JSON.parse(value) : value) as GaCounts;
const msOf = (value: Date | string | null): number =>
  value instanceof Date ? value.getTime() : Date.parse(value ?? '');

/**
 * The live records of one performance (expired ones too: the ledger lets them expire).
 * `excludeTicketIds`: journal tickets left out of the journal sale — the ones a push is
 * applying right now (sync/inventory-on-push.ts), which must first be taken out of the
 * records that held them.
 */
export async function loadLedger(
  tx: Queryable,
  key: PerformanceKey,
  capacity: Capacity,
  excludeTicketIds: readonly string[] = [],
): Promise<Ledger> {
  const params = [key.venueId, key.performanceId];
  const rows = await tx.query<RecordRow>(
    `SELECT 'hold' AS kind, hold_id AS id, channel, holder_id AS owner, NULL AS lease_id,
            seat_ids, ga, expires_at
       FROM inventory_holds WHERE venue_id = $1 AND performance_id = $2 AND status = 'active'
     UNION ALL
     SELECT 'lease', lease_id, 'terminal', terminal_id, NULL, seat_ids, ga, expires_at
       FROM inventory_leases WHERE venue_id = $1 AND performance_id = $2 AND status = 'active'
     UNION ALL
     SELECT 'sale', sale_id, channel, seller_id, lease_id, seat_ids, ga, NULL
       FROM inventory_sales WHERE venue_id = $1 AND performance_id = $2 AND status = 'sold'`,
    params,
  );
  const tickets = await tx.query<{ seat_id: string | null; tier_id: string; n: unknown }>(
    `SELECT seat_id, tier_id, count(*) AS n FROM tickets
     WHERE venue_id = $1 AND performance_id = $2 AND status IN ('sold', 'used')
       AND NOT ticket_id = ANY($3::text[])
     GROUP BY seat_id, tier_id`,
    [...params, excludeTicketIds],
  );
  const holds = new Map<string, Hold>();
  const leases = new Map<string, Lease>();
  const sales = new Map<string, Sale>();
  for (const r of rows) {
    const base = { id: r.id, seatIds: r.seat_ids, ga: gaOf(r.ga) };
    if (r.kind === 'hold') {
      holds.set(r.id, {
        ...base,
        holder: { channel: r.channel, id: r.owner },
        expiresAt: msOf(r.expires_at),
      });
    } else if (r.kind === 'lease') {
      leases.set(r.id, { ...base, terminalId: r.owner, expiresAt: msOf(r.expires_at) });
    } else {
      sales.set(r.id, r.lease_id === null ? base : { ...base, leaseId: r.lease_id });
    }
  }
  const journalSeats = new Set<string>();
  const journalGa: Record<string, number> = {};
  for (const t of tickets) {
    if (t.seat_id !== null) journalSeats.add(t.seat_id);
    else if (capacity.gaAreas[t.tier_id] !== undefined) journalGa[t.tier_id] = num(t.n);
  }
  if (journalSeats.size > 0 || Object.keys(journalGa).length > 0) {
    // A till's sale is a fact: a seat it sold leaves any hold or lease that still names it.
    // The push takes it out of them for good (sync/inventory-on-push.ts); this covers what
    // that step does not see (a performance that had no inventory row when the sale came).
    const without = <T extends { seatIds: readonly string[] }>(m: Map<string, T>) => {
      for (const [id, r] of m) {
        if (r.seatIds.some((s) => journalSeats.has(s))) {
          m.set(id, { ...r, seatIds: r.seatIds.filter((s) => !journalSeats.has(s)) });
        }
      }
    };
    without(holds);
    without(leases);
    without(sales);
    sales.set(JOURNAL_SALE_ID, { id: JOURNAL_SALE_ID, seatIds: [...journalSeats], ga: journalGa });
  }
  return { ...emptyLedger(capacity), holds, leases, sales };
}

interface Ending {
  readonly id: string;
  readonly status: 'released' | 'sold' | 'returned' | 'refunded';
}

/** What an operation says beyond the ledger: how the record it ended ends, who sells. */
export interface Endings {
  /** The holds, leases or sales the operation ended; any other that left expired. */
  readonly ended?: Ending | readonly Ending[];
  /** Who sells, for new sales. */
  readonly seller?: { readonly channel: 'terminal' | 'web'; readonly id: string };
}

const changed = <T>(before: ReadonlyMap<string, T>, after: ReadonlyMap<string, T>) =>
  [...after.values()].filter((r) => {
    const id = (r as { id: string }).id;
    return id !== JOURNAL_SALE_ID && before.get(id) !== r;
  });
const gone = <T>(before: ReadonlyMap<string, T>, after: ReadonlyMap<string, T>) =>
  [...before.keys()].filter((id) => id !== JOURNAL_SALE_ID && !after.has(id));

/**
 * Writes what moved from `before` to `after`: new and changed records (the ledger keeps an
 * unchanged record's identity), and the end of those that left — as `endings` says for the
 * one the operation ended, `expired` for holds and leases that timed out meanwhile.
 */
export async function saveLedger(
  tx: Queryable,
  key: PerformanceKey,
  before: Ledger,
  after: Ledger,
  endings: Endings = {},
): Promise<void> {
  const k = [key.venueId, key.performanceId];
  for (const h of changed(before.holds, after.holds)) {
    await tx.query(
      `INSERT INTO inventory_holds (venue_id, performance_id, hold_id, channel, holder_id, seat_ids, ga, expires_at, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'active')
       ON CONFLICT (venue_id, hold_id) DO UPDATE
       SET seat_ids = EXCLUDED.seat_ids, ga = EXCLUDED.ga, expires_at = EXCLUDED.expires_at`,
      [
        ...k,
        h.id,
        h.holder.channel,
        h.holder.id,
        h.seatIds,
        JSON.stringify(h.ga),
        new Date(h.expiresAt),
      ],
    );
  }
  for (const l of changed(before.leases, after.leases)) {
    const size = l.seatIds.length;
    const ga = Object.values(l.ga).reduce((a, b) => a + b, 0);
    await tx.query(
      `INSERT INTO inventory_leases (venue_id, performance_id, lease_id, terminal_id, seat_ids, ga, checked_out_seats, checked_out_ga, expires_at, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'active')
       ON CONFLICT (venue_id, lease_id) DO UPDATE
       SET seat_ids = EXCLUDED.seat_ids, ga = EXCLUDED.ga, expires_at = EXCLUDED.expires_at`,
      [...k, l.id, l.terminalId, l.seatIds, JSON.stringify(l.ga), size, ga, new Date(l.expiresAt)],
    );
  }
  for (const s of changed(before.sales, after.sales)) {
    const seller = endings.seller ?? { channel: 'terminal', id: 'unknown' };
    await tx.query(
      `INSERT INTO inventory_sales (venue_id, performance_id, sale_id, channel, seller_id, lease_id, seat_ids, ga, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'sold')`,
      [...k, s.id, seller.channel, seller.id, s.leaseId ?? null, s.seatIds, JSON.stringify(s.ga)],
    );
  }
  const end = async (table: string, column: string, ids: string[], status: string) => {
    if (ids.length === 0) return;
    await tx.query(
      `UPDATE ${table} SET status = $4, ${table === 'inventory_sales' ? 'refunded_at' : 'ended_at'} = now()
       WHERE venue_id = $1 AND performance_id = $2 AND ${column} = ANY($3::text[])`,
      [...k, ids, status],
    );
  };
  const ended = new Map(
    (Array.isArray(endings.ended) ? endings.ended : endings.ended ? [endings.ended] : []).map(
      (e: Ending) => [e.id, e.status],
    ),
  );
  const endAll = async (table: string, column: string, ids: string[], otherwise: string) => {
    const byStatus = new Map<string, string[]>();
    for (const id of ids) {
      const status = ended.get(id) ?? otherwise;
      byStatus.set(status, [...(byStatus.get(status) ?? []), id]);
    }
    for (const [status, some] of byStatus) await end(table, column, some, status);
  };
  await endAll('inventory_holds', 'hold_id', gone(before.holds, after.holds), 'expired');
  await endAll('inventory_leases', 'lease_id', gone(before.leases, after.leases), 'expired');
  await endAll('inventory_sales', 'sale_id', gone(before.sales, after.sales), 'refunded');
}
