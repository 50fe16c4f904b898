import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SalePayload } from '../../shared/journal/entry-types';
import { requestLabel } from '../../shared/orders/server-refund';
import { launchChromium } from '../support/chromium';
import { startSyncTestServer, type SyncTestServer } from '../support/sync-server';
import { startCashierStack, type CashierStack } from './cashier-stack';
import { CashierPage } from './page-models/cashier-page';
import { RefundPage } from './page-models/refund-page';
import { SellPage } from './page-models/sell-page';
import { journalOf, readStore } from './page-models/till-store';

// Issue 14 in Chromium against the real central server (port 0, embedded PGlite): a customer
// asks online for a credit voucher for one ticket of a window sale; the server issues it and
// records it in its ledger; the till learns it with its next pull (the live stream wakes it):
// the ticket reads "Refunded online on <date>, request R-…" and cannot be chosen for a refund,
// and the server's voucher pays part of the next sale at the window.

let server: SyncTestServer;
let stack: CashierStack;
let context: BrowserContext;
let page: Page;
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'requests-till-'));
  server = await startSyncTestServer();
  stack = await startCashierStack({
    sync: { server: server.url, enrol: await server.enrolment() },
  });
  context = await launchChromium(join(root, 'profile'));
  page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
}, 180_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await stack?.close();
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers read member by member
async function call(method: string, path: string, body: unknown, auth?: string): Promise<any> {
  const res = await fetch(server.url + path, {
    method,
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

describe('a refund paid online reaches the till', () => {
  it('the ticket is refused at the window in words; the server voucher pays part of a sale', async () => {
    const cashier = new CashierPage(page);
    await page.goto(stack.pageUrl);
    await cashier.startDay('1000');
    await cashier.status('Server connection').getByText('Online').waitFor({ timeout: 20_000 });

    const sell = new SellPage(page);
    // A cash sale of two seats (the enrolled till has the server's terminal id, not T1).
    await page.keyboard.press('F1');
    await sell.pickPerformance(/^Sell The Forest Song/);
    await sell.toggleSeat(/^Row 9 seat 3, Stalls/);
    await sell.toggleSeat(/^Row 9 seat 4, Stalls/);
    await page.getByText(/^2 tickets$/).waitFor();
    const cash = sell.quickCash();
    await cash.nth((await cash.count()) - 1).click();
    await sell.confirm();
    const sold = sell.done().filter({ hasText: /Sale \S+-\d{6} done/ });
    await sold.waitFor({ timeout: 15_000 });
    const receipt = /\S+-\d{6}/.exec((await sold.textContent()) ?? '')![0];
    await page.getByRole('button', { name: 'Next customer' }).click();
    await cashier.status('Sync queue').getByText('All synced').waitFor({ timeout: 20_000 });
    const sale = (await journalOf(page)).find((e) => e.type === 'sale')!.payload as SalePayload;
    const seat3 = sale.tickets.find((t) => t.seatId?.endsWith('9-3'))?.ticketId;
    const online = seat3 ?? sale.tickets[0]!.ticketId;

    // The customer's e-mail on the order (as the till's contact route stores it), then the
    // online request for a credit voucher.
    await server.server.db.query(
      `INSERT INTO order_contacts (venue_id, order_id, email, locale, attached_by)
       VALUES ($1, $2, 'iryna@example.org', 'en', 'e2e')`,
      [server.venueId, sale.orderId],
    );
    const made = await call('POST', '/api/public/refund-requests', {
      venueId: server.venueId,
      orderRef: sale.orderId,
      contact: 'iryna@example.org',
      ticketIds: [online],
      reasonCode: 'customer_request',
      locale: 'en',
      method: 'voucher',
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const requestId = made.body.status.requestId as string;
    if (made.body.status.state !== 'paid') {
      const approved = await call(
        'POST',
        `/api/venues/${server.venueId}/refund-requests/${requestId}/approve`,
        { note: 'Voucher agreed by phone' },
        server.managerAuth,
      );
      expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    }
    const ledger = await server.server.db.query<{ code: string; value: string; at: Date }>(
      `SELECT body ->> 'voucherCode' AS code, body -> 'value' ->> 'amount' AS value,
              recorded_at AS at
       FROM server_ledger WHERE venue_id = $1 AND request_id = $2`,
      [server.venueId, requestId],
    );
    expect(ledger).toHaveLength(1);
    const code = ledger[0]!.code;
    const value = Number(ledger[0]!.value);
    expect(value).toBeGreaterThan(1000);

    // The till hears it (live stream → pull): the ticket is refunded in its store.
    await expect
      .poll(
        async () =>
          (await readStore<{ id: string; status: string }>(page, 'tickets')).find(
            (t) => t.id === online,
          )?.status,
        { timeout: 30_000 },
      )
      .toBe('refunded');

    // At the refund window: the ticket reads refunded online, with the day and the request,
    // and cannot be chosen; its neighbour can.
    const day = new Date(ledger[0]!.at).toISOString().slice(0, 10);
    const words = `No refund: refunded online on ${day}, request ${requestLabel(requestId)}.`;
    const refund = new RefundPage(page);
    await page.keyboard.press('F2');
    await refund.find(receipt);
    const paidOnline = page.locator('label.choice').filter({ hasText: words });
    await paidOnline.waitFor({ timeout: 15_000 });
    expect(await paidOnline.getByRole('checkbox').isDisabled()).toBe(true);
    expect(await refund.ticket(/\(valid\)/).isDisabled()).toBe(false);
    expect(
      (await journalOf(page)).filter((e) => e.type === 'refund'),
      'no refund entry at the till',
    ).toHaveLength(0);
    await page.getByRole('button', { name: 'Cancel refund' }).click();

    // The next customer pays 10.00 with the server's voucher and the rest in cash.
    await page.keyboard.press('F1');
    await sell.pickPerformance(/^Sell The Forest Song/);
    await sell.toggleSeat(/^Row 9 seat 7, Stalls/);
    await page.getByText(/^1 ticket$/).waitFor();
    await page.getByText('Credit voucher', { exact: true }).click();
    await page.getByLabel('Voucher code').fill(code);
    await page.getByLabel('Voucher amount').fill('10');
    await page.getByRole('button', { name: 'Add voucher payment' }).click();
    const quick = sell.quickCash();
    await quick.nth((await quick.count()) - 1).click();
    await sell.confirm();
    const done = sell.done().filter({ hasText: /Sale \S+-\d{6} done/ });
    await done.or(page.getByRole('alert')).first().waitFor({ timeout: 15_000 });
    expect(await page.getByRole('alert').count(), (await page.textContent('body')) ?? '').toBe(0);
    const sales = (await journalOf(page)).filter((e) => e.type === 'sale');
    expect(sales).toHaveLength(2);
    const second = sales[1]!.payload as SalePayload;
    expect(second.tenders.find((t) => t.kind === 'voucher')).toMatchObject({
      voucherId: code,
      amount: { amount: 1000, currency: 'UAH' },
    });
    await page.getByRole('button', { name: 'Next customer' }).click();
    // Pushed like any sale: the server's journal holds the redemption.
    await cashier.status('Sync queue').getByText('All synced').waitFor({ timeout: 20_000 });
    const redeemed = await server.server.db.query(
      `SELECT 1 FROM journal_entries WHERE venue_id = $1 AND type = 'sale'
         AND body -> 'payload' -> 'tenders' @> $2::jsonb`,
      [server.venueId, JSON.stringify([{ kind: 'voucher', voucherId: code }])],
    );
    expect(redeemed).toHaveLength(1);
  }, 240_000);
});
