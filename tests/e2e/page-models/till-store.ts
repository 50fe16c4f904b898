import type { Page } from 'playwright-core';
import type { JournalEntry } from '../../../shared/journal/chain';

/**
 * What the till really stored: whole object stores read straight from the page's IndexedDB
 * (`box-office`), not through the app, so a test can check the app's screens against disk.
 */
export async function readStore<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(async (name) => {
    const open = indexedDB.open('box-office');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(new Error(String(open.error)));
    });
    try {
      return await new Promise<unknown[]>((resolve, reject) => {
        const r = db.transaction(name, 'readonly').objectStore(name).getAll();
        r.onsuccess = () => resolve(r.result as unknown[]);
        r.onerror = () => reject(new Error(String(r.error)));
      });
    } finally {
      db.close();
    }
  }, store) as Promise<T[]>;
}

export function journalOf(page: Page): Promise<JournalEntry[]> {
  return readStore<JournalEntry>(page, 'journal');
}

/** The signed ticket codes stored for one of this terminal's receipts. */
export async function ticketCodesOf(
  page: Page,
  receiptNumber: number,
  terminalId = 'T1',
): Promise<string[]> {
  const orders = await readStore<{ id: string; terminalId: string; receiptNumber: number }>(
    page,
    'orders',
  );
  const order = orders.find(
    (o) => o.terminalId === terminalId && o.receiptNumber === receiptNumber,
  );
  if (order === undefined) return [];
  const tickets = await readStore<{ orderId: string; code: string }>(page, 'tickets');
  return tickets.filter((t) => t.orderId === order.id).map((t) => t.code);
}
