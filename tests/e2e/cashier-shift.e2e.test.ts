import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SalePayload } from '../../shared/journal/entry-types';
import { add, money, subtract, type Money } from '../../shared/money/money';
import { formatAmount, formatMoney } from '../../shared/slips';
import type { VirtualPrinter } from '../../src-main/devices/virtual-printer';
import { decodeEscPos, printedText, type DecodedJob } from '../support/escpos-decoder';
import { eventually } from '../support/printer-harness';
import { CashierPage } from './page-models/cashier-page';
import { SellPage } from './page-models/sell-page';
import { ShiftPage } from './page-models/shift-page';
import { journalOf } from './page-models/till-store';
import { receiptJobs, startPrintingCashier, type PrintingCashier } from './printing-cashier';

// A manager's shift on real parts: the cashier app in Chromium over the device bridge, a TCP
// ESC/POS printer on loopback. Float, a cash sale, a paid-out, a no-sale (double-clicked: one
// entry, one kick), an X report on paper with the sale and the expected cash, then a short
// count closes the shift: the Z prints once, with its number and over/short, and the screen
// shows the very lines the printer printed. The printer's bytes are decoded back to text.

let rig: PrintingCashier;
let vp: VirtualPrinter;
let page: Page;

beforeAll(async () => {
  rig = await startPrintingCashier('cashier-shift');
  ({ vp, page } = rig);
}, 120_000);

afterAll(async () => {
  await rig?.close();
});

/** Jobs with paper in them (drawer kicks travel as jobs of their own). */
const slips = () => receiptJobs(vp);

async function kickCount(): Promise<number> {
  return (await vp.jobs()).map(decodeEscPos).reduce((n, j) => n + j.drawerKicks.length, 0);
}

const textOf = (job: DecodedJob) => printedText(job).map((l) => l.trim());
const UAH = (minor: number): Money => money(minor, 'UAH');
const hasRow = (lines: string[], label: string, value: string) =>
  lines.some((l) => l.startsWith(label) && l.endsWith(value));

describe('the manager’s shift on a TCP ESC/POS printer', () => {
  it('float, sale, paid-out, no-sale, X and Z on paper and on screen', async () => {
    const cashier = new CashierPage(page);
    const sell = new SellPage(page);
    const shift = new ShiftPage(page);
    await page.goto(rig.stack.pageUrl);
    await cashier.signIn(/Li Wei/, '3333');
    await cashier.openShift('1000');
    await expect
      .poll(() => cashier.status('Printer status').textContent(), { timeout: 15_000 })
      .toBe('Printer ready');

    // A cash sale: its receipt and its own drawer kick.
    await cashier.go('F1');
    await sell.pickPerformance(/^Sell The Forest Song/);
    await sell.toggleSeat(/^Row 6 seat 4, Stalls/);
    const quick = sell.quickCash();
    await quick.nth((await quick.count()) - 1).click();
    await sell.confirm();
    await expect
      .poll(() => sell.done().textContent(), { timeout: 15_000 })
      .toMatch(/^Sale T1-000001 done/);
    expect(await eventually(async () => (await slips()).length === 1, 10_000)).toBe(true);
    expect(await eventually(async () => (await kickCount()) === 1, 10_000)).toBe(true);
    const sale = (await journalOf(page)).find((e) => e.type === 'sale')!.payload as SalePayload;
    const total = sale.totals.total;

    // Paid out 25.50 for paper.
    await cashier.go('F9');
    await shift.cashMovement(/^Paid out/, '25.50', 'Printer paper');
    await expect
      .poll(() => page.getByText(/^Paid out of .* recorded\./).count(), { timeout: 15_000 })
      .toBe(1);
    // Cash left the drawer: main opens it for the paid-out's entry too.
    expect(await eventually(async () => (await kickCount()) === 2, 10_000)).toBe(true);

    // No-sale, double-clicked: one journal entry, one kick more.
    await shift.noSaleReason('Change for the next window');
    await shift.noSaleButton().dblclick();
    await expect
      .poll(() => page.getByText('No-sale recorded and the drawer is open.').count(), {
        timeout: 15_000,
      })
      .toBe(1);
    expect(await eventually(async () => (await kickCount()) === 3, 10_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await kickCount()).toBe(3);
    const journal = await journalOf(page);
    const noSales = journal.filter((e) => e.type === 'no_sale');
    expect(noSales).toHaveLength(1);
    expect(journal.filter((e) => e.type === 'paid_out')).toHaveLength(1);

    // X report on paper: the sale and the expected cash (float + sale − paid out).
    const expected = subtract(add(UAH(100_000), total), UAH(2550));
    await shift.printX().click();
    await expect
      .poll(() => shift.printNote().textContent(), { timeout: 15_000 })
      .toBe('The X report is printed.');
    expect(await eventually(async () => (await slips()).length === 2, 10_000)).toBe(true);
    const x = textOf((await slips())[1]!);
    expect(x).toContain('X REPORT');
    expect(hasRow(x, 'Sales (1)', formatAmount(total, 'en'))).toBe(true);
    expect(hasRow(x, 'Paid out', formatAmount(UAH(2550), 'en'))).toBe(true);
    expect(hasRow(x, 'No-sale opens', '1')).toBe(true);
    expect(hasRow(x, 'Expected cash', formatMoney(expected, 'en'))).toBe(true);
    expect(await shift.previewLines()).toEqual(x);

    // Close 10.00 short (a manager may, with a note): the Z prints once, by itself.
    const counted = subtract(expected, UAH(1000));
    await shift.fillClose(formatAmount(counted, 'en').replace(/,/g, ''), 'Miscounted change');
    await shift.closeButton().dblclick();
    await expect
      .poll(() => shift.printNote().textContent(), { timeout: 15_000 })
      .toBe('Shift closed. Z report 0001 is printed.');
    expect(await eventually(async () => (await slips()).length === 3, 10_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await slips()).toHaveLength(3);
    const z = textOf((await slips())[2]!);
    expect(z).toContain('Z REPORT');
    expect(z.some((l) => /^Z no\. +0001$/.test(l))).toBe(true);
    expect(hasRow(z, 'Counted cash', formatMoney(counted, 'en'))).toBe(true);
    expect(z.some((l) => /^Over\/short +-10\.00 UAH$/.test(l))).toBe(true);
    // Issue 8 item 4: the Z prints main's journal head signed with the terminal key, as a
    // short code and the seq it covers — the head main holds now, after the shift close.
    const head = rig.stack.services.anchor.head();
    const codeLine = z.find((l) => l.startsWith('Journal code: '));
    expect(codeLine).toMatch(/^Journal code: [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(z).toContain(`(entry ${head?.seq})`);
    const signed = await rig.stack.services.dispatch(
      'journal.signHead',
      {},
      { transport: 'bridge', caller: 'test' },
    );
    expect(codeLine).toBe(`Journal code: ${(signed as { value: { code: string } }).value.code}`);
    expect(await shift.previewLines()).toEqual(z);
    const closes = (await journalOf(page)).filter((e) => e.type === 'shift_close');
    expect(closes).toHaveLength(1);
    expect(closes[0]!.payload).toMatchObject({ zNumber: 1, overShort: UAH(-1000) });

    // A copy on request: the same report marked COPY.
    await shift.printCopy().click();
    await expect
      .poll(() => shift.printNote().textContent(), { timeout: 15_000 })
      .toBe('A copy is printed, marked COPY.');
    expect(await eventually(async () => (await slips()).length === 4, 10_000)).toBe(true);
    const copy = textOf((await slips())[3]!);
    expect(copy[0]).toBe('*** COPY ***');
    expect(copy.slice(1, -1)).toEqual(z);
  }, 180_000);

  it('a printer that is off: the Z is committed and the manager is told it waits in the queue', async () => {
    const cashier = new CashierPage(page);
    const shift = new ShiftPage(page);
    await cashier.openShift('500');
    await page.getByRole('button', { name: 'Show X report' }).waitFor();
    vp.setOffline(true);
    await shift.fillClose('500', '');
    await shift.closeButton().click();
    await expect
      .poll(() => shift.printNote().textContent(), { timeout: 30_000 })
      .toMatch(
        /^Shift closed and saved\. Z report 0002 is waiting to print: the printer is not ready/,
      );
    const closes = (await journalOf(page)).filter((e) => e.type === 'shift_close');
    expect(closes.map((e) => (e.payload as { zNumber: number }).zNumber)).toEqual([1, 2]);
    expect(await shift.previewLines()).toContain('Z REPORT');
    const before = (await slips()).length;
    vp.setOffline(false);
    expect(await eventually(async () => (await slips()).length === before + 1, 20_000)).toBe(true);
    const z2 = textOf((await slips())[before]!);
    expect(z2.some((l) => /^Z no\. +0002$/.test(l))).toBe(true);
  }, 180_000);

  it('a cashier’s paid-out over the limit waits in place for a supervisor’s PIN; a close short beyond her say too', async () => {
    const cashier = new CashierPage(page);
    const shift = new ShiftPage(page);
    const approval = shift.approval();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await cashier.signIn(/Olena/, '1111');
    await cashier.openShift('2000');
    await page.getByRole('button', { name: 'Show X report' }).waitFor();
    const alert = page.getByRole('alert').first();
    const entries = async () => (await journalOf(page)).length;
    const before = await entries();
    // Above the paid-out limit (1,000.00) a cashier needs a supervisor: the approval dialog
    // opens on the spot, saying what it is for, and offers only someone other than her.
    await shift.cashMovement(/^Paid out/, '1200', 'New kettle');
    await approval.dialog().waitFor({ timeout: 15_000 });
    const needsSupervisor = /A paid-out above .*1,000\.00.* needs a supervisor or manager/;
    await expect.poll(() => alert.textContent(), { timeout: 15_000 }).toMatch(needsSupervisor);
    expect(await approval.dialog().textContent()).toMatch(needsSupervisor);
    const offered = await approval.approvers();
    expect(offered.some((name) => name.startsWith('Taras'))).toBe(true);
    expect(offered.some((name) => name.startsWith('Olena'))).toBe(false);
    // Cancel writes nothing; the banner still says why.
    await approval.cancel();
    await expect.poll(() => approval.dialog().count()).toBe(0);
    expect(await alert.textContent()).toMatch(needsSupervisor);
    expect(await entries()).toBe(before);
    // Nobody takes out more than the drawer should hold, and no approval is offered for it.
    await shift.cashMovement(/^Drop/, '2500', 'Evening drop');
    await expect
      .poll(() => alert.textContent(), { timeout: 15_000 })
      .toMatch(/The drawer should hold only .*2,000\.00.*: that much cannot be taken out\./);
    expect(await approval.dialog().count()).toBe(0);
    const journal = await journalOf(page);
    expect(journal.filter((e) => e.type === 'paid_out' || e.type === 'drop')).toHaveLength(1);
    expect(await entries()).toBe(before);

    // Again, and Taras comes over. A wrong PIN keeps the dialog open, says so, writes nothing.
    await shift.cashMovement(/^Paid out/, '1200', 'New kettle');
    await approval.approve(/^Taras/, '9999');
    await expect
      .poll(() => approval.error().textContent(), { timeout: 15_000 })
      .toMatch(/Wrong PIN\. \d+ tr(y|ies) left/);
    expect(await approval.dialog().isVisible()).toBe(true);
    expect(await entries()).toBe(before);
    // His PIN: the same paid-out is recorded with his approval, and the dialog closes.
    await approval.approve(/^Taras/, '2222');
    await expect
      .poll(() => page.getByText(/^Paid out of .*1,200\.00.* recorded\./).count(), {
        timeout: 15_000,
      })
      .toBe(1);
    expect(await approval.dialog().count()).toBe(0);
    const approved = (await journalOf(page)).slice(before);
    expect(approved.map((e) => e.type)).toEqual(['approval', 'paid_out']);
    const olena = { staffId: 'olena', role: 'cashier' };
    const taras = { staffId: 'taras', role: 'supervisor' };
    expect(approved[0]!.payload).toMatchObject({
      action: 'paid_out',
      requestedBy: olena,
      approvedBy: taras,
      amount: UAH(120_000),
    });
    expect(approved[1]!.payload).toMatchObject({
      staff: olena,
      approvedBy: taras,
      amount: UAH(120_000),
      reason: 'New kettle',
    });

    // Within her role: a paid-out under the limit is recorded, with no dialog.
    await shift.cashMovement(/^Paid out/, '12', 'Milk');
    await expect
      .poll(() => page.getByText(/^Paid out of .*12\.00.* recorded\./).count(), { timeout: 15_000 })
      .toBe(1);
    expect(await approval.dialog().count()).toBe(0);
    expect((await journalOf(page)).filter((e) => e.type === 'paid_out')).toHaveLength(3);

    // The drawer should hold 788.00; she counts 700.00. Short by more than she may sign off:
    // the close waits for Taras, then the Z is journalled with his approval.
    const closing = await entries();
    await shift.fillClose('700', 'Kettle change not returned');
    await shift.closeButton().click();
    await approval.dialog().waitFor({ timeout: 15_000 });
    expect(await entries()).toBe(closing);
    await approval.approve(/^Taras/, '2222');
    await expect
      .poll(() => shift.printNote().textContent(), { timeout: 15_000 })
      .toBe('Shift closed. Z report 0003 is printed.');
    const closed = (await journalOf(page)).slice(closing);
    expect(closed.map((e) => e.type)).toEqual(['approval', 'shift_close']);
    expect(closed[1]!.payload).toMatchObject({
      staff: olena,
      approvedBy: taras,
      zNumber: 3,
      overShort: UAH(-8800),
    });
  }, 180_000);
});
