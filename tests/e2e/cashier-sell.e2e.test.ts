import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { startCashierStack, type CashierStack } from './cashier-stack';
import { CashierPage } from './page-models/cashier-page';
import { SellPage } from './page-models/sell-page';

// A cashier sells two reserved seats for cash in real Chromium (persistent profile) through
// the device bridge, then reloads: the sale, the seat states and the journal are still there.

let stack: CashierStack;
let profile: string;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  stack = await startCashierStack();
  profile = await mkdtemp(join(tmpdir(), 'cashier-profile-'));
  context = await launchChromium(profile);
  page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
}, 120_000);

afterAll(async () => {
  await context?.close();
  await stack?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

describe('cashier sells reserved seats for cash', () => {
  it('signs in, opens a shift, sells 2 seats with change, and keeps them after a reload', async () => {
    const cashier = new CashierPage(page);
    const sell = new SellPage(page);
    await page.goto(stack.pageUrl);
    await cashier.signIn(/Olena/, '1111');
    await cashier.openShift('1000');
    await expect.poll(() => cashier.status('Shift status').textContent()).toMatch(/Shift .* open/);
    // The shortcuts overlay opens on "?" and Esc closes it. (On the shift screen the paid-in
    // amount has the focus, where "?" is typed, not a shortcut: ask from the sell screen.)
    await cashier.go('F1');
    await page
      .getByRole('button', { name: /^Sell The Forest Song/ })
      .first()
      .waitFor();
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    expect(await page.getByRole('dialog').textContent()).toMatch(
      /F1 — Sell.*F2 — Refund.*F3 — Exchange.*F9 — Shift/,
    );
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await cashier.go('F1');
    await expect
      .poll(() => page.getByRole('button', { name: /^Sell F1$/ }).getAttribute('aria-current'))
      .toBe('page');

    await sell.pickPerformance(/^Sell The Forest Song/);
    const seatA = /^Row 5 seat 10, Stalls, .*available$/i;
    await sell.toggleSeat(seatA);
    // The second seat by keyboard: focus stays on seat 10, ArrowRight moves to 11, Space selects.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    await expect
      .poll(() => sell.seat(/^Row 5 seat 11, Stalls/).getAttribute('aria-checked'))
      .toBe('true');
    await expect
      .poll(() => sell.seat(/^Row 5 seat 10, Stalls/).getAttribute('aria-checked'))
      .toBe('true');

    const total = await page.locator('.total').textContent();
    expect(total).toMatch(/Total/);
    // Hand over the largest quick-cash amount offered: more than due, so change is given.
    const quick = sell.quickCash();
    const n = await quick.count();
    expect(n).toBeGreaterThan(1);
    await quick.nth(n - 1).click();
    await expect.poll(() => sell.changeDue().textContent()).toMatch(/Change due: .*[1-9]/);
    const changeText = (await sell.changeDue().textContent()) ?? '';
    await sell.confirm();
    await expect
      .poll(() => sell.done().textContent(), { timeout: 15_000 })
      .toMatch(/Sale T1-000001 done\. Change due:/);
    expect(await sell.done().textContent()).toContain(
      changeText.replace('Change due: ', '').trim(),
    );
    await expect.poll(() => cashier.status('Last receipt').textContent()).toMatch(/T1-000001/);

    await page.reload();
    await expect
      .poll(() => cashier.status('Last receipt').textContent(), { timeout: 15_000 })
      .toMatch(/T1-000001/);
    await expect.poll(() => cashier.status('Staff').textContent()).toMatch(/Olena/);
    await cashier.go('F1');
    await sell.pickPerformance(/^Sell The Forest Song/);
    await expect
      .poll(() => sell.seat(/^Row 5 seat 10, Stalls/).getAttribute('aria-label'))
      .toMatch(/Sold$/i);
    expect(await sell.seat(/^Row 5 seat 11, Stalls/).getAttribute('aria-label')).toMatch(/Sold$/i);
    expect(await sell.seat(/^Row 5 seat 12, Stalls/).getAttribute('aria-label')).toMatch(
      /Available$/i,
    );

    const chain = await page.evaluate(async () => {
      const open = indexedDB.open('box-office');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(new Error(String(open.error)));
      });
      const tx = db.transaction('journal', 'readonly');
      const all = await new Promise<
        { seq: number; type: string; prevHash: string; hash: string }[]
      >((resolve) => {
        const r = tx.objectStore('journal').getAll();
        r.onsuccess = () => resolve(r.result as never);
      });
      db.close();
      return all.map((e) => ({ seq: e.seq, type: e.type, linked: e.prevHash, hash: e.hash }));
    });
    expect(chain.map((e) => e.type)).toEqual(['login', 'shift_open', 'sale']);
    for (let i = 1; i < chain.length; i++) expect(chain[i]!.linked).toBe(chain[i - 1]!.hash);
  }, 120_000);

  it('sells general admission with a split tender: part card (approval code + last 4), rest cash', async () => {
    const sell = new SellPage(page);
    await page.keyboard.press('F1');
    await page.getByRole('button', { name: /^Change performance$/ }).click();
    await sell.pickPerformance(/^Sell Dnipro Lights/);
    const more = page.getByRole('button', { name: 'One more Standing' });
    for (let i = 0; i < 3; i++) await more.click();
    expect(await page.getByLabel('Standing: Quantity').textContent()).toBe('3');
    await page.getByText('Card (terminal)').click();
    await page.getByLabel('Card amount').fill('1000');
    await page.getByLabel('Approval code').fill('A1B2C3');
    await page.getByLabel('Last 4 digits of the card').fill('4242');
    await page.getByRole('button', { name: 'Add card payment' }).click();
    await expect
      .poll(() => page.getByRole('list', { name: 'Payments so far' }).textContent())
      .toMatch(/Card \*\*\*\*4242 \(A1B2C3\)/);
    await sell.quickCash().first().click();
    await expect.poll(() => sell.changeDue().textContent()).toMatch(/^Change due: /);
    await sell.confirm();
    await expect
      .poll(() => sell.done().textContent(), { timeout: 15_000 })
      .toMatch(/^Sale T1-000002 done/);

    const tenders = await page.evaluate(async () => {
      const open = indexedDB.open('box-office');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(new Error(String(open.error)));
      });
      const all = await new Promise<
        {
          type: string;
          payload: {
            tenders?: { kind: string; last4?: string; amount: { amount: number } }[];
            tickets?: unknown[];
          };
        }[]
      >((resolve) => {
        const r = db.transaction('journal', 'readonly').objectStore('journal').getAll();
        r.onsuccess = () => resolve(r.result as never);
      });
      db.close();
      const sale = all.filter((e) => e.type === 'sale').at(-1);
      return { tenders: sale?.payload.tenders ?? [], tickets: sale?.payload.tickets?.length ?? 0 };
    });
    expect(tenders.tickets).toBe(3);
    expect(tenders.tenders.map((t) => t.kind)).toEqual(['card', 'cash']);
    expect(tenders.tenders[0]?.last4).toBe('4242');
    expect(tenders.tenders[0]?.amount.amount).toBe(100_000);
  }, 120_000);
});
