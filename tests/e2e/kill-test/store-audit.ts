import type { Page } from 'playwright-core';
import type { JournalEntry } from '../../../shared/journal/chain';
import { verifyChain } from '../../../shared/journal/chain';

/** What the till's IndexedDB holds, read with plain IndexedDB (not through the app's code). */
export interface StoreContents {
  readonly journal: JournalEntry[];
  readonly orders: { id: string; terminalId: string; receiptNumber: number }[];
  readonly tickets: { id: string; orderId: string }[];
  readonly receiptCounter: number | null;
}

export async function readStore(
  page: Page,
  dbName: string,
  terminalId: string,
): Promise<StoreContents> {
  return page.evaluate(
    async ({ dbName, terminalId }) => {
      // A kill can land before the app ever created its database. Opening a name that does not
      // exist would create an empty one (and the audit would then fail on missing stores):
      // abort that creation instead, and read it as the empty store it is.
      const db = await new Promise<IDBDatabase | null>((resolve, reject) => {
        const open = indexedDB.open(dbName);
        let absent = false;
        open.onupgradeneeded = (ev) => {
          if (ev.oldVersion === 0) {
            absent = true;
            open.transaction?.abort();
          }
        };
        open.onsuccess = () => resolve(open.result);
        open.onerror = () =>
          absent ? resolve(null) : reject(open.error ?? new Error('indexedDB.open failed'));
      });
      if (db === null) return { journal: [], orders: [], tickets: [], receiptCounter: null };
      try {
        // One read transaction over every store: a consistent snapshot.
        // v7 keeps packed entries' texts in `journalPacks` (their journal rows are slim).
        const packed = db.objectStoreNames.contains('journalPacks');
        const tx = db.transaction(
          ['journal', 'orders', 'tickets', 'counters', ...(packed ? ['journalPacks'] : [])],
          'readonly',
        );
        const all = (name: string) =>
          new Promise<unknown[]>((resolve, reject) => {
            const r = tx.objectStore(name).getAll();
            r.onsuccess = () => resolve(r.result as unknown[]);
            r.onerror = () => reject(r.error ?? new Error(`getAll ${name} failed`));
          });
        const [rows, orders, tickets, counters, packs] = await Promise.all([
          all('journal'),
          all('orders'),
          all('tickets'),
          all('counters'),
          packed ? all('journalPacks') : Promise.resolve([]),
        ]);
        // A slim row's entry is its pack's line (the hashed members) with its hash, which is
        // the next line's prevHash (the pack's lastHash for its last line). Read here without
        // the store's code, as the disk holds it.
        const lines = new Map<string, { text: string; hash: string }>();
        for (const pack of packs as {
          terminalId: string;
          firstSeq: number;
          lastHash: string;
          lines: string;
        }[]) {
          const texts = pack.lines.split('\n');
          texts.forEach((text, k) => {
            const hash =
              k + 1 < texts.length
                ? (JSON.parse(texts[k + 1]!) as { prevHash: string }).prevHash
                : pack.lastHash;
            lines.set(`${pack.terminalId}/${pack.firstSeq + k}`, { text, hash });
          });
        }
        const journal = (rows as { terminalId: string; seq: number; packed?: boolean }[]).map(
          (row) => {
            const line = row.packed ? lines.get(`${row.terminalId}/${row.seq}`) : undefined;
            return line ? { ...(JSON.parse(line.text) as object), hash: line.hash } : row;
          },
        );
        const counter = (counters as { name: string; value: number }[]).find(
          (c) => c.name === `receipt:${terminalId}`,
        );
        return {
          journal: (journal as { terminalId: string; seq: number }[])
            .filter((e) => e.terminalId === terminalId)
            .sort((a, b) => a.seq - b.seq),
          orders: (orders as { id: string; terminalId: string; receiptNumber: number }[]).map(
            (o) => ({ id: o.id, terminalId: o.terminalId, receiptNumber: o.receiptNumber }),
          ),
          tickets: (tickets as { id: string; orderId: string }[]).map((t) => ({
            id: t.id,
            orderId: t.orderId,
          })),
          receiptCounter: counter?.value ?? null,
        };
      } finally {
        db.close();
      }
    },
    { dbName, terminalId },
  ) as Promise<StoreContents>;
}

interface SalePayloadView {
  readonly orderId: string;
  readonly receiptNo: number;
  readonly tickets: readonly { readonly ticketId: string }[];
}

export interface AuditResult {
  /** receipt numbers of the sales in the journal, ascending */
  readonly saleReceipts: number[];
  /** every broken invariant, in words (empty when the store is whole) */
  readonly problems: string[];
}

/**
 * The kill test's invariants over one terminal's store: every confirmed receipt is there;
 * each sale entry has exactly its order and its tickets and nothing exists without its sale
 * entry (no partial sale); receipt numbers run 1..N without gaps; the journal chain verifies.
 */
export async function auditStore(
  contents: StoreContents,
  terminalId: string,
  confirmedReceipts: readonly number[],
): Promise<AuditResult> {
  const problems: string[] = [];
  const chain = await verifyChain(contents.journal, { terminalId });
  if (!chain.ok) problems.push(`verifyChain failed: ${JSON.stringify(chain)}`);

  const sales = contents.journal
    .filter((e) => e.type === 'sale')
    .map((e) => e.payload as SalePayloadView);
  const saleReceipts = sales.map((s) => s.receiptNo).sort((a, b) => a - b);
  saleReceipts.forEach((r, i) => {
    if (r !== i + 1) problems.push(`receipt numbers not 1..N: position ${i + 1} holds ${r}`);
  });
  if (contents.receiptCounter !== (saleReceipts.at(-1) ?? null) && saleReceipts.length > 0) {
    problems.push(`receipt counter ${contents.receiptCounter} ≠ last sale ${saleReceipts.at(-1)}`);
  }

  const ownOrders = contents.orders.filter((o) => o.terminalId === terminalId);
  const orderById = new Map(ownOrders.map((o) => [o.id, o]));
  const allOrderIds = new Set(contents.orders.map((o) => o.id));
  const ticketsByOrder = new Map<string, Set<string>>();
  for (const t of contents.tickets) {
    const set = ticketsByOrder.get(t.orderId) ?? new Set<string>();
    set.add(t.id);
    ticketsByOrder.set(t.orderId, set);
    if (!allOrderIds.has(t.orderId)) {
      problems.push(`ticket ${t.id} has no order ${t.orderId}`);
    }
  }
  const saleOrderIds = new Set<string>();
  for (const s of sales) {
    saleOrderIds.add(s.orderId);
    const order = orderById.get(s.orderId);
    if (order === undefined) {
      problems.push(`sale entry receipt ${s.receiptNo} has no order ${s.orderId}`);
      continue;
    }
    if (order.receiptNumber !== s.receiptNo) {
      problems.push(
        `order ${s.orderId} has receipt ${order.receiptNumber}, entry says ${s.receiptNo}`,
      );
    }
    const stored = ticketsByOrder.get(s.orderId) ?? new Set<string>();
    const expected = new Set(s.tickets.map((t) => t.ticketId));
    if (stored.size !== expected.size || [...expected].some((id) => !stored.has(id))) {
      problems.push(
        `sale ${s.receiptNo}: ${stored.size} tickets stored, ${expected.size} in the entry`,
      );
    }
  }
  for (const o of ownOrders) {
    if (!saleOrderIds.has(o.id))
      problems.push(`order ${o.id} (receipt ${o.receiptNumber}) has no sale entry`);
  }

  const present = new Set(saleReceipts);
  for (const r of confirmedReceipts) {
    if (!present.has(r)) problems.push(`confirmed receipt ${r} is missing`);
  }
  return { saleReceipts, problems };
}
