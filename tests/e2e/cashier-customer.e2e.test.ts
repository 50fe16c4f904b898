/**
 * Issue 10 item 12: the customer on the order. A name typed in the cart goes with the sale;
 * the performance's per-customer limit (Forest Song: 8) counts what that customer already
 * holds — said in words beside the field, Confirm held back with the same words — and the
 * refund screen finds the customer's orders by the name.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCashierApp, type CashierApp } from './cashier-stack';
import { CashierPage } from './page-models/cashier-page';
import { RefundPage } from './page-models/refund-page';
import { SellPage } from './page-models/sell-page';
import { readStore } from './page-models/till-store';

let app: CashierApp;
let page: Page;

beforeAll(async () => {
  app = await openCashierApp('cashier-customer');
  page = app.page;
  await page.goto(app.stack.pageUrl);
  await new CashierPage(page).startDay('2000');
}, 120_000);

afterAll(async () => {
  await app?.close();
});

const seat = (row: number, n: number) => new RegExp(`^Row ${row} seat ${n}, Stalls`);
const customerField = () => page.getByLabel('Customer (optional)');
const confirmSale = () => page.getByRole('button', { name: /^Confirm sale/ });

async function cartOf(seats: readonly RegExp[], customer: string): Promise<SellPage> {
  const sell = new SellPage(page);
  await page.keyboard.press('F1');
  await sell.pickPerformance(/^Sell The Forest Song/);
  for (const s of seats) await sell.toggleSeat(s);
  await page.getByText(new RegExp(`^${seats.length} tickets?$`)).waitFor();
  await customerField().fill(customer);
  return sell;
}

describe('the customer on the order', () => {
  it('a sale keeps the customer; a second order over the per-customer limit is held back in words', async () => {
    const first = await cartOf(
      [1, 2, 3, 4, 5, 6].map((n) => seat(10, n)),
      'Anna Koval',
    );
    await first.payCashAndNext();
    const orders = await readStore<{ customerKey?: string }>(page, 'orders');
    expect(orders.map((o) => o.customerKey)).toEqual(['anna koval']);

    // Same customer, typed differently: 6 held + 3 more > 8.
    const second = await cartOf(
      [7, 8, 9].map((n) => seat(10, n)),
      'anna koval ',
    );
    const said =
      'anna koval already has 6 tickets for this performance, and one customer may hold at most 8: this order can have 2 more.';
    await expect
      .poll(() => page.locator('#customer-error').textContent(), { timeout: 15_000 })
      .toContain(said);
    expect(await confirmSale().isDisabled()).toBe(true);
    expect(await page.locator('.confirm-reason').textContent()).toContain(said);

    // Two seats fit: the words go and the sale goes through.
    await second.toggleSeat(seat(10, 9));
    await expect.poll(() => page.locator('#customer-error').count()).toBe(0);
    await second.payCashAndNext();
    expect(await readStore<unknown>(page, 'orders')).toHaveLength(2);

    // Another name is not limited by Anna's tickets.
    const other = await cartOf(
      [11, 12].map((n) => seat(10, n)),
      'Petro',
    );
    expect(await page.locator('#customer-error').count()).toBe(0);
    await other.payCashAndNext();
  });

  it("the refund screen finds the customer's orders by the start of the name", async () => {
    const refund = new RefundPage(page);
    await page.keyboard.press('F2');
    await refund.find('anna');
    await expect
      .poll(() => page.getByRole('button', { name: /T1-00000[12]/ }).count(), { timeout: 15_000 })
      .toBe(2);
  });
});
