import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import type { HarnessServer } from './store-harness/server';
import { startHarnessServer } from './store-harness/server';
import { CURRENT_VERSION } from '../../src-renderer/store/schema';

let server: HarnessServer;
let profile: string;
let context: BrowserContext | null = null;

beforeAll(async () => {
  server = await startHarnessServer();
  profile = await mkdtemp(join(tmpdir(), 'store-e2e-profile-'));
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

async function openPage(search = ''): Promise<Page> {
  context ??= await launchChromium(profile);
  const page = await context.newPage();
  await page.goto(`${server.url}${search}`);
  await page.waitForFunction(() => 'storeHarness' in window);
  return page;
}

async function restartBrowser(): Promise<void> {
  await context?.close();
  context = null;
}

const snapshot = (page: Page) => page.evaluate(() => window.storeHarness.snapshot('T1'));
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('store in real Chromium (persistent profile)', () => {
  it('keeps committed sales through a reload and a browser restart, chain intact, strict durability', async () => {
    let page = await openPage();
    const opened = await page.evaluate(() => window.storeHarness.open('T1'));
    expect(opened.ok).toBe(true);
    expect(opened.ok && opened.value.schemaVersion).toBe(CURRENT_VERSION);
    expect(['persisted', 'best_effort']).toContain(opened.ok && opened.value.persistence);

    const first = await page.evaluate(() => window.storeHarness.commitSales(5, 'a'));
    expect(first.ok && first.value.receipts).toEqual(range(1, 5));
    expect(first.ok && first.value.durabilities).toEqual(Array(5).fill('strict'));

    await page.reload();
    await page.waitForFunction(() => 'storeHarness' in window);
    await page.evaluate(() => window.storeHarness.open('T1'));
    const afterReload = await snapshot(page);
    expect(afterReload).toMatchObject({
      seqs: range(1, 5),
      receiptNos: range(1, 5),
      chain: { ok: true },
      orderReceipts: range(1, 5),
      tickets: 10,
      soldSeats: 10,
      outbox: 5,
      counter: 5,
      firstOrderTickets: 2,
      byReceipt1: 'a-0',
    });

    await restartBrowser();
    page = await openPage();
    await page.evaluate(() => window.storeHarness.open('T1'));
    expect(await snapshot(page)).toEqual(afterReload);

    const second = await page.evaluate(() => window.storeHarness.commitSales(3, 'b'));
    expect(second.ok && second.value.receipts).toEqual(range(6, 8));
    expect(second.ok && second.value.durabilities).toEqual(Array(3).fill('strict'));

    await restartBrowser();
    page = await openPage();
    await page.evaluate(() => window.storeHarness.open('T1'));
    expect(await snapshot(page)).toMatchObject({
      seqs: range(1, 8),
      receiptNos: range(1, 8),
      chain: { ok: true },
      orderReceipts: range(1, 8),
      tickets: 16,
      soldSeats: 16,
      outbox: 8,
      counter: 8,
    });

    // Chromium honours the durability option: a relaxed transaction is refused by the guard.
    expect(await page.evaluate(() => window.storeHarness.relaxedJournalWrite('T1'))).toBe(
      'not_strict',
    );
    expect((await snapshot(page)).seqs).toEqual(range(1, 8));
  });

  it('switches language at runtime and remembers it per terminal', async () => {
    const heading = (p: Page) => p.getByRole('heading', { level: 1 });
    let t7 = await openPage('?ui=T7');
    await expect.poll(() => heading(t7).textContent()).toBe('Sell');
    await t7.getByRole('button', { name: 'Українська' }).click();
    await expect.poll(() => heading(t7).textContent()).toBe('Продаж');
    const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');
    expect(await t7.getByTestId('tickets').textContent()).toBe('21 квиток');
    expect(plain(await t7.getByTestId('money').textContent())).toBe('1 234,50 ₴');
    expect(plain(await t7.getByTestId('date').textContent())).toBe('2 бер. 2026 р., 00:30');

    await t7.reload();
    await expect.poll(() => heading(t7).textContent()).toBe('Продаж');

    const t8 = await openPage('?ui=T8');
    await expect.poll(() => heading(t8).textContent()).toBe('Sell');
    await t8.getByRole('button', { name: '简体中文' }).click();
    await expect.poll(() => heading(t8).textContent()).toBe('售票');
    expect(await t8.getByTestId('tickets').textContent()).toBe('21 张票');

    await restartBrowser();
    t7 = await openPage('?ui=T7');
    await expect.poll(() => heading(t7).textContent()).toBe('Продаж');
    const t8again = await openPage('?ui=T8');
    await expect.poll(() => heading(t8again).textContent()).toBe('售票');
  });
});
