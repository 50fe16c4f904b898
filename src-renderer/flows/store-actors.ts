import { clearCart, loadCart, saveCart } from '../store/carts';
import type { BoxOfficeDb } from '../store/db';
import type { CartPort } from './cart-persistence';

/** The cart port over the store's carts table (one cart per terminal). */
export function storeCartPort(
  db: BoxOfficeDb,
  terminalId: string,
  clock: () => number,
): CartPort & { load(): Promise<unknown> } {
  return {
    save: (snapshot) => saveCart(db, terminalId, snapshot, new Date(clock())),
    clear: () => clearCart(db, terminalId),
    load: async () => (await loadCart<unknown>(db, terminalId))?.cart,
  };
}
