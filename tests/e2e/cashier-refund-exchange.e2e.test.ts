import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain, type JournalEntry } from '../../shared/journal/chain';
import { launchChromium } from '../support/chromium';
import { startCashierStack, type CashierStack } from './cashier-stack';
import { CashierPage } from './page-models/cashier-page';
import { ExchangePage } from './page-models/exchange-page';
import { RefundPage } from './page-models/refund-page';
import { SellPage } from './page-models/sell-page';

// Sell → refund one ticket (policy fee, cash) → exchange the other to another performance,
// paying the difference → reload: all three are there. Then a refund only a supervisor may
// give: refused without the PIN, accepted with it. Real Chromium, persistent profile, bridge.

let stack: CashierStack;
let profile: string;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  stack = await startCashierStack();
  profile = await mkdtemp(join(tmpdir(), 'cashier-profile-'));
  context = await launchChromium(profile);
  page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(stack.pageUrl);
  await new CashierPage(page).startDay('2000');
}, 120_000);

afterAll(async () => {
  await context?.close();
  await stack?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

const sellForCash = (performance: RegExp, seats: readonly RegExp[], nth = 0) =>
  new SellPage(page).sellForCash(performance, seats, nth);

async function journalEntries(): Promise<JournalEntry[]> {
  return page.evaluate(async () => {
    const open = indexedDB.open('box-office');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(new Error(String(open.error)));
    });
    const all = await new Promise<unknown[]>((resolve) => {
      const r = db.transaction('journal', 'readonly').objectStore('journal').getAll();
      r.onsuccess = () => resolve(r.result as unknown[]);
    });
    db.close();
    return all as never;
  });
}

async function journalTypes(): Promise<{ types: string[]; linked: boolean }> {
  return page.evaluate(async () => {
    const open = indexedDB.open('box-office');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(new Error(String(open.error)));
    });
    const all = await new Promise<{ seq: number; type: string; prevHash: string; hash: string }[]>(
      (resolve) => {
        const r = db.transaction('journal', 'readonly').objectStore('journal').getAll();
        r.onsuccess = () => resolve(r.result as never);
      },
    );
    db.close();
    let linked = true;
    for (let i = 1; i < all.length; i++)
      if (all[i]?.prevHash !== all[i - 1]?.hash || all[i]?.seq !== i + 1) linked = false;
    return { types: all.map((e) => e.type), linked };
  });
}

describe('refund and exchange at the window', () => {
  it('refunds one ticket with the policy fee in cash and exchanges the other paying the difference', async () => {
    const receipt = await sellForCash(/^Sell The Forest Song/, [
      /^Row 8 seat 10, Stalls/,
      /^Row 8 seat 11, Stalls/,
    ]);
    expect(receipt).toBe('T1-000001');

    const refund = new RefundPage(page);
    await page.keyboard.press('F2');
    await refund.find(receipt);
    await refund.ticket(/row 8 seat 10\b/i).check();
    // 10 days before the show the standard policy gives 50 % back minus a 5 % fee (min 20.00).
    await expect.poll(() => refund.decision().textContent()).toMatch(/50/);
    // Paid in cash: "to the original payment" is offered in those words, never as a card.
    expect(await refund.method(/^As paid \(in cash\)$/).count()).toBe(1);
    expect(await refund.method(/card/i).count()).toBe(0);
    await expect
      .poll(() => page.getByText(/^Fee /).textContent())
      .toMatch(/Fee UAH\s?20\.00|Fee ₴20\.00|20\.00/);
    await refund.method(/^Cash/).check();
    // Every reason the reports count is offered; the cashier records the true one.
    const reason = page.getByRole('combobox', { name: /^Reason/ });
    expect(await reason.locator('option').count()).toBe(8);
    await reason.selectOption({ label: 'Wrong ticket' });
    await refund.confirm();
    await expect
      .poll(() => refund.done().textContent(), { timeout: 15_000 })
      .toMatch(/Refund T1-000002 done: .*280\.00 back/);
    // The order view reloads after the commit; the refunded ticket then can no longer be picked.
    await expect
      .poll(() => refund.ticket(/row 8 seat 10\b/i).isDisabled(), { timeout: 15_000 })
      .toBe(true);
    // …and it reads "refunded": the flow reloaded the order after the commit, it did not just
    // lock the form.
    await expect.poll(() => refund.ticket(/row 8 seat 10\b.*\(refunded\)/i).count()).toBe(1);
    expect(await refund.ticket(/row 8 seat 11\b.*\(valid\)/i).count()).toBe(1);

    const exchange = new ExchangePage(page);
    await page.keyboard.press('F3');
    await exchange.find(receipt);
    await exchange.ticket(/row 8 seat 11\b/i).check();
    // The later performance of the same show (24 days away).
    await new SellPage(page).pickPerformance(/^Sell The Forest Song/, 1);
    await new SellPage(page).toggleSeat(/^Row 5 seat 10, Stalls/);
    await expect.poll(() => exchange.quote().textContent()).toMatch(/Customer pays/);
    // Before taking the money the cashier sees what the customer gets instead.
    expect(await page.getByRole('list', { name: 'New tickets' }).textContent()).toMatch(
      /The Forest Song.*: Premium.*row 5 seat 10/,
    );
    const quick = new SellPage(page).quickCash();
    await quick.first().click();
    await exchange.confirmExchange();
    await expect
      .poll(() => exchange.done().textContent(), { timeout: 15_000 })
      .toMatch(/Exchange T1-000003 done/);
    // The order is read again after the commit: the returned ticket reads "exchanged" and can no
    // longer be picked, the new seat is in it, and the ticket refunded before is still refunded.
    await expect
      .poll(() => exchange.ticket(/row 8 seat 11\b.*\(exchanged\)/i).count(), { timeout: 15_000 })
      .toBe(1);
    expect(await exchange.ticket(/row 8 seat 11\b/i).isDisabled()).toBe(true);
    expect(await exchange.ticket(/row 5 seat 10\b.*\(valid\)/i).count()).toBe(1);
    expect(await exchange.ticket(/row 8 seat 10\b.*\(refunded\)/i).count()).toBe(1);

    await page.reload();
    await expect
      .poll(() => new CashierPage(page).status('Last receipt').textContent(), { timeout: 15_000 })
      .toMatch(/T1-000003/);
    const journal = await journalTypes();
    expect(journal.types).toEqual(['login', 'shift_open', 'sale', 'refund', 'exchange']);
    const refunded = (await journalEntries()).find((e) => e.type === 'refund');
    expect((refunded?.payload as { reasonCode?: string } | undefined)?.reasonCode).toBe(
      'wrong_ticket',
    );
    expect(journal.linked).toBe(true);
    // Every hash recomputed (RFC 8785 JSON, SHA-256) from what the browser stored.
    const verified = await verifyChain(await journalEntries(), { terminalId: 'T1' });
    expect(verified).toEqual({ ok: true });

    const sell = new SellPage(page);
    await page.keyboard.press('F1');
    await sell.pickPerformance(/^Sell The Forest Song/);
    // Refunded and exchanged seats are back on sale; the new seat is sold on the other date.
    await expect
      .poll(() => sell.seat(/^Row 8 seat 10, Stalls/).getAttribute('aria-label'))
      .toMatch(/Available$/);
    expect(await sell.seat(/^Row 8 seat 11, Stalls/).getAttribute('aria-label')).toMatch(
      /Available$/,
    );
    await page.getByRole('button', { name: /^Change performance$/ }).click();
    await sell.pickPerformance(/^Sell The Forest Song/, 1);
    await expect
      .poll(() => sell.seat(/^Row 5 seat 10, Stalls/).getAttribute('aria-label'))
      .toMatch(/Sold$/);
    await page.getByRole('button', { name: /^Change performance$/ }).click();
  }, 180_000);

  it('refuses a refund above the cashier limit without a supervisor PIN and accepts it with one', async () => {
    const seats = [1, 2, 3, 4].map((n) => new RegExp(`^Row 3 seat ${n}, Stalls`));
    const receipt = await sellForCash(/^Sell The Forest Song/, seats);
    const refund = new RefundPage(page);
    const refundsBefore = (await journalTypes()).types.filter((t) => t === 'refund').length;
    await page.keyboard.press('F2');
    await refund.find(receipt);
    for (const n of [1, 2, 3, 4])
      await refund.ticket(new RegExp(`row 3 seat ${n}\\b`, 'i')).check();
    await refund.confirm();
    await refund.approvalDialog().waitFor();
    await refund.approvalDialog().getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/supervisor/i);
    expect((await journalTypes()).types.filter((t) => t === 'refund')).toHaveLength(refundsBefore);

    // Cancelling the refund itself ends this customer's flow: the order closes, nothing is
    // journalled. The next search starts a fresh flow with nothing chosen.
    const entriesBefore = (await journalTypes()).types.length;
    await page.getByRole('button', { name: 'Cancel refund' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Refund cancelled' }).count())
      .toBe(1);
    expect(await page.getByRole('checkbox').count()).toBe(0);
    expect((await journalTypes()).types).toHaveLength(entriesBefore);
    await refund.find(receipt);
    await refund.ticket(/row 3 seat 1\b/i).waitFor();
    expect(await page.getByRole('checkbox', { checked: true }).count()).toBe(0);
    for (const n of [1, 2, 3, 4])
      await refund.ticket(new RegExp(`row 3 seat ${n}\\b`, 'i')).check();

    await refund.confirm();
    await refund.approve(/Taras/, '9999');
    await expect
      .poll(() => refund.approvalDialog().getByRole('alert').textContent())
      .toMatch(/PIN/i);
    // The flow stays on approval: the dialog is still open, the error says how many tries are
    // left, and nothing was saved.
    expect(await refund.approvalDialog().getByRole('alert').textContent()).toMatch(
      /Wrong PIN\. \d+ tr(y|ies) left/,
    );
    expect(await refund.approvalDialog().isVisible()).toBe(true);
    expect(await refund.done().count()).toBe(0);
    expect((await journalTypes()).types).toHaveLength(entriesBefore);
    await refund.approve(/Taras/, '2222');
    await expect
      .poll(() => refund.done().textContent(), { timeout: 15_000 })
      .toMatch(/^Refund T1-\d{6} done/);
    const types = (await journalTypes()).types;
    expect(types.slice(-2)).toEqual(['approval', 'refund']);
  }, 180_000);

  it('an exchange cancelled after its new seat was held writes nothing and frees the seat', async () => {
    const receipt = await sellForCash(/^Sell The Forest Song/, [/^Row 9 seat 1, Stalls/]);
    const entriesBefore = (await journalTypes()).types.length;
    const exchange = new ExchangePage(page);
    const sell = new SellPage(page);
    await page.keyboard.press('F3');
    await exchange.find(receipt);
    await exchange.ticket(/row 9 seat 1\b/i).check();
    await sell.pickPerformance(/^Sell The Forest Song/, 1);
    await sell.toggleSeat(/^Row 6 seat 10, Stalls/);
    // The quote comes from the flow once the new seat is held for it.
    await expect.poll(() => exchange.quote().textContent()).toMatch(/Customer pays/);
    await page.getByRole('button', { name: 'Cancel exchange' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Exchange cancelled' }).count())
      .toBe(1);
    expect((await journalTypes()).types).toHaveLength(entriesBefore);
    await page.keyboard.press('F1');
    await sell.pickPerformance(/^Sell The Forest Song/, 1);
    await expect
      .poll(() => sell.seat(/^Row 6 seat 10, Stalls/).getAttribute('aria-label'))
      .toMatch(/Available$/);
    await page.getByRole('button', { name: /^Change performance$/ }).click();

    // Leaving the screen mid-exchange (F1) stops that customer's flow: its seat is let go too.
    await page.keyboard.press('F3');
    await exchange.find(receipt);
    await exchange.ticket(/row 9 seat 1\b/i).check();
    await sell.pickPerformance(/^Sell The Forest Song/, 1);
    await sell.toggleSeat(/^Row 6 seat 11, Stalls/);
    await expect.poll(() => exchange.quote().textContent()).toMatch(/Customer pays/);
    await page.keyboard.press('F1');
    await sell.pickPerformance(/^Sell The Forest Song/, 1);
    await expect
      .poll(() => sell.seat(/^Row 6 seat 11, Stalls/).getAttribute('aria-label'))
      .toMatch(/Available$/);
    expect((await journalTypes()).types).toHaveLength(entriesBefore);
    await page.getByRole('button', { name: /^Change performance$/ }).click();
  }, 180_000);
});
