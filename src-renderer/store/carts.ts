import type { BoxOfficeDb } from './db';
import { currentIdbTransaction, deleteRow } from './raw-requests';
import type { CartRecord } from './records';

/**
 * The in-progress cart, saved after every change so a crash or reload resumes it. The cart's
 * shape belongs to the sell flow; the store keeps it as given (it must be structured-cloneable).
 */
export async function saveCart<C>(
  db: BoxOfficeDb,
  terminalId: string,
  cart: C,
  now: Date,
): Promise<void> {
  const record: CartRecord<C> = { terminalId, updatedAt: now.toISOString(), cart };
  await db.carts.put(record);
}

export async function loadCart<C>(
  db: BoxOfficeDb,
  terminalId: string,
): Promise<CartRecord<C> | undefined> {
  return (await db.carts.get(terminalId)) as CartRecord<C> | undefined;
}

/** Empties the terminal's cart (the sell screen's "new customer"). */
export async function clearCart(db: BoxOfficeDb, terminalId: string): Promise<void> {
  await db.carts.delete(terminalId);
}

/**
 * clearCart inside a commit's projections, so a completed sale and the cleared cart land
 * together: on the commit's IDBTransaction (raw-requests.ts), as the sale's other writes.
 */
export async function clearCartInCommit(terminalId: string): Promise<void> {
  await deleteRow(currentIdbTransaction(), 'carts', terminalId);
}
