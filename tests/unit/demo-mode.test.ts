import 'fake-indexeddb/auto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appInfoSchema } from '../../shared/ipc/contract';
import { markCopy, markDemo } from '../../shared/slips/copy-mark';
import type { SlipDocument, SlipLocale } from '../../shared/slips/document';
import { createServices, type Services } from '../../src-main/services/create-services';
import { silentLogger } from '../../src-main/services/logger';
import { openTill, type Till } from '../../src-renderer/app/till';
import { loadDemoIfEmpty } from '../../src-renderer/demo/load-demo';

// Demo is explicit: main says so at launch, a venue till never seeds demo data, and every
// slip a demo till prints carries a DEMO line at the top (main adds it, not the page).

function doc(locale: SlipLocale = 'en'): SlipDocument {
  return {
    version: 1,
    kind: 'sale-receipt',
    locale,
    columns: 48,
    title: 'Receipt T1-000001',
    blocks: [{ kind: 'text', text: 'Podil Stage', align: 'left' }],
  };
}

describe('markDemo', () => {
  it('puts the DEMO line first in every language, once', () => {
    expect(markDemo(doc('en')).blocks[0]).toMatchObject({
      kind: 'text',
      text: '*** DEMO - NOT A REAL SALE ***',
    });
    expect(markDemo(doc('uk')).blocks[0]).toMatchObject({
      text: '*** ДЕМО - НЕ СПРАВЖНІЙ ПРОДАЖ ***',
    });
    expect(markDemo(doc('zh')).blocks[0]).toMatchObject({ text: '*** 演示 - 非真实交易 ***' });
    const once = markDemo(doc());
    expect(markDemo(once)).toEqual(once);
    expect(once.blocks.slice(1)).toEqual(doc().blocks);
    // A copy the page rebuilt (COPY first) gets DEMO under its COPY mark, and only once.
    const rebuilt = markDemo(markCopy(doc()));
    expect(rebuilt.blocks.map((b) => (b.kind === 'text' ? b.text : b.kind))).toEqual([
      '*** COPY ***',
      '*** DEMO - NOT A REAL SALE ***',
      'Podil Stage',
      '*** COPY ***',
    ]);
    expect(markDemo(rebuilt)).toEqual(rebuilt);
    // A reprint of a demo slip keeps the DEMO line under its COPY mark.
    expect(markCopy(once).blocks.map((b) => (b.kind === 'text' ? b.text : b.kind))).toEqual([
      '*** COPY ***',
      '*** DEMO - NOT A REAL SALE ***',
      'Podil Stage',
      '*** COPY ***',
    ]);
  });
});

const tills: Till[] = [];
let services: Services | null = null;
let dir: string | null = null;
afterEach(async () => {
  for (const t of tills.splice(0)) t.close();
  await services?.close();
  services = null;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = null;
});

let n = 0;
describe('a venue till and a demo till', () => {
  it('a venue till (no seed) opens to "no venue yet", seeding nothing', async () => {
    n += 1;
    const opened = await openTill({ terminalId: 'T1', dbName: `venue-${n}-${Date.now()}` });
    expect(opened.ok).toBe(false);
    expect(!opened.ok && opened.error.code).toBe('no_catalog');
    expect(!opened.ok && opened.error.message).toMatch(/has no venue yet/);
  });

  it('a demo till seeds the demo venue and says it is a demo', async () => {
    n += 1;
    const opened = await openTill({
      terminalId: 'T1',
      dbName: `demo-${n}-${Date.now()}`,
      demo: true,
      seed: (store) => loadDemoIfEmpty(store.db),
    });
    if (!opened.ok) throw new Error(opened.error.message);
    tills.push(opened.value);
    expect(opened.value.demo).toBe(true);
    expect(opened.value.catalog.venue.name).toMatch(/Podil/);
  });
});

async function servicesWith(demo: boolean | undefined): Promise<Services> {
  dir = await mkdtemp(join(tmpdir(), 'demo-mode-'));
  services = await createServices({
    dataDir: dir,
    app: {
      name: 't',
      version: '0',
      platform: 'linux',
      kiosk: false,
      transport: 'bridge',
      ...(demo === undefined ? {} : { demo }),
    },
    logger: silentLogger,
  });
  return services;
}

async function queuedDocuments(): Promise<SlipDocument[]> {
  const queueDir = join(dir ?? '', 'print-queue');
  const files = (await readdir(queueDir)).filter((f) => f.endsWith('.json'));
  return Promise.all(
    files.map(async (f) => {
      const job = JSON.parse(await readFile(join(queueDir, f), 'utf8')) as {
        document: SlipDocument;
      };
      return job.document;
    }),
  );
}

const ctx = { transport: 'bridge', caller: 'test' } as const;

/** What app.info tells the page about demo, read through the contract's own schema. */
async function demoOf(s: Services): Promise<boolean | undefined> {
  const info = await s.dispatch('app.info', {}, ctx);
  if (!info.ok) throw new Error(info.error.message);
  return appInfoSchema.parse(info.value).demo;
}

describe('main decides demo', () => {
  it('app.info says demo: true, and every new print job gets the DEMO line', async () => {
    const s = await servicesWith(true);
    expect(await demoOf(s)).toBe(true);
    const printed = await s.dispatch('printer.print', { jobId: 'sale-1', document: doc() }, ctx);
    expect(printed.ok ? 'ok' : printed.error).toBe('ok');
    const [stored] = await queuedDocuments();
    expect(stored?.blocks[0]).toMatchObject({ text: '*** DEMO - NOT A REAL SALE ***' });
  });

  it('a till launched without demo prints the slip as given and says nothing of a demo', async () => {
    const s = await servicesWith(undefined);
    // Absent is a venue till: the page treats it as not a demo.
    expect(await demoOf(s)).toBeUndefined();
    expect((await s.dispatch('printer.print', { jobId: 'sale-1', document: doc() }, ctx)).ok).toBe(
      true,
    );
    const [stored] = await queuedDocuments();
    expect(stored?.blocks).toEqual(doc().blocks);
  });

  it('the page cannot switch demo on: config.set refuses it', async () => {
    const s = await servicesWith(false);
    const set = await s.dispatch('config.set', { demo: true }, ctx);
    expect(set.ok).toBe(false);
    expect(await demoOf(s)).toBe(false);
  });
});
