import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { BoxOfficeDbOptions } from '../../src-renderer/store/db';
import { BoxOfficeDb } from '../../src-renderer/store/db';
import type { ProjectionContext } from '../../src-renderer/store/commit-journal';
import { addTickets } from '../../src-renderer/store/ticket-counts';

let counter = 0;

/** A fresh fake IndexedDB per call, so tests never see each other's data. */
export function freshFactory(): { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange } {
  return { indexedDB: new IDBFactory(), IDBKeyRange };
}

export function openTestDb(options: Partial<BoxOfficeDbOptions> = {}): BoxOfficeDb {
  counter += 1;
  return new BoxOfficeDb(`test-${counter}`, { ...freshFactory(), ...options });
}

export { saleDraft } from '../support/sale-draft';

/** The sale's read models: one order, two tickets, two sold seats. */
export async function projectSale(ctx: ProjectionContext): Promise<void> {
  for (const entry of ctx.entries) {
    if (entry.type !== 'sale') continue;
    const p = { ...entry.payload, ticketIds: entry.payload.tickets.map((t) => t.ticketId) };
    const performanceId = 'perf-1';
    await ctx.db.orders.add({
      id: p.orderId,
      terminalId: ctx.terminalId,
      receiptNumber: p.receiptNo,
      at: entry.at,
      status: 'completed',
      total: p.totals.total,
      customerKey: '',
      performanceIds: [performanceId],
      order: { entrySeq: entry.seq },
    });
    await addTickets(
      p.ticketIds.map((id, i) => ({
        id,
        orderId: p.orderId,
        performanceId,
        code: `CODE-${id}`,
        status: 'valid' as const,
        tierId: 'stalls',
        seatId: `A-${entry.seq}-${i}`,
        ticket: {},
      })),
    );
    await ctx.db.seatStates.bulkPut(
      p.ticketIds.map((id, i) => ({
        performanceId,
        seatId: `A-${entry.seq}-${i}`,
        state: 'sold' as const,
        ticketId: id,
      })),
    );
  }
}
