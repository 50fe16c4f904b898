/**
 * A sale reads only the inventory it needs (the requested seats' rows and index counts), and
 * that narrow read must decide exactly as the full one the seat map uses.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { commitExchange } from '../../src-renderer/app/exchange-service';
import { reloadOrder } from '../../src-renderer/app/order-service';
import {
  commitSale,
  customerHeldFor,
  inventoriesFor,
  inventoryFor,
} from '../../src-renderer/app/sale-service';
import { commitVoidOf } from '../../src-renderer/app/void-service';
import type { BoxOfficeDb } from '../../src-renderer/store/db';
import { holdSeatRows } from '../../src-renderer/store/seat-holds';
import { STORE_ERROR_MESSAGES } from '../../src-renderer/store/errors';
import type { ValidCounts } from '../../src-renderer/store/ticket-counts';
import { addTickets, validTicketsByTier } from '../../src-renderer/store/ticket-counts';
import { withApproval } from '../support/approvals';
import { UAH } from './flows-fixtures';
import { openTestDb } from './store-fixtures';
import { closeTills, olena, openDemoTill, sellGa, sellSeats } from './till-fixtures';

afterEach(closeTills);

const P = 'forest-song-1';

/** The tickets stored that hold a place of a tier: counted from the tickets themselves. */
async function validTicketsOf(db: BoxOfficeDb, performanceId: string, tierId: string) {
  return (await db.tickets.toArray()).filter(
    (t) => t.performanceId === performanceId && t.tierId === tierId && t.status === 'valid',
  ).length;
}

describe('the inventory a sale reads', () => {
  it('agrees with the full inventory on the seats asked for and on what is sold', async () => {
    const till = await openDemoTill();
    await sellSeats(till, P, 'standard', ['stalls-10-9', 'stalls-10-10']);
    const full = await inventoryFor(till, P);
    const asked = ['stalls-10-9', 'stalls-10-11'];
    const narrow = await inventoryFor(till, P, undefined, asked);
    expect(full.sold).toBe(2);
    expect(narrow.sold).toBe(full.sold);
    expect(narrow.capacity).toBe(full.capacity);
    expect(narrow.gaAvailable).toEqual(full.gaAvailable);
    expect([...(narrow.availableSeatIds ?? [])]).toEqual(
      asked.filter((s) => full.availableSeatIds?.has(s)),
    );
    expect([...(narrow.availableSeatIds ?? [])]).toEqual(['stalls-10-11']);
  });

  it("a sale's read of several performances at once (one read-only transaction) agrees with each one's full inventory", async () => {
    const till = await openDemoTill();
    const GA = 'dnipro-lights-1';
    await sellSeats(till, P, 'standard', ['stalls-10-9']);
    await sellGa(till, GA, 'ga-standing', 2);
    const now = new Date(till.ports.clock());
    const hold = (holdId: string, seatId: string) =>
      holdSeatRows(till.store.db, {
        performanceId: P,
        holdId,
        now,
        until: new Date(now.getTime() + 60_000),
        pick: () => ({ ok: true, value: [seatId] }),
      });
    expect((await hold('other-cart', 'stalls-10-10')).ok).toBe(true);
    expect((await hold('this-cart', 'stalls-10-11')).ok).toBe(true);
    const asked = ['stalls-10-9', 'stalls-10-10', 'stalls-10-11', 'stalls-10-12'];
    const read = await inventoriesFor(
      till,
      [...asked.map((seatId) => ({ performanceId: P, seatId })), { performanceId: GA }],
      'this-cart',
    );
    expect(Object.keys(read)).toEqual([P, GA]);
    // Sold and held by another cart are refused; this cart's own hold and a free seat are not.
    expect([...(read[P]!.availableSeatIds ?? [])]).toEqual(['stalls-10-11', 'stalls-10-12']);
    const fullP = await inventoryFor(till, P, 'this-cart');
    const fullGa = await inventoryFor(till, GA, 'this-cart');
    expect(read[P]!.sold).toBe(fullP.sold);
    expect(read[P]!.capacity).toBe(fullP.capacity);
    expect(read[GA]!.sold).toBe(2);
    expect(read[GA]!.gaAvailable).toEqual(fullGa.gaAvailable);
    expect(read[GA]!.capacity).toBe(fullGa.capacity);
  });

  it('refuses a seat sold before, and sells the one next to it', async () => {
    const till = await openDemoTill();
    await sellSeats(till, P, 'standard', ['stalls-10-9']);
    const sell = (seatId: string) =>
      commitSale(
        till,
        {
          items: [{ performanceId: P, tierId: 'standard', seatId }],
          tenders: [{ kind: 'cash', tendered: UAH(10_000) }],
        },
        olena,
      );
    const again = await sell('stalls-10-9');
    expect(again.ok || again.error.code).toBe('sold_out');
    const next = await sell('stalls-10-10');
    expect(next.ok).toBe(true);
    expect((await inventoryFor(till, P)).sold).toBe(2);
  });

  it('GA places and the sold count follow sales and voids, and match the tickets stored', async () => {
    const till = await openDemoTill();
    const GA = 'dnipro-lights-1';
    const before = await inventoryFor(till, GA);
    const sale = await sellGa(till, GA, 'ga-standing', 3);
    const after = await inventoryFor(till, GA);
    expect(after.sold).toBe(before.sold + 3);
    expect(after.gaAvailable?.['ga-standing']).toBe(before.gaAvailable!['ga-standing']! - 3);
    // The kept count is what counting the stored tickets says.
    const { db } = till.store;
    const valid = await validTicketsOf(db, GA, 'ga-standing');
    expect(valid).toBe(3);

    const orderId = sale.orderId;
    const voided = await withApproval(till, { staffId: 'taras', pin: '2222' }, (grant) =>
      commitVoidOf(till, orderId, 'Wrong night', olena, grant),
    );
    if (!voided.ok) throw new Error(voided.error.message);
    const back = await inventoryFor(till, GA);
    expect(back.sold).toBe(before.sold);
    expect(back.gaAvailable).toEqual(before.gaAvailable);
  });
});

describe("the customer's tickets (per-customer limit)", () => {
  it('the commit counts what the customer already holds, whatever the case of the name; another name does not count', async () => {
    const till = await openDemoTill();
    const sell = (seats: readonly string[], customerId?: string) =>
      commitSale(
        till,
        {
          items: seats.map((seatId) => ({ performanceId: P, tierId: 'standard', seatId })),
          tenders: [{ kind: 'cash', tendered: UAH(100_000) }],
          ...(customerId !== undefined ? { customerId } : {}),
        },
        olena,
      );
    const six = [
      'stalls-11-1',
      'stalls-11-2',
      'stalls-11-3',
      'stalls-11-4',
      'stalls-11-5',
      'stalls-11-6',
    ];
    expect((await sell(six, 'Anna Koval')).ok).toBe(true);
    expect(await customerHeldFor(till, ' anna KOVAL')).toEqual({ [P]: 6 });
    const over = await sell(['stalls-11-7', 'stalls-11-8', 'stalls-11-9'], 'anna koval');
    expect(over.ok || over.error.code).toBe('limit_exceeded');
    expect(over.ok || over.error.details).toMatchObject({ limit: 8, held: 6, requested: 3 });
    // Without a customer (or another one) the per-customer limit does not apply.
    expect((await sell(['stalls-11-7', 'stalls-11-8', 'stalls-11-9'], 'Petro')).ok).toBe(true);
    expect((await sell(['stalls-11-10', 'stalls-11-11'], 'anna koval')).ok).toBe(true);
    expect(await customerHeldFor(till, 'Anna Koval')).toEqual({ [P]: 8 });
  });
});

describe('the GA quota inside the commit', () => {
  it('two carts taking the last standing place at once: one sale, the other refused, never both', async () => {
    const till = await openDemoTill();
    const GA = 'dnipro-lights-tonight';
    // One place left in the fan zone: the quota set to what is sold + 1.
    (till.catalog.tier('ga-fan-zone')! as { gaQuota?: number }).gaQuota = 1;
    const buyOne = () =>
      commitSale(
        till,
        {
          items: [{ performanceId: GA, tierId: 'ga-fan-zone', quantity: 1 }],
          tenders: [{ kind: 'cash', tendered: UAH(2_000) }],
        },
        olena,
      );
    // Both read the inventory (1 left) before either commits.
    const [first, second] = await Promise.all([buyOne(), buyOne()]);
    expect([first.ok, second.ok].filter(Boolean)).toHaveLength(1);
    const refused = first.ok ? second : first;
    expect(!refused.ok && refused.error.code).toMatch(/conflict|sold_out|ga/);
    expect((await inventoryFor(till, GA)).gaAvailable?.['ga-fan-zone']).toBe(0);
  });

  it('an exchange and a sale taking the last standing place at once: one goes through, the other is refused as a sale would be', async () => {
    const till = await openDemoTill();
    const GA = 'dnipro-lights-tonight';
    // A standing ticket for another night of the same event, exchanged up to the fan zone.
    const bought = await sellGa(till, 'dnipro-lights-1', 'ga-standing', 1);
    const order = (await reloadOrder(till, bought.orderId))!.view;
    (till.catalog.tier('ga-fan-zone')! as { gaQuota?: number }).gaQuota = 1;
    const fanZone = { performanceId: GA, tierId: 'ga-fan-zone', quantity: 1 };
    const sale = () =>
      commitSale(
        till,
        { items: [fanZone], tenders: [{ kind: 'cash', tendered: UAH(2_000) }] },
        olena,
      );
    const exchange = () =>
      commitExchange(
        till,
        order,
        {
          ticketIds: [bought.tickets[0]!.ticketId],
          items: [fanZone],
          tenders: [{ kind: 'cash', tendered: UAH(2_000) }],
        },
        olena,
      );
    // Both read the inventory (1 left) before either commits.
    const [sold, exchanged] = await Promise.all([sale(), exchange()]);
    expect([sold.ok, exchanged.ok].filter(Boolean)).toHaveLength(1);
    const refused = sold.ok ? exchanged : sold;
    // The refused one says what a sale says when the last place went.
    expect(!refused.ok && refused.error).toMatchObject({
      code: 'conflict',
      message: STORE_ERROR_MESSAGES.conflict,
      details: { detail: 'Fan zone: only 1 places; sold meanwhile.' },
    });
    expect((await inventoryFor(till, GA)).gaAvailable?.['ga-fan-zone']).toBe(0);
    const valid = await validTicketsOf(till.store.db, GA, 'ga-fan-zone');
    expect(valid).toBe(1);
  });
});

describe('the tier counts a sale writes from what it read before its transaction', () => {
  const ticket = (id: string, tierId: string) => ({
    id,
    orderId: `o-${id}`,
    performanceId: 'p-1',
    code: `C-${id}`,
    status: 'valid' as const,
    tierId,
    ticket: {},
  });
  const add = (db: BoxOfficeDb, tickets: ReturnType<typeof ticket>[], known?: ValidCounts) =>
    db.transaction('rw', db.tickets, db.ticketCounts, () => addTickets(tickets, known));

  it('end as the stored counts plus the new tickets, whether that read is current or stale', async () => {
    const db = openTestDb();
    await add(db, [ticket('a', 'ga'), ticket('b', 'ga'), ticket('c', 'vip')]);
    const known: ValidCounts = new Map([['p-1', await validTicketsByTier(db, 'p-1')]]);

    // Read just before: nothing sold since.
    const current = await add(db, [ticket('d', 'ga')], known);
    expect(current.get('p-1')).toEqual(
      new Map([
        ['ga', 3],
        ['vip', 1],
      ]),
    );
    // The same read again: another window's sale (d) came in between; the stored count wins.
    const stale = await add(db, [ticket('e', 'ga'), ticket('f', 'vip')], known);
    expect(stale.get('p-1')).toEqual(
      new Map([
        ['ga', 4],
        ['vip', 2],
      ]),
    );

    expect(await validTicketsByTier(db, 'p-1')).toEqual(
      new Map([
        ['ga', 4],
        ['vip', 2],
      ]),
    );
    const counted = (await db.tickets.toArray()).filter((t) => t.performanceId === 'p-1');
    expect(counted.filter((t) => t.tierId === 'ga')).toHaveLength(4);
    expect(counted.filter((t) => t.tierId === 'vip')).toHaveLength(2);
    db.close();
  });
});

describe('a sale on a store that cannot be read', () => {
  it('is refused in words, with nothing thrown and nothing written', async () => {
    const till = await openDemoTill();
    const before = await till.store.db.journal.count();
    till.store.db.close();
    const r = await commitSale(
      till,
      {
        items: [{ performanceId: P, tierId: 'standard', seatId: 'stalls-10-9' }],
        tenders: [{ kind: 'cash', tendered: UAH(1_000) }],
      },
      olena,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('unavailable');
    expect(r.error.message).toBe(STORE_ERROR_MESSAGES.unavailable);
    await till.store.db.open();
    expect(await till.store.db.journal.count()).toBe(before);
  });
});
