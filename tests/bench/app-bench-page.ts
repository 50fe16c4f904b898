/**
 * The in-page half of tests/bench/app.bench.ts, bundled by esbuild and served at the real
 * app's own origin (so it opens the very IndexedDB store the app uses). Not a bench file
 * itself (no `.bench.ts`): scripts/bench.mjs only runs those.
 *
 * Everything goes through the till the app uses (`openTill`), the domain commands and the
 * store's `commitJournal` (sealing, hash chain, outbox, receipt counter): no record is
 * written around them.
 */
import type { SellInput } from '../../shared/commands';
import { closeShift, drop, login, openShift, sell } from '../../shared/commands';
import { applyEntry } from '../../shared/commands/terminal-state';
import type { IssuingPorts } from '../../shared/commands/types';
import type { EntryDraft, EntryLike } from '../../shared/journal/entry-types';
import { money } from '../../shared/money';
import { createIdSource } from '../../shared/orders/ids';
import { buildShiftReport } from '../../shared/shift/report';
import { expectedCash, tallyOf } from '../../shared/shift/tally';
import type { TerminalState } from '../../shared/commands/terminal-state';
import { commitSale, customerKeyOf } from '../../src-renderer/app/sale-service';
import { currentXReport } from '../../src-renderer/app/shift-service';
import type { Till } from '../../src-renderer/app/till';
import { openTill } from '../../src-renderer/app/till';
import type { TillOrderRecord, TillTicketRecord } from '../../src-renderer/app/till-records';
import type { ProjectionContext } from '../../src-renderer/store';
import { DEFAULT_DB_NAME, openStore } from '../../src-renderer/store';

export interface SeedSummary {
  readonly terminalId: string;
  readonly journal: number;
  readonly orders: number;
  readonly tickets: number;
  readonly shifts: number;
  readonly ms: number;
}

const OLENA = { staffId: 'olena', role: 'cashier' as const };
const SALES_PER_COMMIT = 250;

/** The terminal the app journalled its first sign-in under (the app, not this page, decides it). */
/** The terminal main gave the app (passed in by the bench before anything is journalled). */
let givenTerminalId: string | null = null;

async function appTerminalId(): Promise<string> {
  const probe = await openStore({ terminalId: 'bench-probe' });
  if (!probe.ok) throw new Error(probe.error.message);
  const first = await probe.value.db.journal.toCollection().first();
  probe.value.close();
  if (first !== undefined) return first.terminalId;
  if (givenTerminalId === null) throw new Error('the app has not journalled anything yet');
  return givenTerminalId;
}

async function openAppTill(clock?: () => number): Promise<Till> {
  const terminalId = await appTerminalId();
  const opened = await openTill({
    terminalId,
    dbName: DEFAULT_DB_NAME,
    ...(clock ? { clock } : {}),
  });
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value;
}

/**
 * The sale's read models as `commitSale` writes them (order + tickets). History tickets are
 * stored as used: they were sold for earlier nights and scanned at the door, so they do not
 * take today's GA places (the sale service counts valid tickets only).
 */
function projectHistory(till: Till) {
  return async ({ db, entries }: ProjectionContext): Promise<void> => {
    const orders: TillOrderRecord[] = [];
    const tickets: TillTicketRecord[] = [];
    for (const entry of entries) {
      if (entry.type !== 'sale') continue;
      const sale = entry.payload;
      orders.push({
        id: sale.orderId,
        terminalId: till.terminalId,
        receiptNumber: sale.receiptNo,
        at: entry.at,
        status: 'completed',
        total: sale.totals.total,
        customerKey: customerKeyOf(sale.customerId),
        performanceIds: [...new Set(sale.tickets.map((t) => t.performanceId))],
        order: { sale, events: [] },
      });
      for (const t of sale.tickets) {
        tickets.push({
          id: t.ticketId,
          orderId: sale.orderId,
          performanceId: t.performanceId,
          code: t.code,
          status: 'used',
          tierId: t.tierId,
          ticket: t,
        });
      }
    }
    await Promise.all([db.orders.bulkAdd(orders), db.tickets.bulkAdd(tickets)]);
  };
}

/**
 * Appends `shifts` closed shifts of `salesPerShift` GA sales each (2 tickets, cash)
 * after what the app journalled, then opens the current shift with `currentSales` sales in
 * it: shift_open, sales, shift_close, each drafted by the domain command and committed by
 * `till.commit` with many drafts per transaction. The clock runs from 90 days ago.
 */
async function seedHistory(
  shifts: number,
  salesPerShift: number,
  currentSales: number,
  terminalId: string,
): Promise<SeedSummary> {
  givenTerminalId = terminalId;
  const started = performance.now();
  let clock = Date.now() - 90 * 86_400_000;
  const tick = () => clock;
  const till = await openAppTill(() => clock);
  try {
    const random = (n: number): Uint8Array => crypto.getRandomValues(new Uint8Array(n));
    const ports: IssuingPorts = {
      clock: tick,
      ids: createIdSource(tick, random),
      signTicket: till.ports.signTicket,
    };
    const currency = till.settings.currency;
    const ga = [
      { performanceId: 'dnipro-lights-tonight', tierId: 'ga-standing' },
      { performanceId: 'dnipro-lights-1', tierId: 'ga-standing' },
      { performanceId: 'dnipro-lights-1', tierId: 'ga-fan-zone' },
    ];
    const inventory = Object.fromEntries(
      [...new Set(ga.map((g) => g.performanceId))].map((id) => [
        id,
        {
          availableSeatIds: new Set<string>(),
          gaAvailable: { 'ga-standing': 1_000_000, 'ga-fan-zone': 1_000_000 },
          sold: 0,
          capacity: 2_000_000,
        },
      ]),
    );
    let n = 0;

    const commit = async (
      build: (state: TerminalState) => Promise<EntryDraft[]>,
    ): Promise<EntryLike[]> => {
      const r = await till.commit<string>(
        async (state) => ({ ok: true, value: await build(state) }),
        projectHistory(till),
      );
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
      // The domain only drafts entries of its own types.
      return r.value.entries as readonly EntryLike[] as EntryLike[];
    };

    // Seconds between sales: the open shift's sales are closer together so they all fall
    // before tonight's performance stops selling (4 hours after the demo was loaded).
    let step = 20_000;
    const salesDrafts = async (state: TerminalState, count: number): Promise<EntryDraft[]> => {
      const drafts: EntryDraft[] = [];
      let terminal = state;
      for (let i = 0; i < count; i++, n++) {
        clock += step;
        const g = ga[n % ga.length]!;
        const input: SellInput = {
          items: [{ ...g, quantity: 2 }],
          tenders: [{ kind: 'cash', tendered: money(500_000, currency) }],
        };
        const r = await sell(
          { terminal, settings: till.settings, catalog: till.catalog, inventory },
          input,
          OLENA,
          ports,
        );
        if (!r.ok) throw new Error(`sell: ${r.error.code}: ${r.error.message}`);
        for (const d of r.value.drafts) {
          drafts.push(d);
          terminal = applyEntry(terminal, d);
        }
      }
      return drafts;
    };

    const open = (): Promise<EntryLike[]> =>
      commit((state) => {
        const r = openShift(
          { terminal: state, settings: till.settings },
          { float: money(200_000, currency) },
          OLENA,
          ports,
        );
        if (!r.ok) throw new Error(`openShift: ${r.error.message}`);
        return Promise.resolve([...r.value.drafts]);
      });

    // A drawer never holds a busy shift's takings (the till refuses a count above
    // ₴1,000,000): as a cashier would, the takings go to the safe in drops before the close.
    const DROP_ABOVE = 50_000_000;
    const DROP_AT_MOST = 90_000_000;
    const dropTakings = async (entries: EntryLike[]): Promise<void> => {
      for (;;) {
        const inDrawer = expectedCash(tallyOf(entries)).amount;
        if (inDrawer <= DROP_ABOVE) return;
        const amount = money(Math.min(inDrawer - 200_000, DROP_AT_MOST), currency);
        entries.push(
          ...(await commit((state) => {
            clock += 60_000;
            const r = drop(
              { terminal: state, settings: till.settings, shiftTally: tallyOf(entries) },
              { amount, reason: 'Takings to the safe' },
              OLENA,
              ports,
            );
            if (!r.ok) throw new Error(`drop: ${r.error.message}`);
            return Promise.resolve([...r.value.drafts]);
          })),
        );
      }
    };

    const closeCurrent = async (entries: EntryLike[]): Promise<EntryLike[]> => {
      await dropTakings(entries);
      return commit((state) => {
        clock += 600_000;
        const x = buildShiftReport(entries, {
          kind: 'X',
          generatedAt: new Date(clock).toISOString(),
        });
        const r = closeShift(
          { terminal: state, settings: till.settings, shiftTally: tallyOf(entries) },
          { counted: x.cash.expected },
          OLENA,
          ports,
        );
        if (!r.ok) throw new Error(`closeShift: ${r.error.message}`);
        return Promise.resolve([...r.value.drafts]);
      });
    };

    // The till refuses a commit stamped before its last entry (a clock set back), so history
    // starts on an empty journal: the first run only loaded the demo venue, and Olena signs in
    // here, 90 days ago, as she would have on the first day.
    if (till.state().session === null) {
      await commit((state) => {
        const r = login(state, { staff: OLENA }, ports);
        if (!r.ok) throw new Error(`login: ${r.error.message}`);
        return Promise.resolve([...r.value.drafts]);
      });
    }
    // A shift the app's first run left open is closed first: history follows it.
    if (till.state().shift !== null) {
      const journal = (await till.store.db.journal
        .where('[terminalId+seq]')
        .between([till.terminalId, 0], [till.terminalId, Number.MAX_SAFE_INTEGER])
        .toArray()) as unknown[] as EntryLike[];
      const start = journal.findIndex((e) => e.type === 'shift_open');
      await closeCurrent(journal.slice(start));
    }
    for (let s = 0; s < shifts; s++) {
      clock += 12 * 3_600_000;
      const entries = await open();
      for (let done = 0; done < salesPerShift; done += SALES_PER_COMMIT) {
        const count = Math.min(SALES_PER_COMMIT, salesPerShift - done);
        entries.push(...(await commit((state) => salesDrafts(state, count))));
      }
      await closeCurrent(entries);
    }
    clock = Date.now() - 2 * 3_600_000;
    step = 5_000;
    await open();
    for (let done = 0; done < currentSales; done += SALES_PER_COMMIT) {
      const count = Math.min(SALES_PER_COMMIT, currentSales - done);
      await commit((state) => salesDrafts(state, count));
    }
    const { db } = till.store;
    return {
      terminalId: till.terminalId,
      journal: await db.journal.count(),
      orders: await db.orders.count(),
      tickets: await db.tickets.count(),
      shifts: shifts + 2,
      ms: performance.now() - started,
    };
  } finally {
    till.close();
  }
}

export interface XReportRun {
  readonly samples: number[];
  readonly salesInShift: number;
  readonly journal: number;
}

/** The X report as the shift screen asks for it: `currentXReport` on a freshly opened till. */
async function timeXReport(runs: number): Promise<XReportRun> {
  const till = await openAppTill();
  try {
    const samples: number[] = [];
    let salesInShift = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const r = await currentXReport(till);
      samples.push(performance.now() - t0);
      if (!r.ok) throw new Error(`X report: ${r.error.message}`);
      salesInShift = r.value.sales.count;
    }
    return { samples, salesInShift, journal: await till.store.db.journal.count() };
  } finally {
    till.close();
  }
}

export interface CommitRun {
  readonly sale: number[];
  /** Sales made right after the store changed outside the page (sync): each reads first. */
  readonly saleReadFirst: number[];
  /** The same IndexedDB requests as a sale's commit, made straight, with none of the till. */
  readonly saleShaped: number[];
  readonly bareStrict: number[];
  readonly orders: number;
  readonly tickets: number;
}

const FLOOR_TERMINAL = 'bench-floor';

function answer<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('request failed'));
  });
}

/**
 * What IndexedDB alone costs a sale on this store: strict transactions making the requests
 * the last commitSale made — the seat's and the GA tier's rows read and written back, the
 * journal row (whole) and its outbox row, the checkpoint, the receipt counter, two tickets
 * and the order (copies of the sale's own records with new keys, under a terminal nothing
 * reads), the cart cleared — straight on the IDBTransaction, with no sale logic, sealing,
 * signing, pre-read or Dexie. The gap between this and sale_commit is the till's own cost.
 */
async function timeSaleShaped(till: Till, count: number): Promise<number[]> {
  const idb = till.store.db.backendDB();
  const read = idb.transaction(
    ['journal', 'orders', 'tickets', 'checkpoints', 'seatStates', 'ticketCounts'],
    'readonly',
  );
  const range = IDBKeyRange.bound([till.terminalId, 0], [till.terminalId, Infinity]);
  const recent = (await answer(read.objectStore('journal').getAll(range))).slice(-60);
  // The newest whole row of a sale (a row its pack already holds is stored slim).
  const sale = recent.reverse().find((r) => r.type === 'sale' && r.payload !== undefined);
  if (sale === undefined) throw new Error('no whole sale row to copy');
  const orderId: string = sale.payload.orderId;
  const order = await answer(read.objectStore('orders').get(orderId));
  const tickets = await answer(read.objectStore('tickets').index('orderId').getAll(orderId));
  const checkpoint = await answer(read.objectStore('checkpoints').get(till.terminalId));
  const seated = tickets.find((t) => t.seatId !== undefined);
  const ga = tickets.find((t) => t.seatId === undefined);
  if (!order || !checkpoint || !seated || !ga) throw new Error('the last sale has no seat and GA');
  const seatKey = [seated.performanceId, seated.seatId];
  const countKey = [ga.performanceId, ga.tierId];
  const stores = [
    'journal',
    'outbox',
    'checkpoints',
    'counters',
    'tickets',
    'orders',
    'seatStates',
    'ticketCounts',
    'carts',
  ];
  const samples: number[] = [];
  for (let seq = 1; seq <= count; seq++) {
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const tx = idb.transaction(stores, 'readwrite', { durability: 'strict' });
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error ?? new Error('sale-shaped transaction aborted'));
      const seats = tx.objectStore('seatStates');
      seats.get(seatKey).onsuccess = (e) => seats.put((e.target as IDBRequest).result);
      const counts = tx.objectStore('ticketCounts');
      counts.get(countKey).onsuccess = (e) => counts.put((e.target as IDBRequest).result);
      tx.objectStore('journal').add({ ...sale, terminalId: FLOOR_TERMINAL, seq });
      tx.objectStore('outbox').add({ terminalId: FLOOR_TERMINAL, seq, enqueuedAt: sale.at });
      tx.objectStore('checkpoints').put({ ...checkpoint, terminalId: FLOOR_TERMINAL, seq });
      tx.objectStore('counters').put({ name: `receipt:${FLOOR_TERMINAL}`, value: seq });
      for (const t of tickets) {
        tx.objectStore('tickets').add({
          ...t,
          id: crypto.randomUUID(),
          orderId: `floor-${seq}`,
          code: `${t.code}~${seq}`,
        });
      }
      tx.objectStore('orders').add({
        ...order,
        id: `floor-${seq}`,
        terminalId: FLOOR_TERMINAL,
        receiptNumber: seq,
      });
      tx.objectStore('carts').delete(FLOOR_TERMINAL);
    });
    samples.push(performance.now() - t0);
  }
  return samples;
}

/**
 * Sales through `commitSale` (the sale service the sell screen's commit actor calls): one
 * reserved seat of Forest Song and one GA standing place of Dnipro Lights per sale, cash,
 * each its own strict transaction. Then two floors on the same store in the same page: the
 * sale's IndexedDB requests alone (timeSaleShaped), and bare strict transactions writing one
 * counter each.
 */
async function timeCommits(
  warmUp: number,
  count: number,
  readFirst: number,
  bare: number,
): Promise<CommitRun> {
  const till = await openAppTill();
  try {
    // Every seat of both Forest Song nights, with the tier its category is sold as.
    const seats = ['forest-song-1', 'forest-song-2'].flatMap((p) => {
      const planId = till.catalog.performance(p)?.seatingPlanId;
      const plan = planId !== undefined ? till.catalog.plan(planId) : undefined;
      const tiers = till.catalog.tiersFor(p);
      return (plan?.sections ?? []).flatMap((section) =>
        section.rows.flatMap((r) =>
          r.seats.flatMap((seat) => {
            // A companion seat sells only with an accessible one: not a one-seat sale.
            if (seat.companion) return [];
            const tier = tiers.find((t) => t.seatCategoryIds?.includes(seat.categoryId));
            return tier ? [{ performanceId: p, tierId: tier.id, seatId: seat.id }] : [];
          }),
        ),
      );
    });
    const currency = till.settings.currency;
    if (seats.length < warmUp + count + readFirst) throw new Error('not enough seats to sell');
    const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
    let stride = 7;
    while (gcd(stride, seats.length) !== 1) stride++;
    const sale: number[] = [];
    const saleReadFirst: number[] = [];
    for (let i = 0; i < warmUp + count + readFirst; i++) {
      // Spread over the rows, never the same seat twice: a stride sharing no factor with the count.
      const seat = seats[(i * stride) % seats.length]!;
      const input: SellInput = {
        items: [seat, { performanceId: 'dnipro-lights-1', tierId: 'ga-standing', quantity: 1 }],
        tenders: [{ kind: 'cash', tendered: money(500_000, currency) }],
      };
      // The last series: as after every sync round that applied other tills' sales, the till
      // forgets the stock it saw, so each of these sales reads its stock before deciding.
      const afterSync = i >= warmUp + count;
      if (afterSync) till.changed();
      const t0 = performance.now();
      const r = await commitSale(till, input, OLENA);
      const ms = performance.now() - t0;
      if (!r.ok) throw new Error(`commitSale: ${r.error.code}: ${r.error.message}`);
      if (afterSync) saleReadFirst.push(ms);
      else if (i >= warmUp) sale.push(ms);
    }
    const saleShaped = await timeSaleShaped(till, count);
    const { db } = till.store;
    const bareStrict: number[] = [];
    for (let i = 0; i < bare; i++) {
      const t0 = performance.now();
      await db.transaction('rw', db.counters, () =>
        db.counters.put({ name: 'bench-floor', value: i }),
      );
      bareStrict.push(performance.now() - t0);
    }
    return {
      sale,
      saleReadFirst,
      saleShaped,
      bareStrict,
      orders: await db.orders.count(),
      tickets: await db.tickets.count(),
    };
  } finally {
    till.close();
  }
}

declare global {
  interface Window {
    __appBench?: {
      seedHistory: typeof seedHistory;
      timeXReport: typeof timeXReport;
      timeCommits: typeof timeCommits;
    };
  }
}

window.__appBench = { seedHistory, timeXReport, timeCommits };
