import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { createServices, type Services } from '../../src-main/services/create-services';
import { headFileName } from '../../src-main/services/journal-anchor';
import { silentLogger } from '../../src-main/services/logger';
import { provisionTerminalIdentity } from '../support/box-office-stack';
import { launchChromium } from '../support/chromium';
import { servePageBundle } from '../support/page-bundle';
import type { BenchRow } from './harness';
import { atLeast, atMost, median, row } from './harness';

/**
 * The journal's anchor (issue 8 item 4), in Debian Chromium on a persistent profile:
 * - till_start_verify_ms: the start-up check with 100,000 entries stored — the store's tail
 *   held against main's head (real services, their dispatch reached through a Playwright
 *   binding) and the chain verified from the last verified seq — median of cold checks after
 *   the first (which reports and verifies all of them once, noted).
 * - journal_verify_full_per_s: the manager's full check, every stored entry re-hashed and
 *   linked (read from IndexedDB in batches, hashed with WebCrypto), entries per second.
 */
const ENTRIES = Number(process.env.BENCH_ANCHOR_ENTRIES ?? 100_000);
const START_RUNS = 10;
const FULL_RUNS = 3;

export default async function anchorBench(): Promise<BenchRow[]> {
  const root = await mkdtemp(join(tmpdir(), 'bench-anchor-'));
  const dataDir = join(root, 'data');
  await provisionTerminalIdentity(dataDir, 'T1');
  const app = {
    name: 'bench',
    version: '0',
    platform: process.platform,
    kiosk: false,
    transport: 'bridge',
  } as const;
  const startServices = () => createServices({ dataDir, app, logger: silentLogger });
  let services: Services = await startServices();
  const served = await servePageBundle(
    `import './tests/bench/anchor-bench-page';`,
    'anchor-bench.ts',
  );
  let context: BrowserContext | undefined;
  try {
    context = await launchChromium(join(root, 'profile'));
    const page = await context.newPage();
    await page.exposeFunction('__anchorMain', (method: string, args: unknown) =>
      services.dispatch(method, args, { transport: 'bridge', caller: 'bench' }),
    );
    await page.goto(served.origin);
    await page.waitForFunction(() => window.__anchorBench !== undefined);
    const seeded = await page.evaluate(([n]) => window.__anchorBench!.seed(n, 'T1'), [
      ENTRIES,
    ] as const);
    // Main's head as if every seeded commit had been reported (reporting 100,000 entries
    // through a Playwright binding would time the binding): written as main writes it, then
    // main restarts and reads it.
    await services.close();
    await writeFile(
      join(dataDir, headFileName),
      JSON.stringify({
        v: 1,
        head: { terminalId: 'T1', ...seeded.tail },
        cash: [],
        updatedAt: new Date().toISOString(),
      }),
    );
    services = await startServices();
    const start = await page.evaluate(([r]) => window.__anchorBench!.timeStart(r, 'T1'), [
      START_RUNS + 1,
    ] as const);
    if (start.states.some((s) => s !== 'agreed'))
      throw new Error(`start check: ${start.states.join('; ')}`);
    const [first, ...steady] = start.samples;
    const full = await page.evaluate(([r]) => window.__anchorBench!.timeFullVerify(r, 'T1'), [
      FULL_RUNS,
    ] as const);
    const readMs = await page.evaluate(() => window.__anchorBench!.timeReadOnly('T1'));
    const perSecond = full.samples.map((ms) => full.entries / (ms / 1000));
    const stored = `${seeded.journal} journal entries stored (full-size cash sales, seeded through commitJournal in ${(seeded.ms / 1000).toFixed(1)} s)`;
    return [
      row(
        'till_start_verify_ms',
        median(steady),
        'ms',
        atMost(300),
        `checkRecords on a freshly opened store, median of ${steady.length}: ${steady.map((s) => s.toFixed(1)).join(', ')} ms; the first start after seeding (nothing verified yet) verified the whole chain in ${first!.toFixed(0)} ms; ${stored}`,
      ),
      row(
        'journal_verify_full_per_s',
        median(perSecond),
        'entries/s',
        atLeast(50_000),
        `verifyStoredChain from seq 1 over ${full.entries} entries (IndexedDB reads of the journal's packs, 50 entries a row and 20 rows a read, then the unpacked tail + WebCrypto SHA-256 of each entry's hashed text), median of ${FULL_RUNS}: ${full.samples.map((s) => s.toFixed(0)).join(', ')} ms, of which reading the packs and tail alone takes ${readMs.toFixed(0)} ms; ${stored}`,
      ),
    ];
  } finally {
    await context?.close();
    await served.close();
    await services.close();
    await rm(root, { recursive: true, force: true });
  }
}
