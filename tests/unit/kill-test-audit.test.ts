import { describe, expect, it } from 'vitest';
import { sealEntries, type JournalDraft } from '../../shared/journal/chain';
import type { StoreContents } from '../e2e/kill-test/store-audit';
import { auditStore } from '../e2e/kill-test/store-audit';

// The kill test's audit must see every kind of damage it claims to check for; these cases
// damage a whole store in one way each.

const T = 'T1';

async function wholeStore(sales: number): Promise<StoreContents> {
  const drafts = Array.from({ length: sales }, (_, i) => ({
    type: 'sale',
    at: new Date(Date.UTC(2026, 0, 1, 10, i)).toISOString(),
    payload: {
      orderId: `o${i + 1}`,
      receiptNo: i + 1,
      tickets: [{ ticketId: `o${i + 1}-a` }, { ticketId: `o${i + 1}-b` }],
    },
  }));
  const journal = await sealEntries<JournalDraft>(T, null, [
    { type: 'login', at: '2026-01-01T09:00:00.000Z', payload: { staffId: 'olena' } },
    ...drafts,
  ]);
  return {
    journal,
    orders: drafts.map((d) => ({
      id: d.payload.orderId,
      terminalId: T,
      receiptNumber: d.payload.receiptNo,
    })),
    tickets: drafts.flatMap((d) =>
      d.payload.tickets.map((t) => ({ id: t.ticketId, orderId: d.payload.orderId })),
    ),
    receiptCounter: sales,
  };
}

describe('kill-test store audit', () => {
  it('passes a whole store with every confirmed receipt', async () => {
    const audit = await auditStore(await wholeStore(5), T, [1, 2, 3, 5]);
    expect(audit).toEqual({ saleReceipts: [1, 2, 3, 4, 5], problems: [] });
  });

  it('reports a confirmed receipt that is not in the store', async () => {
    const audit = await auditStore(await wholeStore(3), T, [1, 2, 3, 4]);
    expect(audit.problems).toEqual(['confirmed receipt 4 is missing']);
  });

  it('reports a sale entry without its order, and a ticket without its order', async () => {
    const store = await wholeStore(3);
    const audit = await auditStore(
      { ...store, orders: store.orders.filter((o) => o.id !== 'o2') },
      T,
      [],
    );
    expect(audit.problems).toContain('sale entry receipt 2 has no order o2');
    expect(audit.problems).toContain('ticket o2-a has no order o2');
  });

  it('reports an order without its sale entry, and a sale missing a ticket', async () => {
    const store = await wholeStore(3);
    const orders = [...store.orders, { id: 'ghost', terminalId: T, receiptNumber: 4 }];
    const tickets = store.tickets.filter((t) => t.id !== 'o3-b');
    const audit = await auditStore({ ...store, orders, tickets }, T, []);
    expect(audit.problems).toContain('order ghost (receipt 4) has no sale entry');
    expect(audit.problems).toContain('sale 3: 1 tickets stored, 2 in the entry');
  });

  it('reports a gap in receipt numbers and a broken chain', async () => {
    const store = await wholeStore(4);
    // Entry seq 3 (receipt 2) removed: the chain breaks and the receipts skip a number.
    const journal = store.journal.filter((e) => e.seq !== 3);
    const audit = await auditStore({ ...store, journal }, T, []);
    expect(audit.problems.some((p) => p.startsWith('verifyChain failed'))).toBe(true);
    expect(audit.problems).toContain('receipt numbers not 1..N: position 2 holds 3');
  });

  it('reports a receipt counter behind the last sale', async () => {
    const store = await wholeStore(3);
    const audit = await auditStore({ ...store, receiptCounter: 2 }, T, []);
    expect(audit.problems).toEqual(['receipt counter 2 ≠ last sale 3']);
  });
});
