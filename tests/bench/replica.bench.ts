import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../support/chromium';
import { servePageBundle } from '../support/page-bundle';
import type { LoadRun, Prepared } from './replica-bench-page';
import type { BenchRow } from './harness';
import { atLeast, row } from './harness';

/**
 * How fast a till takes in another till's sales from the venue feed (a new or wiped till
 * catching up), in Debian Chromium on a persistent profile:
 *
 * 1. The bench page (replica-bench-page.ts) builds another terminal's journal with the domain
 *    `sell` command (2 signed tickets a sale: reserved seat + GA while the demo venue has
 *    seats, then 2 GA) sealed by `sealEntries`, cut into feed pages of 500 entries (the
 *    puller's PULL_PAGE). Not timed.
 * 2. replica_load_tickets_per_s: the pages applied to a fresh store by the real
 *    `applyFeedPage`, one after the other, as `pullFeed` applies them.
 * 3. The floor, same run: the same order and ticket rows (`saleRecords` → `tillTicketRecord`)
 *    written with bare `bulkPut`s, one strict transaction a page, into another fresh store.
 *    The ratio is replica tickets/s ÷ floor tickets/s. The floor runs first and again last;
 *    the ratio uses their mean so neither side alone pays the disk's warm-up or writeback.
 *
 * BENCH_REPLICA_TICKETS (default 100,000: 50,000 sales).
 */
const TICKETS = Number(process.env.BENCH_REPLICA_TICKETS ?? 100_000);
const SALES = Math.max(1, Math.round(TICKETS / 2));
const PAGE = 500;

const ENTRY = `import './tests/bench/replica-bench-page';`;

export default async function replicaBench(): Promise<BenchRow[]> {
  const served = await servePageBundle(ENTRY, 'replica-bench.ts');
  const profile = await mkdtemp(join(tmpdir(), 'bench-replica-'));
  const context = await launchChromium(profile);
  let prepared: Prepared;
  let rawBefore: LoadRun;
  let replica: LoadRun;
  let rawAfter: LoadRun;
  let parseMs: number;
  try {
    const page = await context.newPage();
    await page.goto(served.origin);
    await page.waitForFunction(() => window.__replicaBench !== undefined);
    prepared = await page.evaluate(([s, p]) => window.__replicaBench!.prepare(s, p), [
      SALES,
      PAGE,
    ] as const);
    rawBefore = await page.evaluate(() => window.__replicaBench!.loadRaw('replica-bench-raw-1'));
    replica = await page.evaluate(() => window.__replicaBench!.loadReplica('replica-bench-feed'));
    rawAfter = await page.evaluate(() => window.__replicaBench!.loadRaw('replica-bench-raw-2'));
    parseMs = await page.evaluate(() => window.__replicaBench!.timeParse());
  } finally {
    await context.close();
    await served.close();
    await rm(profile, { recursive: true, force: true });
  }
  for (const run of [rawBefore, replica, rawAfter]) {
    if (run.tickets !== prepared.tickets || run.orders !== prepared.sales) {
      throw new Error(
        `a load stored ${run.orders} orders / ${run.tickets} tickets of ${prepared.sales} / ${prepared.tickets}`,
      );
    }
  }
  const perS = (run: LoadRun) => (prepared.tickets * 1000) / run.ms;
  const replicaRate = perS(replica);
  const rawRate = (perS(rawBefore) + perS(rawAfter)) / 2;
  const load = `load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`;
  const data = `${prepared.sales} sales of another till / ${prepared.tickets} tickets (${prepared.seated} sales with a reserved seat, ${replica.sold} seats marked sold) in ${prepared.pages} feed pages of ${PAGE} entries; built in ${(prepared.buildMs / 1000).toFixed(1)} s (not timed)`;
  const ratio = replicaRate / rawRate;
  // What is left between the two: applyFeedPage also parses every entry with the journal's
  // zod schemas (timed alone below) and writes ticketCounts and seatStates, which the floor
  // does not; its runs of sales go to IndexedDB in a few requests a page (projectEntries).
  const cause = `; zod parse of the entries alone ${(parseMs / 1000).toFixed(2)} s of the replica's ${(replica.ms / 1000).toFixed(2)} s`;
  return [
    row(
      'replica_load_tickets_per_s',
      replicaRate,
      'tickets/s',
      undefined,
      `applyFeedPage (the puller's path) into a fresh store: ${(replica.ms / 1000).toFixed(2)} s; ${data}; ${load}`,
    ),
    row(
      'replica_load_vs_raw_bulkput_ratio',
      ratio,
      'x',
      atLeast(0.7),
      `${replicaRate.toFixed(0)} ÷ ${rawRate.toFixed(0)} tickets/s; floor: the same order + ticket rows by bare bulkPut, one strict transaction per ${PAGE}-entry page, fresh store, run before and after (${perS(rawBefore).toFixed(0)} / ${perS(rawAfter).toFixed(0)} tickets/s; it writes no ticketCounts/seatStates)${cause}`,
    ),
  ];
}
