import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { startCashierStack, type CashierStack } from './cashier-stack';
import { CashierPage } from './page-models/cashier-page';
import { SellPage } from './page-models/sell-page';
import { journalOf } from './page-models/till-store';

// The page's clock is set back an hour in the middle of a sale (Playwright's fake clock, time
// still flowing): the commit is refused with the sentence that the till's clock is wrong and
// nothing reaches the journal. With the clock set right again the same sale goes through.

let stack: CashierStack;
let profile: string;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  stack = await startCashierStack();
  profile = await mkdtemp(join(tmpdir(), 'clock-back-profile-'));
  context = await launchChromium(profile);
  page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  // Installed before the page loads so the app's Date is the controllable one.
  await page.clock.install();
}, 120_000);

afterAll(async () => {
  await context?.close();
  await stack?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

const HOUR = 3_600_000;

describe('a clock set back', () => {
  it('refuses the sale with the clock sentence and writes nothing; sells once the clock is right', async () => {
    const cashier = new CashierPage(page);
    const sell = new SellPage(page);
    await page.goto(stack.pageUrl);
    await cashier.startDay('1000');
    await cashier.go('F1');
    await sell.pickPerformance(/^Sell The Forest Song/);
    await sell.toggleSeat(/^Row 5 seat 10, Stalls, .*available$/i);
    await sell.quickCash().first().click();

    const before = await journalOf(page);
    expect(before.map((e) => e.type)).toEqual(['login', 'shift_open']);
    const pageNow = await page.evaluate(() => Date.now());
    await page.clock.setSystemTime(pageNow - HOUR);
    expect(await page.evaluate(() => Date.now())).toBeLessThan(pageNow - HOUR + 60_000);

    await sell.confirm();
    await expect
      .poll(() => page.locator('body').textContent(), { timeout: 15_000 })
      .toMatch(
        /This till's clock is wrong: it reads earlier than the last record this till saved\. Nothing was saved\./,
      );
    const after = await journalOf(page);
    expect(after.length).toBe(before.length);
    expect(after.map((e) => e.hash)).toEqual(before.map((e) => e.hash));
    expect(await sell.done().count()).toBe(0);

    // The manager sets the clock right: the same cart sells.
    await page.clock.setSystemTime(pageNow + 60_000);
    await sell.confirm();
    await expect
      .poll(() => sell.done().textContent(), { timeout: 15_000 })
      .toMatch(/Sale T1-000001 done/);
    expect((await journalOf(page)).map((e) => e.type)).toEqual(['login', 'shift_open', 'sale']);
  }, 120_000);
});
