import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VirtualPrinter } from '../../src-main/devices/virtual-printer';
import { decodeEscPos, printedText } from '../support/escpos-decoder';
import { configureAsManager, eventually, printerConfig } from '../support/printer-harness';
import { CashierPage } from './page-models/cashier-page';
import { RefundPage } from './page-models/refund-page';
import { SellPage } from './page-models/sell-page';
import { ticketCodesOf } from './page-models/till-store';
import {
  receiptJobs,
  sellTwoSeatsForCash,
  signInReady,
  startPrintingCashier,
  type PrintingCashier,
} from './printing-cashier';

// The whole chain a cashier relies on, with real parts: the sell screen in Chromium commits a
// sale in IndexedDB, asks main (through the device bridge) to print, and a TCP printer on
// loopback receives ESC/POS bytes. The bytes are decoded back: the receipt number, the QR
// codes equal to the signed ticket codes stored with the order, one full drawer kick for
// cash and none for card. Then the roll runs out: the sale still commits, the receipt waits
// in the queue and prints exactly once when paper is back.

let rig: PrintingCashier;
let vp: VirtualPrinter;
let page: Page;

beforeAll(async () => {
  rig = await startPrintingCashier('cashier-print');
  ({ vp, page } = rig);
}, 120_000);

afterAll(async () => {
  await rig?.close();
});

/** Receipt jobs the printer has printed so far (drawer kicks go as jobs of their own). */
const receipts = () => receiptJobs(vp);

/** Every drawer kick the printer took, in order, with how many receipts preceded it. */
async function kicks(): Promise<
  { afterReceipts: number; pin: number; onMs: number; offMs: number }[]
> {
  let printed = 0;
  const out = [];
  for (const job of (await vp.jobs()).map(decodeEscPos)) {
    for (const k of job.drawerKicks) out.push({ afterReceipts: printed, ...k });
    if (job.cuts > 0) printed++;
  }
  return out;
}

/** The signed ticket codes stored with this receipt, read from IndexedDB. */
const storedCodes = (receiptNumber: number) => ticketCodesOf(page, receiptNumber);

/** "Next customer" starts a new cart at the performance list. */
async function nextCustomer(): Promise<void> {
  await page.getByRole('button', { name: 'Next customer' }).click();
  await page
    .getByRole('button', { name: /^Sell The Forest Song/ })
    .first()
    .waitFor();
}

describe('printing a sale from the cashier screen on a TCP ESC/POS printer', () => {
  it('prints the cash receipt with the stored ticket codes as QR and kicks the drawer once', async () => {
    const cashier = new CashierPage(page);
    const sell = new SellPage(page);
    await signInReady(rig);
    await cashier.go('F1');
    await sellTwoSeatsForCash(sell, [/^Row 3 seat 4, Stalls/, /^Row 3 seat 5, Stalls/]);
    await expect
      .poll(() => sell.done().textContent(), { timeout: 15_000 })
      .toMatch(/^Sale T1-000001 done/);

    expect(await eventually(async () => (await receipts()).length === 1, 10_000)).toBe(true);
    const [job] = await receipts();
    const codes = await storedCodes(1);
    expect(codes).toHaveLength(2);
    expect([...job!.qr].sort()).toEqual([...codes].sort());
    expect(printedText(job!).join('\n')).toContain('T1-000001');
    expect(job!.questionMarks).toBe(0);
    // The configured pulse (m = 0, i.e. connector pin 2; 50 ms on, 500 ms off), sent before the receipt: the
    // drawer opens while the receipt prints, not after.
    expect(await kicks()).toEqual([{ afterReceipts: 0, pin: 0, onMs: 50, offMs: 500 }]);
  }, 120_000);

  it('a card sale prints without opening the drawer', async () => {
    const sell = new SellPage(page);
    await nextCustomer();
    await sell.pickPerformance(/^Sell Dnipro Lights/);
    await page.getByRole('button', { name: 'One more Standing' }).click();
    // The card amount is left empty: it defaults to what is still due.
    await page.getByText('Card (terminal)').click();
    await page.getByLabel('Approval code').fill('Z9Y8X7');
    await page.getByLabel('Last 4 digits of the card').fill('1881');
    await page.getByRole('button', { name: 'Add card payment' }).click();
    await sell.confirm();
    await expect
      .poll(() => sell.done().textContent(), { timeout: 15_000 })
      .toMatch(/^Sale T1-000002 done/);
    expect(await eventually(async () => (await receipts()).length === 2, 10_000)).toBe(true);
    const card = (await receipts())[1]!;
    expect(printedText(card).join('\n')).toContain('1881');
    expect(await kicks()).toHaveLength(1);
    expect(card.qr).toEqual(await storedCodes(2));
  }, 120_000);

  it('paper out: the sale commits, the receipt waits, and prints once when paper is back', async () => {
    const cashier = new CashierPage(page);
    const sell = new SellPage(page);
    vp.setPaperOut(true);
    await expect
      .poll(() => cashier.status('Printer status').textContent(), { timeout: 15_000 })
      .toBe('Printer: paper out');
    await nextCustomer();
    await sellTwoSeatsForCash(sell, [/^Row 3 seat 8, Stalls/, /^Row 3 seat 9, Stalls/]);
    await expect
      .poll(() => sell.done().textContent(), { timeout: 15_000 })
      .toMatch(/^Sale T1-000003 done/);
    // The cashier is told the receipt is waiting, and the sale is in the store already.
    await expect
      .poll(() => page.getByRole('alert').first().textContent(), { timeout: 15_000 })
      .toMatch(/queue|print/i);
    expect(await storedCodes(3)).toHaveLength(2);
    expect(await receipts()).toHaveLength(2);

    vp.setPaperOut(false);
    expect(await eventually(async () => (await receipts()).length === 3, 15_000)).toBe(true);
    const third = (await receipts())[2]!;
    expect([...third.qr].sort()).toEqual([...(await storedCodes(3))].sort());
    expect(printedText(third).join('\n')).toContain('T1-000003');
    // At most one kick for this sale: a kick the printer may have swallowed while out of
    // paper is never sent a second time (the drawer log claims it), so no surprise opening.
    expect((await kicks()).filter((k) => k.afterReceipts >= 2).length).toBeLessThanOrEqual(1);
    // Nothing prints twice: give the queue time to misbehave, then count again.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await receipts()).toHaveLength(3);
    await expect
      .poll(() => cashier.status('Printer status').textContent(), { timeout: 15_000 })
      .toBe('Printer ready');
  }, 120_000);

  it('a 58 mm printer (32 columns) gets a receipt laid out for 32 columns', async () => {
    const sell = new SellPage(page);
    const wide = printedText((await receipts())[0]!);
    // The 80 mm receipt uses its width, so the check below can tell the two apart.
    expect(Math.max(...wide.map((l) => l.length))).toBeGreaterThan(32);
    const narrow = await configureAsManager(
      rig.stack.services.dispatch,
      printerConfig(vp.port, { columns: 32 }),
    );
    expect(narrow).toMatchObject({ ok: true });
    await nextCustomer();
    await sellTwoSeatsForCash(sell, [/^Row 4 seat 4, Stalls/, /^Row 4 seat 5, Stalls/]);
    await expect
      .poll(() => sell.done().textContent(), { timeout: 15_000 })
      .toMatch(/^Sale T1-000004 done/);
    expect(await eventually(async () => (await receipts()).length === 4, 10_000)).toBe(true);
    const lines = printedText((await receipts())[3]!).filter((l) => !l.startsWith('[QR '));
    expect(lines.join('\n')).toContain('T1-000004');
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(32);
  }, 120_000);

  it('the cash refund voucher on that printer is laid out for 32 columns too', async () => {
    const refund = new RefundPage(page);
    await page.getByRole('button', { name: 'Next customer' }).click();
    await page.keyboard.press('F2');
    await refund.find('T1-000004');
    await refund.ticket(/row 4 seat 4\b/i).check();
    await refund.method(/^Cash/).check();
    await refund.confirm();
    await expect
      .poll(() => refund.done().textContent(), { timeout: 15_000 })
      .toMatch(/^Refund T1-000005 done/);
    expect(await eventually(async () => (await receipts()).length === 5, 10_000)).toBe(true);
    const lines = printedText((await receipts())[4]!).filter((l) => !l.startsWith('[QR '));
    const text = lines.join('\n');
    expect(text).toContain('T1-000005');
    expect(text).toContain('T1-000004');
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(32);
  }, 120_000);
});
