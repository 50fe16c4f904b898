import type { Page } from 'playwright-core';
import type { CashierStack } from '../cashier-stack';
import { RefundPage } from './refund-page';

/** What a walk-up cash refund took, counted by the page itself (trusted keydowns). */
export interface WalkUpRefund {
  /** Keys pressed between the scan and the committed refund. */
  readonly keysToRefund: number;
  /** …and on to the next customer (focus is on "Next customer": Enter). */
  readonly keysToNextCustomer: number;
  /** The "Refund … done" line. */
  readonly done: string;
}

/**
 * A customer hands over a ticket at the window: the cashier is on the refund screen (F2), the
 * scanner reads the ticket (a serial scan from main, so the scan itself types nothing), the
 * refund opens with the ticket chosen and the policy's decision shown and focus on the
 * method; ↓ picks "Cash", Enter confirms, Enter again is the next customer. The keys are
 * counted by a keydown listener in the page, installed right after the scan.
 */
export async function walkUpCashRefund(
  page: Page,
  stack: Pick<CashierStack, 'services'>,
  ticketCode: string,
): Promise<WalkUpRefund> {
  const refund = new RefundPage(page);
  await page.getByLabel(/^(Find order|Знайти замовлення|查找订单)$/).waitFor();
  stack.services.events.emit('scanner.scan', {
    source: 'serial',
    port: '/dev/ttyFAKE0',
    data: ticketCode,
    at: new Date().toISOString(),
  });
  // The decision is on screen and focus is on the chosen method: the scan's work is done.
  await refund.decision().waitFor({ timeout: 15_000 });
  await page.waitForFunction(
    () => (document.activeElement as HTMLInputElement | null)?.name === 'refund-method',
    undefined,
    { timeout: 15_000 },
  );
  await page.evaluate(() => {
    // One listener per page however many walk-ups it sees; the count starts again here.
    const w = window as unknown as { __keys: number; __keysCounted?: boolean };
    w.__keys = 0;
    if (w.__keysCounted === true) return;
    w.__keysCounted = true;
    document.addEventListener(
      'keydown',
      (e) => {
        if (e.isTrusted && !e.repeat) w.__keys += 1;
      },
      { capture: true },
    );
  });
  const keys = () => page.evaluate(() => (window as unknown as { __keys: number }).__keys);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const done = refund.done().filter({ hasText: /done/ });
  await done.waitFor({ timeout: 15_000 });
  const keysToRefund = await keys();
  const doneText = (await done.textContent()) ?? '';
  const next = page.getByRole('button', {
    name: /^(Next customer|Наступний покупець|下一位顾客)$/,
  });
  await next.waitFor({ timeout: 15_000 });
  await page.waitForFunction(
    () => /Next customer|Наступний|下一位/.test(document.activeElement?.textContent ?? ''),
    undefined,
    { timeout: 15_000 },
  );
  await page.keyboard.press('Enter');
  await next.waitFor({ state: 'detached', timeout: 15_000 });
  return { keysToRefund, keysToNextCustomer: await keys(), done: doneText };
}
