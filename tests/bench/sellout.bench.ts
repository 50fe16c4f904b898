import type { AddressInfo } from 'node:net';
import { indexCatalog, type CatalogIndex } from '../../shared/catalog/catalog';
import { buildDemoCatalog, DEMO_VENUE_TEMPLATE } from '../../shared/catalog/demo-venue';
import { availabilityResponseSchema } from '../../shared/inventory/contract';
import { leaseAdvice, seatBounds, venueLeaseLimits } from '../../shared/inventory/lease-policy';
import { buildServer } from '../../src-server/app';
import { migrate } from '../../src-server/db/migrate';
import type { Db } from '../../src-server/db/port';
import { DEMO_MANAGER, DEMO_VENUE, seedDemo } from '../../src-server/venues';
import { seeded } from '../server/fault-proxy';
import { SeatSellingTill } from '../server/sim-till';
import { atMost, row, type BenchRow } from './harness';
import { call, expectStatus, provisionTerminals, type Terminal } from './inventory-client';
import { onEachDb, openBenchDb } from './server-db';

/**
 * stranded_seats_at_sellout_pct_<db> (issue 12, target ≤ 2): three tills and the web shop sell
 * the demo venue's main hall (forest-song-1, 424 seats: the issue's 400-seat night, on the
 * demo's own plan rather than a bench-only catalog) to sold out, all online, over loopback
 * HTTP against the real server, on PGlite and — when SERVER_TEST_DATABASE_URL or DATABASE_URL
 * names a PostgreSQL server — on PostgreSQL (BENCH_INVENTORY_DB=pglite|postgres runs one).
 *
 * - Customers (1–4 seats each, wanting exactly that many) arrive one after another at a
 *   seller drawn by a seeded PRNG, so a run is the same every time. Simulated time: 40
 *   customers an hour across the four sellers (one every 90 s of the till's clock).
 * - Each till, on each customer, first does what `leaseAdvice` (shared/inventory/lease-policy,
 *   the one rule the tills will use) says, with its own seats sold in the last simulated hour,
 *   the venue's free count from `GET /api/inventory/performances/:id`, its unsold lease seats,
 *   four sellers and the venue's lease bounds from its catalog (`venueLeaseLimits`): `top_up` → `POST
 *   /api/inventory/leases {seats}`, `return` → `POST /api/inventory/leases/:id/return` of each
 *   live lease. Then it sells online from the venue's free seats: a hold of the chosen seats,
 *   the sale as a sealed journal `sale` entry pushed to `POST /api/sync/push`, which uses the
 *   hold up (a release after it finds the hold ended). Only when the venue has too few free seats for the customer does it sell from
 *   its lease (a pushed sale of lease seats, no hold).
 * - The web shop orders free seats straight from the venue (`POST /api/channels/web/orders`).
 *   The shop has no availability route of its own yet: it reads the free seats as a till does.
 * - Tills never pick a companion seat alone: the till's sale command refuses one without its
 *   wheelchair place (the shop's order path does not check that rule).
 * - The run ends when, since the last sale anywhere, every seller has refused a customer.
 *
 * stranded % = (capacity − seats sold by everyone) / capacity × 100. Afterwards the server's
 * sold count must equal the seats the sellers sold, with no seat sold twice (else it throws).
 */
const PERFORMANCE = 'forest-song-1';
const TILLS = 3;
const SELLERS = TILLS + 1;
const HOUR_MS = 3_600_000;
const CUSTOMERS_PER_HOUR = 40;
const STEP_MS = HOUR_MS / CUSTOMERS_PER_HOUR;
/** BENCH_SELLOUT_SEED=<n> replays another arrival order (the row names its seed). */
const SEED = Number(process.env.BENCH_SELLOUT_SEED ?? 12);
/** A run that has not ended after this many customers is a bug in the run, not a figure. */
const MAX_CUSTOMERS = 5_000;

interface TillSeller {
  readonly kind: 'till';
  readonly name: string;
  readonly terminal: Terminal;
  readonly till: SeatSellingTill;
  /** Live leases: their unsold seats, by lease id. */
  readonly leases: Map<string, Set<string>>;
  /** Sales as (simulated time, seats), for the last hour's rate. */
  readonly sales: { readonly atMs: number; readonly seats: number }[];
  readonly sold: string[];
  soldFromLease: number;
  leasesTaken: number;
  leasesReturned: number;
  seatsReturned: number;
}

interface WebSeller {
  readonly kind: 'web';
  readonly name: string;
  readonly sold: string[];
}

type Seller = TillSeller | WebSeller;

interface RunResult {
  readonly capacity: number;
  readonly sellers: readonly Seller[];
  readonly customers: number;
  readonly hours: number;
  /** Seats in till leases when the shop first found too few free seats for a customer. */
  readonly leasedAtFirstWebRefusal: number;
  /** The most seats in till leases at once. */
  readonly peakLeased: number;
}

/** `n` distinct members of `from`, drawn with `random`. */
function pick<T>(from: readonly T[], n: number, random: () => number): T[] {
  const pool = [...from];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) {
    out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  }
  return out;
}

async function sellOut(url: string, catalog: CatalogIndex, db: Db) {
  const terminals = await provisionTerminals(db, TILLS, 'S');
  const made = await call(
    url,
    `Basic ${Buffer.from(`${DEMO_MANAGER.email}:${DEMO_MANAGER.password}`).toString('base64')}`,
    'POST',
    `/api/venues/${DEMO_VENUE.venueId}/channels`,
    { name: 'Web shop' },
  );
  expectStatus(made, 201, 'channel');
  const shop = `Bearer ${(made.json as { token: string }).token}`;

  const planId = catalog.performance(PERFORMANCE)?.seatingPlanId;
  const plan = planId ? catalog.plan(planId) : undefined;
  if (!plan) throw new Error(`${PERFORMANCE} has no seating plan`);
  const seats = plan.sections.flatMap((s) => s.rows.flatMap((r) => r.seats));
  const companions = new Set(seats.filter((s) => s.companion).map((s) => s.id));
  const capacity = seats.length;
  const tillMaySell = (seatId: string) => !companions.has(seatId);

  const tills: TillSeller[] = terminals.map((terminal, i) => ({
    kind: 'till',
    name: `till ${i + 1}`,
    terminal,
    till: new SeatSellingTill(terminal.terminalId, catalog, 100 + i),
    leases: new Map(),
    sales: [],
    sold: [],
    soldFromLease: 0,
    leasesTaken: 0,
    leasesReturned: 0,
    seatsReturned: 0,
  }));
  const web: WebSeller = { kind: 'web', name: 'web', sold: [] };
  const sellers: Seller[] = [...tills, web];
  const random = seeded(SEED);
  const { min, max } = seatBounds(venueLeaseLimits(catalog.venue));

  const freeSeats = async (): Promise<string[]> => {
    const got = await call(url, terminals[0]!, 'GET', `/api/inventory/performances/${PERFORMANCE}`);
    expectStatus(got, 200, 'availability');
    return availabilityResponseSchema.parse(got.json).seatsAvailable;
  };
  const leasedNow = () =>
    tills.reduce((n, t) => n + [...t.leases.values()].reduce((m, s) => m + s.size, 0), 0);

  const pushSale = async (t: TillSeller, seatIds: readonly string[]) => {
    const entries = await t.till.sellSeats(PERFORMANCE, seatIds);
    const pushed = await call(url, t.terminal, 'POST', '/api/sync/push', { entries });
    expectStatus(pushed, 200, 'push');
    const { acks } = pushed.json as { acks: { status: string }[] };
    if (acks.some((a) => a.status !== 'applied')) {
      throw new Error(`push: an entry was not applied: ${JSON.stringify(acks)}`);
    }
  };

  /** The lease rule, then one customer of `n` seats; false when refused. */
  const tillCustomer = async (t: TillSeller, n: number, nowMs: number): Promise<boolean> => {
    let free = await freeSeats();
    const leasedHere = [...t.leases.values()].reduce((m, s) => m + s.size, 0);
    const soldLastHour = t.sales
      .filter((s) => s.atMs > nowMs - HOUR_MS)
      .reduce((m, s) => m + s.seats, 0);
    const advice = leaseAdvice({
      soldLastHour,
      venueFree: free.length,
      leasedHere,
      sellers: SELLERS,
      min,
      max,
    });
    if (advice.kind === 'top_up') {
      const got = await call(url, t.terminal, 'POST', '/api/inventory/leases', {
        performanceId: PERFORMANCE,
        seats: advice.count,
      });
      expectStatus(got, 201, 'lease');
      const { lease } = got.json as { lease: { leaseId: string; seatIds: string[] } };
      t.leases.set(lease.leaseId, new Set(lease.seatIds));
      t.leasesTaken++;
      free = await freeSeats();
    } else if (advice.kind === 'return') {
      for (const leaseId of t.leases.keys()) {
        const got = await call(url, t.terminal, 'POST', `/api/inventory/leases/${leaseId}/return`);
        expectStatus(got, 200, 'return');
        t.seatsReturned += (got.json as { lease: { seatIds: string[] } }).lease.seatIds.length;
        t.leasesReturned++;
      }
      t.leases.clear();
      free = await freeSeats();
    }

    const online = pick(free.filter(tillMaySell), n, random);
    if (online.length === n) {
      const held = await call(url, t.terminal, 'POST', '/api/inventory/holds', {
        performanceId: PERFORMANCE,
        seatIds: online,
      });
      expectStatus(held, 201, 'hold');
      await pushSale(t, online);
      // The pushed sale took its seats out of this till's hold, which ended `sold` with it.
      const { hold } = held.json as { hold: { holdId: string } };
      expectStatus(
        await call(url, t.terminal, 'DELETE', `/api/inventory/holds/${hold.holdId}`),
        404,
        'release of a hold the sale used up',
      );
      t.sold.push(...online);
    } else {
      const mine = [...t.leases.values()].flatMap((s) => [...s]).filter(tillMaySell);
      const fromLease = pick(mine, n, random);
      if (fromLease.length < n) return false;
      await pushSale(t, fromLease);
      for (const s of t.leases.values()) for (const id of fromLease) s.delete(id);
      t.sold.push(...fromLease);
      t.soldFromLease += n;
    }
    t.sales.push({ atMs: nowMs, seats: n });
    return true;
  };

  const webCustomer = async (n: number): Promise<boolean> => {
    const seatIds = pick(await freeSeats(), n, random);
    if (seatIds.length < n) return false;
    const got = await call(url, shop, 'POST', '/api/channels/web/orders', {
      performanceId: PERFORMANCE,
      seatIds,
    });
    expectStatus(got, 201, 'web order');
    web.sold.push(...seatIds);
    return true;
  };

  let customers = 0;
  let leasedAtFirstWebRefusal: number | null = null;
  let peakLeased = 0;
  const refusedSinceLastSale = new Set<string>();
  while (refusedSinceLastSale.size < sellers.length) {
    if (customers >= MAX_CUSTOMERS) throw new Error(`no sell-out after ${customers} customers`);
    const seller = sellers[Math.floor(random() * sellers.length)]!;
    const n = 1 + Math.floor(random() * 4);
    const nowMs = customers * STEP_MS;
    customers++;
    for (const t of tills) t.till.advance(STEP_MS);
    const sold =
      seller.kind === 'web' ? await webCustomer(n) : await tillCustomer(seller, n, nowMs);
    peakLeased = Math.max(peakLeased, leasedNow());
    if (sold) refusedSinceLastSale.clear();
    else {
      refusedSinceLastSale.add(seller.name);
      if (seller.kind === 'web' && leasedAtFirstWebRefusal === null) {
        leasedAtFirstWebRefusal = leasedNow();
      }
    }
  }

  // Consistency: the server counts what the sellers think they sold, and no seat twice.
  const view = availabilityResponseSchema.parse(
    (await call(url, terminals[0]!, 'GET', `/api/inventory/performances/${PERFORMANCE}`)).json,
  );
  const all = sellers.flatMap((s) => s.sold);
  if (new Set(all).size !== all.length) throw new Error('a seat was sold twice');
  if (view.sold.seats !== all.length) {
    throw new Error(`the server counts ${view.sold.seats} seats sold; the sellers ${all.length}`);
  }
  if (view.held.seats !== 0) throw new Error(`${view.held.seats} seats still held`);
  if (view.leased.seats !== leasedNow()) {
    throw new Error(
      `the server counts ${view.leased.seats} seats leased; the tills ${leasedNow()}`,
    );
  }
  if (view.seatsAvailable.length + view.leased.seats + all.length !== capacity) {
    throw new Error('free + leased + sold is not the capacity');
  }
  const result: RunResult = {
    capacity,
    sellers,
    customers,
    hours: (customers * STEP_MS) / HOUR_MS,
    // The run ends only once the shop too has refused someone.
    leasedAtFirstWebRefusal: leasedAtFirstWebRefusal ?? 0,
    peakLeased,
  };
  return { result, freeAtEnd: view.seatsAvailable.length, leasedAtEnd: view.leased.seats };
}

async function benchKind(kind: 'pglite' | 'postgres'): Promise<BenchRow[]> {
  const { db, drop } = await openBenchDb(kind, 'sellout');
  await migrate(db);
  // The tills' catalog is the one the server seeds: the same instant, the same performances.
  const now = Date.now();
  await seedDemo(db, now);
  const demo = buildDemoCatalog(DEMO_VENUE_TEMPLATE, now);
  if (!demo.ok) throw new Error(demo.error.message);
  const app = await buildServer({ db, rateLimitPerMinute: 1_000_000_000 });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  try {
    const started = performance.now();
    const limits = venueLeaseLimits(demo.value.venue);
    const { result, freeAtEnd, leasedAtEnd } = await sellOut(url, indexCatalog(demo.value), db);
    const seconds = (performance.now() - started) / 1000;
    const { capacity, sellers } = result;
    const sold = sellers.reduce((n, s) => n + s.sold.length, 0);
    const stranded = capacity - sold;
    const bySeller = sellers
      .map((s) =>
        s.kind === 'web'
          ? `web ${s.sold.length}`
          : `${s.name} ${s.sold.length} (${s.soldFromLease} from its lease; ${s.leasesTaken} leases taken, ${s.leasesReturned} returned with ${s.seatsReturned} seats)`,
      )
      .join(', ');
    const note =
      `${kind}; ${PERFORMANCE} (${capacity} seats), 3 tills and the web shop, all online; ` +
      `${result.customers} customers of 1–4 seats (seed ${SEED}) over ${result.hours.toFixed(1)} simulated hours; ` +
      `sold ${sold}: ${bySeller}; at the end ${stranded} unsold: ${freeAtEnd} free at the venue, ` +
      `${leasedAtEnd} in till leases; at most ${result.peakLeased} seats in leases at once; lease bounds ${limits.minSeats}–${limits.maxSeats} seats (the venue's setting); ` +
      `server sold count = sellers' count, no seat twice; ${seconds.toFixed(1)} s`;
    return [
      row(
        `stranded_seats_at_sellout_pct_${kind}`,
        (stranded / capacity) * 100,
        '%',
        atMost(2),
        note,
      ),
      row(
        `seats_in_leases_at_web_sellout_${kind}`,
        result.leasedAtFirstWebRefusal,
        'seats',
        undefined,
        `seats in till leases (not the shop's to sell) when the web shop first had too few free seats for a customer; run as stranded_seats_at_sellout_pct_${kind}`,
      ),
    ];
  } finally {
    await app.close();
    await db.close();
    await drop();
  }
}

export default function selloutBench(): Promise<BenchRow[]> {
  return onEachDb('BENCH_INVENTORY_DB', benchKind);
}
