import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { money } from '../../shared/money/money';
import { projectOrder } from '../../shared/orders/order-view';
import {
  requestLabel,
  serverRefundSources,
  type ServerRefund,
} from '../../shared/orders/server-refund';
import { admitTicket } from '../../src-renderer/app/admission-service';
import { reloadOrder } from '../../src-renderer/app/order-service';
import { commitRefund, planTillRefund } from '../../src-renderer/app/refund-service';
import { commitSale, inventoryFor } from '../../src-renderer/app/sale-service';
import { voucherBalancesFor } from '../../src-renderer/app/voucher-balances';
import type { Till } from '../../src-renderer/app/till';
import { pullFeed } from '../../src-renderer/sync/puller';
import {
  applyServerRefunds,
  SERVER_REFUNDS_CURSOR_SETTING,
  serverRefundsCursor,
} from '../../src-renderer/sync/server-refunds';
import { drainOutbox, browserLocks } from '../../src-renderer/sync/uploader';
import { UAH } from './flows-fixtures';
import { closeTills, olena, openDemoTill, sellSeats } from './till-fixtures';
import { FakeSyncServer } from './sync-fake-server';

afterEach(closeTills);

const P = 'forest-song-1';
const REQUEST = '3f6c2a91-5b7e-4d0a-9c1e-7a2b4c6d8e0f';

async function push(till: Till, server: FakeSyncServer): Promise<void> {
  const out = await drainOutbox(
    till.store.db,
    till.terminalId,
    server.port(till.terminalId),
    browserLocks(),
  );
  if (out.kind !== 'drained') throw new Error(JSON.stringify(out));
}

async function pull(till: Till, server: FakeSyncServer) {
  const out = await pullFeed(till.store.db, till.terminalId, server.port(till.terminalId));
  if (!out.ok) throw new Error(JSON.stringify(out));
  return out;
}

/** The server pays ticket `ticketId` of `orderId` back as a credit voucher (its ledger row). */
function serverPaysBack(
  server: FakeSyncServer,
  sale: Parameters<typeof projectOrder>[0],
  ticketId: string,
): ServerRefund {
  const ticket = sale.tickets.find((t) => t.ticketId === ticketId)!;
  const amount = { amount: ticket.price.amount, currency: ticket.price.currency };
  const refund: ServerRefund = {
    seq: server.serverRefunds.length + 1,
    kind: 'voucher_issued',
    requestId: REQUEST,
    orderId: sale.orderId,
    ticketIds: [ticketId],
    at: '2026-03-20T09:15:00.000Z',
    amount,
    sources: serverRefundSources('voucher_issued', amount, projectOrder(sale).tenders),
    voucherCode: 'RV-7KQ2-M9XD-4T8B-Q1ZZ',
  };
  server.serverRefunds.push(refund);
  return refund;
}

describe('refunds the server paid, on the tills', { timeout: 60_000 }, () => {
  it('every till sees the ticket refunded online; the refund decision and the door refuse it', async () => {
    const server = new FakeSyncServer();
    const a = await openDemoTill({ terminalId: 'TA' });
    const b = await openDemoTill({ terminalId: 'TB' });
    const sale = await sellSeats(a, P, 'standard', ['stalls-10-9', 'stalls-10-10']);
    await push(a, server);
    await pull(b, server);
    const [paidOnline, kept] = sale.tickets.map((t) => t.ticketId) as [string, string];
    serverPaysBack(server, sale, paidOnline);

    for (const till of [a, b]) {
      const journal = await till.store.db.journal.count();
      const outcome = await pull(till, server);
      expect(outcome.applied).toBeGreaterThanOrEqual(1);
      // Nothing foreign in the till's own hash chain.
      expect(await till.store.db.journal.count()).toBe(journal);
      expect(await serverRefundsCursor(till.store.db)).toBe(1);
      expect((await till.store.db.tickets.get(paidOnline))?.status).toBe('refunded');
      expect((await till.store.db.tickets.get(kept))?.status).toBe('valid');
      expect((await till.store.db.orders.get(sale.orderId))?.status).toBe('partially_refunded');
      // Its seat is on sale again.
      expect((await inventoryFor(till, P)).availableSeatIds?.has('stalls-10-9')).toBe(true);

      // The one refund decision says why, with the day and the request.
      const order = await reloadOrder(till, sale.orderId);
      const plan = await planTillRefund(till, order!.view, { ticketIds: [paidOnline] }, olena);
      if (!plan.ok) throw new Error(plan.error.message);
      expect(plan.value.anyRefundable).toBe(false);
      expect(plan.value.summary).toBe(
        'No refund: refunded online on 2026-03-20, request R-3F6C2A91.',
      );
      expect(plan.value.tickets[0]!.reasons).toContainEqual({
        code: 'ticket_refunded_online',
        params: { date: '2026-03-20', request: requestLabel(REQUEST) },
        message: `No refund: refunded online on 2026-03-20, request R-3F6C2A91.`,
      });
      const second = await commitRefund(
        till,
        order!.view,
        { ticketIds: [paidOnline], method: 'cash', reasonCode: 'customer_request' },
        olena,
      );
      expect(second.ok || second.error.message).toMatch(/refunded online on 2026-03-20/);
      // The other ticket is refundable as before, from what the tenders still hold.
      const other = await planTillRefund(till, order!.view, { ticketIds: [kept] }, olena);
      expect(other.ok && other.value.anyRefundable).toBe(true);
      expect(order!.view.netPaid.amount).toBe(
        sale.totals.total.amount - server.serverRefunds[0]!.amount.amount,
      );

      // The door refuses it.
      const door = await admitTicket(till, paidOnline, olena);
      expect(door.ok || door.error.message).toMatch(/refunded/);
    }
  });

  it('applied twice, or from a cursor moved back, changes nothing; an order not held is skipped', async () => {
    const server = new FakeSyncServer();
    const a = await openDemoTill({ terminalId: 'TA' });
    const sale = await sellSeats(a, P, 'standard', ['stalls-10-9']);
    const refund = serverPaysBack(server, sale, sale.tickets[0]!.ticketId);
    const stranger: ServerRefund = {
      ...refund,
      seq: 2,
      requestId: 'another-request',
      orderId: 'not-on-this-till',
    };
    const page = { entries: [refund, stranger], next: 2, more: false };
    const first = await applyServerRefunds(a.store.db, page);
    expect(first).toEqual({ applied: 1, seen: 0, kept: 1 });
    const once = await a.store.db.orders.get(sale.orderId);
    await a.store.db.settings.put({ key: SERVER_REFUNDS_CURSOR_SETTING, value: 0 });
    const again = await applyServerRefunds(a.store.db, page);
    expect(again).toEqual({ applied: 0, seen: 1, kept: 1 });
    expect(await a.store.db.orders.get(sale.orderId)).toEqual(once);
    expect(await serverRefundsCursor(a.store.db)).toBe(2);
    // A payout naming a ticket the order does not have is kept, not half-applied.
    const odd = { ...refund, seq: 3, requestId: 'odd', ticketIds: ['no-such-ticket'] };
    expect(await applyServerRefunds(a.store.db, { entries: [odd], next: 3, more: false })).toEqual({
      applied: 0,
      seen: 0,
      kept: 1,
    });
    expect(await a.store.db.orders.get(sale.orderId)).toEqual(once);
  });

  it('a voucher the server issued pays part of a sale at one till, and is spent at the other once synced', async () => {
    const server = new FakeSyncServer();
    const a = await openDemoTill({ terminalId: 'TA' });
    const b = await openDemoTill({ terminalId: 'TB' });
    const sale = await sellSeats(a, P, 'standard', ['stalls-10-9']);
    await push(a, server);
    const issued = serverPaysBack(server, sale, sale.tickets[0]!.ticketId);
    const code = issued.voucherCode!;
    await pull(a, server);
    await pull(b, server);
    const offer = (amount: number) => [
      { kind: 'voucher' as const, amount: money(amount, 'UAH'), voucherId: code },
    ];
    expect(await voucherBalancesFor(b.store.db, offer(1))).toEqual({ [code]: issued.amount });
    // An unknown code is not offered: the sell command refuses it.
    expect(
      await voucherBalancesFor(b.store.db, [
        { kind: 'voucher', amount: UAH(1), voucherId: 'RV-NOPE' },
      ]),
    ).toEqual({});

    // At A: the voucher pays 100.00 of a seat, cash the rest.
    const paid = await commitSale(
      a,
      {
        items: [{ performanceId: P, tierId: 'standard', seatId: 'stalls-10-11' }],
        tenders: [...offer(10_000), { kind: 'cash', tendered: UAH(10_000) }],
      },
      olena,
    );
    if (!paid.ok) throw new Error(paid.error.message);
    expect(paid.value.sale.tenders.find((t) => t.kind === 'voucher')).toMatchObject({
      voucherId: code,
      amount: money(10_000, 'UAH'),
    });
    const left = issued.amount.amount - 10_000;
    expect(await voucherBalancesFor(a.store.db, offer(1))).toEqual({ [code]: money(left, 'UAH') });
    // More than is left: refused in words, nothing sold.
    const over = await commitSale(
      a,
      {
        items: [{ performanceId: P, tierId: 'standard', seatId: 'stalls-10-12' }],
        tenders: [...offer(left + 100), { kind: 'cash', tendered: UAH(10_000) }],
      },
      olena,
    );
    expect(over.ok || over.error.code).toBe('limit_exceeded');

    // B learns the redemption with A's sale and has the same balance left.
    await push(a, server);
    await pull(b, server);
    expect(await voucherBalancesFor(b.store.db, offer(1))).toEqual({ [code]: money(left, 'UAH') });
  });
});
