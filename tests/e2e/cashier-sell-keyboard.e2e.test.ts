import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCashierApp, type CashierApp } from './cashier-stack';
import { CashierPage } from './page-models/cashier-page';
import { CountingKeyboard, sellTwoSeatsByKeyboard } from './page-models/keyboard-counter';
import { SellPage } from './page-models/sell-page';

// Issue 10 for the sell screen, sign-in and shell, in real Chromium at 1280×800 (and 1366×768,
// 1920×1080): the confirm button in view with no page scroll on every step, sign-in by
// keyboard with nobody preselected, the seat map's labels, legend, seat size and limits in
// words, the payment's refusals naming the field, and a keyboard-only sale of 2 reserved seats
// for cash with change in ≤ 10 keystrokes and no Tab.

let app: CashierApp;
let page: Page;

beforeAll(async () => {
  app = await openCashierApp('cashier-sell-keyboard');
  page = app.page;
}, 120_000);

afterAll(async () => {
  await app?.close();
});

const CONFIRM = /^Confirm sale$/;

/** The page does not scroll and `name`'s button is wholly inside the viewport. */
async function inView(name: RegExp): Promise<{ scrollHeight: number; innerHeight: number }> {
  const button = page.getByRole('button', { name });
  await button.waitFor();
  const box = await button.boundingBox();
  const size = page.viewportSize();
  expect(box).not.toBeNull();
  expect(size).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(size!.height);
  expect(box!.x + box!.width).toBeLessThanOrEqual(size!.width);
  const heights = await page.evaluate(() => ({
    scrollHeight: document.scrollingElement?.scrollHeight ?? Infinity,
    innerHeight: window.innerHeight,
  }));
  expect(heights.scrollHeight).toBeLessThanOrEqual(heights.innerHeight);
  return heights;
}

const alertText = () => page.getByRole('alert').first().textContent();

describe('sign-in by keyboard', () => {
  it('focuses the PIN, preselects nobody, chooses staff by typing, names whose PIN failed', async () => {
    await page.goto(app.stack.pageUrl);
    await page.getByRole('radio', { name: /^Olena/ }).waitFor({ timeout: 60_000 });
    await inView(/^Sign in$/);
    // Nobody is chosen and the cursor is in the PIN field.
    for (const name of [/^Olena/, /^Taras/, /^Li Wei/])
      expect(await page.getByRole('radio', { name }).isChecked()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe(
      'password',
    );
    await page.keyboard.press('Enter');
    await expect.poll(alertText).toMatch(/Choose who is signing in first/);

    // "t" chooses Taras; his wrong PIN is refused in his name (and burns his tries, not Olena's).
    await page.keyboard.press('t');
    expect(await page.getByRole('radio', { name: /^Taras/ }).isChecked()).toBe(true);
    await page.keyboard.type('9999');
    await page.keyboard.press('Enter');
    await expect
      .poll(alertText, { timeout: 15_000 })
      .toMatch(/^Sign-in for Taras refused: Wrong PIN\. \d tries left/);
    expect(await page.getByRole('radio', { name: /^Olena/ }).isChecked()).toBe(false);

    // "o" then her PIN and Enter: Olena is signed in, all without the mouse or Tab.
    await page.keyboard.press('o');
    expect(await page.getByRole('radio', { name: /^Olena/ }).isChecked()).toBe(true);
    await page.keyboard.type('1111');
    await page.keyboard.press('Enter');
    await new CashierPage(page).openShift('1000');
    await new CashierPage(page)
      .status('Shift status')
      .getByText(/Shift .* open/)
      .waitFor({ timeout: 15_000 });
  }, 180_000);
});

describe('the sell screen at 1280×800', () => {
  it('sells 2 reserved seats for cash with change by keyboard only: ≤ 10 keystrokes, no Tab, confirm in view on every step', async () => {
    await page.keyboard.press('F1');
    await inView(CONFIRM);
    const keys = new CountingKeyboard(page);
    // The layout is checked between the keystrokes, on each step the cashier sees.
    const sale = await sellTwoSeatsByKeyboard(page, keys, '2500', {
      onStep: async (step) => {
        await inView(step === 'done' ? /^Next customer$/ : CONFIRM);
      },
    });
    expect(sale.receipt).toBe('T1-000001');
    expect(sale.change).toMatch(/[1-9]/);
    expect(keys.log).not.toContain('Tab');
    expect(keys.count).toBeLessThanOrEqual(10);
    console.log(`keyboard-only sale: ${keys.count} keystrokes: ${keys.log.join(' ')}`);
    // Next customer put the focus back on the performance list.
    // (The list takes the focus in an effect after it paints, so wait for it rather than read once.)
    await expect
      .poll(() =>
        page.evaluate(() => document.activeElement?.closest('.performance-picker') !== null),
      )
      .toBe(true);
  }, 180_000);

  it('shows row and section labels, categories by colour and pattern with the legend in view, seats ≥ 24 px', async () => {
    const sell = new SellPage(page);
    await sell.pickPerformance(/^Sell The Forest Song/);
    const map = sell.seatMap();
    await map.waitFor();
    for (const label of ['Row 1', 'Row 14', 'Stalls', 'Balcony', 'Stage'])
      expect(await map.getByText(label, { exact: true }).count()).toBeGreaterThan(0);
    const face = page.locator('.seat-map .seat circle.face').first();
    const box = await face.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(24);
    expect(box!.height).toBeGreaterThanOrEqual(24);
    // The legend names each category with its price and limit; both look different.
    const legend = page.getByRole('list', { name: 'Legend' });
    const size = page.viewportSize()!;
    const lbox = await legend.boundingBox();
    expect(lbox!.y + lbox!.height).toBeLessThanOrEqual(size.height);
    expect(await legend.textContent()).toMatch(/Premium stalls: ₴1,200\.00 · up to 8 per order/);
    const looks = await page.evaluate(() => {
      const look = (row: number) => {
        const g = document.querySelector(
          `.seat-map .seat[aria-label^="Row ${row} seat 5, Stalls"]`,
        );
        const faceEl = g?.querySelector('circle.face');
        return {
          fill: faceEl ? getComputedStyle(faceEl).fill : '',
          pattern: g?.querySelector('circle.pattern')?.getAttribute('fill') ?? null,
        };
      };
      return { premium: look(2), standard: look(10) };
    });
    expect(looks.premium.fill).not.toBe(looks.standard.fill);
    expect(looks.premium.pattern).not.toBe(looks.standard.pattern);
    await inView(CONFIRM);
  }, 120_000);

  it('best available per category replaces the selection; quantities over the limit are said in words', async () => {
    const sell = new SellPage(page);
    const checked = () => sell.seatMap().locator('[role="checkbox"][aria-checked="true"]').count();
    await page.getByLabel('Category').selectOption({ label: 'Premium stalls: ₴1,200.00' });
    await page.getByLabel('Seats together').fill('2');
    await page.getByRole('button', { name: 'Best available for 2 seats' }).click();
    await expect.poll(checked, { timeout: 15_000 }).toBe(2);
    const premiumOnly = await sell
      .seatMap()
      .locator('[role="checkbox"][aria-checked="true"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    for (const name of premiumOnly) expect(name).toMatch(/^Row [1-6] seat/);
    // 3 on the map: three seats in place of the two, not five.
    await sell.seatMap().locator('[role="checkbox"][tabindex="0"]').focus();
    await page.keyboard.press('3');
    await expect.poll(checked, { timeout: 15_000 }).toBe(3);
    await page.getByText(/^3 tickets$/).waitFor();
    // "Seats together" over the per-order limit: the reason, not a silent clamp.
    await page.getByLabel('Seats together').fill('999');
    await expect
      .poll(() => page.locator('#best-count-hint').textContent())
      .toBe('Seats together: at most 8 per order. Type 8 or fewer.');
    expect(await page.getByRole('button', { name: /^Best available for/ }).isDisabled()).toBe(true);
    await page.getByLabel('Seats together').fill('2');
    await page.getByRole('button', { name: /^Clear cart$/ }).click();
    await expect.poll(checked, { timeout: 15_000 }).toBe(0);

    // Picking seats by hand past the premium limit of 8: the ninth is refused in words.
    for (let s = 1; s <= 8; s++) await sell.toggleSeat(new RegExp(`^Row 2 seat ${s}, Stalls`));
    await expect.poll(checked, { timeout: 15_000 }).toBe(8);
    await sell.toggleSeat(/^Row 2 seat 9, Stalls/);
    await expect
      .poll(alertText, { timeout: 15_000 })
      .toMatch(/At most 8 Premium stalls seats per order\. Sell the rest as a second order\./);
    expect(await checked()).toBe(8);
    await inView(CONFIRM);
    await page.getByRole('button', { name: /^Clear cart$/ }).click();
    await expect.poll(checked, { timeout: 15_000 }).toBe(0);
  }, 180_000);

  it('payment refusals name the field and the fix; Confirm always says why it is disabled', async () => {
    const sell = new SellPage(page);
    await sell.seatMap().locator('[role="checkbox"][tabindex="0"]').focus();
    await page.keyboard.press('2');
    await page.getByText(/^2 tickets$/).waitFor();
    const reason = () => page.locator('#confirm-reason').textContent();
    const confirm = page.getByRole('button', { name: CONFIRM });
    await expect
      .poll(reason, { timeout: 15_000 })
      .toMatch(/^To confirm: type the cash received \(or press F4/);
    expect(await confirm.isDisabled()).toBe(true);

    const cash = page.getByLabel('Cash received');
    await cash.fill('abc');
    await expect
      .poll(reason, { timeout: 15_000 })
      .toBe('Cash received: type the amount in digits, like 2500 or 2500.50.');
    await cash.fill('1000000000000');
    await expect
      .poll(reason, { timeout: 15_000 })
      .toMatch(/^Cash received: at most ₴[\d,]+\.00 for this sale\./);
    await cash.fill('10');
    await expect
      .poll(reason, { timeout: 15_000 })
      .toMatch(/^Cash received is less than the ₴[\d,.]+ due in cash/);
    await cash.fill('');

    // F6 opens the card form with the cursor in it.
    await page.keyboard.press('F6');
    await page.waitForFunction(() => document.activeElement?.getAttribute('placeholder') !== null);
    const error = () => page.locator('.tender-panel .field-error[role="alert"]').textContent();
    await page.getByLabel('Card amount').fill('999999');
    await page.getByLabel('Approval code').fill('A1B2C3');
    await page.getByLabel('Last 4 digits of the card').fill('4242');
    await page.getByLabel('Card amount').press('Enter');
    await expect
      .poll(error, { timeout: 15_000 })
      .toMatch(/^Card amount: at most ₴[\d,.]+, what is left to pay\./);
    await page.getByLabel('Card amount').fill('');
    await page.getByLabel('Approval code').fill('');
    await page.getByRole('button', { name: 'Add card payment' }).click();
    await expect
      .poll(error, { timeout: 15_000 })
      .toBe('Approval code: 2–12 letters or digits, as printed on the card slip.');
    await page.getByLabel('Approval code').fill('A1B2C3');
    await page.getByLabel('Last 4 digits of the card').fill('12ab');
    await page.getByRole('button', { name: 'Add card payment' }).click();
    await expect
      .poll(error, { timeout: 15_000 })
      .toBe('Last 4 digits of the card: exactly 4 digits, as printed on the card slip.');
    expect(await page.getByRole('list', { name: 'Payments so far' }).count()).toBe(0);

    // A promo code the pricing refuses: said under the field and as Confirm's reason.
    await page.getByLabel('Promo code').fill('NOSUCHCODE');
    await expect
      .poll(reason, { timeout: 15_000 })
      .toMatch(/^Promo code NOSUCHCODE: not valid for these tickets at this time\./);
    await page.getByLabel('Promo code').fill('');

    // F4: exact cash, focus on Confirm; the reason goes away and Confirm is enabled.
    await page.keyboard.press('F4');
    await expect.poll(() => confirm.isDisabled(), { timeout: 15_000 }).toBe(false);
    expect(await page.locator('#confirm-reason').count()).toBe(0);
    await inView(CONFIRM);
    await page.getByRole('button', { name: /^Clear cart$/ }).click();
  }, 180_000);

  it('help lists the pay keys', async () => {
    await page.locator('body').press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    expect(await help.textContent()).toMatch(
      /F4 — Exact cash.*F6 — Card payment.*F8 — Pay \(confirm sale\).*F10 — Next customer/,
    );
    await page.keyboard.press('Escape');
  });
});

describe('other window sizes', () => {
  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    it(`${width}×${height}: the sell screen fits, the confirm button in view, with 2 seats in the cart`, async () => {
      await page.setViewportSize({ width, height });
      const sell = new SellPage(page);
      await page.keyboard.press('F1');
      const change = page.getByRole('button', { name: 'Change performance' });
      if (await change.isVisible()) await change.click();
      await sell.pickPerformance(/^Sell The Forest Song/);
      await sell.seatMap().locator('[role="checkbox"][tabindex="0"]').focus();
      await page.keyboard.press('2');
      await page.getByText(/^2 tickets$/).waitFor();
      await page.getByLabel('Cash received').fill('2500');
      const heights = await inView(CONFIRM);
      console.log(
        `${width}×${height}: scrollHeight ${heights.scrollHeight} / ${heights.innerHeight}`,
      );
      await page.getByRole('button', { name: /^Clear cart$/ }).click();
    }, 120_000);
  }
});
