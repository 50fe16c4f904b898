import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { startCashierStack, type CashierStack } from '../e2e/cashier-stack';
import { CountingKeyboard, sellTwoSeatsByKeyboard } from '../e2e/page-models/keyboard-counter';
import { launchChromium } from '../support/chromium';
import type { BenchRow } from './harness';
import { atMost, row } from './harness';

/**
 * cashier_keys_2_seats_cash: the keystrokes a cashier needs, from the sell screen's
 * performance list, to sell 2 reserved seats for cash with change and be ready for the next
 * customer — the real app (production bundle behind the device bridge) in Chromium at
 * 1280×800, driven only by key presses (each typed character counts; Tab is refused). Sign-in
 * and opening the shift come first and are not counted.
 */
export default async function bench(): Promise<BenchRow[]> {
  let stack: CashierStack | undefined;
  let context: BrowserContext | undefined;
  const profile = await mkdtemp(join(tmpdir(), 'bench-cashier-keys-'));
  try {
    stack = await startCashierStack();
    context = await launchChromium(profile);
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(stack.pageUrl);
    await page.getByRole('radio', { name: /^Olena/ }).waitFor({ timeout: 60_000 });
    await page.keyboard.press('o');
    await page.keyboard.type('1111');
    await page.keyboard.press('Enter');
    const open = page.getByRole('button', { name: 'Open shift' });
    await open.waitFor({ timeout: 15_000 });
    await page.getByLabel(/Float/).fill('1000');
    await open.click();
    await page
      .getByRole('status', { name: 'Shift status' })
      .getByText(/Shift .* open/)
      .waitFor({ timeout: 15_000 });
    await page.keyboard.press('F1');

    const keys = new CountingKeyboard(page);
    const sale = await sellTwoSeatsByKeyboard(page, keys, '2500');
    return [
      row(
        'cashier_keys_2_seats_cash',
        keys.count,
        'keystrokes',
        atMost(10),
        `${keys.log.join(' ')} (no Tab; sale ${sale.receipt}, change ${sale.change}, then next customer)`,
      ),
    ];
  } finally {
    await context?.close();
    await stack?.close();
    await rm(profile, { recursive: true, force: true });
  }
}
