import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../support/chromium';
import { startHarnessServer } from '../e2e/store-harness/server';
import type { BenchRow } from './harness';
import { atMost, percentile, row } from './harness';

const EARLIER_ORDERS = 100_000;
const WARMUP = 20;
const COMMITS = 500;

/**
 * Sale commit latency in real Chromium (persistent profile, so IndexedDB is on disk and
 * 'strict' really waits for the flush), with 100,000 earlier orders stored. Each commit is
 * one domain `sell` result (a sale entry with 2 signed GA tickets, cash tender): seal the
 * entry, then one strict transaction writing journal + outbox + receipt counter + order +
 * 2 tickets. The drafts are built (and the tickets signed) before the timer starts.
 */
export default async function storeBench(): Promise<BenchRow[]> {
  const server = await startHarnessServer();
  const profile = await mkdtemp(join(tmpdir(), 'store-bench-profile-'));
  const context = await launchChromium(profile);
  try {
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => 'storeHarness' in window);
    const opened = await page.evaluate(() => window.storeHarness.open('BENCH'));
    if (!opened.ok) throw new Error(`store did not open: ${JSON.stringify(opened)}`);
    const loaded = await page.evaluate(
      (n) => window.storeHarness.bulkLoadOrders(n, 'BENCH'),
      EARLIER_ORDERS,
    );
    const prepared = await page.evaluate(() => window.storeHarness.prepareDomainSales('BENCH'));
    if (!prepared.ok) throw new Error(`sell command setup failed: ${JSON.stringify(prepared)}`);
    const warm = await page.evaluate((n) => window.storeHarness.timeDomainCommits(n), WARMUP);
    if (!warm.ok) throw new Error(`warm-up failed: ${JSON.stringify(warm)}`);
    const timed = await page.evaluate((n) => window.storeHarness.timeDomainCommits(n), COMMITS);
    if (!timed.ok) throw new Error(`commits failed: ${JSON.stringify(timed)}`);
    const samples = timed.value;
    const floor = await page.evaluate((n) => window.storeHarness.timeBareStrict(n), 200);
    const seal = await page.evaluate((n) => window.storeHarness.timeSeal(n), 200);
    if (!seal.ok) throw new Error(`seal timing failed: ${JSON.stringify(seal)}`);
    const check = await page.evaluate(() => window.storeHarness.snapshot('BENCH'));
    // The tail is the disk's flush under whatever else runs: say how busy the machine was.
    const load = `load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`;
    const note = `${samples.length} commits after ${loaded} stored orders; chain ${check.chain.ok ? 'ok' : 'BROKEN'}; storage ${opened.value.persistence}; ${load}`;
    return [
      row('sale_commit_p50_ms', percentile(samples, 50), 'ms', atMost(5), note),
      row('sale_commit_p99_ms', percentile(samples, 99), 'ms', atMost(15), note),
      // For reading the two above: what an empty strict transaction and the hashing cost here.
      row(
        'idb_strict_tx_p50_ms',
        percentile(floor, 50),
        'ms',
        undefined,
        `one put per strict transaction; p99 ${percentile(floor, 99).toFixed(2)} ms`,
      ),
      row(
        'sale_seal_p50_ms',
        percentile(seal.value, 50),
        'ms',
        undefined,
        `canonical JSON + SHA-256 of one sale entry; p99 ${percentile(seal.value, 99).toFixed(2)} ms`,
      ),
    ];
  } finally {
    await context.close();
    await server.close();
    await rm(profile, { recursive: true, force: true });
  }
}
