import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { startCashierStack, type CashierStack } from './cashier-stack';
import { ApprovalDialog } from './page-models/approval-dialog';
import { CashierPage } from './page-models/cashier-page';
import { RefundPage } from './page-models/refund-page';
import { ExchangePage } from './page-models/exchange-page';
import { SellPage } from './page-models/sell-page';
import { expectStatusBarReadable } from './page-models/status-bar';
import { journalOf } from './page-models/till-store';
import { verifyChain } from '../../shared/journal/chain';

// The cashier's whole flow in Ukrainian and in Chinese, found by the translated accessible
// names: sell two seats for cash, refund one (policy fee, cash), exchange the other to the
// later performance paying the difference, reload → the three transactions, the seat states
// and the journal chain are intact, and the chosen language is still on (remembered per
// terminal).

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
  readonly customerPays: RegExp;
  readonly exchangeDone: RegExp;
  readonly sold: RegExp;
  readonly available: RegExp;
  readonly changePerformance: RegExp;
  readonly nextCustomer: RegExp;
  /** The status bar's items by their accessible names, as a screen reader reads them out. */
  readonly status: {
    readonly server: string;
    readonly syncQueue: string;
    readonly version: string;
    readonly printer: string;
    readonly scanner: string;
    readonly shift: string;
    readonly staff: string;
    readonly lastReceipt: string;
    readonly demo: string;
  };
  readonly versionLine: RegExp;
  readonly language: string;
}

/**
 * The English names the status bar had before it was translated: none may be left on a
 * Ukrainian or Chinese page (a screen reader would read them out in English).
 */
const ENGLISH_STATUS_NAMES =
  /Printer status|Scanner status|Shift status|Staff|Last receipt|App version|Demo till|Training mode|Server connection|Sync queue|Last sync|Oldest unsynced entry|Unsynced sales warning|Loading other tills|Other tills' sales not loaded yet|Sync stopped|Lease at this window/;

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
    customerPays: /^Покупець доплачує/,
    exchangeDone: /^Обмін T1-000003 проведено/,
    sold: /Продане$/,
    available: /Вільне$/,
    changePerformance: /^Інша вистава$/,
    nextCustomer: /^Наступний покупець$/,
    status: {
      server: 'Звʼязок із сервером',
      syncQueue: 'Черга синхронізації',
      version: 'Версія програми',
      printer: 'Стан принтера',
      scanner: 'Стан сканера',
      shift: 'Стан зміни',
      staff: 'Працівник',
      lastReceipt: 'Останній чек',
      demo: 'Демо-каса',
    },
    versionLine: /^Версія 0\.0\.0-e2e · \w+ · звʼязок: bridge$/,
    language: 'Мова',
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
    customerPays: /^顾客补交/,
    exchangeDone: /^换票 T1-000003 完成/,
    sold: /已售$/,
    available: /可选$/,
    changePerformance: /^更换演出$/,
    nextCustomer: /^下一位顾客$/,
    status: {
      server: '服务器连接',
      syncQueue: '同步队列',
      version: '应用版本',
      printer: '打印机状态',
      scanner: '扫码枪状态',
      shift: '班次状态',
      staff: '当前员工',
      lastReceipt: '最近收据',
      demo: '演示收银台',
    },
    versionLine: /^版本 0\.0\.0-e2e · \w+ · 传输：bridge$/,
    language: '语言',
  },
];

/** A demo till in its own Chromium profile at 1280×800, for the tests of one describe. */
function tillInChromium(): { readonly stack: CashierStack; readonly page: Page } {
  let stack: CashierStack | undefined;
  let profile: string | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;

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

  return {
    get stack() {
      if (!stack) throw new Error('the till is not started');
      return stack;
    },
    get page() {
      if (!page) throw new Error('the till is not started');
      return page;
    },
  };
}

describe.each(CASES)('cashier flow in $locale', (c) => {
  const till = tillInChromium();
  let page: Page;
  beforeAll(() => {
    page = till.page;
  });

  it('sells two seats for cash, refunds one, exchanges the other, all in that language', async () => {
    await page.goto(till.stack.pageUrl);
    await page.getByLabel('Language').selectOption(c.locale);
    const cashier = new CashierPage(page);
    await page.getByRole('radio', { name: c.staff }).check();
    await page.getByLabel(/^(PIN|PIN 码)$/).fill('1111');
    await page.getByLabel(/^(PIN|PIN 码)$/).press('Enter');
    await cashier.openShift('1000');
    await page
      .getByRole('status', { name: c.status.shift })
      .getByText(c.shiftOpen)
      .waitFor({ timeout: 15_000 });

    const sell = new SellPage(page);
    await page.keyboard.press('F1');
    await sell.pickPerformance(c.performance);
    await sell.toggleSeat(c.seat(8, 9));
    await sell.toggleSeat(c.seat(8, 10));
    const quick = sell.quickCash();
    await quick.nth((await quick.count()) - 1).click();
    await sell.confirm();
    await expect.poll(() => sell.done().textContent(), { timeout: 15_000 }).toMatch(c.saleDone);
    await page.getByRole('button', { name: c.nextCustomer }).click();
    // Shift, staff, last receipt, DEMO and the rest, every status item read in full at 1280×800.
    await cashier
      .status(c.status.lastReceipt)
      .getByText(/T1-000001$/)
      .waitFor();
    await expectStatusBarReadable(page, `${c.locale} after a sale`);

    const refund = new RefundPage(page);
    await page.keyboard.press('F2');
    await refund.find('T1-000001');
    await refund.ticket(c.orderTicket(8, 9)).check();
    await expect
      .poll(async () => ((await refund.decision().textContent()) ?? '').length)
      .toBeGreaterThan(0);
    // No English sentence leaks into the decision the cashier reads out.
    expect(await refund.decision().textContent()).not.toMatch(/refund|fee/i);
    await refund.method(c.cashMethod).check();
    await refund.confirm();
    await expect.poll(() => refund.done().textContent(), { timeout: 15_000 }).toMatch(c.refundDone);

    const exchange = new ExchangePage(page);
    await page.keyboard.press('F3');
    await exchange.find('T1-000001');
    await exchange.ticket(c.orderTicket(8, 10)).check();
    // The later performance of the same show; its stalls cost more, so the customer pays.
    await sell.pickPerformance(c.performance, 1);
    await sell.toggleSeat(c.seat(5, 10));
    await expect.poll(() => exchange.quote().textContent()).toMatch(c.customerPays);
    await sell.quickCash().first().click();
    await exchange.confirmExchange();
    await expect
      .poll(() => exchange.done().textContent(), { timeout: 15_000 })
      .toMatch(c.exchangeDone);

    await page.reload();
    await page
      .getByRole('status', { name: c.status.shift })
      .getByText(c.shiftOpen)
      .waitFor({ timeout: 15_000 });
    const journal = await journalOf(page);
    expect(journal.map((e) => e.type)).toEqual([
      'login',
      'shift_open',
      'sale',
      'refund',
      'exchange',
    ]);
    expect(await verifyChain(journal, { terminalId: 'T1' })).toEqual({ ok: true });

    // The refunded and the exchanged seat are back on sale; the new seat is sold.
    await page.keyboard.press('F1');
    await sell.pickPerformance(c.performance);
    await expect
      .poll(() => sell.seat(c.seat(8, 9)).getAttribute('aria-label'))
      .toMatch(c.available);
    expect(await sell.seat(c.seat(8, 10)).getAttribute('aria-label')).toMatch(c.available);
    await page.getByRole('button', { name: c.changePerformance }).click();
    await sell.pickPerformance(c.performance, 1);
    await expect.poll(() => sell.seat(c.seat(5, 10)).getAttribute('aria-label')).toMatch(c.sold);
  }, 180_000);

  // After the flow above (a sale, so "last receipt" shows; a demo till, not enrolled): every
  // item of the status bar by its translated name, no English name left, the version line in
  // words of the language, and nothing serious for axe in the bar.
  it('names every status item in that language, with no English name left', async () => {
    const bar = page.locator('footer.status-bar');
    for (const name of Object.values(c.status)) {
      await bar.getByRole('status', { name, exact: true }).waitFor({ timeout: 15_000 });
    }
    const named = await bar
      .locator('[role="status"], [role="alert"]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
    expect(named.sort()).toEqual(Object.values(c.status).sort());
    for (const role of ['status', 'alert'] as const) {
      expect(await page.getByRole(role, { name: ENGLISH_STATUS_NAMES }).count(), role).toBe(0);
    }
    const version = bar.getByRole('status', { name: c.status.version, exact: true });
    expect(await version.textContent()).toMatch(c.versionLine);
    // The select's name is its label and the chosen language: it starts with the label.
    const language = bar.getByRole('combobox', { name: new RegExp(`^${c.language}`) });
    expect(await language.inputValue()).toBe(c.locale);
    expect(await bar.getByRole('combobox', { name: /^Language/ }).count()).toBe(0);

    const axe = await new AxeBuilder({ page }).include('footer.status-bar').analyze();
    expect(
      axe.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.impact} ${v.id}: ${v.help}`),
    ).toEqual([]);
  }, 60_000);
});

/** Between shifts, training mode switched on in that language (a supervisor approves). */
const TRAINING = [
  {
    locale: 'uk',
    staff: /^Olena \(касир\)$/,
    badgeName: 'Навчальний режим',
    badge: /^НАВЧАННЯ$/,
  },
  {
    locale: 'zh-Hans',
    staff: /^Olena（收银员）$|^Olena \(收银员\)$/,
    badgeName: '培训模式',
    badge: /^培训$/,
  },
] as const;

describe.each(TRAINING)('training badge in $locale', (c) => {
  const till = tillInChromium();

  it('names the TRAINING badge in that language, never "Training mode"', async () => {
    const page = till.page;
    await page.goto(till.stack.pageUrl);
    await page.getByLabel('Language').selectOption(c.locale);
    await new CashierPage(page).signIn(c.staff, '1111');
    // No shift open yet: the shift screen offers the switch (its own name, in that language).
    const toggle = page.getByRole('switch', { name: c.badgeName, exact: true });
    await toggle.waitFor({ timeout: 15_000 });
    await toggle.click();
    const approval = new ApprovalDialog(page);
    await approval.dialog().waitFor({ timeout: 15_000 });
    await approval.approve(/Taras/, '2222');

    const badge = page
      .locator('footer.status-bar')
      .getByRole('status', { name: c.badgeName, exact: true });
    await expect.poll(() => badge.textContent(), { timeout: 15_000 }).toMatch(c.badge);
    for (const role of ['status', 'alert'] as const) {
      expect(await page.getByRole(role, { name: ENGLISH_STATUS_NAMES }).count(), role).toBe(0);
    }
  }, 120_000);
});
