import Dexie from 'dexie';
import type { Result } from '../../shared/util/result';
import { ok } from '../../shared/util/result';
import type { BoxOfficeDb } from './db';
import type { StoreErrorCode } from './errors';
import { StoreError, toStoreError } from './errors';
import { currentIdbTransaction, readRows, writeRows } from './raw-requests';
import type { SeatStateRecord } from './records';

/**
 * Seat holds: a cart's claim on reserved seats while the cashier builds it. A hold is not
 * money and not a sale, so it writes no journal entry — only `seatStates` rows with
 * `state: 'held'`, the cart's id (`holdId`) and an expiry (`until`). An expired hold frees
 * the seat by itself (a crashed till never strands seats); the commit of the sale replaces
 * the cart's rows with 'sold' in the sale's own transaction.
 */

/**
 * Whether a seat-state row keeps `holdId` from holding or selling the seat at `now`: a sale
 * always does; a hold or lease only while it lasts, and a cart's own live hold never blocks
 * that cart. `holdId` undefined = nobody's hold is exempt.
 */
export function blocksHolder(
  row: SeatStateRecord,
  holdId: string | undefined,
  nowIso: string,
): boolean {
  if (row.state === 'sold') return true;
  if (row.until !== undefined && row.until <= nowIso) return false;
  return !(row.state === 'held' && holdId !== undefined && row.holdId === holdId);
}

export interface HoldSeatRowsInput<C extends string> {
  readonly performanceId: string;
  readonly holdId: string;
  readonly now: Date;
  readonly until: Date;
  /**
   * Chooses the seats to hold, given the seats nobody else may take (`blocked`) and the ones
   * this cart already holds (`own`); runs inside the transaction, so it must be synchronous.
   */
  readonly pick: (
    blocked: ReadonlySet<string>,
    own: ReadonlySet<string>,
  ) => Result<readonly string[], C>;
}

/**
 * Holds seats in one read-write transaction: the free/taken check and the writes cannot be
 * split by another window's hold. The cart's other live holds at the performance are moved
 * to the same `until`, so a cart that is still being worked on keeps all its seats.
 */
export async function holdSeatRows<C extends string>(
  db: BoxOfficeDb,
  input: HoldSeatRowsInput<C>,
): Promise<Result<readonly string[], C | StoreErrorCode>> {
  const nowIso = input.now.toISOString();
  const untilIso = input.until.toISOString();
  try {
    return await db.transaction('rw', db.seatStates, async () => {
      const rows = await db.seatStates.where('performanceId').equals(input.performanceId).toArray();
      const blocked = new Set<string>();
      const own = new Set<string>();
      for (const r of rows) {
        if (blocksHolder(r, input.holdId, nowIso)) blocked.add(r.seatId);
        else if (r.state === 'held' && r.holdId === input.holdId && (r.until ?? '') > nowIso)
          own.add(r.seatId);
      }
      const picked = input.pick(blocked, own);
      if (!picked.ok) return picked;
      const serverHold = new Map(
        rows.flatMap((r) =>
          r.holdId === input.holdId && r.serverHoldId !== undefined
            ? [[r.seatId, r.serverHoldId] as const]
            : [],
        ),
      );
      const held = (seatId: string): SeatStateRecord => {
        const serverHoldId = own.has(seatId) ? serverHold.get(seatId) : undefined;
        return {
          performanceId: input.performanceId,
          seatId,
          state: 'held',
          until: untilIso,
          holdId: input.holdId,
          ...(serverHoldId !== undefined ? { serverHoldId } : {}),
        };
      };
      await db.seatStates.bulkPut([...new Set([...own, ...picked.value])].map(held));
      return ok(picked.value);
    });
  } catch (e) {
    return toStoreError(e);
  }
}

/**
 * Names the server's hold on seats this cart holds (an enrolled till claimed them there), so
 * a release or renewal of the seats reaches that hold too.
 */
export async function tagServerHold(
  db: BoxOfficeDb,
  holdId: string,
  performanceId: string,
  seatIds: readonly string[],
  serverHoldId: string,
): Promise<void> {
  await db.transaction('rw', db.seatStates, async () => {
    const rows = await db.seatStates.bulkGet(
      seatIds.map((id): [string, string] => [performanceId, id]),
    );
    await db.seatStates.bulkPut(
      rows.flatMap((r) =>
        r?.state === 'held' && r.holdId === holdId ? [{ ...r, serverHoldId }] : [],
      ),
    );
  });
}

/** The server holds behind this cart's held seats: server hold id → its seats here. */
export async function serverHoldsOf(
  db: BoxOfficeDb,
  holdId: string,
  seats: readonly { readonly performanceId: string; readonly seatId: string }[],
): Promise<Map<string, string[]>> {
  const rows = await db.seatStates.bulkGet(
    seats.map((s): [string, string] => [s.performanceId, s.seatId]),
  );
  const out = new Map<string, string[]>();
  for (const r of rows) {
    if (r?.state !== 'held' || r.holdId !== holdId || r.serverHoldId === undefined) continue;
    out.set(r.serverHoldId, [...(out.get(r.serverHoldId) ?? []), r.seatId]);
  }
  return out;
}

/**
 * Deletes this cart's holds on the given seats. Only 'held' rows of this cart go: a seat
 * that was sold meanwhile, or that another cart holds, is left alone.
 */
export async function releaseSeatRows(
  db: BoxOfficeDb,
  holdId: string,
  seats: readonly { readonly performanceId: string; readonly seatId: string }[],
): Promise<Result<number, StoreErrorCode>> {
  if (seats.length === 0) return ok(0);
  try {
    return await db.transaction('rw', db.seatStates, async () => {
      const keys = seats.map((s): [string, string] => [s.performanceId, s.seatId]);
      const rows = await db.seatStates.bulkGet(keys);
      const mine = keys.filter((_, i) => {
        const r = rows[i];
        return r !== undefined && r.state === 'held' && r.holdId === holdId;
      });
      await db.seatStates.bulkDelete(mine);
      return ok(mine.length);
    });
  } catch (e) {
    return toStoreError(e);
  }
}

/**
 * Holds the cart's seats again until `until` (a cart resumed after a reload or crash): rows
 * still this cart's, or lapsed and not taken since, are held anew. Seats someone else sold or
 * holds now are left alone and returned, so the caller can tell the cashier.
 */
export async function renewSeatRows(
  db: BoxOfficeDb,
  holdId: string,
  seats: readonly { readonly performanceId: string; readonly seatId: string }[],
  now: Date,
  until: Date,
): Promise<Result<readonly string[], StoreErrorCode>> {
  if (seats.length === 0) return ok([]);
  const nowIso = now.toISOString();
  try {
    return await db.transaction('rw', db.seatStates, async () => {
      const rows = await db.seatStates.bulkGet(
        seats.map((s): [string, string] => [s.performanceId, s.seatId]),
      );
      const lost: string[] = [];
      const renewed: SeatStateRecord[] = [];
      seats.forEach((s, i) => {
        const r = rows[i];
        if (r !== undefined && blocksHolder(r, holdId, nowIso)) lost.push(s.seatId);
        else
          renewed.push({
            performanceId: s.performanceId,
            seatId: s.seatId,
            state: 'held',
            until: until.toISOString(),
            holdId,
            // The server's hold goes on being this cart's (renewed there by the hold keeper).
            ...(r?.holdId === holdId && r.serverHoldId !== undefined
              ? { serverHoldId: r.serverHoldId }
              : {}),
          });
      });
      await db.seatStates.bulkPut(renewed);
      return ok(lost);
    });
  } catch (e) {
    return toStoreError(e);
  }
}

/**
 * Inside a commit transaction: the seats about to be sold that are sold already or
 * held by another cart's live hold (the caller aborts the commit if there are any). The
 * inventory the sale was priced against was read before the transaction; this closes that gap.
 * Read on the transaction's own IDBTransaction (raw-requests.ts: the commit's hot path).
 */
export async function seatsTakenFrom(
  holdId: string | undefined,
  seats: readonly { readonly performanceId: string; readonly seatId: string }[],
  nowIso: string,
): Promise<readonly string[]> {
  if (seats.length === 0) return [];
  const rows = await readRows<SeatStateRecord>(
    currentIdbTransaction(),
    'seatStates',
    seats.map((s): [string, string] => [s.performanceId, s.seatId]),
  );
  return rows.flatMap((r) =>
    r !== undefined && blocksHolder(r, holdId, nowIso) ? [r.seatId] : [],
  );
}

/** A ticket being issued; only those with a seat change the seat map. */
export interface IssuedTicket {
  readonly ticketId: string;
  readonly performanceId: string;
  readonly seatId?: string;
}

/** The `sold` rows of the seated ones among issued tickets (GA tickets take no seat). */
export function soldSeatRows(tickets: readonly IssuedTicket[]): SeatStateRecord[] {
  return tickets.flatMap((t) =>
    t.seatId !== undefined
      ? [
          {
            performanceId: t.performanceId,
            seatId: t.seatId,
            state: 'sold' as const,
            ticketId: t.ticketId,
          },
        ]
      : [],
  );
}

/**
 * Inside the commit transaction of a sale or an exchange: marks the issued tickets' seats
 * sold, replacing the issuing cart's own holds. A seat sold or held by another cart since the
 * inventory was read aborts the whole commit with `conflict` (a retry reads the inventory
 * again, and the domain then names the seat), so two carts can never sell one seat.
 */
export async function markSeatsSold(
  holdId: string | undefined,
  tickets: readonly IssuedTicket[],
  nowIso: string,
): Promise<void> {
  const seats = soldSeatRows(tickets);
  if (seats.length === 0) return;
  // Outside a transaction the write below would stand even when the check refuses it.
  if (Dexie.currentTransaction === null) {
    throw new StoreError('invalid_argument', 'Seats are marked sold only inside a commit.');
  }
  // Read and write issued together (one round trip to IndexedDB instead of two): a
  // transaction runs its requests in the order they were made, so the read sees the seats as
  // they were before this write, and a refusal aborts the transaction, the write with it.
  const [taken] = await Promise.all([
    seatsTakenFrom(holdId, seats, nowIso),
    writeRows(currentIdbTransaction(), 'seatStates', seats, 'put'),
  ]);
  if (taken.length > 0) {
    throw new StoreError('conflict', `Seats taken meanwhile: ${taken.join(', ')}`);
  }
}
