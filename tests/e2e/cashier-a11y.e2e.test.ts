import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openCashierApp, type CashierApp } from './cashier-stack';
import { ApprovalDialog } from './page-models/approval-dialog';
import { CashierPage } from './page-models/cashier-page';
import { ExchangePage } from './page-models/exchange-page';
import { RefundPage } from './page-models/refund-page';
import { SellPage } from './page-models/sell-page';
import { ShiftPage } from './page-models/shift-page';

// Issue 10: an axe-core scan (WCAG 2.x A/AA rules and axe's best practices) of every cashier
// screen and dialog at 1280×800, in the states a cashier meets them: zero serious or critical
// violations. A finding is reported with the rule, its help text and the elements it hit.

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
});
