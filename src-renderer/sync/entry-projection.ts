import Dexie from 'dexie';
import type { DomainEntry } from '../../shared/journal/entry-types';
import type { BoxOfficeDb, IssuedTicket, SeatStateRecord } from '../store';
import { addTickets, soldSeatRows } from '../store';
import { admitInStore, appendEvent, settleTicket } from '../app/order-service';
import { saleRecords } from '../app/sale-service';
import { tillTicketRecord, type TillOrderRecord, type TillTicketRecord } from '../app/till-records';

/**
 * A sealed entry's effect on the read models (orders, tickets and their counts, sold seats),
 * for entries that did not come through this page's own commit: other tills' (the feed) and
 * this till's own when it restores its journal from the server. The pieces are the ones the
 * commits use (`saleRecords`, `settleTicket`, `appendEvent` → `projectOrder`), so an order
 * comes out the same whichever window sold it.
 *
 * Runs inside the caller's transaction (orders, tickets, ticketCounts, seatStates).
 */
export type EntryOrigin = 'own' | 'other';

/**
 * Seats become sold unless already sold: a sold row is only ever replaced by a refund, never
 * by a second sale (a double sale is the server's reconciliation to raise, not this till's to
 * hide). A seat a cart here merely holds goes to the sale the server accepted; that cart's own
 * sale is then refused when it tries to take the seat.
 */
async function markSold(db: BoxOfficeDb, tickets: readonly IssuedTicket[]): Promise<void> {
  // The first sale of a seat wins within one call too (a run of sales may sell it twice).
  const first = new Map<string, SeatStateRecord>();
  for (const r of soldSeatRows(tickets)) {
    const key = `${r.performanceId}\u0000${r.seatId}`;
    if (!first.has(key)) first.set(key, r);
  }
  const rows = [...first.values()];
  if (rows.length === 0) return;
  const existing = await db.seatStates.bulkGet(
    rows.map((r): [string, string] => [r.performanceId, r.seatId]),
  );
  await db.seatStates.bulkPut(rows.filter((_, i) => existing[i]?.state !== 'sold'));
}

function isTraining(entry: DomainEntry): boolean {
  return (entry.payload as { training?: unknown }).training === true;
}

/** Applies one entry; false when it names an order this till does not hold (nothing written). */
export async function projectEntry(
  db: BoxOfficeDb,
  entry: DomainEntry,
  origin: EntryOrigin,
): Promise<boolean> {
  // Another till's practice is nothing here. This till's own practice orders are kept (as its
  // commit keeps them, without tickets or seats), so a restored till reprints them as before.
  const training = isTraining(entry);
  if (training && origin === 'other') return true;
  switch (entry.type) {
    case 'sale': {
      if ((await db.orders.get(entry.payload.orderId)) !== undefined) return true;
      const { order, tickets } = saleRecords(entry);
      await Promise.all([
        db.orders.add(order),
        training ? undefined : addTickets(tickets),
        training ? undefined : markSold(db, entry.payload.tickets),
      ]);
      return true;
    }
    case 'refund':
    case 'void': {
      if ((await db.orders.get(entry.payload.orderId)) === undefined) return false;
      const status = entry.type === 'refund' ? 'refunded' : 'voided';
      // The order first: `projectOrder` refuses an event that does not fit the order before
      // anything is written, so a refused entry leaves no ticket half-settled.
      await appendEvent(
        db,
        entry.payload.orderId,
        entry.type === 'refund'
          ? { type: 'refund', payload: entry.payload }
          : { type: 'void', payload: entry.payload },
      );
      for (const t of entry.payload.tickets) await settleTicket(db, t.ticketId, status);
      return true;
    }
    case 'exchange': {
      const exchange = entry.payload;
      if ((await db.orders.get(exchange.orderId)) === undefined) return false;
      // The order first, as for a refund.
      await appendEvent(db, exchange.orderId, { type: 'exchange', payload: exchange });
      for (const t of exchange.returned) await settleTicket(db, t.ticketId, 'exchanged');
      const issued: TillTicketRecord[] = exchange.issued.map((t) =>
        tillTicketRecord(exchange.orderId, t),
      );
      if (!training) await Promise.all([addTickets(issued), markSold(db, exchange.issued)]);
      return true;
    }
    case 'admission': {
      if ((await db.orders.get(entry.payload.orderId)) === undefined) return false;
      // The order first, as for a refund: projectOrder refuses a ticket that is not valid.
      await admitInStore(db, entry.payload);
      return true;
    }
    case 'approval':
    case 'drop':
    case 'login':
    case 'logout':
    case 'no_sale':
    case 'paid_in':
    case 'paid_out':
    case 'shift_close':
    case 'shift_open':
    case 'training_mode':
      // Shifts, cash and sign-ins live in the journal and the terminal state folded from it
      // (the store's checkpoint), not in these tables.
      return true;
  }
}

type SaleEntry = Extract<DomainEntry, { type: 'sale' }>;

/** What became of one entry of `projectEntries`. */
export type Projected = 'applied' | 'kept';

export interface ProjectOptions {
  /**
   * Called for an entry whose effect the domain refuses (an event for an order this till does
   * not hold is not a refusal: that entry is simply `kept`). With it the entry is kept and the
   * rest go on; without it the refusal is thrown and aborts the caller's transaction.
   */
  readonly onRefused?: (entry: DomainEntry, error: unknown) => void;
}

function isStorageError(e: unknown): boolean {
  return e instanceof Dexie.DexieError || e instanceof DOMException;
}

/**
 * A run of sales in a few requests whatever its length: one `orders.bulkGet` for the run, then
 * one write per table (orders, tickets, ticket counts, seats). Entry by entry, each sale cost
 * about six requests awaited in turn, and a replica loaded at a third of the disk's pace.
 * The same effects as `projectEntry` sale by sale: an order already held is skipped (and the
 * first of two with one id wins), practice sales of another till are nothing here.
 */
async function projectSaleRun(
  db: BoxOfficeDb,
  run: readonly SaleEntry[],
  origin: EntryOrigin,
  options: ProjectOptions,
): Promise<Projected[]> {
  const held = await db.orders.bulkGet(run.map((e) => e.payload.orderId));
  const seen = new Set<string>();
  const orders: TillOrderRecord[] = [];
  const tickets: TillTicketRecord[] = [];
  const sold: IssuedTicket[] = [];
  const outcome = run.map((entry, i): Projected => {
    const training = isTraining(entry);
    const orderId = entry.payload.orderId;
    if ((training && origin === 'other') || held[i] !== undefined || seen.has(orderId)) {
      return 'applied';
    }
    try {
      const records = saleRecords(entry);
      seen.add(orderId);
      orders.push(records.order);
      if (!training) {
        tickets.push(...records.tickets);
        sold.push(...entry.payload.tickets);
      }
      return 'applied';
    } catch (e) {
      if (options.onRefused === undefined || isStorageError(e)) throw e;
      options.onRefused(entry, e);
      return 'kept';
    }
  });
  await Promise.all([
    orders.length > 0 ? db.orders.bulkAdd(orders) : undefined,
    tickets.length > 0 ? addTickets(tickets) : undefined,
    markSold(db, sold),
  ]);
  return outcome;
}

/**
 * Entries in order, each as `projectEntry` applies it, inside the caller's transaction: runs
 * of sales (nearly all of a replica's load) are written together by `projectSaleRun`, any
 * other entry on its own after the run before it, so the order of effects is the journal's.
 */
export async function projectEntries(
  db: BoxOfficeDb,
  entries: readonly DomainEntry[],
  origin: EntryOrigin,
  options: ProjectOptions = {},
): Promise<Projected[]> {
  const outcome: Projected[] = [];
  let run: SaleEntry[] = [];
  const flush = async (): Promise<void> => {
    if (run.length > 0) outcome.push(...(await projectSaleRun(db, run, origin, options)));
    run = [];
  };
  for (const entry of entries) {
    if (entry.type === 'sale') {
      run.push(entry);
      continue;
    }
    await flush();
    try {
      outcome.push((await projectEntry(db, entry, origin)) ? 'applied' : 'kept');
    } catch (e) {
      if (options.onRefused === undefined || isStorageError(e)) throw e;
      options.onRefused(entry, e);
      outcome.push('kept');
    }
  }
  await flush();
  return outcome;
}
