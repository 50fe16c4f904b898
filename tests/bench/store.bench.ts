import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../support/chromium';
import { startHarnessServer } from '../e2e/store-harness/server';
import type { BenchRow } from './harness';
import { percentile, row } from './harness';

/**
 * The pieces a sale commit is made of, in real Chromium (persistent profile, so IndexedDB is
 * on disk and 'strict' really waits for the flush): an empty strict transaction and sealing
 * one domain sale entry (canonical JSON + SHA-256). Figures to read sale_commit_* by; the sale
 * commit itself is measured through the sale service in app.bench.ts.
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
    const prepared = await page.evaluate(() => window.storeHarness.prepareDomainSales('BENCH'));
    if (!prepared.ok) throw new Error(`sell command setup failed: ${JSON.stringify(prepared)}`);
    const floor = await page.evaluate((n) => window.storeHarness.timeBareStrict(n), 200);
    const seal = await page.evaluate((n) => window.storeHarness.timeSeal(n), 200);
    if (!seal.ok) throw new Error(`seal timing failed: ${JSON.stringify(seal)}`);
    const load = `load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`;
    return [
      row(
        'idb_strict_tx_p50_ms',
        percentile(floor, 50),
        'ms',
        undefined,
        `one put per strict transaction, empty store; p99 ${percentile(floor, 99).toFixed(2)} ms; storage ${opened.value.persistence}; ${load}`,
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
