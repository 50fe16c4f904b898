import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexedDbStores, launchChromium } from '../support/chromium';

/**
 * Where a till's IndexedDB lands (src-main/electron/indexeddb-store.ts): a new profile on
 * Chromium's SQLite backing store; a profile that already holds a LevelDB store keeps it, and
 * its data, when it is next started with the till's switch. Real Chromium, real profiles.
 */
const ORIGIN = 'http://till.test';
const ROWS = 300;

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'idb-store-e2e-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true, maxRetries: 5 });
});

/** A page of ORIGIN (served by the test) in the context. */
async function tillPage(context: BrowserContext) {
  await context.route(`${ORIGIN}/**`, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: '<!doctype html><title>t</title>',
    }),
  );
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/`);
  return page;
}

/** ROWS sale-sized rows, one strict transaction each (as a till commits). */
async function writeRows(context: BrowserContext): Promise<void> {
  const page = await tillPage(context);
  await page.evaluate(async (rows) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('till', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('journal', { keyPath: 'seq' });
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(new Error(String(open.error)));
    });
    for (let seq = 1; seq <= rows; seq++) {
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('journal', 'readwrite', { durability: 'strict' });
        tx.objectStore('journal').put({ seq, payload: 'x'.repeat(4000) });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(new Error(String(tx.error)));
      });
    }
    db.close();
  }, ROWS);
}

/** The rows the store holds and the last one's seq. */
async function readRows(context: BrowserContext): Promise<{ count: number; last: number }> {
  const page = await tillPage(context);
  return page.evaluate(
    () =>
      new Promise<{ count: number; last: number }>((resolve, reject) => {
        const open = indexedDB.open('till', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('journal', { keyPath: 'seq' });
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const store = open.result.transaction('journal').objectStore('journal');
          const count = store.count();
          const last = store.openCursor(null, 'prev');
          last.onsuccess = () => {
            const cursor = last.result;
            resolve({ count: count.result, last: cursor ? (cursor.key as number) : 0 });
            open.result.close();
          };
        };
      }),
  );
}

describe('the till’s IndexedDB backing store', () => {
  it('a new profile is on SQLite, and keeps every row across a restart', async () => {
    const profile = join(tmp, 'new-till');
    let context = await launchChromium(profile);
    await writeRows(context);
    await context.close();
    expect(await indexedDbStores(profile)).toEqual({ sqlite: ['http_till.test_0'], leveldb: [] });

    context = await launchChromium(profile);
    expect(await readRows(context)).toEqual({ count: ROWS, last: ROWS });
    await context.close();
    expect(await indexedDbStores(profile)).toEqual({ sqlite: ['http_till.test_0'], leveldb: [] });
  }, 120_000);

  it('a till made before (LevelDB) keeps its store and every row when started with the switch', async () => {
    const profile = join(tmp, 'older-till');
    // The till as it was before the switch existed: Chromium's defaults put IndexedDB on LevelDB.
    let context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.BOX_OFFICE_CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
    await writeRows(context);
    await context.close();
    expect(await indexedDbStores(profile)).toEqual({ sqlite: [], leveldb: ['http_till.test_0'] });

    context = await launchChromium(profile);
    expect(await readRows(context)).toEqual({ count: ROWS, last: ROWS });
    await context.close();
    expect(await indexedDbStores(profile)).toEqual({ sqlite: [], leveldb: ['http_till.test_0'] });
  }, 120_000);
});
