// First: Dexie picks up the global indexedDB when it loads.
import 'fake-indexeddb/auto';
import type { AddressInfo } from 'node:net';
import type { AvailabilityResponse } from '../../shared/inventory/contract';
import { buildServer } from '../../src-server/app';
import { migrate } from '../../src-server/db/migrate';
import { DEMO_VENUE, seedDemo } from '../../src-server/venues';
import { seeded } from '../server/fault-proxy';
import {
  availability,
  closeWindow,
  hold,
  keepLeases,
  openWindow,
  push,
  returnLeases,
  sell,
  type InventoryWindow,
} from '../support/inventory-window';
import { demoEnrolment } from '../support/sync-server';
import { closeTills } from '../unit/till-fixtures';
import { atMost, row, type BenchRow } from './harness';
import {
  auditSales,
  gaLimits,
  tillRecord,
  type GaLimits,
  type SellerRecord,
} from './partition-audit';
import { call, expectStatus } from './inventory-client';
import { onEachDb, openBenchDb } from './server-db';

/**
 * oversold_seats_<db> and oversold_ga_places_<db> (issue 12 "Must show": the partition run;
 * target = 0, written `<= 0`): three windows of the rig (support/inventory-window: each till's
 * real main enrolled through a loopback TCP proxy, its real inventory source, seat hold
 * actors, commitSale, lease keeper and sync engine on fake-indexeddb) and the web shop
 * (`POST /api/channels/web/orders` with a channel token) sell forest-song-1 (424 seats) and
 * the GA tiers of dnipro-lights-tonight against the real server, on PGlite and — when
 * SERVER_TEST_DATABASE_URL or DATABASE_URL names one — PostgreSQL (BENCH_INVENTORY_DB=
 * pglite|postgres runs one kind).
 *
 * 1. Every till runs one lease keeper round (horizon 60 days): each has a lease of both.
 * 2. Tills 2 and 3 are cut off at their proxies. Customers (1–4 seats or places, best
 *    available, of a tier drawn by a seeded PRNG; a customer takes fewer when fewer are left)
 *    go to a (seller, performance) drawn by the same PRNG, until each one refuses a single
 *    place: offline tills sell from their leases until the hold actor (or the sale's GA
 *    claim) says `sold_out_here`; till 1 and the shop sell through the server. Till 1 pushes
 *    after each sale, as its sync engine does when online.
 * 3. Both proxies are restored, every outbox is pushed (queued 0, nothing blocked), every
 *    till gives its leases back through main (`inventory.returnLease`), and all four sell
 *    again what came back until each refuses; rounds of give-back and sell repeat until a
 *    round sells nothing.
 *
 * oversold seats = seat sales beyond the first of each seat, over every seller's own record
 * (the tills' `seatStates` 'sold', the shop's orders); oversold GA places = Σ over tiers of
 * max(0, places the sellers sold − the tier's capacity, the server's free count before the
 * run). Throws (the bench fails, no figure) when the server's sold seats differ from the
 * distinct seats the sellers sold, a sold seat is on sale, free + held + leased + sold is not
 * the capacity, a till's own tally differs from its store, or a push does not go through.
 */
const SEATED = 'forest-song-1';
const GA = 'dnipro-lights-tonight';
const SEAT_TIERS = ['premium', 'standard'];
/** BENCH_PARTITION_SEED=<n> replays another run (the note names its seed). */
const SEED = Number(process.env.BENCH_PARTITION_SEED ?? 12);
const MAX_CUSTOMERS = 5_000;
/**
 * Customers sold online by all four before the lease round: the keeper sizes a lease from
 * the till's sales of the last hour (the rig's clock stands still, so: all its sales), and a
 * till that sold nothing gets the minimum (4 seats, 4 places a tier).
 */
const WARM_UP = 60;

type Place = 'seats' | 'ga';

interface TillSeller {
  readonly kind: 'till';
  readonly name: string;
  readonly w: InventoryWindow;
  offline: boolean;
  carts: number;
  /** This run's tally (checked against the store at the end). */
  readonly seats: string[];
  readonly ga: Record<string, number>;
  soldOffline: { seats: number; ga: number };
}

interface WebSeller {
  readonly kind: 'web';
  readonly name: string;
  readonly auth: string;
  readonly seats: string[];
  readonly ga: Record<string, number>;
}

type Seller = TillSeller | WebSeller;

/** Refusals a sold-out seller may answer with; anything else is a bug in the run or the till. */
const SOLD_OUT: Record<'online' | 'offline', ReadonlySet<string>> = {
  online: new Set(['not_enough_seats', 'ga_sold_out']),
  // Offline, a tier the lease has none of is refused as 'lease_other_category' (the next tier
  // is tried); 'sold_out_here' when the lease has no place left at all.
  offline: new Set(['sold_out_here', 'lease_other_category']),
};

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (pool.length > 0) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return out;
}

const sum = (r: Readonly<Record<string, number>>) => Object.values(r).reduce((a, b) => a + b, 0);

/** One till customer of `n` (or fewer) places; the count sold, 0 when refused. */
async function tillCustomer(t: TillSeller, what: Place, n: number, random: () => number) {
  const mode = t.offline ? 'offline' : 'online';
  const refused = (code: string, message: string) => {
    if (!SOLD_OUT[mode].has(code)) throw new Error(`${t.name} (${mode}): ${code}: ${message}`);
  };
  const tiers = what === 'seats' ? SEAT_TIERS : gaTiers;
  for (let k = n; k >= 1; k--) {
    for (const tierId of shuffled(tiers, random)) {
      const cartId = `${t.name}-${t.carts++}`;
      if (what === 'seats') {
        const held = await hold(t.w, {
          cartId,
          performanceId: SEATED,
          tierId,
          request: { kind: 'best', count: k },
        });
        if (!held.ok) {
          refused(held.error.code, held.error.message);
          continue;
        }
        const items = held.value.seatIds.map((seatId) => ({ tierId, seatId }));
        const sold = await sell(t.w, cartId, SEATED, items);
        if (!sold.ok) throw new Error(`${t.name}: held seats not sold: ${sold.error.message}`);
        t.seats.push(...held.value.seatIds);
      } else {
        const sold = await sell(t.w, cartId, GA, [{ tierId, quantity: k }]);
        if (!sold.ok) {
          refused(sold.error.code, sold.error.message);
          continue;
        }
        t.ga[tierId] = (t.ga[tierId] ?? 0) + k;
      }
      if (t.offline) t.soldOffline[what] += k;
      else await push(t.w);
      return k;
    }
  }
  return 0;
}

/** One web customer; the shop reads what is free through till 1 (it has no route of its own). */
async function webCustomer(
  url: string,
  web: WebSeller,
  reader: InventoryWindow,
  what: Place,
  n: number,
  random: () => number,
) {
  const view = await availability(reader, what === 'seats' ? SEATED : GA);
  let body: object | null = null;
  if (what === 'seats') {
    const seatIds = shuffled(view.seatsAvailable, random).slice(0, n);
    if (seatIds.length > 0) body = { performanceId: SEATED, seatIds };
  } else {
    for (const tierId of shuffled(gaTiers, random)) {
      const k = Math.min(n, view.gaAvailable[tierId] ?? 0);
      if (k > 0) {
        body = { performanceId: GA, ga: { [tierId]: k } };
        break;
      }
    }
  }
  if (body === null) return 0;
  const got = await call(url, web.auth, 'POST', '/api/channels/web/orders', body);
  expectStatus(got, 201, 'web order');
  const { order } = got.json as { order: { seatIds: string[]; ga: Record<string, number> } };
  web.seats.push(...order.seatIds);
  for (const [tierId, k] of Object.entries(order.ga)) web.ga[tierId] = (web.ga[tierId] ?? 0) + k;
  return order.seatIds.length + sum(order.ga);
}

/** The GA performance's areas (tiers), from the catalog at the start of each run. */
let gaTiers: string[] = [];

/**
 * Customers until every (seller, performance) has refused a single place, or `limit`
 * customers came; places sold.
 */
async function sellUntilRefused(
  url: string,
  sellers: readonly Seller[],
  random: () => number,
  limit = MAX_CUSTOMERS,
) {
  const open = sellers.flatMap((s) => (['seats', 'ga'] as const).map((what) => ({ s, what })));
  const reader = sellers.find((s): s is TillSeller => s.kind === 'till' && !s.offline)!.w;
  let placed = 0;
  for (let customers = 0; open.length > 0 && customers < limit; customers++) {
    if (customers >= MAX_CUSTOMERS - 1)
      throw new Error(`not sold out after ${customers} customers`);
    const i = Math.floor(random() * open.length);
    const { s, what } = open[i]!;
    const n = 1 + Math.floor(random() * 4);
    const got =
      s.kind === 'web'
        ? await webCustomer(url, s, reader, what, n, random)
        : await tillCustomer(s, what, n, random);
    if (got === 0) open.splice(i, 1);
    placed += got;
  }
  return placed;
}

async function partitionRun(url: string) {
  const enrol = demoEnrolment(url);
  const made = await call(
    url,
    enrol.managerAuth,
    'POST',
    `/api/venues/${DEMO_VENUE.venueId}/channels`,
    {
      name: 'Web shop',
    },
  );
  expectStatus(made, 201, 'channel');
  const web: WebSeller = {
    kind: 'web',
    name: 'web',
    auth: `Bearer ${(made.json as { token: string }).token}`,
    seats: [],
    ga: {},
  };
  const tills: TillSeller[] = [];
  try {
    for (let i = 1; i <= 3; i++) {
      tills.push({
        kind: 'till',
        name: `till ${i}`,
        w: await openWindow({ url, enrolment: enrol.enrolment }),
        offline: false,
        carts: 0,
        seats: [],
        ga: {},
        soldOffline: { seats: 0, ga: 0 },
      });
    }
    const [one, ...cut] = tills as [TillSeller, TillSeller, TillSeller];
    const before = {
      seated: await availability(one.w, SEATED),
      ga: await availability(one.w, GA),
    };
    const capacity = before.seated.seatsAvailable.length;
    const gaCapacity = gaLimits(one.w.till.catalog, GA, before.ga.gaAvailable);
    gaTiers = Object.keys(gaCapacity.areas).sort();
    const random = seeded(SEED);
    const started = performance.now();

    const sellers: Seller[] = [...tills, web];
    const warmUp = await sellUntilRefused(url, sellers, random, WARM_UP);
    for (const t of tills) {
      const round = await keepLeases(t.w);
      if (round.reach !== 'online') throw new Error(`${t.name}: lease keeper ${round.reach}`);
    }
    const leased = await availability(one.w, SEATED);
    const leasedGa = await availability(one.w, GA);
    for (const t of cut) {
      t.w.proxy.cut();
      t.offline = true;
    }
    const partitioned = await sellUntilRefused(url, sellers, random);

    for (const t of cut) {
      t.w.proxy.restore();
      t.offline = false;
    }
    const returned = { seats: 0, ga: 0, gone: 0 };
    const rounds: number[] = [];
    for (;;) {
      for (const t of tills) {
        await push(t.w);
        const sync = t.w.sync.snapshot();
        if (sync.queued !== 0 || sync.blocked !== null) {
          throw new Error(`${t.name}: outbox not pushed: ${JSON.stringify(sync)}`);
        }
        const back = await returnLeases(t.w);
        returned.seats += back.back.get(SEATED)?.seats ?? 0;
        returned.ga += back.back.get(GA)?.ga ?? 0;
        returned.gone += back.gone;
      }
      // Every unsold lease place is back on sale.
      for (const p of [SEATED, GA]) {
        const { leased: still } = await availability(one.w, p);
        if (still.seats + still.ga > 0) throw new Error(`${p}: still leased after give-back`);
      }
      if (rounds.length >= 5) throw new Error('give-back rounds do not end');
      const placed = await sellUntilRefused(url, sellers, random);
      rounds.push(placed);
      if (placed === 0) break;
    }
    const seconds = (performance.now() - started) / 1000;
    const after = {
      seated: await availability(one.w, SEATED),
      ga: await availability(one.w, GA),
    };
    // The tills' stores are read before the windows close.
    const audited = await audit({ tills, web, capacity, gaCapacity, after });
    return {
      tills,
      audited,
      capacity,
      gaCapacity,
      leasedAtCut: { seats: leased.leased.seats, ga: leasedGa.leased.ga },
      warmUp,
      partitioned,
      rounds,
      returned,
      after,
      seconds,
    };
  } finally {
    for (const t of tills) await closeWindow(t.w);
    await closeTills();
  }
}

/** Each till's store against this run's tally, then the sellers' records against the server. */
async function audit(run: {
  readonly tills: readonly TillSeller[];
  readonly web: WebSeller;
  readonly capacity: number;
  readonly gaCapacity: GaLimits;
  readonly after: { readonly seated: AvailabilityResponse; readonly ga: AvailabilityResponse };
}) {
  const records: SellerRecord[] = [];
  for (const t of run.tills) {
    const r = await tillRecord(t.name, t.w.till, SEATED, GA, gaTiers);
    if (r.seats.length !== t.seats.length || r.seats.some((s) => !t.seats.includes(s))) {
      throw new Error(
        `${t.name}: store has ${r.seats.length} seats sold, the run ${t.seats.length}`,
      );
    }
    for (const area of gaTiers) {
      if ((r.ga[area] ?? 0) !== (t.ga[area] ?? 0)) {
        throw new Error(
          `${t.name}: store has ${r.ga[area]} ${area} sold, the run ${t.ga[area] ?? 0}`,
        );
      }
    }
    records.push(r);
  }
  records.push({ name: 'web', seats: run.web.seats, ga: run.web.ga });
  const counted = auditSales({
    records,
    capacity: run.capacity,
    gaLimits: run.gaCapacity,
    seated: run.after.seated,
  });
  return { ...counted, seatLists: records, view: run.after.seated, gaView: run.after.ga };
}

async function benchKind(kind: 'pglite' | 'postgres'): Promise<BenchRow[]> {
  const { db, drop } = await openBenchDb(kind, 'partition');
  await migrate(db);
  await seedDemo(db);
  const app = await buildServer({ db, rateLimitPerMinute: 1_000_000_000 });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  try {
    const run = await partitionRun(url);
    const a = run.audited;
    const perSeller = a.seatLists
      .map((s) => {
        const t = run.tills.find((x) => x.name === s.name);
        const offline = t && t.soldOffline.seats + t.soldOffline.ga > 0;
        return (
          `${s.name} ${s.seats.length} seats + ${sum(s.ga)} GA` +
          (offline ? ` (offline ${t.soldOffline.seats} seats + ${t.soldOffline.ga} GA)` : '')
        );
      })
      .join(', ');
    const stranded = a.view.seatsAvailable.length + a.view.leased.seats + a.view.held.seats;
    const gaCap = run.gaCapacity.total;
    const tillGaOnline = run.tills.reduce((n, t) => n + sum(t.ga) - t.soldOffline.ga, 0);
    const gaDistinct = sum(a.gaSold);
    const common =
      `${kind}; seed ${SEED}; 3 tills (2 cut off at their TCP proxies) and the web shop; ` +
      `${run.warmUp} sold online first; leased at the cut ${run.leasedAtCut.seats} seats, ${run.leasedAtCut.ga} GA; ` +
      `sold during the cut ${run.partitioned}, after reconnect per give-back round [${run.rounds.join(', ')}] ` +
      `(leases of these two gave back ${run.returned.seats} seats, ${run.returned.ga} GA; ${run.returned.gone} leases, of any performance, the server had ended already); ${run.seconds.toFixed(1)} s`;
    return [
      row(
        `oversold_seats_${kind}`,
        a.oversoldSeats,
        'seats',
        atMost(0),
        `${SEATED} (${run.capacity} seats): ${a.distinctSeats} sold = server's sold count; ${perSeller}; ` +
          `at the end ${stranded} unsold (${a.view.seatsAvailable.length} free, ${a.view.leased.seats} leased, ` +
          `${a.view.held.seats} held); ${common}`,
      ),
      row(
        `oversold_ga_places_${kind}`,
        a.oversoldGa,
        'places',
        atMost(0),
        `${GA} GA (${gaTiers.map((t) => `${t} ${a.gaSold[t] ?? 0}/${run.gaCapacity.areas[t]}`).join(', ')} sold/capacity ` +
          `by the sellers' records); ${gaDistinct} of ${gaCap} sold; the server says sold ${a.gaView.sold.ga}, ` +
          `held ${a.gaView.held.ga} (the tills sold ${tillGaOnline} GA online), leased ${a.gaView.leased.ga}, free ${sum(a.gaView.gaAvailable)}; ${common}`,
      ),
    ];
  } finally {
    await app.close();
    await db.close();
    await drop();
  }
}

export default function partitionBench(): Promise<BenchRow[]> {
  return onEachDb('BENCH_INVENTORY_DB', benchKind);
}
