import type { Page } from 'playwright-core';

/**
 * A keyboard that counts: every key press (and every character typed) is one keystroke, and
 * Tab is refused — the cashier's keyboard-only path must not depend on tabbing. Used by the
 * sell e2e test and the `cashier_keys_2_seats_cash` bench.
 */
/** A brisk typist's gap between keys; people type 80 ms apart or slower (keyboard-wedge.ts). */
const PERSON_KEY_GAP_MS = 120;

export class CountingKeyboard {
  count = 0;
  readonly log: string[] = [];

  constructor(readonly page: Page) {}

  async press(key: string): Promise<void> {
    if (key === 'Tab' || key.includes('Tab'))
      throw new Error('Tab pressed: the path is keyboard-only without tabbing');
    this.count++;
    this.log.push(key);
    await this.page.keyboard.press(key);
  }

  /**
   * Each character is one keystroke, typed at a person's pace: the keyboard-wedge detector
   * (rightly) takes four or more characters and Enter arriving < 30 ms apart for a barcode
   * scan, so a machine-speed "2500⏎" in Cash received would be read as a scanned promo code.
   */
  async type(text: string): Promise<void> {
    for (const ch of text) {
      await this.press(ch);
      await this.page.waitForTimeout(PERSON_KEY_GAP_MS);
    }
  }
}

/**
 * The keyboard-only sale of 2 reserved seats for cash with change, from the sell screen's
 * performance list (focus on its first performance): a letter jumps to The Forest Song, Enter
 * chooses it (focus goes to the map), 2 asks for the best 2 seats (focus goes to Cash
 * received), the cash handed over is typed, Enter pays, F10 starts the next customer.
 * Waits between steps only for what the screen shows, never for a fixed time.
 */
export async function sellTwoSeatsByKeyboard(
  page: Page,
  keys: CountingKeyboard,
  cash: string,
  options: {
    /** Called on each step the cashier sees (not between the keys of one step). */
    readonly onStep?: (step: 'list' | 'map' | 'seats' | 'cash' | 'done') => Promise<void>;
  } = {},
): Promise<{ readonly receipt: string; readonly change: string }> {
  const step = options.onStep ?? (async () => {});
  const first = page.getByRole('button', { name: /^Sell /, disabled: false }).first();
  await first.waitFor();
  await page.waitForFunction(() => document.activeElement?.closest('.performance-picker') !== null);
  await step('list');
  await keys.press('t');
  await page.waitForFunction(() =>
    (document.activeElement?.getAttribute('aria-label') ?? '').startsWith('Sell The Forest Song'),
  );
  await keys.press('Enter');
  await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'checkbox');
  await step('map');
  await keys.press('2');
  const cashField = page.getByLabel('Cash received');
  await page.getByText(/^2 tickets$/).waitFor();
  await page.waitForFunction(() => document.activeElement?.getAttribute('inputmode') === 'decimal');
  await cashField.waitFor();
  await step('seats');
  await keys.type(cash);
  const status = page.getByRole('status', { name: 'Payment' });
  await status.getByText(/^Change due: /).waitFor();
  const change = ((await status.textContent()) ?? '').replace('Change due: ', '').trim();
  await step('cash');
  await keys.press('Enter');
  const done = page.locator('.sale-done').filter({ hasText: /Sale T1-\d{6} done/ });
  // Generous: a busy machine (a bench right after the 100,000-order one) commits slowly.
  await done.waitFor({ timeout: 45_000 });
  const receipt = /T1-\d{6}/.exec((await done.textContent()) ?? '')?.[0] ?? '';
  await page.waitForFunction(() => document.activeElement?.classList.contains('next-customer'));
  await step('done');
  await keys.press('F10');
  await first.waitFor();
  return { receipt, change };
}
