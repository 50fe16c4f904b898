import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { JournalDraft } from '../../shared/journal/chain';
import type { BoxOfficeDbOptions } from '../../src-renderer/store/db';
import { BoxOfficeDb } from '../../src-renderer/store/db';
import type { ProjectionContext } from '../../src-renderer/store/commit-journal';

let counter = 0;

/** A fresh fake IndexedDB per call, so tests never see each other's data. */
export function freshFactory(): { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange } {
  return { indexedDB: new IDBFactory(), IDBKeyRange };
}

export function openTestDb(options: Partial<BoxOfficeDbOptions> = {}): BoxOfficeDb {
  counter += 1;
  return new BoxOfficeDb(`test-${counter}`, { ...freshFactory(), ...options });
}

export interface SalePayload {
  orderId: string;
  receiptNo: number;
  training: boolean;
  ticketIds: string[];
  performanceId: string;
  total: { amount: number; currency: 'UAH' };
}

export function saleDraft(
  ctx: { receiptNumber: number; trainingReceiptNumber: number; now: string },
  n: number,
  training = false,
): JournalDraft<'sale', SalePayload> {
  return {
    type: 'sale',
    at: ctx.now,
    payload: {
      orderId: `order-${n}`,
      receiptNo: training ? ctx.trainingReceiptNumber : ctx.receiptNumber,
      training,
      ticketIds: [`t-${n}-a`, `t-${n}-b`],
      performanceId: 'perf-1',
      total: { amount: 2 * 45_000, currency: 'UAH' },
    },
  };
}

/** The sale's read models: one order, two tickets, two sold seats. */
export async function projectSale(ctx: ProjectionContext<'sale', SalePayload>): Promise<void> {
  for (const entry of ctx.entries) {
    const p = entry.payload;
    await ctx.db.orders.add({
      id: p.orderId,
      terminalId: ctx.terminalId,
      receiptNumber: p.receiptNo,
      at: entry.at,
      status: 'completed',
      total: p.total,
      customerKey: '',
      performanceIds: [p.performanceId],
      order: { entrySeq: entry.seq },
    });
    await ctx.db.tickets.bulkAdd(
      p.ticketIds.map((id, i) => ({
        id,
        orderId: p.orderId,
        performanceId: p.performanceId,
        code: `CODE-${id}`,
        status: 'valid' as const,
        tierId: 'stalls',
        seatId: `A-${entry.seq}-${i}`,
        ticket: {},
      })),
    );
    await ctx.db.seatStates.bulkPut(
      p.ticketIds.map((id, i) => ({
        performanceId: p.performanceId,
        seatId: `A-${entry.seq}-${i}`,
        state: 'sold' as const,
        ticketId: id,
      })),
    );
  }
}
