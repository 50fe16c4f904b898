import { openCashierApp } from '../e2e/cashier-stack';
import { CashierPage } from '../e2e/page-models/cashier-page';
import { SellPage } from '../e2e/page-models/sell-page';
import { readStore } from '../e2e/page-models/till-store';
import { walkUpCashRefund } from '../e2e/page-models/walk-up-refund';
import type { BenchRow } from './harness';
import { atMost, row } from './harness';

const RUNS = 3;

/**
 * cashier_keys_cash_refund_after_scan: the real refund screen in Chromium at 1280×800 on the
 * production bundle (tests/e2e/cashier-stack.ts). A seat is sold for cash; the customer comes
 * back to the window; the cashier is on the refund screen, the scanner reads the ticket (a
 * serial scan from main: the scan types nothing), and the keys the page receives are counted
 * from then until the refund is committed and the screen is ready for the next customer
 * (tests/e2e/page-models/walk-up-refund.ts). The figure is the most any of RUNS walk-ups took.
 */
export default async function cashierRefundKeysBench(): Promise<BenchRow[]> {
  const app = await openCashierApp('bench-refund-keys');
  const { page } = app;
  try {
    await page.goto(app.stack.pageUrl);
    await new CashierPage(page).startDay('2000');
    const toRefund: number[] = [];
    const toNext: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const seat = 10 + i;
      await new SellPage(page).sellForCash(/^Sell The Forest Song/, [
        new RegExp(`^Row 12 seat ${seat}, Stalls`),
      ]);
      const tickets = await readStore<{ code: string; seatId?: string }>(page, 'tickets');
      const ticket = tickets.find((t) => t.seatId === `stalls-12-${seat}`);
      if (ticket === undefined) throw new Error(`no ticket for row 12 seat ${seat}`);
      await page.keyboard.press('F2');
      const run = await walkUpCashRefund(page, app.stack, ticket.code.trim());
      if (!/done/.test(run.done)) throw new Error(`the refund did not complete: ${run.done}`);
      toRefund.push(run.keysToRefund);
      toNext.push(run.keysToNextCustomer);
    }
    return [
      row(
        'cashier_keys_cash_refund_after_scan',
        Math.max(...toNext),
        'keys',
        atMost(4),
        `${RUNS} walk-ups, real screens in Chromium 1280×800: ↓ (Cash) + Enter commits (${Math.max(...toRefund)} keys), Enter = next customer; F2 before the scan adds 1 when starting on Sell`,
      ),
    ];
  } finally {
    await app.close();
  }
}
