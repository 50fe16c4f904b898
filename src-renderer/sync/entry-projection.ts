import type { DomainEntry } from '../../shared/journal/entry-types';
import type { IssuedTicket } from '../store';
import type { BoxOfficeDb } from '../store';
import { addTickets, soldSeatRows } from '../store';
import { appendEvent, settleTicket } from '../app/order-service';
import { saleRecords } from '../app/sale-service';
import { tillTicketRecord, type TillTicketRecord } from '../app/till-records';

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
  const rows = soldSeatRows(tickets);
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
        training ? undefined : addTickets(db, tickets),
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
      if (!training) await Promise.all([addTickets(db, issued), markSold(db, exchange.issued)]);
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
