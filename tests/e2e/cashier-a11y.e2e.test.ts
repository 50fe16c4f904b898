import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openCashierApp, type CashierApp } from './cashier-stack';
import { ApprovalDialog } from './page-models/approval-dialog';
import { CashierPage } from './page-models/cashier-page';
import { ExchangePage } from './page-models/exchange-page';
import { PrinterSettingsPage } from './page-models/printer-settings-page';
import { RefundPage } from './page-models/refund-page';
import { SellPage } from './page-models/sell-page';
import { ShiftPage } from './page-models/shift-page';
import { readStore } from './page-models/till-store';

// Issue 10: an axe-core scan (WCAG 2.x A/AA rules and axe's best practices) of every cashier
// screen and dialog at 1280×800, in the states a cashier meets them: zero serious or critical
// violations. A finding is reported with the rule, its help text and the elements it hit.
// Besides the flows' working states: refund and exchange done, a non-refundable ticket (and
// its exception asked for), an exchange with no performance allowed, the scan verdict panel,
// several orders found, the printer settings and their approval; and sell with a cart, the
// refund decision and the shift screen again in Ukrainian and in Chinese.

let app: CashierApp;
let page: Page;

beforeAll(async () => {
  app = await openCashierApp('a11y');
  page = app.page;
  await page.goto(app.stack.pageUrl);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

/** Serious and critical findings on the page as it stands, one line each. */
async function seriousFindings(): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

const scanned: string[] = [];
/** This test's findings, each prefixed with the screen it was on; checked at the test's end. */
let findings: string[] = [];
async function expectClean(where: string): Promise<void> {
  scanned.push(where);
  for (const f of await seriousFindings()) findings.push(`${where}: ${f}`);
}

beforeEach(() => {
  findings = [];
});

/**
 * The sell screen's performance list (F1): a screen left on a performance with an empty cart
 * (the first test ends on Dnipro Lights) goes back to the list.
 */
async function performanceList(): Promise<void> {
  await page.keyboard.press('F1');
  const change = page.getByRole('button', { name: /^(Change performance|Інша вистава|更换演出)$/ });
  const list = page.getByRole('button', {
    name: /^(Sell |Продати |售票：)(The Forest Song|Dnipro Lights)/,
  });
  await list.or(change).first().waitFor({ timeout: 15_000 });
  if (await change.isVisible()) await change.click();
  await list.first().waitFor({ timeout: 15_000 });
}

/** Sells one general-admission ticket of the later Dnipro Lights for cash; its receipt number. */
async function sellGaForCash(tier: string): Promise<string> {
  const sell = new SellPage(page);
  await performanceList();
  await sell.pickPerformance(/^Sell Dnipro Lights/, 1);
  await page.getByRole('button', { name: new RegExp(`^One more ${tier}$`) }).click();
  await page.getByText(/^1 ticket$/).waitFor();
  const quick = sell.quickCash();
  await quick.nth((await quick.count()) - 1).click();
  await sell.confirm();
  const done = sell.done().filter({ hasText: /Sale T1-\d{6} done/ });
  await done.waitFor({ timeout: 15_000 });
  const receipt = /T1-\d{6}/.exec((await done.textContent()) ?? '')?.[0] ?? '';
  await page.getByRole('button', { name: 'Next customer' }).click();
  return receipt;
}

/** A scanner "typing" the code 5 ms per key and Enter, with nothing focused (cashier-scan). */
async function wedgeScan(code: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
}

const BASE45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
/** One signature character moved to its neighbour in base45: still decodes, no longer verifies. */
function forge(code: string): string {
  const at = 120;
  const i = BASE45.indexOf(code.charAt(at));
  return code.slice(0, at) + BASE45.charAt(i > 0 ? i - 1 : i + 1) + code.slice(at + 1);
}

interface LanguageCase {
  readonly locale: 'uk' | 'zh-Hans';
  readonly performance: RegExp;
  readonly seat: (row: number, seat: number) => RegExp;
  readonly orderTicket: (row: number, seat: number) => RegExp;
  readonly twoTickets: RegExp;
  readonly saleDone: RegExp;
  readonly nextCustomer: RegExp;
  readonly showX: RegExp;
  readonly seats: readonly [number, number];
}

const LANGUAGES: readonly LanguageCase[] = [
  {
    locale: 'uk',
    performance: /^Продати The Forest Song/,
    seat: (r, s) => new RegExp(`^Ряд ${r} місце ${s}, Stalls`),
    orderTicket: (r, s) => new RegExp(`ряд ${r} місце ${s}\\b`),
    twoTickets: /^2 квитки$/,
    saleDone: /Продаж T1-\d{6} проведено/,
    nextCustomer: /^Наступний покупець$/,
    showX: /^Показати X-звіт$/,
    seats: [1, 2],
  },
  {
    locale: 'zh-Hans',
    performance: /^售票：The Forest Song/,
    seat: (r, s) => new RegExp(`^${r} 排 ${s} 座，Stalls`),
    orderTicket: (r, s) => new RegExp(`${r} 排 ${s} 座`),
    twoTickets: /^2 张票$/,
    saleDone: /售票 T1-\d{6} 完成/,
    nextCustomer: /^下一位顾客$/,
    showX: /^查看 X 报表$/,
    seats: [3, 4],
  },
];

describe('accessibility of the cashier screens (axe-core)', () => {
  it('sign-in, sell, payment, sale done', async () => {
    const cashier = new CashierPage(page);
    const sell = new SellPage(page);
    await page.getByLabel(/^(PIN|PIN 码)$/).waitFor();
    await expectClean('sign-in');
    await cashier.signIn(/Olena/, '1111');
    await page.getByRole('button', { name: /^Open shift$/ }).waitFor({ timeout: 15_000 });
    await expectClean('shift: open');
    await cashier.openShift('1000');
    await cashier.status('Shift status').getByText(/open/).waitFor({ timeout: 15_000 });
    await cashier.go('F1');
    await page
      .getByRole('button', { name: /^Sell The Forest Song/ })
      .first()
      .waitFor();
    await expectClean('sell: performances');
    await sell.pickPerformance(/^Sell The Forest Song/);
    await sell.toggleSeat(/^Row 4 seat 6, Stalls/);
    await sell.toggleSeat(/^Row 4 seat 7, Stalls/);
    await page.getByText(/^2 tickets$/).waitFor();
    await expectClean('sell: seat map and cart');
    await page.getByText('Card (terminal)').click();
    await expectClean('sell: card payment open');
    const quick = sell.quickCash();
    await quick.nth((await quick.count()) - 1).click();
    await sell.confirm();
    await sell
      .done()
      .filter({ hasText: /Sale T1-\d{6} done/ })
      .waitFor({ timeout: 15_000 });
    await expectClean('sell: sale done');
    await page.getByRole('button', { name: /^Void this sale$/ }).click();
    await page.getByLabel(/^Reason/).waitFor();
    await expectClean('sell: void this sale');
    await page.getByRole('button', { name: /^Cancel$/ }).click();
    await page.getByRole('button', { name: 'Next customer' }).click();
    await sell.pickPerformance(/^Sell Dnipro Lights/);
    await page
      .getByRole('button', { name: /^One more / })
      .first()
      .waitFor();
    await expectClean('sell: general admission');
    expect(findings).toEqual([]);
  }, 180_000);

  it('refund with the policy decision and the supervisor dialog; exchange quote', async () => {
    const refund = new RefundPage(page);
    await page.keyboard.press('F2');
    await page.getByLabel(/^Find order$/).waitFor();
    await expectClean('refund: search');
    await refund.find('T1-000001');
    await refund.ticket(/row 4 seat 6\b/i).check();
    await refund.decision().waitFor();
    await expectClean('refund: decision');

    const exchange = new ExchangePage(page);
    await page.keyboard.press('F3');
    await exchange.find('T1-000001');
    await exchange.ticket(/row 4 seat 7\b/i).check();
    await expectClean('exchange: choose the new performance');
    await new SellPage(page).pickPerformance(/^Sell The Forest Song/, 1);
    await new SellPage(page).toggleSeat(/^Row 5 seat 3, Stalls/);
    await expect.poll(() => exchange.quote().textContent()).toMatch(/Customer (pays|gets)/);
    await expectClean('exchange: quote');
    expect(findings).toEqual([]);
  }, 180_000);

  it('shift: X report, cash movements, approval dialog, close, help', async () => {
    await page.keyboard.press('F9');
    await page.getByRole('button', { name: /^Show X report$/ }).click();
    await page.getByRole('region', { name: /^Report preview$/ }).waitFor();
    await expectClean('shift: X report preview');
    await page.getByRole('radio', { name: /^Paid out/ }).check();
    await page.getByLabel(/^Amount$/).fill('1200');
    await page.getByLabel(/^Reason for the cash movement$/).fill('New kettle');
    await page.getByRole('button', { name: /^Record cash movement$/ }).click();
    const approval = new ApprovalDialog(page);
    await approval.dialog().waitFor({ timeout: 15_000 });
    await expectClean('approval dialog');
    await approval.cancel();
    const shift = new ShiftPage(page);
    await shift.task('noSale');
    await expectClean('shift: no sale');
    await shift.task('close');
    await expectClean('shift: close with the blind count');
    await page.keyboard.press('F1');
    await page.locator('body').press('?');
    await page.getByRole('dialog').waitFor();
    await expectClean('help overlay');
    await page.keyboard.press('Escape');
    expect(findings).toEqual([]);
    expect(scanned.length).toBeGreaterThanOrEqual(15);
  }, 180_000);

  it('refund done and exchange done', async () => {
    const refund = new RefundPage(page);
    await page.keyboard.press('F2');
    await refund.find('T1-000001');
    await refund.ticket(/row 4 seat 6\b/i).check();
    await refund.method(/^Cash/).check();
    await refund.confirm();
    await refund
      .done()
      .filter({ hasText: /Refund T1-\d{6} done/ })
      .waitFor({ timeout: 15_000 });
    await expectClean('refund: done');
    await page.getByRole('button', { name: 'Next customer' }).click();

    const exchange = new ExchangePage(page);
    const sell = new SellPage(page);
    await page.keyboard.press('F3');
    await exchange.find('T1-000001');
    await exchange.ticket(/row 4 seat 7\b/i).check();
    await sell.pickPerformance(/^Sell The Forest Song/, 1);
    await sell.toggleSeat(/^Row 6 seat 3, Stalls/);
    await expect.poll(() => exchange.quote().textContent()).toMatch(/Customer (pays|gets)/);
    if (/Customer pays/.test((await exchange.quote().textContent()) ?? '')) {
      const quick = sell.quickCash();
      await quick.nth((await quick.count()) - 1).click();
    }
    await exchange.confirmExchange();
    await exchange
      .done()
      .filter({ hasText: /Exchange T1-\d{6} done/ })
      .waitFor({ timeout: 15_000 });
    await expectClean('exchange: done');
    await page.getByRole('button', { name: 'Next customer' }).click();
    expect(findings).toEqual([]);
  }, 180_000);

  it('a ticket the policy will not refund (the exception offered) nor exchange', async () => {
    const receipt = await sellGaForCash('Fan zone');
    const refund = new RefundPage(page);
    await page.keyboard.press('F2');
    await refund.find(receipt);
    await refund.ticket(/Fan zone/).check();
    await expect.poll(() => page.locator('#refund-blocked').textContent()).toMatch(/No refund/);
    await expectClean('refund: non-refundable, the exception offered');
    const exception = page.getByRole('group', { name: 'Refund as an exception' });
    await exception.getByLabel(/^Reason for the exception/).fill('Flight cancelled');
    await exception.getByRole('button', { name: 'Ask for the exception' }).click();
    await expect.poll(() => exception.textContent()).toMatch(/Exception asked for/);
    await expectClean('refund: exception asked for');
    await page.getByRole('button', { name: 'Cancel refund' }).click();

    const exchange = new ExchangePage(page);
    await page.keyboard.press('F3');
    await exchange.find(receipt);
    await exchange.ticket(/Fan zone/).check();
    await expect
      .poll(
        () => page.getByRole('status', { name: 'Why no performance can be chosen' }).textContent(),
        { timeout: 15_000 },
      )
      .toMatch(/non-exchangeable/);
    await expectClean('exchange: no performance allowed, and why');
    expect(findings).toEqual([]);
  }, 180_000);

  it('the scan verdict panel: garbage and a forged ticket', async () => {
    await performanceList();
    const verdict = page.getByRole('alert', { name: 'Scanned ticket' });
    await wedgeScan('NOT#A#TICKET!!');
    await expect.poll(() => verdict.textContent(), { timeout: 15_000 }).toMatch(/Not a ticket/);
    await expectClean('scan verdict: not a ticket');
    await verdict.getByRole('button', { name: 'Dismiss' }).click();
    await verdict.waitFor({ state: 'detached' });
    const tickets = await readStore<{ code: string }>(page, 'tickets');
    const ticket = tickets.find((t) => !t.code.startsWith(' ') && !t.code.endsWith(' '));
    expect(ticket).toBeDefined();
    // The long code comes from the serial scanner (through main): typed by a wedge on a busy
    // machine (axe just ran) a render stall can split it, and the half reads as "not a ticket".
    app.stack.services.events.emit('scanner.scan', {
      source: 'serial',
      port: '/dev/ttyFAKE0',
      data: forge(ticket!.code),
      at: new Date().toISOString(),
    });
    await expect
      .poll(() => verdict.textContent(), { timeout: 15_000 })
      .toMatch(/Forged or damaged/);
    await expectClean('scan verdict: forged ticket');
    await verdict.getByRole('button', { name: 'Dismiss' }).click();
    expect(findings).toEqual([]);
  }, 180_000);

  it('several orders found for a name', async () => {
    // No screen attaches a customer to a sale yet (issue 10 item 12 is optional): two stored
    // orders are given the same customer key, as a sale with that customer would store them.
    const tagged = await page.evaluate(async () => {
      const open = indexedDB.open('box-office');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(new Error(String(open.error)));
      });
      try {
        return await new Promise<number>((resolve, reject) => {
          const tx = db.transaction('orders', 'readwrite');
          const store = tx.objectStore('orders');
          const all = store.getAll();
          all.onsuccess = () => {
            const orders = (all.result as Record<string, unknown>[]).slice(0, 2);
            for (const o of orders) store.put({ ...o, customerKey: 'kovalenko hanna' });
            tx.oncomplete = () => resolve(orders.length);
          };
          tx.onerror = () => reject(new Error(String(tx.error)));
        });
      } finally {
        db.close();
      }
    });
    expect(tagged).toBe(2);
    await page.keyboard.press('F2');
    await new RefundPage(page).find('Kovalenko');
    const list = page.getByRole('region', { name: 'Several orders match. Choose one:' });
    await expect.poll(() => list.getByRole('button').count(), { timeout: 15_000 }).toBe(2);
    await expectClean('refund: several orders found');
    expect(findings).toEqual([]);
  }, 180_000);

  it('printer settings and the manager’s approval of a change', async () => {
    const settings = new PrinterSettingsPage(page);
    await page.keyboard.press('F9');
    await settings.open();
    await expectClean('shift: printer settings');
    // Typed only: the approval is cancelled below, so nothing is saved or connected to.
    await settings.networkPrinter('127.0.0.1', 9100);
    await settings.save().click();
    await settings.approval().dialog().waitFor({ timeout: 15_000 });
    await expectClean('printer settings: approval dialog');
    await settings.approval().cancel();
    expect(findings).toEqual([]);
  }, 180_000);

  it.each(LANGUAGES)(
    'sell with a cart, refund decision and shift in $locale',
    async (c) => {
      await page.getByRole('combobox', { name: /^(Language|Мова|语言)/ }).selectOption(c.locale);
      // The page names its language (WCAG 3.1.1; axe cannot tell a wrong one from a right one).
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(c.locale);
      const sell = new SellPage(page);
      await performanceList();
      await sell.pickPerformance(c.performance);
      for (const s of c.seats) await sell.toggleSeat(c.seat(7, s));
      await page.getByText(c.twoTickets).waitFor();
      await expectClean(`${c.locale} sell: seat map and cart`);
      const quick = sell.quickCash();
      await quick.nth((await quick.count()) - 1).click();
      await sell.confirm();
      const done = sell.done().filter({ hasText: c.saleDone });
      await done.waitFor({ timeout: 15_000 });
      const receipt = /T1-\d{6}/.exec((await done.textContent()) ?? '')?.[0] ?? '';
      await expectClean(`${c.locale} sell: sale done`);
      await page.getByRole('button', { name: c.nextCustomer }).click();

      const refund = new RefundPage(page);
      await page.keyboard.press('F2');
      await refund.find(receipt);
      await refund.ticket(c.orderTicket(7, c.seats[0])).check();
      await refund.decision().waitFor({ timeout: 15_000 });
      await expectClean(`${c.locale} refund: decision`);

      const shift = new ShiftPage(page);
      await page.keyboard.press('F9');
      await page.getByRole('button', { name: c.showX }).click();
      await shift.preview().waitFor({ timeout: 15_000 });
      await expectClean(`${c.locale} shift: X report and cash movements`);
      await page.getByRole('combobox', { name: /^(Language|Мова|语言)/ }).selectOption('en');
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(findings).toEqual([]);
    },
    180_000,
  );
});
