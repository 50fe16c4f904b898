/**
 * The in-page half of tests/bench/propagation.bench.ts, bundled by esbuild and served at a
 * till's own origin (so it opens that till's IndexedDB store). Not a bench file itself.
 *
 * At till A (`startSeller`): the page is what the app is, minus React — it connects to A's
 * device bridge with the launch code in its URL fragment, opens the till as App.tsx does
 * (main's staff authority and journal anchor, so every commit is reported to main) and starts
 * the app's own sync engine nudged by every commit, as ReadyApp does. `sellOne` sells one
 * reserved seat of The Forest Song through `commitSale` (the sell screen's service).
 *
 * At till B (`startWatch`): B's real app runs in another tab of B's profile and pulls the
 * feed; this page only watches B's store, recording when each ticket first appears in it.
 */
import type { SellInput } from '../../shared/commands';
import { createContractClient } from '../../shared/ipc/client';
import { money } from '../../shared/money';
import { anchorThrough } from '../../src-renderer/app/journal-anchor';
import { commitSale } from '../../src-renderer/app/sale-service';
import { staffAuthority } from '../../src-renderer/app/staff-authority';
import type { Till } from '../../src-renderer/app/till';
import { openTill } from '../../src-renderer/app/till';
import { DEFAULT_DB_NAME, openStore } from '../../src-renderer/store';
import { startSync } from '../../src-renderer/sync/sync-engine';
import { syncThrough } from '../../src-renderer/sync/sync-port';
import { selectTransport } from '../../src-renderer/transport/select-transport';

const OLENA = { staffId: 'olena', role: 'cashier' as const };

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes. */
const wallNow = () => performance.timeOrigin + performance.now();

let till: Till | null = null;
let seats: { performanceId: string; tierId: string; seatId: string }[] = [];

async function startSeller(): Promise<{ terminalId: string; seats: number }> {
  const transport = await selectTransport({
    boxOffice: undefined,
    location: window.location,
    history: window.history,
    sessionStorage: window.sessionStorage,
  });
  const client = createContractClient(transport);
  const config = await client.call('config.get', {});
  if (!config.ok) throw new Error(config.error.message);
  const opened = await openTill({
    terminalId: config.value.terminalId,
    staff: staffAuthority(client),
    anchor: anchorThrough(client),
  });
  if (!opened.ok) throw new Error(`${opened.error.code}: ${opened.error.message}`);
  const t = opened.value;
  till = t;
  if (t.state().shift === null) throw new Error('till A has no open shift');
  const engine = startSync({
    db: t.store.db,
    terminalId: t.terminalId,
    port: syncThrough(client),
    onApplied: () => t.changed(),
    onKeysChanged: () => undefined,
  });
  t.subscribe(() => engine.nudge('push'));
  seats = ['forest-song-1', 'forest-song-2'].flatMap((p) => {
    const planId = t.catalog.performance(p)?.seatingPlanId;
    const plan = planId !== undefined ? t.catalog.plan(planId) : undefined;
    const tiers = t.catalog.tiersFor(p);
    return (plan?.sections ?? []).flatMap((section) =>
      section.rows.flatMap((r) =>
        r.seats.flatMap((seat) => {
          const tier = tiers.find((x) => x.seatCategoryIds?.includes(seat.categoryId));
          return tier ? [{ performanceId: p, tierId: tier.id, seatId: seat.id }] : [];
        }),
      ),
    );
  });
  return { terminalId: t.terminalId, seats: seats.length };
}

export interface SoldAt {
  readonly ticketIds: string[];
  readonly seatId: string;
  /** Wall clock when `commitSale` resolved: the sale is durable at A. */
  readonly committedAt: number;
}

/** One sale at A: the i-th seat (skipping seats the domain will not sell alone). */
async function sellOne(i: number): Promise<SoldAt> {
  if (till === null) throw new Error('startSeller first');
  const currency = till.settings.currency;
  for (let k = 0; k < seats.length; k++) {
    const seat = seats[(i * 7 + k) % seats.length]!;
    const input: SellInput = {
      items: [seat],
      tenders: [{ kind: 'cash', tendered: money(500_000, currency) }],
    };
    const r = await commitSale(till, input, OLENA);
    const committedAt = wallNow();
    if (r.ok) {
      return {
        ticketIds: r.value.sale.tickets.map((t) => t.ticketId),
        seatId: seat.seatId,
        committedAt,
      };
    }
    if (r.error.code !== 'sold_out' && r.error.code !== 'invalid_argument') {
      throw new Error(`commitSale: ${r.error.code}: ${r.error.message}`);
    }
  }
  throw new Error('no seat left to sell');
}

const firstSeen = new Map<string, number>();
let watching = false;

/** Polls B's store (a count, then the keys when it moved) and stamps each new ticket. */
async function startWatch(terminalId: string, intervalMs: number): Promise<number> {
  const opened = await openStore({ name: DEFAULT_DB_NAME, terminalId, storageManager: null });
  if (!opened.ok) throw new Error(opened.error.message);
  const { db } = opened.value;
  for (const id of await db.tickets.toCollection().primaryKeys()) firstSeen.set(id, 0);
  let last = firstSeen.size;
  watching = true;
  void (async () => {
    while (watching) {
      const n = await db.tickets.count();
      if (n !== last) {
        const at = wallNow();
        for (const id of await db.tickets.toCollection().primaryKeys()) {
          if (!firstSeen.has(id)) firstSeen.set(id, at);
        }
        last = n;
      }
      await new Promise((done) => setTimeout(done, intervalMs));
    }
    opened.value.close();
  })();
  return last;
}

/** When the tickets were all in B's store (wall clock), or null after `timeoutMs`. */
async function seenAt(ticketIds: readonly string[], timeoutMs: number): Promise<number | null> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const times = ticketIds.map((id) => firstSeen.get(id));
    if (times.every((t) => t !== undefined)) return Math.max(...times);
    if (performance.now() > deadline) return null;
    await new Promise((done) => setTimeout(done, 5));
  }
}

function stopWatch(): void {
  watching = false;
}

declare global {
  interface Window {
    __propagationBench?: {
      startSeller: typeof startSeller;
      sellOne: typeof sellOne;
      startWatch: typeof startWatch;
      seenAt: typeof seenAt;
      stopWatch: typeof stopWatch;
    };
  }
}

window.__propagationBench = { startSeller, sellOne, startWatch, seenAt, stopWatch };
