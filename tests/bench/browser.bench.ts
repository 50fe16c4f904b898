import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { servePageBundle } from '../support/page-bundle';
import type { SampledCode, ScanRun, SeedResult } from './browser-scan-page';
import type { BenchRow } from './harness';
import { atMost, median, percentile, row } from './harness';
import { measureAppReady } from './browser-app-ready';

/**
 * Cashier-app figures measured in real Chromium (Debian's, persistent profile):
 * - scan_to_verdict_p99_ms: the refund screen's pipeline (normalise, parse, WebCrypto Ed25519,
 *   IndexedDB lookup of ticket + order, refund policy) with 200,000 tickets stored; timed in
 *   the page around `scanner.scan`, so CDP round trips are not counted;
 * - renderer_heap_mb: JS heap used by that page after a forced GC (CDP
 *   HeapProfiler.collectGarbage + Runtime.getHeapUsage), with the 200,000 tickets in the store;
 * - app_ready_ms: see browser-app-ready.ts.
 */
const TICKETS = Number(process.env.BENCH_SCAN_TICKETS ?? 200_000);
const GENUINE_SCANS = 600;
const FORGED_SCANS = 60;
const WARM_UP = 10;
const NOW = Date.parse('2026-03-02T10:00:00Z');

const root = resolve(import.meta.dirname, '../..');

const ENTRY = `import './tests/bench/browser-scan-page';`;

async function heapUsedMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  // Two passes: the first can leave objects whose finalizers free more on the second.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usage.usedSize / (1024 * 1024);
}

async function freshPage(context: BrowserContext, origin: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(origin);
  await page.waitForFunction(() => window.__bench !== undefined);
  return page;
}

export default async function bench(): Promise<BenchRow[]> {
  const served = await servePageBundle(ENTRY, 'browser-bench.ts');
  const profile = await mkdtemp(join(tmpdir(), 'bench-browser-'));
  const rows: BenchRow[] = [];
  let context: BrowserContext | undefined;
  try {
    context = await launchChromium(profile);
    const seeding = await freshPage(context, served.origin);
    const seeded: SeedResult = await seeding.evaluate(
      ([n, now, size]) => window.__bench!.seed(n, now, size),
      [TICKETS, NOW, GENUINE_SCANS + WARM_UP] as const,
    );
    if (seeded.tickets !== TICKETS)
      throw new Error(`seeded ${seeded.tickets} tickets, wanted ${TICKETS}`);
    const forged: SampledCode[] = [];
    for (let i = 0; i < FORGED_SCANS; i++) {
      const source = seeded.sample[i % seeded.sample.length]!;
      const code = await seeding.evaluate(([c, bit]) => window.__bench!.forge(c, bit), [
        source.code,
        i * 37 + 5,
      ] as const);
      forged.push({ code, expected: 'bad_signature' });
    }
    await seeding.close();

    // A fresh page, as after a restart: nothing of the seeding left in its heap.
    const page = await freshPage(context, served.origin);
    const mixed: SampledCode[] = [...seeded.sample];
    // Forged codes spread through the run, not bunched at the end.
    forged.forEach((f, i) =>
      mixed.splice(
        WARM_UP + Math.floor(((i + 1) * seeded.sample.length) / (FORGED_SCANS + 1)),
        0,
        f,
      ),
    );
    const run: ScanRun = await page.evaluate(
      ([codes, now, warmUp]) => window.__bench!.scanAll(codes, now, warmUp),
      [mixed, NOW, WARM_UP] as const,
    );
    if (run.wrong.length > 0) {
      throw new Error(
        `scan verdicts wrong for ${run.wrong.length} codes, e.g. ${JSON.stringify(run.wrong[0])}`,
      );
    }
    const counts = Object.entries(run.counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    rows.push(
      row(
        'scan_to_verdict_p99_ms',
        percentile(run.samples, 99),
        'ms',
        atMost(10),
        `${run.samples.length} scans after ${WARM_UP} warm-up (${counts}) with ${seeded.tickets} tickets / ${seeded.orders} orders stored; median ${median(run.samples).toFixed(3)} ms, max ${Math.max(...run.samples).toFixed(3)} ms; WebCrypto Ed25519`,
      ),
    );
    const heap = await heapUsedMb(page);
    rows.push(
      row(
        'renderer_heap_mb',
        heap,
        'MB',
        atMost(150),
        `JS heap after GC, page with store + catalog + scanner open and ${run.samples.length + WARM_UP} scans done, ${seeded.tickets} tickets in IndexedDB (read per scan, not held in memory); seeding took ${(seeded.ms / 1000).toFixed(1)} s`,
      ),
    );
    await page.close();
  } finally {
    await context?.close();
    await served.close();
    await rm(profile, { recursive: true, force: true });
  }
  if (existsSync(join(root, 'src-renderer/app/App.tsx'))) {
    rows.push(...(await measureAppReady()));
  }
  return rows;
}
