import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VirtualPrinter } from '../../src-main/devices/virtual-printer';
import { decodeEscPos, printedText } from '../support/escpos-decoder';
import { eventually } from '../support/printer-harness';
import { ApprovalDialog } from './page-models/approval-dialog';
import { CashierPage } from './page-models/cashier-page';
import { SellPage } from './page-models/sell-page';
import { ShiftPage } from './page-models/shift-page';
import { journalOf } from './page-models/till-store';
import {
  receiptJobs,
  sellTwoSeatsForCash,
  startPrintingCashier,
  type PrintingCashier,
} from './printing-cashier';

// Voiding and training mode from the screens, on real parts: the cashier app in Chromium over
// the device bridge, main's printer a virtual ESC/POS printer on loopback TCP. Olena sells two
// seats for cash and voids the sale from the done screen with Taras's approval: the journal
// holds the approval and the void, the drawer opens once more for the cash given back, the
// receipt prints again marked VOID and the seats are on sale again. Then, between shifts, she
// switches training mode on (Taras approves) and the status bar says TRAINING.

let rig: PrintingCashier;
let vp: VirtualPrinter;
let page: Page;

beforeAll(async () => {
  rig = await startPrintingCashier('cashier-void');
  ({ vp, page } = rig);
}, 120_000);

afterAll(async () => {
  await rig?.close();
});

async function kickCount(): Promise<number> {
  return (await vp.jobs()).map(decodeEscPos).reduce((n, j) => n + j.drawerKicks.length, 0);
}

const SEATS: [RegExp, RegExp] = [/^Row 7 seat 4, Stalls/, /^Row 7 seat 5, Stalls/];

describe('void and training mode from the screens', () => {
  it('voids a cash sale from the done screen with a supervisor’s PIN: seats free, void journalled, drawer and slip', async () => {
    const cashier = new CashierPage(page);
    const sell = new SellPage(page);
    await page.goto(rig.stack.pageUrl);
    await cashier.startDay('1000');
    await expect
      .poll(() => cashier.status('Printer status').textContent(), { timeout: 15_000 })
      .toBe('Printer ready');
    await cashier.go('F1');
    await sellTwoSeatsForCash(sell, SEATS);
    await expect
      .poll(() => sell.done().textContent(), { timeout: 15_000 })
      .toMatch(/^Sale T1-000001 done/);
    expect(await eventually(async () => (await receiptJobs(vp)).length === 1, 10_000)).toBe(true);
    expect(await eventually(async () => (await kickCount()) === 1, 10_000)).toBe(true);

    await page.getByRole('button', { name: /^Void this sale$/ }).click();
    await page.getByLabel(/^Reason/).fill('Customer changed their mind');
    await page.getByRole('button', { name: /^Void the sale$/ }).click();
    // Olena is a cashier: the domain asks for a supervisor, and nothing is written until then.
    const approval = new ApprovalDialog(page);
    await approval.dialog().waitFor({ timeout: 15_000 });
    expect((await journalOf(page)).some((e) => e.type === 'void')).toBe(false);
    await approval.approve(/Taras/, '2222');

    await page
      .getByRole('status')
      .getByText(/^Sale T1-000001 voided \(void T1-000002\)/)
      .waitFor({ timeout: 15_000 });
    const journal = await journalOf(page);
    const types = journal.map((e) => e.type);
    expect(types.slice(-2)).toEqual(['approval', 'void']);
    const voidEntry = journal.at(-1)!;
    expect(voidEntry.payload).toMatchObject({
      voidedReceiptNo: 1,
      receiptNo: 2,
      approvedBy: { staffId: 'taras' },
      reason: 'Customer changed their mind',
    });
    expect((voidEntry.payload as { tickets: unknown[] }).tickets).toHaveLength(2);

    // The cash goes back: one more kick, and the void slip (the receipt marked VOID, no codes).
    expect(await eventually(async () => (await kickCount()) === 2, 10_000)).toBe(true);
    expect(await eventually(async () => (await receiptJobs(vp)).length === 2, 10_000)).toBe(true);
    const slip = (await receiptJobs(vp))[1]!;
    const lines = printedText(slip).map((l) => l.trim());
    expect(lines.filter((l) => /\*\*\* VOID \*\*\*/.test(l))).toHaveLength(2);
    expect(slip.qr).toEqual([]);
    expect(slip.code128).toEqual([]);

    // Next customer: both seats are on sale again on the seat map.
    await page
      .getByRole('button', { name: /^(Next customer|Наступний покупець|下一位顾客)$/ })
      .click();
    await sell.pickPerformance(/^Sell The Forest Song/);
    for (const seat of SEATS) {
      const free = sell.seat(new RegExp(`${seat.source}.*Available`));
      await expect.poll(() => free.count(), { timeout: 15_000 }).toBe(1);
    }
  });

  it('switches training mode on from the shift screen between shifts, and the status bar says TRAINING', async () => {
    const cashier = new CashierPage(page);
    const shift = new ShiftPage(page);
    await cashier.go('F9');
    // The void gave the cash back: the drawer holds the float alone, so the close is even.
    await shift.fillClose('1000', '');
    await shift.closeButton().click();
    const toggle = page.getByRole('switch', { name: /^Training mode$/ });
    await toggle.waitFor({ timeout: 15_000 });
    expect(await toggle.isChecked()).toBe(false);
    await toggle.click();
    const approval = new ApprovalDialog(page);
    await approval.dialog().waitFor({ timeout: 15_000 });
    await approval.approve(/Taras/, '2222');

    await expect
      .poll(() => cashier.status('Training mode').textContent(), { timeout: 15_000 })
      .toMatch(/^TRAINING/);
    expect(await toggle.isChecked()).toBe(true);
    const journal = await journalOf(page);
    expect(journal.at(-1)).toMatchObject({ type: 'training_mode', payload: { enabled: true } });
    expect(journal.at(-2)).toMatchObject({
      type: 'approval',
      payload: { action: 'training_mode', approvedBy: { staffId: 'taras' } },
    });
  });
});
