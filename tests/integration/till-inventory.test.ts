// First: Dexie picks up the global indexedDB when it loads.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seatStates } from '../../src-renderer/app/sale-service';
import type { HoldSeatsInput } from '../../src-renderer/flows/sell/sell-types';
import { inventoryThrough } from '../../src-renderer/inventory/inventory-port';
import { keepLeasesOnce, leaseSummary } from '../../src-renderer/inventory/lease-keeper';
import { err } from '../../shared/util/result';
import { liveLeases, releaseSeatRows, unendedLeases } from '../../src-renderer/store';
import {
  availability,
  closeWindow,
  hold as holdAt,
  keepLeases as keep,
  openWindow as openAt,
  push,
  sell,
  type InventoryWindow,
} from '../support/inventory-window';
import { dayReport, startSyncTestServer, type SyncTestServer } from '../support/sync-server';
import { NOW } from '../unit/flows-fixtures';
import { closeTills, olena } from '../unit/till-fixtures';
import { reloadOrder } from '../../src-renderer/app/order-service';
import { commitRefund } from '../../src-renderer/app/refund-service';
import { currentXReport, endShift } from '../../src-renderer/app/shift-service';
import { withApproval } from '../support/approvals';

const taras = { staffId: 'taras', pin: '2222' };

// Issue 12 through the real parts below the screen: the central server (PGlite, port 0), each
// till's main (its own data folder, enrolled through a loopback TCP proxy the test can cut),
// and the till's inventory source, seat hold actors, lease keeper and sale service on
// fake-indexeddb (the rig: support/inventory-window). Online the server decides every seat;
// offline a till sells only its lease.

const P = 'forest-song-1';
const GA_P = 'dnipro-lights-tonight';

let server: SyncTestServer;
const windows: InventoryWindow[] = [];

beforeEach(async () => {
  server = await startSyncTestServer();
});

afterEach(async () => {
  for (const w of windows.splice(0)) await closeWindow(w);
  await closeTills();
  await server.close();
});

async function openWindow(): Promise<InventoryWindow> {
  const w = await openAt(server);
  windows.push(w);
  return w;
}

const hold = (
  w: InventoryWindow,
  cartId: string,
  request: HoldSeatsInput['request'],
  tierId = 'standard',
) => holdAt(w, { cartId, performanceId: P, tierId, request });

describe('one inventory across windows', () => {
  it('online, a seat held at one window is refused at the other; the held seat sells and the server counts it once', async () => {
    const a = await openWindow();
    const b = await openWindow();

    const heldA = await hold(a, 'cart-a', { kind: 'seats', seatIds: ['stalls-10-9'] });
    expect(heldA.ok).toBe(true);
    expect(a.till.inventory.mode()).toBe('online');
    // The server has it as held, not free.
    expect((await availability(b, P)).seatsAvailable).not.toContain('stalls-10-9');
    expect((await availability(b, P)).held.seats).toBe(1);

    const heldB = await hold(b, 'cart-b', { kind: 'seats', seatIds: ['stalls-10-9'] });
    expect(heldB.ok).toBe(false);
    expect(!heldB.ok && heldB.error.code).toBe('seat_unavailable');
    // Best available at B never offers A's held seat.
    const bestB = await hold(b, 'cart-b', { kind: 'best', count: 4 });
    expect(bestB.ok && bestB.value.seatIds).not.toContain('stalls-10-9');

    const sold = await sell(a, 'cart-a', P, [{ tierId: 'standard', seatId: 'stalls-10-9' }]);
    expect(sold.ok).toBe(true);
    await push(a);
    const after = await availability(b, P);
    expect(after.sold.seats).toBe(1);
    expect(after.seatsAvailable).not.toContain('stalls-10-9');
  });

  it('a quick sale of GA places online claims them at the server first; more than the venue has is refused', async () => {
    const a = await openWindow();
    const before = await availability(a, GA_P);
    const standing = before.gaAvailable['ga-standing']!;
    expect(standing).toBeGreaterThan(0);
    const sold = await sell(a, 'cart-ga', GA_P, [{ tierId: 'ga-standing', quantity: 3 }]);
    expect(sold.ok).toBe(true);
    expect((await availability(a, GA_P)).gaAvailable['ga-standing']).toBe(standing - 3);
    await push(a);
    // The pushed sale and the claim are the same three places, not six.
    expect((await availability(a, GA_P)).gaAvailable['ga-standing']).toBe(standing - 3);

    const tooMany = await sell(a, 'cart-ga2', GA_P, [{ tierId: 'ga-standing', quantity: 50 }]);
    // The per-customer limit or the venue's pool refuses; nothing is committed either way.
    expect(tooMany.ok).toBe(false);
  });

  it('cut off, a window sells only from its lease and says sold out at this window; back online the server agrees seat by seat', async () => {
    const a = await openWindow();
    const b = await openWindow();
    const round = await keep(a);
    expect(round).toMatchObject({ reach: 'online' });
    const leases = await liveLeases(a.till.store.db, P, new Date(NOW).toISOString());
    const leased = leases.flatMap((l) => l.seatIds ?? []);
    expect(leased.length).toBeGreaterThanOrEqual(4);
    expect((await availability(b, P)).leased.seats).toBe(leased.length);
    // The seat maps: A's lease is A's ('mine') and another window's at B ('leased').
    const mapA = await seatStates(a.till, P);
    const mapB = await seatStates(b.till, P);
    for (const s of leased) {
      expect(mapA.get(s)).toBe('mine');
      expect(mapB.get(s)).toBe('leased');
    }
    // B, online, is never offered A's lease.
    const bestB = await hold(b, 'cart-b', { kind: 'best', count: 4 });
    expect(bestB.ok && bestB.value.seatIds.some((s) => leased.includes(s))).toBe(false);

    // The lease is the first free seats in plan order: sell them as the tier they belong to.
    const catalog = a.till.catalog;
    const planId = catalog.performance(P)!.seatingPlanId!;
    const categoryOf = (seatId: string) => catalog.seat(planId, seatId)!.seat.categoryId;
    const tier = catalog
      .tiersFor(P)
      .find((t) => (t.seatCategoryIds ?? []).includes(categoryOf(leased[0]!)))!;
    const sameTier = (seatId: string) => (tier.seatCategoryIds ?? []).includes(categoryOf(seatId));
    const outsideSeat = catalog
      .plan(planId)!
      .sections.flatMap((sec) => sec.rows.flatMap((r) => r.seats.map((x) => x.id)))
      .find(
        (id) =>
          sameTier(id) && !leased.includes(id) && !(bestB.ok && bestB.value.seatIds.includes(id)),
      )!;

    a.proxy.cut();
    // A seat outside the lease: refused with the reason, nothing held.
    const outside = await hold(a, 'cart-a1', { kind: 'seats', seatIds: [outsideSeat] }, tier.id);
    expect(!outside.ok && outside.error.code).toBe('not_at_this_window');
    expect(a.till.inventory.mode()).toBe('offline');
    // Offline, A's map shows its lease as sellable and every other free seat as not this
    // window's now.
    const offlineMap = await seatStates(a.till, P);
    expect(offlineMap.get(outsideSeat)).toBe('away');
    expect(offlineMap.get(leased[0]!)).toBe('mine');
    // Best available of another category than the lease's: not "sold out (0 left)", but
    // where this window's own seats are.
    const otherTier = catalog.tiersFor(P).find((t) => t.kind === 'seated' && t.id !== tier.id)!;
    const wrongKind = await hold(a, 'cart-a2', { kind: 'best', count: 2 }, otherTier.id);
    expect(!wrongKind.ok && wrongKind.error.code).toBe('lease_other_category');
    expect(!wrongKind.ok && (wrongKind.error.details as { here: number }).here).toBe(leased.length);
    expect(await a.till.store.db.seatStates.get([P, outsideSeat])).toBeUndefined();

    // Sell the lease out, two seats a customer.
    let n = 0;
    let firstSale: {
      orderId: string;
      tickets: readonly { ticketId: string; seatId?: string }[];
    } | null = null;
    for (;;) {
      const cartId = `cart-off-${n++}`;
      const held = await hold(a, cartId, { kind: 'best', count: 2 }, tier.id);
      if (!held.ok) {
        expect(held.error.code).toBe('sold_out_here');
        expect(held.error.message).toMatch(/Sold out at this window while offline/);
        break;
      }
      expect(held.value.seatIds.every((s) => leased.includes(s))).toBe(true);
      const sold = await sell(
        a,
        cartId,
        P,
        held.value.seatIds.map((seatId) => ({ tierId: tier.id, seatId })),
      );
      if (!sold.ok) throw new Error(sold.error.message);
      firstSale ??= sold.value.sale;
      expect(n).toBeLessThan(60);
    }
    const soldOffline = (
      await a.till.store.db.seatStates.where('performanceId').equals(P).toArray()
    )
      .filter((r) => r.state === 'sold')
      .map((r) => r.seatId);
    expect(soldOffline.length).toBeGreaterThanOrEqual(4);
    expect(soldOffline.every((s) => leased.includes(s))).toBe(true);
    // The status bar's figure: what is left of the lease here.
    const summary = await leaseSummary(a.till.store.db, a.till.terminalId, NOW);
    // (venue-wide: the keeper leased every performance within its horizon)
    const everyLeasedSeat = (await unendedLeases(a.till.store.db)).flatMap((l) => l.seatIds ?? []);
    expect(everyLeasedSeat.length).toBeGreaterThan(leased.length);
    expect(summary.seats).toBe(everyLeasedSeat.length - soldOffline.length);

    // One of those sales refunded, still offline: its seats are this window's lease again
    // (shared/inventory `returnPlaces`: back to the lease they were sold from while it lives),
    // and the server says the same once the refund is pushed.
    const order = await reloadOrder(a.till, firstSale!.orderId);
    const refunded = await withApproval(a.till, taras, (grant) =>
      commitRefund(
        a.till,
        order!.view,
        {
          ticketIds: firstSale!.tickets.map((t) => t.ticketId),
          method: 'cash',
          reasonCode: 'customer_request',
        },
        olena,
        grant,
      ),
    );
    if (!refunded.ok) throw new Error(refunded.error.message);
    const refundedSeats = firstSale!.tickets.map((t) => t.seatId!);
    const afterRefund = await seatStates(a.till, P);
    for (const s of refundedSeats) expect(afterRefund.get(s)).toBe('mine');

    a.proxy.restore();
    await push(a);
    expect((await availability(a, P)).seats?.leasedHere).toEqual(
      expect.arrayContaining(refundedSeats),
    );
    expect(a.sync.snapshot()).toMatchObject({ queued: 0, blocked: null });
    const after = await availability(b, P);
    const soldAtA = (await a.till.store.db.seatStates.where('performanceId').equals(P).toArray())
      .filter((r) => r.state === 'sold')
      .map((r) => r.seatId);
    expect(after.sold.seats).toBe(soldAtA.length + 0);
    for (const s of soldAtA) expect(after.seatsAvailable).not.toContain(s);
    // Back online with everything pushed, the keeper settles: a fresh lease sized by the rule
    // first, then the old one goes back (what A did not sell of it is on sale again, or in the
    // fresh one).
    // A refunded seat back in the lease, in a cashier's open cart: the lease stays.
    const inCart = await hold(
      a,
      'cart-keep',
      { kind: 'seats', seatIds: [refundedSeats[0]!] },
      tier.id,
    );
    expect(inCart.ok).toBe(true);
    // (leases of the other performances, with nothing in a cart, go back)
    expect(await keep(a, undefined, true)).toMatchObject({ reach: 'online' });
    const kept = (await liveLeases(a.till.store.db, P, new Date(NOW).toISOString())).map(
      (l) => l.serverLeaseId,
    );
    expect(kept).toContain(leases[0]!.serverLeaseId);
    const cartRow = await a.till.store.db.seatStates.get([P, refundedSeats[0]!]);
    await releaseSeatRows(a.till.store.db, cartRow!.holdId!, [
      { performanceId: P, seatId: refundedSeats[0]! },
    ]);
    const settled = await keep(a, undefined, true);
    expect(settled).toMatchObject({ reach: 'online' });
    expect(settled.returned).toBeGreaterThanOrEqual(1);
    const old = (await a.till.store.db.leases.toArray()).filter(
      (l) => l.serverLeaseId === leases[0]!.serverLeaseId,
    );
    expect(old.every((l) => l.endedAt !== undefined)).toBe(true);
    const fresh = (await liveLeases(a.till.store.db, P, new Date(NOW).toISOString())).flatMap(
      (l) => l.seatIds ?? [],
    );
    const final = await availability(b, P);
    expect(final.leased.seats).toBe(fresh.length);
    for (const s of leased.filter((x) => !soldAtA.includes(x)))
      expect(final.seatsAvailable.includes(s) || fresh.includes(s), s).toBe(true);
    for (const s of soldAtA) expect(fresh).not.toContain(s);

    // A swap whose give-back does not get through (the network drops between the checkout
    // and the return) leaves the till with both leases, never with none.
    const port = inventoryThrough(a.client);
    const ofP = new Set(
      (await liveLeases(a.till.store.db, P, new Date(NOW).toISOString())).map(
        (l) => l.serverLeaseId,
      ),
    );
    const flaky = await keepLeasesOnce({
      port: {
        ...port,
        returnLease: (input) =>
          ofP.has(input.leaseId)
            ? Promise.resolve(err('unavailable', 'The server could not be reached.'))
            : port.returnLease(input),
      },
      db: a.till.store.db,
      terminalId: a.till.terminalId,
      catalog: () => a.till.catalog,
      clock: () => NOW,
      horizonMs: 60 * 86_400_000,
      settle: true,
    });
    expect(flaky.reach).toBe('offline');
    const both = await liveLeases(a.till.store.db, P, new Date(NOW).toISOString());
    expect(both.flatMap((l) => l.seatIds ?? [])).toEqual(expect.arrayContaining(fresh));
    expect(both.flatMap((l) => l.seatIds ?? []).length).toBeGreaterThan(fresh.length);
  });
});

describe('what still collides offline', () => {
  it('one ticket refunded at two windows cut off from the server: exactly one reconciliation exception naming both, and the day still equals the sum of the Z reports', async () => {
    const a = await openWindow();
    const b = await openWindow();
    const c = await openWindow();
    const held = await hold(a, 'cart-a', { kind: 'seats', seatIds: ['stalls-10-9'] });
    expect(held.ok).toBe(true);
    const sold = await sell(a, 'cart-a', P, [{ tierId: 'standard', seatId: 'stalls-10-9' }]);
    if (!sold.ok) throw new Error(sold.error.message);
    await push(a);
    // B and C pull A's sale while online: any window can refund any ticket.
    for (const w of [b, c]) {
      w.sync.nudge('pull');
      await w.sync.idle();
      // The venue's inventory answers once, so the till knows it is online, then the cut.
      await w.till.inventory.seatScope(P);
    }
    b.proxy.cut();
    c.proxy.cut();
    const refundAt = async (w: InventoryWindow) => {
      // An offline refund of another window's sale: within the venue's cap (₴2,000).
      await w.till.inventory.seatScope(P);
      expect(w.till.inventory.mode()).toBe('offline');
      const order = await reloadOrder(w.till, sold.value.sale.orderId);
      const refunded = await withApproval(w.till, taras, (grant) =>
        commitRefund(
          w.till,
          order!.view,
          {
            ticketIds: [sold.value.sale.tickets[0]!.ticketId],
            method: 'cash',
            reasonCode: 'customer_request',
          },
          olena,
          grant,
        ),
      );
      if (!refunded.ok) throw new Error(refunded.error.message);
      return refunded.value;
    };
    const atB = await refundAt(b);
    const atC = await refundAt(c);
    expect(atC.total).toEqual(atB.total);

    b.proxy.restore();
    c.proxy.restore();
    for (const w of [b, c]) {
      await push(w);
      expect(w.sync.snapshot()).toMatchObject({ queued: 0, blocked: null });
    }
    const listed = await fetch(`${server.url}/api/venues/${server.venueId}/reconciliation`, {
      headers: { authorization: server.managerAuth },
    });
    expect(listed.status).toBe(200);
    const { exceptions } = (await listed.json()) as {
      exceptions: { kind: string; entries: { terminalId: string }[]; amountMinor: number }[];
    };
    expect(exceptions).toHaveLength(1);
    expect(exceptions[0]).toMatchObject({ kind: 'double_refund', amountMinor: atC.total.amount });
    expect(exceptions[0]!.entries.map((e) => e.terminalId).sort()).toEqual(
      [b.till.terminalId, c.till.terminalId].sort(),
    );

    // Every window closes its day; the venue's day report is the sum of the three Z reports.
    for (const w of [a, b, c]) {
      const x = await currentXReport(w.till);
      if (!x.ok) throw new Error(x.error.message);
      const z = await endShift(w.till, olena, x.value.cash.expected);
      if (!z.ok) throw new Error(z.error.message);
      await push(w);
    }
    const day = new Date(NOW).toISOString().slice(0, 10);
    const body = await dayReport(server, day);
    expect(body.status).toBe(200);
    expect(body.check).toMatchObject({ matches: true, totalsAreSumOfZ: true });
    expect(body.totals.refunds.count).toBe(2);
  });
});
