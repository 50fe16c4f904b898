import Dexie from 'dexie';
import { StoreError } from './errors';

/**
 * IndexedDB requests made straight on the IDBTransaction under the Dexie transaction the
 * caller runs in: the commit's hot path (the journal's writes, a sale's order, tickets,
 * counts, seats and cart). A Dexie table call costs about 0.1 ms of page time before its
 * request leaves (middleware, bulk bookkeeping) and again when its answer comes back, and a
 * sale's commit makes a dozen; measured in one page against one store, a sale commits about
 * 1.4 ms sooner this way (p50; tests/bench/app.bench.ts times the whole sale).
 *
 * Same requests, same transaction, so a commit is still all or nothing: a refused request (a
 * key that already exists) rejects its promise, the scope that awaits it throws, and Dexie
 * aborts the transaction, exactly as for a refused Dexie call. The answers are Dexie promises,
 * so Dexie's transaction zone survives awaiting them and a Dexie call after one still joins
 * the commit.
 *
 * Not seen by Dexie's middleware: the journal durability guard and the change tracking for
 * live queries (the till uses none). commitJournal asserts its transaction is strict itself.
 */

/** The IDBTransaction of the Dexie transaction in progress; StoreError outside one. */
export function currentIdbTransaction(): IDBTransaction {
  const trans = Dexie.currentTransaction as unknown as { idbtrans?: IDBTransaction } | null;
  if (!trans?.idbtrans) {
    throw new StoreError('invalid_argument', 'A commit write was made outside a transaction.');
  }
  return trans.idbtrans;
}

/**
 * A read-only transaction opened straight on the database, for a read on the sale's hot path
 * made before its commit (the seats and counts the sale command decides on): Dexie's own
 * transaction costs its zone and bookkeeping on top (about half a millisecond a sale in
 * tests/bench/app.bench.ts). Nothing is written in it, so no durability applies.
 */
export function readOnlyTransaction(db: Dexie, stores: readonly string[]): IDBTransaction {
  // Dexie's own calls refuse a closed store with DatabaseClosedError; the raw handle is then
  // null, and the page would see a TypeError instead of the store's plain-words refusal.
  const idb = db.isOpen() ? db.backendDB() : null;
  if (idb === null) throw new StoreError('unavailable', 'The store is closed.');
  return idb.transaction([...stores], 'readonly');
}

/** The answer to one request. */
function answered<T>(request: IDBRequest<T>): Promise<T> {
  return new Dexie.Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = (event) => {
      // As Dexie's own requests do: the failure is this promise's to report (a ConstraintError
      // must reach commitJournal as itself, not as the transaction's AbortError), and the
      // scope that awaits it throws, which makes Dexie abort the transaction.
      event.preventDefault();
      event.stopPropagation();
      reject(request.error ?? new StoreError('io_error', 'A request failed.'));
    };
  });
}

/** Adds (refused if the key exists) or puts each value, one request each; all answered. */
export function writeRows(
  tx: IDBTransaction,
  store: string,
  values: readonly unknown[],
  how: 'add' | 'put',
): Promise<unknown[]> {
  const os = tx.objectStore(store);
  return Dexie.Promise.all(values.map((v) => answered(how === 'add' ? os.add(v) : os.put(v))));
}

/** Deletes the row with this key (nothing if there is none). */
export function deleteRow(tx: IDBTransaction, store: string, key: IDBValidKey): Promise<unknown> {
  return answered(tx.objectStore(store).delete(key));
}

/** The rows with these primary keys (undefined where none), in the same order. */
export function readRows<T>(
  tx: IDBTransaction,
  store: string,
  keys: readonly IDBValidKey[],
): Promise<(T | undefined)[]> {
  const os = tx.objectStore(store);
  return Dexie.Promise.all(keys.map((k) => answered(os.get(k) as IDBRequest<T | undefined>)));
}

/** Every row whose index `index` holds `key`. */
export function readByIndex<T>(
  tx: IDBTransaction,
  store: string,
  index: string,
  key: IDBValidKey,
): Promise<T[]> {
  return answered(tx.objectStore(store).index(index).getAll(key) as IDBRequest<T[]>);
}
