import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VirtualPrinter } from '../../src-main/devices/virtual-printer';
import { decodeEscPos, printedText } from '../support/escpos-decoder';
import { eventually } from '../support/printer-harness';
import { journalOf } from './page-models/till-store';
import { ExchangePage } from './page-models/exchange-page';
import { RefundPage } from './page-models/refund-page';
import { SellPage } from './page-models/sell-page';
import { ShiftPage } from './page-models/shift-page';
import {
  drawerKicks,
  expectDrawerKicks,
  signInReady,
  startPrintingCashier,
  type PrintingCashier,
} from './printing-cashier';

// Issue 10 item 3, at a real window: the drawer opens once for every journal entry that moves
// cash — cash sale, cash refund, exchange settled in cash (taken and paid back), paid in, paid
// out, drop, no-sale — and never for an entry settled by card. Each kick is counted in the
// ESC/POS bytes a TCP printer on loopback received (`ESC p`), next to the journal entry types.

let rig: PrintingCashier;
let vp: VirtualPrinter;
let page: Page;
/** The cash sale the refund and exchanges below work on. */
let cashReceiptNo = '';

beforeAll(async () => {
  rig = await startPrintingCashier('cashier-drawer');
  ({ vp, page } = rig);
}, 120_000);

afterAll(async () => {
  await rig?.close();
});

const kicks = (): Promise<number> => drawerKicks(vp);
const expectKicks = (n: number): Promise<void> => expectDrawerKicks(vp, n);

async function lastEntryType(): Promise<string | undefined> {
  return (await journalOf(page)).at(-1)?.type;
}

/** Waits for the refund's or exchange's done screen (its receipt number, "done"). */
async function doneScreen(kind: 'Refund' | 'Exchange'): Promise<void> {
  await new RefundPage(page)
    .done()
    .filter({ hasText: new RegExp(`${kind} T1-\\d{6} done`) })
    .waitFor({ timeout: 15_000 });
}

/**
 * Exchanges one ticket of the cash sale for a seat at the later Forest Song, reading the quote
 * first; pays with the first quick-cash amount when the customer pays.
 */
async function exchangeAtWindow(
  ticket: RegExp,
  seat: RegExp,
  quote: RegExp,
  customerPays: boolean,
): Promise<void> {
  const exchange = new ExchangePage(page);
  const sell = new SellPage(page);
  await page.keyboard.press('F3');
  await exchange.find(cashReceiptNo);
  await exchange.ticket(ticket).check();
  await sell.pickPerformance(/^Sell The Forest Song/, 1);
  await sell.toggleSeat(seat);
  await expect.poll(() => exchange.quote().textContent()).toMatch(quote);
  if (customerPays) await sell.quickCash().first().click();
  await exchange.confirmExchange();
  await doneScreen('Exchange');
}

describe('one drawer opening for each entry that moves cash, none for card', () => {
  let cardReceipt = '';

  it('cash sale: one kick', async () => {
    await signInReady(rig);
    cashReceiptNo = await new SellPage(page).sellForCash(/^Sell The Forest Song/, [
      /^Row 9 seat 3, Stalls/,
      /^Row 9 seat 4, Stalls/,
    ]);
    expect(cashReceiptNo).toMatch(/^T1-\d{6}$/);
    expect(await lastEntryType()).toBe('sale');
    await expectKicks(1);
  }, 120_000);

  it('card sale: no kick', async () => {
    const sell = new SellPage(page);
    await page.keyboard.press('F1');
    await sell.pickPerformance(/^Sell The Forest Song/);
    await sell.toggleSeat(/^Row 10 seat 1, Stalls/);
    await page.getByText(/^1 ticket$/).waitFor();
    await page.getByText('Card (terminal)').click();
    await page.getByLabel('Approval code').fill('A1B2C3');
    await page.getByLabel('Last 4 digits of the card').fill('4242');
    await page.getByRole('button', { name: 'Add card payment' }).click();
    await sell.confirm();
    const done = sell.done().filter({ hasText: /Sale T1-\d{6} done/ });
    await done.waitFor({ timeout: 15_000 });
    cardReceipt = /T1-\d{6}/.exec((await done.textContent()) ?? '')?.[0] ?? '';
    await page.getByRole('button', { name: 'Next customer' }).click();
    expect(await lastEntryType()).toBe('sale');
    await expectKicks(1);
  }, 120_000);

  it('cash refund: one kick', async () => {
    const refund = new RefundPage(page);
    await page.keyboard.press('F2');
    await refund.find(cashReceiptNo);
    await refund.ticket(/row 9 seat 3\b/i).check();
    await refund.method(/^Cash/).check();
    await refund.confirm();
    await doneScreen('Refund');
    expect(await lastEntryType()).toBe('refund');
    await expectKicks(2);
  }, 120_000);

  it('exchange where the customer pays the difference in cash: one kick', async () => {
    await exchangeAtWindow(/row 9 seat 4\b/i, /^Row 5 seat 14, Stalls/, /Customer pays/, true);
    expect(await lastEntryType()).toBe('exchange');
    await expectKicks(3);
  }, 120_000);

  // The demo venue's policy pays a cheaper exchange back as a credit voucher, never cash.
  it('exchange to a cheaper seat, the difference on a credit voucher: no kick', async () => {
    await exchangeAtWindow(/row 5 seat 14\b/i, /^Row 9 seat 8, Stalls/, /Customer gets/, false);
    const exchanged = (await journalOf(page)).at(-1)!;
    expect(exchanged.type).toBe('exchange');
    const payouts = (exchanged.payload as { payouts: { kind: string; voucherId?: string }[] })
      .payouts;
    expect(payouts.map((p) => p.kind)).toEqual(['voucher']);
    // The customer takes the credit voucher away on paper: its code is the voucher's id.
    const voucherId = payouts[0]!.voucherId!;
    expect(
      await eventually(async () =>
        (await vp.jobs()).map(decodeEscPos).some((j) => j.qr.includes(voucherId)),
      ),
    ).toBe(true);
    const slip = (await vp.jobs()).map(decodeEscPos).find((j) => j.qr.includes(voucherId))!;
    const lines = printedText(slip).map((l) => l.trim());
    expect(lines).toContain('CREDIT VOUCHER');
    expect(lines.some((l) => /^Balance\s+490\.00/.test(l))).toBe(true);
    await expectKicks(3);
  }, 120_000);

  it('refund of the card sale back to the card: no kick', async () => {
    const refund = new RefundPage(page);
    await page.keyboard.press('F2');
    await refund.find(cardReceipt);
    await refund.ticket(/row 10 seat 1\b/i).check();
    await refund.method(/^The original card$/).check();
    // A code that is not one (too short, a symbol) is said in words and keeps Confirm off.
    await page.getByLabel(/^Card terminal approval code/).fill('7#');
    await expect
      .poll(() => page.locator('#refund-blocked').textContent())
      .toMatch(/^Approval code for the card ending 4242: type the 2–12 letters or digits/);
    expect(await page.getByRole('button', { name: /^Confirm refund/ }).isDisabled()).toBe(true);
    await page.getByLabel(/^Card terminal approval code/).fill('R7Q2Z1');
    await refund.confirm();
    await doneScreen('Refund');
    expect(await lastEntryType()).toBe('refund');
    await expectKicks(3);
  }, 120_000);

  it('paid in, paid out, drop and no-sale: one kick each', async () => {
    const shift = new ShiftPage(page);
    await page.keyboard.press('F9');
    const movements: [RegExp, string, string, string][] = [
      [/^Paid in/, '100', 'Change from the bank', 'paid_in'],
      [/^Paid out/, '20', 'Printer paper', 'paid_out'],
      [/^Drop/, '500', 'Safe drop', 'drop'],
    ];
    let expected = 3;
    for (const [kind, amount, reason, type] of movements) {
      await shift.cashMovement(kind, amount, reason);
      await expect.poll(() => lastEntryType(), { timeout: 15_000 }).toBe(type);
      await expectKicks(++expected);
    }
    await shift.noSaleReason('Change for the next window');
    await shift.noSaleButton().click();
    await expect.poll(() => lastEntryType(), { timeout: 15_000 }).toBe('no_sale');
    await expectKicks(expected + 1);
  }, 180_000);

  // The generous policy (Dnipro Lights standing) pays a cheaper exchange back to the original
  // payment and allows any event: a ₴650 standing ticket bought for cash, exchanged for a
  // ₴600 seat at The Forest Song, gives the customer ₴50 back in cash from the drawer.
  it('exchange to a cheaper seat, the difference paid back in cash: one kick', async () => {
    const sell = new SellPage(page);
    const exchange = new ExchangePage(page);
    const base = await kicks();
    await page.keyboard.press('F1');
    await sell.pickPerformance(/^Sell Dnipro Lights/, 1);
    await page.getByRole('button', { name: /^One more Standing$/ }).click();
    await page.getByText(/^1 ticket$/).waitFor();
    const quick = sell.quickCash();
    await quick.nth((await quick.count()) - 1).click();
    await sell.confirm();
    const done = sell.done().filter({ hasText: /Sale T1-\d{6} done/ });
    await done.waitFor({ timeout: 15_000 });
    const standingReceipt = /T1-\d{6}/.exec((await done.textContent()) ?? '')?.[0] ?? '';
    await page.getByRole('button', { name: 'Next customer' }).click();
    expect(await lastEntryType()).toBe('sale');
    await expectKicks(base + 1);

    await page.keyboard.press('F3');
    await exchange.find(standingReceipt);
    await exchange.ticket(/Standing/).check();
    await sell.pickPerformance(/^Sell The Forest Song/, 0);
    await sell.toggleSeat(/^Row 11 seat 5, Stalls/);
    await expect
      .poll(() => exchange.quote().textContent(), { timeout: 15_000 })
      .toMatch(/^Customer gets back \D*50\.00\b/);
    await exchange.confirmExchange();
    await doneScreen('Exchange');
    const exchanged = (await journalOf(page)).at(-1)!;
    expect(exchanged.type).toBe('exchange');
    const payload = exchanged.payload as {
      tenders: unknown[];
      payouts: { kind: string; amount: { amount: number } }[];
    };
    // Nothing taken, ₴50.00 paid out in cash: the drawer opens once, for the payout.
    expect(payload.tenders).toEqual([]);
    expect(payload.payouts.map((p) => [p.kind, p.amount.amount])).toEqual([['cash', 5000]]);
    await expectKicks(base + 2);
  }, 180_000);
});
