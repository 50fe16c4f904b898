import type { BoxOfficeDb } from './db';
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

/** Inside a commit's projections, so a completed sale and the cleared cart land together. */
export async function clearCart(db: BoxOfficeDb, terminalId: string): Promise<void> {
  await db.carts.delete(terminalId);
}
