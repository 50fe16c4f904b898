import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { SellInput } from '../../shared/commands';
import type { DomainEntry } from '../../shared/journal/entry-types';
import { commitSale } from '../../src-renderer/app/sale-service';
import type { Till } from '../../src-renderer/app/till';
import { projectEntry } from '../../src-renderer/sync/entry-projection';
import { UAH } from './flows-fixtures';
import { closeTills, olena, openDemoTill } from './till-fixtures';

// A till selling a performance again decides on the counts its last sale of it left and takes
// the seats asked for to be free, without reading the stock first (sale-service.ts, commitSale).
// When the store has moved meanwhile (here: another till's sales arriving from the feed), the
// commit inside its transaction finds out, nothing is written, and the sale is decided again on
// the stock as stored: the answer must be exactly the one a till that read first gives.

afterEach(closeTills);

const SEATED = 'forest-song-1';
const GA = 'dnipro-lights-1';

const seat = (seatId: string): SellInput => ({
  items: [{ performanceId: SEATED, tierId: 'standard', seatId }],
  tenders: [{ kind: 'cash', tendered: UAH(100_000) }],
});
const ga = (tierId: string, quantity = 1): SellInput => ({
  items: [{ performanceId: GA, tierId, quantity }],
  tenders: [{ kind: 'cash', tendered: UAH(100_000) }],
});

async function sold(till: Till, input: SellInput) {
  const r = await commitSale(till, input, olena);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Another till's sales reach `to` as the sync feed applies them. */
async function feed(from: Till, to: Till): Promise<void> {
  const entries = (await from.store.db.journal.toArray())
    .sort((x, y) => x.seq - y.seq)
    .filter((e) => e.type === 'sale') as unknown as DomainEntry[];
  const { db } = to.store;
  await db.transaction('rw', db.tables, async () => {
    for (const e of entries) expect(await projectEntry(db, e, 'other')).toBe(true);
  });
}

/** The read-only transactions a till opens on its stock (the sale's read before it decides). */
function countStockReads(till: Till): () => number {
  const idb = till.store.db.backendDB();
  const open = idb.transaction.bind(idb);
  let n = 0;
  idb.transaction = ((stores: string | string[], mode?: IDBTransactionMode, o?: never) => {
    const names = typeof stores === 'string' ? [stores] : [...stores];
    if ((mode ?? 'readonly') === 'readonly' && names.includes('ticketCounts')) n++;
    return open(stores, mode, o);
  }) as typeof idb.transaction;
  return () => n;
}

async function validTickets(till: Till, performanceId: string, tierId: string) {
  const tickets = await till.store.db.tickets.toArray();
  return tickets.filter(
    (t) => t.performanceId === performanceId && t.tierId === tierId && t.status === 'valid',
  ).length;
}

async function storedCount(till: Till, performanceId: string, tierId: string) {
  return (await till.store.db.ticketCounts.get([performanceId, tierId]))?.valid ?? 0;
}

describe('a sale on the stock its till last saw', () => {
  it('reads the stock for a performance once; the next sale of it decides without reading', async () => {
    const a = await openDemoTill({ terminalId: 'T1' });
    const reads = countStockReads(a);
    await sold(a, seat('stalls-10-9'));
    expect(reads()).toBe(1);
    await sold(a, seat('stalls-10-10'));
    await sold(a, seat('stalls-10-11'));
    expect(reads()).toBe(1);
    // A performance it has not sold yet is read.
    await sold(a, ga('ga-standing'));
    expect(reads()).toBe(2);
    expect(await storedCount(a, SEATED, 'standard')).toBe(3);
    // Once the store changed outside this page (sync applied other tills' sales), it reads again.
    a.changed();
    await sold(a, seat('stalls-10-12'));
    expect(reads()).toBe(3);
    await sold(a, seat('stalls-10-13'));
    expect(reads()).toBe(3);
  });

  it('refuses a seat another till sold meanwhile exactly as a till that read first does, writing nothing', async () => {
    const a = await openDemoTill({ terminalId: 'T1' });
    const b = await openDemoTill({ terminalId: 'T2' });
    const c = await openDemoTill({ terminalId: 'T3' });
    await sold(a, seat('stalls-10-9'));
    await sold(b, seat('stalls-10-10'));
    await feed(b, a);
    await feed(b, c);

    const journalBefore = await a.store.db.journal.count();
    const refused = await commitSale(a, seat('stalls-10-10'), olena);
    const reference = await commitSale(c, seat('stalls-10-10'), olena); // c never sold: it reads
    expect(refused.ok).toBe(false);
    expect(reference.ok).toBe(false);
    expect(!refused.ok && refused.error.code).toBe(!reference.ok && reference.error.code);
    expect(!refused.ok && refused.error.message).toBe(!reference.ok && reference.error.message);
    expect(await a.store.db.journal.count()).toBe(journalBefore);

    // And a free seat still sells, with the counts what the tickets say.
    await sold(a, seat('stalls-10-11'));
    expect(await storedCount(a, SEATED, 'standard')).toBe(3);
    expect(await validTickets(a, SEATED, 'standard')).toBe(3);
  });

  it('refuses the GA place another till took as a till that read first does; counts stay true', async () => {
    const quota = (till: Till) =>
      ((till.catalog.tier('ga-fan-zone')! as { gaQuota?: number }).gaQuota = 2);
    const a = await openDemoTill({ terminalId: 'T1' });
    const b = await openDemoTill({ terminalId: 'T2' });
    const c = await openDemoTill({ terminalId: 'T3' });
    quota(a);
    quota(c);
    await sold(a, ga('ga-fan-zone'));
    await sold(b, ga('ga-fan-zone'));
    await feed(b, a);
    await feed(a, c);
    await feed(b, c);

    // a remembers 1 of 2 taken; the store says 2 of 2.
    const refused = await commitSale(a, ga('ga-fan-zone'), olena);
    const reference = await commitSale(c, ga('ga-fan-zone'), olena);
    expect(refused.ok).toBe(false);
    expect(reference.ok).toBe(false);
    expect(!refused.ok && refused.error.code).toBe(!reference.ok && reference.error.code);
    expect(!refused.ok && refused.error.message).toBe(!reference.ok && reference.error.message);
    expect(await storedCount(a, GA, 'ga-fan-zone')).toBe(2);
    expect(await validTickets(a, GA, 'ga-fan-zone')).toBe(2);
  });

  it('sells on the stored counts when they moved, and prices as a till that read first', async () => {
    const a = await openDemoTill({ terminalId: 'T1' });
    const b = await openDemoTill({ terminalId: 'T2' });
    const c = await openDemoTill({ terminalId: 'T3' });
    await sold(a, ga('ga-standing'));
    await sold(b, ga('ga-standing', 3));
    await feed(b, a);
    await feed(a, c);
    await feed(b, c);

    const mine = await sold(a, ga('ga-standing', 2));
    const reference = await sold(c, ga('ga-standing', 2));
    expect(mine.sale.totals).toEqual(reference.sale.totals);
    expect(await storedCount(a, GA, 'ga-standing')).toBe(6);
    expect(await validTickets(a, GA, 'ga-standing')).toBe(6);
  });

  it('prices on the stored sales, not the remembered ones, when demand pricing turns on meanwhile', async () => {
    const a = await openDemoTill({ terminalId: 'T1' });
    const b = await openDemoTill({ terminalId: 'T2' });
    const c = await openDemoTill({ terminalId: 'T3' });
    const premiumSeats = (till: Till): string[] => {
      const tier = till.catalog.tier('premium')!;
      const plan = till.catalog.plan(till.catalog.performance(SEATED)!.seatingPlanId!)!;
      return plan.sections.flatMap((x) =>
        x.rows.flatMap((r) =>
          r.seats.filter((st) => tier.seatCategoryIds?.includes(st.categoryId)).map((st) => st.id),
        ),
      );
    };
    const [s1, s2, s3, s4] = premiumSeats(a);
    const premium = (seatId: string): SellInput => ({
      items: [{ performanceId: SEATED, tierId: 'premium', seatId }],
      tenders: [{ kind: 'cash', tendered: UAH(100_000) }],
    });
    // "Last seats +10 %" once 2.5 places of the performance's capacity are sold: after a's one
    // sale it is off; after b's two more it is on.
    const capacity = (await import('../../src-renderer/app/sale-service')).inventoryFor;
    const cap = (await capacity(a, SEATED)).capacity;
    for (const till of [a, c]) {
      const rule = till.catalog.rules().find((r) => r.id === 'last-seats')! as {
        minSoldBp: number;
      };
      rule.minSoldBp = Math.floor((2.5 * 10_000) / cap);
    }
    const first = await sold(a, premium(s1!));
    await sold(b, premium(s2!));
    await sold(b, premium(s3!));
    await feed(b, a);
    await feed(a, c);
    await feed(b, c);

    const mine = await sold(a, premium(s4!));
    // c reads before it decides (it never sold this performance); a did not read.
    const reference = await commitSale(c, premium(s4!), olena);
    expect(reference.ok).toBe(true);
    expect(mine.sale.totals.total.amount).toBeGreaterThan(first.sale.totals.total.amount);
    expect(reference.ok && reference.value.sale.totals).toEqual(mine.sale.totals);
  });
});
