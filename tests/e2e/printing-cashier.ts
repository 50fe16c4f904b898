import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { startVirtualPrinter, type VirtualPrinter } from '../../src-main/devices/virtual-printer';
import { launchChromium } from '../support/chromium';
import { decodeEscPos, type DecodedJob } from '../support/escpos-decoder';
import { configureAsManager, eventually, printerConfig } from '../support/printer-harness';
import { startCashierStack, type CashierStack } from './cashier-stack';
import { CashierPage } from './page-models/cashier-page';
import type { SellPage } from './page-models/sell-page';

/**
 * The cashier app in Chromium behind the device bridge, with main's printer pointed at a
 * virtual ESC/POS printer on loopback TCP: what the printing e2e tests share. The page is
 * blank until `signInReady` (so a test can route its bridge socket first).
 */
export interface PrintingCashier {
  readonly stack: CashierStack;
  readonly vp: VirtualPrinter;
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

export async function startPrintingCashier(name: string): Promise<PrintingCashier> {
  const stack = await startCashierStack();
  const root = await mkdtemp(join(tmpdir(), `${name}-`));
  const vp = await startVirtualPrinter({ port: 0, jobsDir: join(root, 'jobs') });
  const configured = await configureAsManager(stack.services.dispatch, printerConfig(vp.port));
  expect(configured).toMatchObject({ ok: true });
  const context = await launchChromium(join(root, 'profile'));
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  return {
    stack,
    vp,
    context,
    page,
    async close() {
      await context.close();
      await stack.close();
      await vp.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Opens the app, signs Olena in, opens a shift and waits until the printer is ready. */
export async function signInReady(rig: PrintingCashier): Promise<void> {
  const cashier = new CashierPage(rig.page);
  await rig.page.goto(rig.stack.pageUrl);
  await cashier.signIn(/Olena/, '1111');
  await cashier.openShift('1000');
  await expect
    .poll(() => cashier.status('Printer status').textContent(), { timeout: 15_000 })
    .toBe('Printer ready');
}

/** Receipt jobs the printer has printed so far (drawer kicks go as jobs of their own). */
export async function receiptJobs(vp: VirtualPrinter): Promise<DecodedJob[]> {
  return (await vp.jobs()).map(decodeEscPos).filter((j) => j.cuts > 0);
}

export async function sellTwoSeatsForCash(sell: SellPage, seats: [RegExp, RegExp]): Promise<void> {
  await sell.pickPerformance(/^Sell The Forest Song/);
  for (const seat of seats) await sell.toggleSeat(seat);
  // Seats are held asynchronously: the quick-cash amounts follow the total, so pick one only
  // once both seats are in the cart (CI once clicked the one-seat amount: Confirm stayed off).
  await sell.page.getByText(/^2 tickets$/).waitFor();
  const quick = sell.quickCash();
  await quick.nth((await quick.count()) - 1).click();
  await sell.confirm();
}

/** Drawer kicks (`ESC p`) in every job the virtual printer has received. */
export async function drawerKicks(vp: VirtualPrinter): Promise<number> {
  return (await vp.jobs()).map(decodeEscPos).reduce((n, j) => n + j.drawerKicks.length, 0);
}

/** Waits until `n` kicks arrived, then a little longer to be sure no second one follows. */
export async function expectDrawerKicks(vp: VirtualPrinter, n: number): Promise<void> {
  expect(await eventually(async () => (await drawerKicks(vp)) >= n, 15_000)).toBe(true);
  await new Promise((r) => setTimeout(r, 2_500));
  expect(await drawerKicks(vp)).toBe(n);
}
