import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { reloadOrder } from '../../src-renderer/app/order-service';
import { commitRefund } from '../../src-renderer/app/refund-service';
import { commitSale, inventoryFor } from '../../src-renderer/app/sale-service';
import type { AnchorPort } from '../../src-renderer/app/journal-anchor';
import { openTill, type Till } from '../../src-renderer/app/till';
import { loadDemoIfEmpty } from '../../src-renderer/demo/load-demo';
import { loadTerminalKeyRing } from '../../src-renderer/scan';
import type { BoxOfficeDb } from '../../src-renderer/store';
import {
  openStore,
  readEntries,
  readTail,
  receiptCounterName,
  validTicketsByTier,
} from '../../src-renderer/store';
import { applyFeedPage, FEED_CURSOR_SETTING } from '../../src-renderer/sync/feed-apply';
import { pullFeed, registerOwnTicketKey } from '../../src-renderer/sync/puller';
import { restoreFromServer } from '../../src-renderer/sync/restore';
import { browserLocks, drainOutbox } from '../../src-renderer/sync/uploader';
import { withApproval } from '../support/approvals';
import { NOW, UAH } from './flows-fixtures';
import { closeTills, demoMainStaff, olena, openDemoTill, sellSeats } from './till-fixtures';
import { FakeSyncServer } from './sync-fake-server';

afterEach(closeTills);

const P = 'forest-song-1';
const taras = { staffId: 'taras', pin: '2222' };

async function push(till: Till, server: FakeSyncServer): Promise<void> {
  const out = await drainOutbox(
    till.store.db,
    till.terminalId,
    server.port(till.terminalId),
    browserLocks(),
  );
  if (out.kind !== 'drained') throw new Error(JSON.stringify(out));
}

async function pull(till: Till, server: FakeSyncServer): Promise<void> {
  const out = await pullFeed(till.store.db, till.terminalId, server.port(till.terminalId));
  if (!out.ok) throw new Error(JSON.stringify(out));
}

/** A cash refund of one ticket at `till`, with a manager's approval (taras). */
async function refundTicket(till: Till, orderId: string, ticketId: string): Promise<void> {
  const order = await reloadOrder(till, orderId);
  const refunded = await withApproval(till, taras, (grant) =>
    commitRefund(
      till,
      order!.view,
      { ticketIds: [ticketId], method: 'cash', reasonCode: 'customer_request' },
      olena,
      grant,
    ),
  );
  if (!refunded.ok) throw new Error(refunded.error.message);
}

/** The read models a pull may touch, in key order, for before/after comparisons. */
async function readModels(db: BoxOfficeDb) {
  const [orders, tickets, ticketCounts, seatStates] = await Promise.all([
    db.orders.toArray(),
    db.tickets.toArray(),
    db.ticketCounts.toArray(),
    db.seatStates.toArray(),
  ]);
  return { orders, tickets, ticketCounts, seatStates };
}

describe("pulling other tills' entries", { timeout: 60_000 }, () => {
  it('a sale at A is sold at B; B refunds it and A sees the seat free again', async () => {
    const server = new FakeSyncServer();
    const a = await openDemoTill({ terminalId: 'TA' });
    const b = await openDemoTill({ terminalId: 'TB' });
    const sale = await sellSeats(a, P, 'standard', ['stalls-10-9']);
    await push(a, server);

    const bJournal = await b.store.db.journal.count();
    await pull(b, server);
    // B knows the seat is sold and counts the ticket, without a word in its own journal.
    expect((await inventoryFor(b, P)).availableSeatIds?.has('stalls-10-9')).toBe(false);
    expect((await inventoryFor(b, P)).sold).toBe(1);
    expect((await validTicketsByTier(b.store.db, P)).get('standard')).toBe(1);
    expect(await b.store.db.journal.count()).toBe(bJournal);
    expect(await b.store.db.orders.get(sale.orderId)).toMatchObject({
      terminalId: 'TA',
      receiptNumber: sale.receiptNo,
      status: 'completed',
    });
    // A sale of the same seat at B is refused.
    const again = await commitSale(
      b,
      {
        items: [{ performanceId: P, tierId: 'standard', seatId: 'stalls-10-9' }],
        tenders: [{ kind: 'cash', tendered: UAH(10_000) }],
      },
      olena,
    );
    expect(again.ok || again.error.code).toBe('sold_out');

    // B refunds the ticket A sold.
    await refundTicket(b, sale.orderId, sale.tickets[0]!.ticketId);
    await push(b, server);
    await pull(a, server);
    expect((await a.store.db.tickets.get(sale.tickets[0]!.ticketId))?.status).toBe('refunded');
    expect((await a.store.db.orders.get(sale.orderId))?.status).toBe('refunded');
    expect((await inventoryFor(a, P)).availableSeatIds?.has('stalls-10-9')).toBe(true);
    expect((await inventoryFor(a, P)).sold).toBe(0);
  });

  it('applying the same page twice changes nothing', async () => {
    const server = new FakeSyncServer();
    const a = await openDemoTill({ terminalId: 'TA' });
    const b = await openDemoTill({ terminalId: 'TB' });
    await sellSeats(a, P, 'standard', ['stalls-10-9', 'stalls-10-10']);
    await push(a, server);
    const page = await server.port('TB').pull(0, 500);
    if (!page.ok) throw new Error(page.error.message);
    const first = await applyFeedPage(b.store.db, 'TB', page.value);
    const once = await readModels(b.store.db);
    const second = await applyFeedPage(b.store.db, 'TB', page.value);
    expect(first.applied).toBeGreaterThan(0);
    expect(second).toEqual({ applied: 0, seen: page.value.entries.length, kept: 0 });
    expect(await readModels(b.store.db)).toEqual(once);
    // From a cursor moved back (a lost answer): the same.
    await b.store.db.settings.put({ key: FEED_CURSOR_SETTING, value: 0 });
    await pull(b, server);
    expect(await readModels(b.store.db)).toEqual(once);
  });

  it('a whole page applied at once leaves the same store as its entries one page each (double-sold seat, refund, repeats)', async () => {
    const server = new FakeSyncServer();
    const a = await openDemoTill({ terminalId: 'TA' });
    const c = await openDemoTill({ terminalId: 'TC' });
    // C's sign-in and shift first, so that its sale comes right after A's two in the feed.
    await push(c, server);
    const first = await sellSeats(a, P, 'standard', ['stalls-10-9', 'stalls-10-10']);
    await sellSeats(a, P, 'standard', ['stalls-10-11']);
    await push(a, server);
    // Offline at the same time, C sold a seat A sold: the feed's first sale keeps it. A's two
    // sales and C's follow each other in the feed: one run of sales selling a seat twice.
    const double = await sellSeats(c, P, 'standard', ['stalls-10-10']);
    await push(c, server);
    await refundTicket(a, first.orderId, first.tickets[0]!.ticketId);
    await sellSeats(a, P, 'standard', ['stalls-10-9']);
    await push(a, server);

    const whole = await openDemoTill({ terminalId: 'TB' });
    const page = await server.port('TB').pull(0, 500);
    if (!page.ok) throw new Error(page.error.message);
    // The page twice over in one go: repeats inside a page are seen, not applied again.
    const outcome = await applyFeedPage(whole.store.db, 'TB', {
      entries: [...page.value.entries, ...page.value.entries],
      next: page.value.next,
    });
    expect(outcome.kept).toBe(0);
    expect(outcome.seen).toBe(page.value.entries.length);

    const single = await openDemoTill({ terminalId: 'TD' });
    for (let cursor = 0; ;) {
      const one = await server.port('TD').pull(cursor, 1);
      if (!one.ok) throw new Error(one.error.message);
      if (one.value.entries.length === 0) break;
      await applyFeedPage(single.store.db, 'TD', one.value);
      cursor = one.value.next;
    }
    const models = await readModels(whole.store.db);
    expect(models).toEqual(await readModels(single.store.db));
    const seat = (id: string) => models.seatStates.find((s) => s.seatId === id);
    expect(seat('stalls-10-10')?.ticketId).toBe(first.tickets[1]!.ticketId);
    expect(seat('stalls-10-10')?.ticketId).not.toBe(double.tickets[0]!.ticketId);
    expect(seat('stalls-10-9')?.state).toBe('sold');
    expect(seat('stalls-10-9')?.ticketId).not.toBe(first.tickets[0]!.ticketId);
    expect(models.orders.find((o) => o.id === first.orderId)?.status).toBe('partially_refunded');
  });

  it('an entry that does not fit the order is kept unapplied, writes nothing, and the page goes on', async () => {
    const server = new FakeSyncServer();
    const a = await openDemoTill({ terminalId: 'TA' });
    const b = await openDemoTill({ terminalId: 'TB' });
    const sale = await sellSeats(a, P, 'standard', ['stalls-10-9']);
    await push(a, server);
    await pull(b, server);
    await refundTicket(b, sale.orderId, sale.tickets[0]!.ticketId);
    const real = (await readEntries(b.store.db, await b.store.db.journal.toArray())).find(
      (e) => e.type === 'refund',
    )!;
    const payload = real.payload as unknown as { tickets: { ticketId: string }[] };
    // The same refund from a third till, naming a ticket the order never had.
    const odd = {
      ...real,
      terminalId: 'TC',
      seq: 1,
      payload: {
        ...payload,
        tickets: payload.tickets.map((t) => ({ ...t, ticketId: 'no-such-ticket' })),
      },
    };
    const before = await readModels(a.store.db);
    const outcome = await applyFeedPage(a.store.db, 'TA', {
      entries: [{ cursor: 99, entry: odd }],
      next: 99,
    });
    expect(outcome).toEqual({ applied: 0, seen: 0, kept: 1 });
    expect(await readModels(a.store.db)).toEqual(before);
    expect((await a.store.db.settings.get(FEED_CURSOR_SETTING))?.value).toBe(99);
  });

  it("stores the venue's ticket keys for the scanner (revoked ones refused) and registers its own once", async () => {
    const server = new FakeSyncServer();
    const a = await openDemoTill({ terminalId: 'TA' });
    const b = await openDemoTill({ terminalId: 'TB' });
    const portA = server.port('TA');
    let registrations = 0;
    const counting = {
      ...portA,
      registerTicketKey: (k: string, p: string) => (registrations++, portA.registerTicketKey(k, p)),
    };
    expect(await registerOwnTicketKey(a.store.db, counting)).toBeNull();
    expect(await registerOwnTicketKey(a.store.db, counting)).toBeNull();
    expect(registrations).toBe(1);
    const keyA = server.keys[0]!;
    // A broken entry next to it (the id is not its key's) must not cost the good ones.
    server.keys.push({
      terminalId: 'TX',
      keyId: 'deadbeef',
      publicKey: keyA.publicKey,
      revoked: false,
    });

    await pull(b, server);
    let ring = await loadTerminalKeyRing(b.store.db);
    expect(ring.ok && ring.value.get(keyA.keyId)).toMatchObject({
      keyId: keyA.keyId,
      revoked: false,
    });
    expect(ring.ok && ring.value.get('deadbeef')).toBeUndefined();

    server.keys[0] = { ...keyA, revoked: true };
    await pull(b, server);
    ring = await loadTerminalKeyRing(b.store.db);
    expect(ring.ok && ring.value.get(keyA.keyId)?.revoked).toBe(true);
  });
});

describe('restoring a till from the server', { timeout: 60_000 }, () => {
  it('rebuilds journal, orders, tickets, shift and receipt counter, and sells on at the next number', async () => {
    const server = new FakeSyncServer();
    const a = await openDemoTill({ terminalId: 'TA' });
    const first = await sellSeats(a, P, 'standard', ['stalls-10-9']);
    const second = await sellSeats(a, P, 'standard', ['stalls-10-10', 'stalls-10-11']);
    await refundTicket(a, first.orderId, first.tickets[0]!.ticketId);
    await push(a, server);
    const original = await readModels(a.store.db);
    const head = await readTail(a.store.db, 'TA');

    // The same terminal with its IndexedDB gone: a fresh, empty store.
    const dbName = `wiped-${Date.now()}`;
    const opened = await openStore({ terminalId: 'TA', name: dbName, clock: () => new Date(NOW) });
    if (!opened.ok) throw new Error(opened.error.message);
    const store = opened.value;
    const compared: unknown[] = [];
    const anchor: AnchorPort = {
      compare: (tail) => {
        compared.push(tail);
        return Promise.resolve({
          ok: true,
          value:
            tail?.seq === head.last!.seq && tail.hash === head.last!.hash
              ? { state: 'equal' }
              : {
                  state: 'damaged',
                  kind: 'behind',
                  headSeq: head.last!.seq,
                  storeSeq: tail?.seq ?? 0,
                },
        });
      },
      report: () => Promise.resolve({ accepted: true, cashSeqs: [] }),
      openDrawer: () => Promise.resolve({ drawer: 'opened' }),
    };
    const feedProgress: unknown[] = [];
    const restored = await restoreFromServer({
      store,
      port: server.port('TA'),
      anchor,
      onFeedProgress: (p) => feedProgress.push(p),
    });
    // The feed holds only TA's own entries (skipped): one page, the figure of the feed's head.
    expect(feedProgress).toEqual([{ position: 0, head: server.feed.length }]);
    expect(restored).toEqual({
      ok: true,
      value: { restored: head.last!.seq, seq: head.last!.seq },
    });
    expect(compared).toEqual([{ seq: head.last!.seq, hash: head.last!.hash }]);
    const tail = await readTail(store.db, 'TA');
    expect(tail.last).toEqual(head.last);
    expect(tail.receiptCounter).toBe(head.receiptCounter);
    expect(tail.state).toEqual(head.state);
    expect(tail.shift).toEqual(head.shift);
    expect(await store.db.outbox.count()).toBe(0);
    expect((await store.db.journal.toArray()).map((e) => e.hash)).toEqual(
      (await a.store.db.journal.toArray()).map((e) => e.hash),
    );
    const rebuilt = await readModels(store.db);
    expect(rebuilt.orders).toEqual(original.orders);
    expect(rebuilt.tickets).toEqual(original.tickets);
    expect(rebuilt.ticketCounts).toEqual(original.ticketCounts);
    expect(rebuilt.seatStates.filter((s) => s.state === 'sold')).toEqual(
      original.seatStates.filter((s) => s.state === 'sold'),
    );
    store.close();

    // The till opens on the restored store and sells on: next seq, next receipt number.
    const reopened = await openTill({
      terminalId: 'TA',
      dbName,
      clock: () => NOW,
      seed: (s) => loadDemoIfEmpty(s.db, { now: new Date(NOW) }),
      staff: (await demoMainStaff()).authority,
    });
    if (!reopened.ok) throw new Error(reopened.error.message);
    const till = reopened.value;
    try {
      expect(till.state().lastReceiptNo).toBe(second.receiptNo + 1);
      const next = await sellSeats(till, P, 'standard', ['stalls-10-12']);
      expect(next.receiptNo).toBe(second.receiptNo + 2);
      expect((await till.store.db.counters.get(receiptCounterName('TA')))?.value).toBe(
        next.receiptNo,
      );
      await push(till, server);
      expect(server.head('TA').seq).toBe(head.last!.seq + 1);
    } finally {
      till.close();
    }
  });

  it('refuses a server copy that does not chain, and writes nothing', async () => {
    const server = new FakeSyncServer();
    const a = await openDemoTill({ terminalId: 'TA' });
    await sellSeats(a, P, 'standard', ['stalls-10-9']);
    await push(a, server);
    const journal = server.journals.get('TA')!;
    journal[1] = { ...journal[1]!, at: '2020-01-01T00:00:00.000Z' };
    const opened = await openStore({ terminalId: 'TA', name: `wiped-bad-${Date.now()}` });
    if (!opened.ok) throw new Error(opened.error.message);
    const anchor: AnchorPort = {
      compare: () => Promise.resolve({ ok: true, value: { state: 'equal' } }),
      report: () => Promise.resolve(null),
      openDrawer: () => Promise.resolve({ drawer: 'opened' }),
    };
    const restored = await restoreFromServer({
      store: opened.value,
      port: server.port('TA'),
      anchor,
    });
    expect(restored.ok || restored.error.code).toBe('broken_chain');
    expect(await opened.value.db.journal.count()).toBe(0);
    opened.value.close();
  });
});
