import type { BoxOfficeDb } from './db';
import { readByIndex, readOnlyTransaction, readRows } from './raw-requests';
import type { SeatStateRecord, TicketCountRecord } from './records';

/** A performance's rows a sale decides on: its wanted seats' states and its tier counts. */
export interface PerformanceStock {
  /** The rows of the wanted seats, in the order asked (undefined: never held or sold). */
  readonly seats: readonly (SeatStateRecord | undefined)[];
  /** The tickets holding a place, per tier (`validTicketsByTier`). */
  readonly valid: ReadonlyMap<string, number>;
}

/**
 * The seat rows and tier counts of each performance a sale names, in one read-only
 * transaction, so they are one snapshot. Made on the raw IDBTransaction (raw-requests.ts):
 * every sale reads them before its commit.
 */
export async function readSaleStock(
  db: BoxOfficeDb,
  wanted: ReadonlyMap<string, readonly string[]>,
): Promise<Map<string, PerformanceStock>> {
  const tx = readOnlyTransaction(db, ['seatStates', 'ticketCounts']);
  const read = await Promise.all(
    [...wanted].map(([performanceId, seatIds]) =>
      Promise.all([
        seatIds.length === 0
          ? []
          : readRows<SeatStateRecord>(
              tx,
              'seatStates',
              seatIds.map((seatId) => [performanceId, seatId]),
            ),
        readByIndex<TicketCountRecord>(tx, 'ticketCounts', 'performanceId', performanceId),
      ]),
    ),
  );
  return new Map(
    [...wanted.keys()].map((performanceId, i) => {
      const [seats, counts] = read[i]!;
      return [
        performanceId,
        { seats, valid: new Map(counts.map((r) => [r.tierId, r.valid])) },
      ] as const;
    }),
  );
}
