/**
 * The in-page half of tests/bench/replica.bench.ts, bundled by esbuild and run in real
 * Chromium on a persistent profile (IndexedDB on disk, strict transactions really flushed).
 * Not a bench file itself (no `.bench.ts`).
 *
 * `prepare` builds another terminal's sale journal with the domain's own `sell` command over
 * the demo venue (2 signed tickets per sale: a reserved seat + a GA place while the seated
 * performances have seats, then 2 GA places) and seals it with `sealEntries`, then cuts it into
 * feed pages of the puller's size, JSON round-tripped as a pull answer arrives. `loadReplica`
 * applies them to a fresh store with the till's real `applyFeedPage`, page after page as
 * `pullFeed` does; `loadRaw` writes the same order and ticket rows with bare `bulkPut`s in
 * strict transactions of the same page size into another fresh store: the floor.
 */
import { indexCatalog } from '../../shared/catalog/catalog';
import type { SellInput } from '../../shared/commands';
import { sell } from '../../shared/commands';
import type { TerminalState } from '../../shared/commands/terminal-state';
import { applyEntry } from '../../shared/commands/terminal-state';
import { preferredEd25519Backend } from '../../shared/crypto/ed25519';
import { sealEntries, type ChainHead, type JournalEntry } from '../../shared/journal/chain';
import type { EntryDraft, SalePayload } from '../../shared/journal/entry-types';
import { money } from '../../shared/money';
import { createIdSource } from '../../shared/orders/ids';
import type { PullResponse } from '../../shared/sync/contract';
import { generateSigningKey } from '../../shared/tickets/signing-key';
import { createTicketSigner } from '../../shared/tickets/ticket-code';
import { saleRecords } from '../../src-renderer/app/sale-service';
import type { TillOrderRecord, TillTicketRecord } from '../../src-renderer/app/till-records';
import { DEMO_VENUE_TEMPLATE, buildDemoCatalog } from '../../shared/catalog/demo-venue';
import type { Store } from '../../src-renderer/store';
import { openStore } from '../../src-renderer/store';
import { parseJournalEntry } from '../../shared/journal/entry-schema';
import { applyFeedPage } from '../../src-renderer/sync/feed-apply';

const OTHER_TERMINAL = 'till-other-window';
const OWN_TERMINAL = 'till-replica';

type FeedPage = Pick<PullResponse, 'entries' | 'next'>;

export interface Prepared {
  readonly sales: number;
  readonly tickets: number;
  readonly seated: number;
  readonly pages: number;
  readonly buildMs: number;
}

export interface LoadRun {
  readonly ms: number;
  readonly orders: number;
  readonly tickets: number;
  readonly sold: number;
}

let pages: FeedPage[] = [];
/** Per page, the order and ticket rows `applyFeedPage` writes for it (for the raw floor). */
let rows: { orders: TillOrderRecord[]; tickets: TillTicketRecord[] }[] = [];

async function prepare(sales: number, pageSize: number): Promise<Prepared> {
  const started = performance.now();
  const now = Date.now();
  const built = buildDemoCatalog(DEMO_VENUE_TEMPLATE, now);
  if (!built.ok) throw new Error(built.error.message);
  const catalog = indexCatalog(built.value);
  const ga = built.value.tiers.find((t) => t.kind === 'ga');
  // The last GA performance to start: 50,000 sales a few seconds apart must all fall before
  // its sales close (the first one starts within hours of now).
  const gaPerformance =
    ga &&
    built.value.performances
      .filter((p) => p.eventId === ga.eventId && p.status === 'scheduled')
      .sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt))[0];
  if (!ga || !gaPerformance) throw new Error('The demo venue has no GA tier on sale.');
  // Every seat of the scheduled seated performances, with the tier its category is sold as.
  const seats = built.value.performances
    .filter((p) => p.status === 'scheduled' && p.seatingPlanId !== undefined)
    .flatMap((p) => {
      const plan = catalog.plan(p.seatingPlanId!);
      const tiers = catalog.tiersFor(p.id);
      return (plan?.sections ?? []).flatMap((section) =>
        section.rows.flatMap((r) =>
          r.seats.flatMap((seat) => {
            const tier = tiers.find((t) => t.seatCategoryIds?.includes(seat.categoryId));
            return tier ? [{ performanceId: p.id, tierId: tier.id, seatId: seat.id }] : [];
          }),
        ),
      );
    });

  const backend = await preferredEd25519Backend();
  const key = await generateSigningKey(backend);
  const signer = createTicketSigner(
    { privateKey: key.privateKey, publicKey: key.publicKey },
    key.keyId,
    backend,
  );
  if (!signer.ok) throw new Error(signer.error.message);
  let clock = now;
  const tick = () => clock;
  const ports = {
    clock: tick,
    ids: createIdSource(tick, (n: number) => crypto.getRandomValues(new Uint8Array(n))),
    signTicket: signer.value,
  };
  const currency = built.value.venue.currency;
  const staff = { staffId: 'olena', role: 'cashier' as const };
  const settings = {
    terminalId: OTHER_TERMINAL,
    currency,
    paidOutLimit: money(100_000, currency),
    overShortTolerance: money(500, currency),
  };
  let terminal: TerminalState = {
    terminalId: OTHER_TERMINAL,
    session: staff,
    shift: {
      shiftId: 'shift-other',
      openedAt: new Date(now).toISOString(),
      float: money(0, currency),
      staff,
      training: false,
    },
    lastReceiptNo: 0,
    lastTrainingReceiptNo: 0,
    lastZNumber: 0,
    training: false,
  };

  const gaInventory = { gaAvailable: { [ga.id]: 1_000_000 }, sold: 0, capacity: 1_000_000 };
  const drafts: EntryDraft[] = [];
  let seatIndex = 0;
  let seated = 0;
  for (let i = 0; i < sales; i++) {
    // 100 ms apart: 50,000 sales span 83 minutes of the bench clock, not 14 hours.
    clock += 100;
    const seat = i % 2 === 0 && seatIndex < seats.length ? seats[seatIndex++] : undefined;
    const attempt = async (withSeat: boolean) => {
      const input: SellInput = {
        items:
          withSeat && seat
            ? [seat, { performanceId: gaPerformance.id, tierId: ga.id, quantity: 1 }]
            : [{ performanceId: gaPerformance.id, tierId: ga.id, quantity: 2 }],
        tenders: [{ kind: 'cash', tendered: money(10_000_000, currency) }],
      };
      const inventory: Record<string, typeof gaInventory & { availableSeatIds?: Set<string> }> = {
        [gaPerformance.id]: gaInventory,
      };
      if (withSeat && seat) {
        const own = inventory[seat.performanceId];
        inventory[seat.performanceId] = {
          ...(own ?? { sold: 0, capacity: 1_000_000, gaAvailable: {} }),
          availableSeatIds: new Set([seat.seatId]),
        };
      }
      return sell({ terminal, settings, catalog, inventory }, input, staff, ports);
    };
    // A seat the domain will not sell alone (a companion seat) is skipped: 2 GA places instead.
    let r = await attempt(seat !== undefined);
    if (!r.ok && seat !== undefined) r = await attempt(false);
    else if (seat !== undefined) seated++;
    if (!r.ok) throw new Error(`sell: ${r.error.code}: ${r.error.message}`);
    for (const d of r.value.drafts) {
      drafts.push(d);
      terminal = applyEntry(terminal, d);
    }
  }

  // Sealed in chunks (one chain), then cut into pull pages with feed cursors.
  const sealed: JournalEntry[] = [];
  let last: ChainHead | null = null;
  for (let at = 0; at < drafts.length; at += 1_000) {
    const chunk: JournalEntry[] = await sealEntries(
      OTHER_TERMINAL,
      last,
      drafts.slice(at, at + 1_000),
    );
    sealed.push(...chunk);
    const tail: JournalEntry | undefined = chunk[chunk.length - 1];
    if (tail) last = tail;
  }
  pages = [];
  rows = [];
  for (let at = 0; at < sealed.length; at += pageSize) {
    const slice = sealed.slice(at, at + pageSize);
    const entries = slice.map((entry, i) => ({ cursor: at + i + 1, entry }));
    // As a pull answer arrives: fresh objects, parsed from the wire.
    pages.push(JSON.parse(JSON.stringify({ entries, next: at + slice.length })) as FeedPage);
    const orders: TillOrderRecord[] = [];
    const tickets: TillTicketRecord[] = [];
    for (const e of JSON.parse(JSON.stringify(slice)) as JournalEntry[]) {
      if (e.type !== 'sale') continue;
      const r = saleRecords(e as JournalEntry<'sale', SalePayload>);
      orders.push(r.order);
      tickets.push(...r.tickets);
    }
    rows.push({ orders, tickets });
  }
  return {
    sales,
    tickets: rows.reduce((n, p) => n + p.tickets.length, 0),
    seated,
    pages: pages.length,
    buildMs: performance.now() - started,
  };
}

async function freshStore(name: string): Promise<Store> {
  await new Promise<void>((done, fail) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => done();
    req.onerror = () => fail(req.error ?? new Error('deleteDatabase failed'));
  });
  const opened = await openStore({ name, terminalId: OWN_TERMINAL });
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value;
}

async function counted(store: Store, ms: number): Promise<LoadRun> {
  const { db } = store;
  // A fresh store: every seat row there is one the load marked sold.
  const sold = await db.seatStates.count();
  return { ms, orders: await db.orders.count(), tickets: await db.tickets.count(), sold };
}

/** The till's replica path: `applyFeedPage` for each page in turn, as `pullFeed` does. */
async function loadReplica(name: string): Promise<LoadRun> {
  const store = await freshStore(name);
  try {
    let applied = 0;
    const t0 = performance.now();
    for (const page of pages) {
      const outcome = await applyFeedPage(store.db, OWN_TERMINAL, page);
      applied += outcome.applied;
      if (outcome.kept !== 0) throw new Error(`${outcome.kept} feed entries kept unapplied`);
    }
    const ms = performance.now() - t0;
    if (applied !== pages.reduce((n, p) => n + p.entries.length, 0)) {
      throw new Error(`only ${applied} feed entries applied`);
    }
    return await counted(store, ms);
  } finally {
    store.close();
  }
}

/** The floor: the same order and ticket rows, bare bulkPuts, one strict transaction a page. */
async function loadRaw(name: string): Promise<LoadRun> {
  const store = await freshStore(name);
  try {
    const { db } = store;
    const t0 = performance.now();
    for (const page of rows) {
      await db.transaction('rw', [db.orders, db.tickets], () =>
        Promise.all([db.orders.bulkPut(page.orders), db.tickets.bulkPut(page.tickets)]),
      );
    }
    const ms = performance.now() - t0;
    return await counted(store, ms);
  } finally {
    store.close();
  }
}

/** Diagnostic for the note: the part of the replica load that is the feed entries' zod parse. */
function timeParse(): number {
  const t0 = performance.now();
  for (const page of pages) for (const f of page.entries) parseJournalEntry(f.entry);
  return performance.now() - t0;
}

declare global {
  interface Window {
    __replicaBench?: {
      prepare: typeof prepare;
      loadReplica: typeof loadReplica;
      loadRaw: typeof loadRaw;
      timeParse: typeof timeParse;
    };
  }
}

window.__replicaBench = { prepare, loadReplica, loadRaw, timeParse };
