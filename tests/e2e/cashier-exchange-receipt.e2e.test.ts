import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printedText } from '../support/escpos-decoder';
import { eventually } from '../support/printer-harness';
import { CashierPage } from './page-models/cashier-page';
import { ExchangePage } from './page-models/exchange-page';
import { SellPage } from './page-models/sell-page';
import {
  receiptJobs,
  sellTwoSeatsForCash,
  signInReady,
  startPrintingCashier,
  type PrintingCashier,
} from './printing-cashier';

// Issue 10 item 4, the paper half: an exchange made on the real screen prints its receipt on a
// TCP ESC/POS printer (old ticket void, new ticket, new − credit + fee = to pay, tenders,
// change), before the new ticket, both with seats by name. Bytes decoded back.

let rig: PrintingCashier;

beforeAll(async () => {
  rig = await startPrintingCashier('exchange-receipt');
}, 120_000);

afterAll(async () => {
  await rig?.close();
});

describe('an exchange at the window prints its receipt', () => {
  it('old ticket void, new ticket, difference, fee, cash and change; then the new ticket', async () => {
    const { page } = rig;
    const sell = new SellPage(page);
    await signInReady(rig);
    await new CashierPage(page).go('F1');
    await sellTwoSeatsForCash(sell, [/^Row 8 seat 10, Stalls/, /^Row 8 seat 11, Stalls/]);
    await expect
      .poll(() => sell.done().textContent(), { timeout: 15_000 })
      .toMatch(/^Sale T1-000001 done/);

    const exchange = new ExchangePage(page);
    await page.keyboard.press('F3');
    await exchange.find('T1-000001');
    await exchange.ticket(/row 8 seat 11\b/i).check();
    await sell.pickPerformance(/^Sell The Forest Song/, 1);
    await sell.toggleSeat(/^Row 5 seat 10, Stalls/);
    await expect.poll(() => exchange.quote().textContent()).toMatch(/Customer pays/);
    const quick = sell.quickCash();
    await quick.nth((await quick.count()) - 1).click();
    await exchange.confirmExchange();
    await expect
      .poll(() => exchange.done().textContent(), { timeout: 15_000 })
      .toMatch(/Exchange T1-000002 done/);

    // The sale's receipt, then the exchange receipt and the new ticket.
    expect(await eventually(async () => (await receiptJobs(rig.vp)).length === 3, 15_000)).toBe(
      true,
    );
    const [, receiptJob, ticketJob] = await receiptJobs(rig.vp);
    const lines = printedText(receiptJob!);
    const text = lines.join('\n');
    expect(lines).toContain('EXCHANGE');
    expect(text).toMatch(/^Receipt no\. +T1-000002$/m);
    expect(text).toMatch(/^Original receipt +T1-000001$/m);
    expect(text).toContain('Returned tickets (now void)');
    expect(lines).toContain('  Stalls, row 8, seat 11');
    expect(lines).toContain('  Stalls, row 5, seat 10');
    expect(text).toMatch(/^ {2}Tier: Standard$/m);
    expect(text).toMatch(/^ {2}Tier: Premium stalls$/m);
    expect(text).toMatch(/^Exchange fee +50\.00$/m);
    expect(text).toMatch(/^TO PAY +[\d,.]+ UAH$/m);
    expect(text).toMatch(/^ {2}Tendered +[\d,.]+$/m);
    expect(text).toMatch(/Cashier Olena$/m);
    expect(text).not.toMatch(/stalls-|forest-song|olena\b/);
    expect(receiptJob!.raster).toEqual([]);
    // The new ticket: its own slip, with its QR.
    expect(printedText(ticketJob!).join('\n')).toMatch(/^Section +Stalls$/m);
    expect(ticketJob!.qr).toHaveLength(1);
  }, 180_000);
});
