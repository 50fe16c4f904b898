import { cpus, loadavg } from 'node:os';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildServer } from '../../src-server/app';
import { migrate } from '../../src-server/db/migrate';
import { seedDemo } from '../../src-server/venues';
import type { BenchRow } from './harness';
import { call, expectStatus, provisionTerminals } from './inventory-client';
import { onEachDb, openBenchDb } from './server-db';
import { atMost, median, percentile, row } from './harness';

/**
 * The server's inventory (issue 12) over loopback HTTP, on the demo venue's main hall
 * (424 seats, forest-song-1), on PGlite (an on-disk folder, the embedded default) and — when
 * SERVER_TEST_DATABASE_URL or DATABASE_URL names a PostgreSQL server — on PostgreSQL.
 * BENCH_INVENTORY_DB=pglite|postgres runs one kind only.
 *
 * The hall is kept busy as on a selling night: three tills hold leases of 40 seats each, and
 * 60 seats are held by carts that stay; then
 * - online_hold_p99_ms_<db>: four tills at once, each a cart after another with up to 250 ms
 *   between: hold 1–4 random free seats, release them (only the hold is timed), 500 holds;
 * - online_hold_back_to_back_p99_ms_<db>: the same with no pause (no target: a stress, every
 *   request queued on the one performance's lock), and by one till alone (no queueing);
 * - lease_checkout_p99_ms_<db>: one till checks out a lease of 20 seats and 20 standing
 *   places (another performance), returns it, 200 times (only the checkout is timed).
 *
 * Server and clients share this one process (and its event loop) on a 2-core machine.
 */
const HOLDS = 500;
/** Up to this long between one till's carts in the timed run (still far above a cashier's pace). */
const PAUSE_MS = 250;
const CLIENTS = 4;
const LEASES = 200;
const PERFORMANCE = 'forest-song-1';

async function benchKind(kind: 'pglite' | 'postgres'): Promise<BenchRow[]> {
  const { db, drop } = await openBenchDb(kind, 'inventory');
  await migrate(db);
  await seedDemo(db);
  const terminals = await provisionTerminals(db, CLIENTS + 3);
  const app = await buildServer({ db, rateLimitPerMinute: 1_000_000_000 });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  try {
    // A selling night: three tills' leases and carts that stay.
    for (const t of terminals.slice(CLIENTS)) {
      expectStatus(
        await call(url, t, 'POST', '/api/inventory/leases', {
          performanceId: PERFORMANCE,
          seats: 40,
        }),
        201,
        'lease',
      );
    }
    const free = async () =>
      (
        (await call(url, terminals[0]!, 'GET', `/api/inventory/performances/${PERFORMANCE}`))
          .json as { seatsAvailable: string[] }
      ).seatsAvailable;
    const initial = await free();
    for (let i = 0; i < 30; i++) {
      const seatIds = initial.slice(initial.length - 2 * (i + 1), initial.length - 2 * i);
      expectStatus(
        await call(url, terminals[i % CLIENTS]!, 'POST', '/api/inventory/holds', {
          performanceId: PERFORMANCE,
          seatIds,
          ttlSeconds: 1800,
        }),
        201,
        'hold',
      );
    }
    const pool = (await free()).slice(0, 200);

    // 1. Holds: four tills at once, each cart after the last with a pause of up to
    //    `pauseMs` (0: back to back, a stress far above a cashier's pace). Each till picks from
    //    its own quarter of the free seats so a refusal (another cart's seat) is not timed.
    const holdRun = async (
      pauseMs: number,
      count = HOLDS,
      clients = CLIENTS,
    ): Promise<number[]> => {
      const ms: number[] = [];
      let started = 0;
      await Promise.all(
        terminals.slice(0, clients).map(async (t, c) => {
          const mine = pool.slice(c * 50, (c + 1) * 50);
          while (started < count) {
            started++;
            if (pauseMs > 0) await sleep(Math.random() * pauseMs);
            const n = 1 + Math.floor(Math.random() * 4);
            const start = Math.floor(Math.random() * (mine.length - n));
            const s = performance.now();
            const held = await call(url, t, 'POST', '/api/inventory/holds', {
              performanceId: PERFORMANCE,
              seatIds: mine.slice(start, start + n),
            });
            ms.push(performance.now() - s);
            expectStatus(held, 201, 'hold');
            const { hold } = held.json as { hold: { holdId: string } };
            expectStatus(
              await call(url, t, 'DELETE', `/api/inventory/holds/${hold.holdId}`),
              204,
              'release',
            );
          }
        }),
      );
      return ms;
    };
    await holdRun(0, 100); // warm-up (JIT, caches, the catalog parsed), not counted
    const holdMs = await holdRun(PAUSE_MS);
    const stressMs = await holdRun(0);
    const aloneMs = await holdRun(0, 200, 1);

    // 2. Lease checkouts: 20 seats and 20 standing places, returned after each.
    const leaseMs: number[] = [];
    const t = terminals[0]!;
    for (let i = 0; i < LEASES; i++) {
      const s = performance.now();
      const seats = await call(url, t, 'POST', '/api/inventory/leases', {
        performanceId: PERFORMANCE,
        seats: 20,
      });
      leaseMs.push(performance.now() - s);
      expectStatus(seats, 201, 'lease');
      const s2 = performance.now();
      const ga = await call(url, t, 'POST', '/api/inventory/leases', {
        performanceId: 'dnipro-lights-1',
        ga: { 'ga-standing': 20 },
      });
      leaseMs.push(performance.now() - s2);
      expectStatus(ga, 201, 'GA lease');
      for (const got of [seats, ga]) {
        const { lease } = got.json as { lease: { leaseId: string } };
        expectStatus(
          await call(url, t, 'POST', `/api/inventory/leases/${lease.leaseId}/return`),
          200,
          'return',
        );
      }
    }

    const note = `${kind}; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`;
    const holdP99 = percentile(holdMs, 99);
    const leaseP99 = percentile(leaseMs, 99);
    const holds = `holds of 1–4 seats of ${PERFORMANCE} (424 seats; 120 leased to 3 tills, 60 held) by ${CLIENTS} tills at once, each released after`;
    const spread = (ms: number[]) =>
      `median ${median(ms).toFixed(1)} ms, p99 ${percentile(ms, 99).toFixed(1)} ms, max ${Math.max(...ms).toFixed(0)} ms`;
    return [
      row(`online_hold_median_ms_${kind}`, median(holdMs), 'ms', undefined, `as below; ${note}`),
      row(
        `online_hold_p99_ms_${kind}`,
        holdP99,
        'ms',
        atMost(50),
        `${holdMs.length} ${holds}, 0–${PAUSE_MS} ms between a till's carts; ${spread(holdMs)}; ${note}`,
      ),
      row(
        `online_hold_back_to_back_p99_ms_${kind}`,
        percentile(stressMs, 99),
        'ms',
        undefined,
        `${stressMs.length} ${holds}, no pause: every hold queues behind the others' holds and releases on the performance's lock; ${spread(stressMs)}; ${note}`,
      ),
      row(
        `online_hold_one_till_p99_ms_${kind}`,
        percentile(aloneMs, 99),
        'ms',
        undefined,
        `${aloneMs.length} holds by one till alone, back to back (what one hold costs without queueing); ${spread(aloneMs)}; ${note}`,
      ),
      row(
        `lease_checkout_median_ms_${kind}`,
        median(leaseMs),
        'ms',
        undefined,
        `${leaseMs.length} checkouts; ${note}`,
      ),
      row(
        `lease_checkout_p99_ms_${kind}`,
        leaseP99,
        'ms',
        atMost(100),
        `${leaseMs.length} checkouts (20 seats of ${PERFORMANCE}, or 20 standing places of dnipro-lights-1), one after another, each returned; median ${median(leaseMs).toFixed(1)} ms, max ${Math.max(...leaseMs).toFixed(0)} ms; ${note}`,
      ),
    ];
  } finally {
    await app.close();
    await db.close();
    await drop();
  }
}

export default function inventoryBench(): Promise<BenchRow[]> {
  return onEachDb('BENCH_INVENTORY_DB', benchKind);
}
