import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { startCashierStack, type CashierStack } from './cashier-stack';
import { CashierPage } from './page-models/cashier-page';
import { RefundPage } from './page-models/refund-page';
import { SellPage } from './page-models/sell-page';

// The sell → refund flow in Ukrainian and in Chinese, found by the translated accessible
// names; the chosen language survives a reload (remembered per terminal).

interface LanguageCase {
  readonly locale: 'uk' | 'zh-Hans';
  readonly staff: RegExp;
  readonly shiftOpen: RegExp;
  readonly performance: RegExp;
  readonly seat: (row: number, seat: number) => RegExp;
  readonly orderTicket: (row: number, seat: number) => RegExp;
  readonly saleDone: RegExp;
  readonly cashMethod: RegExp;
  readonly refundDone: RegExp;
  readonly sold: RegExp;
}

const CASES: readonly LanguageCase[] = [
  {
    locale: 'uk',
    staff: /^Olena \(касир\)$/,
    shiftOpen: /^Зміна .* відкрита/,
    performance: /^Продати The Forest Song/,
    seat: (r, s) => new RegExp(`^Ряд ${r} місце ${s}, Stalls`),
    orderTicket: (r, s) => new RegExp(`ряд ${r} місце ${s}\\b`),
    saleDone: /^Продаж T1-000001 проведено\. Решта: /,
    cashMethod: /^Готівкою/,
    refundDone: /^Повернення T1-000002 проведено/,
    sold: /Продане$/,
  },
  {
    locale: 'zh-Hans',
    staff: /^Olena（收银员）$|^Olena \(收银员\)$/,
    shiftOpen: /班/,
    performance: /^售票：The Forest Song/,
    seat: (r, s) => new RegExp(`^${r} 排 ${s} 座，Stalls`),
    orderTicket: (r, s) => new RegExp(`${r} 排 ${s} 座`),
    saleDone: /^售票 T1-000001 完成。找零：/,
    cashMethod: /^现金/,
    refundDone: /^退票 T1-000002 完成/,
    sold: /已售$/,
  },
];

describe.each(CASES)('cashier flow in $locale', (c) => {
  let stack: CashierStack;
  let profile: string;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    stack = await startCashierStack();
    profile = await mkdtemp(join(tmpdir(), 'cashier-lang-'));
    context = await launchChromium(profile);
    page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await stack?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('sells two seats for cash and refunds one, all in that language', async () => {
    await page.goto(stack.pageUrl);
    await page.getByLabel('Language').selectOption(c.locale);
    const cashier = new CashierPage(page);
    await page.getByRole('radio', { name: c.staff }).check();
    await page.getByLabel(/^(PIN|PIN 码)$/).fill('1111');
    await page.getByLabel(/^(PIN|PIN 码)$/).press('Enter');
    await cashier.openShift('1000');
    await page
      .getByRole('status', { name: 'Shift status' })
      .getByText(c.shiftOpen)
      .waitFor({ timeout: 15_000 });

    const sell = new SellPage(page);
    await page.keyboard.press('F1');
    await sell.pickPerformance(c.performance);
    await sell.toggleSeat(c.seat(6, 9));
    await sell.toggleSeat(c.seat(6, 10));
    const quick = sell.quickCash();
    await quick.nth((await quick.count()) - 1).click();
    await sell.confirm();
    await expect.poll(() => sell.done().textContent(), { timeout: 15_000 }).toMatch(c.saleDone);
    await page.getByRole('button', { name: /^(Наступний покупець|下一位顾客)$/ }).click();

    const refund = new RefundPage(page);
    await page.keyboard.press('F2');
    await refund.find('T1-000001');
    await refund.ticket(c.orderTicket(6, 9)).check();
    await expect
      .poll(async () => ((await refund.decision().textContent()) ?? '').length)
      .toBeGreaterThan(0);
    // No English sentence leaks into the decision the cashier reads out.
    expect(await refund.decision().textContent()).not.toMatch(/refund|fee/i);
    await refund.method(c.cashMethod).check();
    await refund.confirm();
    await expect.poll(() => refund.done().textContent(), { timeout: 15_000 }).toMatch(c.refundDone);

    await page.reload();
    await page
      .getByRole('status', { name: 'Shift status' })
      .getByText(c.shiftOpen)
      .waitFor({ timeout: 15_000 });
    await page.keyboard.press('F1');
    await sell.pickPerformance(c.performance);
    await expect.poll(() => sell.seat(c.seat(6, 10)).getAttribute('aria-label')).toMatch(c.sold);
  }, 180_000);
});
