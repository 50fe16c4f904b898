import AxeBuilder from '@axe-core/playwright';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexCatalog } from '../../shared/catalog/catalog';
import { buildDemoCatalog, DEMO_VENUE_TEMPLATE } from '../../shared/catalog/demo-venue';
import type { RefundPayload, SalePayload } from '../../shared/journal/entry-types';
import { projectOrder } from '../../shared/orders/order-view';
import { payoutsTotal } from '../../shared/orders/payouts';
import { startVirtualPrinter, type VirtualPrinter } from '../../src-main/devices/virtual-printer';
import { issueCashCode } from '../../src-server/customer-service/cash-code';
import { decideRequest } from '../../src-server/requests/decision';
import { launchChromium } from '../support/chromium';
import { decodeEscPos, printedText } from '../support/escpos-decoder';
import { configureAsManager, printerConfig } from '../support/printer-harness';
import { startSyncTestServer, type SyncTestServer } from '../support/sync-server';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { startCashierStack, type CashierStack } from './cashier-stack';
import { CashierPage } from './page-models/cashier-page';
import { expectDrawerKicks } from './printing-cashier';
import { SellPage } from './page-models/sell-page';
import { expectStatusBarReadable } from './page-models/status-bar';
import { journalOf, readStore } from './page-models/till-store';

// Issue 14 item 3 (cash part) in Chromium: a refund approved on the real central server for a
// cash purchase carries a signed cash-collection code; the till, cut off from the server by a
// loopback TCP proxy, checks it with the venue key of its last pull, pays it out once (ONE
// refund entry, ONE drawer kick counted in the ESC/POS bytes a virtual printer on loopback
// received, the refund voucher printed and decoded), and refuses the same code a second time
// in words. Back online, the server marks the request paid.

let server: SyncTestServer;
let proxy: TcpProxy;
let stack: CashierStack;
let vp: VirtualPrinter;
let context: BrowserContext;
let page: Page;
let root: string;
let terminalId = '';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cash-code-'));
  server = await startSyncTestServer();
  const target = new URL(server.url);
  proxy = await startTcpProxy(target.hostname, Number(target.port));
  stack = await startCashierStack({ sync: { server: proxy.url, enrol: await server.enrolment() } });
  vp = await startVirtualPrinter({ port: 0, jobsDir: join(root, 'jobs') });
  expect(await configureAsManager(stack.services.dispatch, printerConfig(vp.port))).toMatchObject({
    ok: true,
  });
  const config = await stack.services.dispatch(
    'config.get',
    {},
    { transport: 'bridge', caller: 'e2e' },
  );
  if (!config.ok) throw new Error(config.error.message);
  terminalId = (config.value as { terminalId: string }).terminalId;
  context = await launchChromium(join(root, 'profile'));
  page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
}, 180_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await stack?.close();
  await vp?.close();
  await proxy?.close();
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

const expectKicks = (n: number): Promise<void> => expectDrawerKicks(vp, n);

const refundsIn = async (): Promise<RefundPayload[]> =>
  (await journalOf(page)).flatMap((e) => (e.type === 'refund' ? [e.payload as RefundPayload] : []));

/** The scanner at the window: main's serial `scanner.scan` event, as a real scanner sends it. */
function scan(code: string): void {
  stack.services.events.emit('scanner.scan', {
    source: 'serial',
    port: '/dev/ttyFAKE0',
    data: code,
    at: new Date().toISOString(),
  });
}

async function seriousFindings(): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help}`);
}

describe('a cash-collection code paid out at an offline till', () => {
  it('paid once: one refund entry, one drawer kick, the voucher printed; a second scan refused', async () => {
    const cashier = new CashierPage(page);
    await page.goto(stack.pageUrl);
    await cashier.startDay('1000');
    await cashier.status('Server connection').getByText('Online').waitFor({ timeout: 20_000 });

    // A cash sale of two seats, synced to the server.
    const sell = new SellPage(page);
    await page.keyboard.press('F1');
    await sell.pickPerformance(/^Sell The Forest Song/);
    await sell.toggleSeat(/^Row 9 seat 3, Stalls/);
    await sell.toggleSeat(/^Row 9 seat 4, Stalls/);
    await page.getByText(/^2 tickets$/).waitFor();
    const quick = sell.quickCash();
    await quick.nth((await quick.count()) - 1).click();
    await sell.confirm();
    await sell
      .done()
      .filter({ hasText: /Sale \S+-\d{6} done/ })
      .waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Next customer' }).click();
    await cashier.status('Sync queue').getByText('All synced').waitFor({ timeout: 20_000 });
    await cashier
      .status('Last receipt')
      .getByText(/-000001$/)
      .waitFor();
    // Online, synced, a shift, a last receipt, DEMO: every status item read in full.
    await expectStatusBarReadable(page, 'online after a sale');
    await expectKicks(1);
    const sale = (await journalOf(page)).find((e) => e.type === 'sale')!.payload as SalePayload;

    // The venue key reached the till with a pull (the server makes it at the first one).
    await expect
      .poll(
        async () =>
          (await readStore<{ key: string; value: unknown[] }>(page, 'settings')).find(
            (s) => s.key === 'cash-code-key-ring',
          )?.value.length ?? 0,
        { timeout: 20_000 },
      )
      .toBe(1);

    // The server approves the refund (the requests feature's call): its decision measures
    // what the customer is paid as of now (refundPaidOut, the till's own measure), and
    // issueCashCode signs and stores the code with that amount.
    const decidedAt = Date.now();
    const catalog = buildDemoCatalog(DEMO_VENUE_TEMPLATE, decidedAt);
    if (!catalog.ok) throw new Error(catalog.error.message);
    const decided = decideRequest({
      order: projectOrder(sale),
      catalog: indexCatalog(catalog.value),
      ticketIds: sale.tickets.map((t) => t.ticketId),
      asked: 'original_tender',
      nowMs: decidedAt,
      actorRole: 'manager',
      actorId: 'li.wei',
    });
    if (!decided.ok || decided.value.plan.refusal) throw new Error('the demo refund was refused');
    const requestId = randomUUID();
    const issued = await server.server.db.transaction((tx) =>
      issueCashCode(tx, {
        venueId: server.venueId,
        requestId,
        orderId: sale.orderId,
        ticketIds: sale.tickets.map((t) => t.ticketId),
        amount: decided.value.decision.amount,
        decidedAt: new Date(decidedAt).toISOString(),
        expiresAt: new Date(decidedAt + 14 * 86_400_000).toISOString(),
        // The request's reason, signed into the code: the till journals the payout under it.
        reasonCode: 'performance_cancelled',
      }),
    );

    // The network goes: the till works from what it has.
    proxy.cut();
    await cashier.status('Server connection').getByText('Offline').waitFor({ timeout: 30_000 });

    await page.keyboard.press('F2');
    await page.getByLabel('Find order').waitFor();
    scan(issued.code);
    const request = requestId.slice(0, 8).toUpperCase();
    // Named by its heading: "Pay out …" before, "Paid out …" once the cash has left the drawer.
    const dialog = page.getByRole('dialog', {
      name: /^(Pay out|Paid out) .+ cash for request [0-9A-F]{8}$/,
    });
    await dialog.waitFor({ timeout: 15_000 });
    expect(await dialog.getByRole('heading').textContent()).toMatch(
      new RegExp(`^Pay out .+ cash for request ${request}$`),
    );
    await dialog.getByText(/^2 tickets of receipt \S+-000001/).waitFor();
    // Why and what for, to check with the customer before paying: the code's reason in the
    // refund screen's words, each ticket's performance, date and seat.
    await dialog.getByText(/^Reason: Performance cancelled$/).waitFor();
    const paidFor = async (): Promise<string[]> =>
      (
        await dialog
          .getByRole('list', { name: 'Tickets paid back' })
          .getByRole('listitem')
          .allTextContents()
      ).sort();
    expect(await paidFor()).toEqual([
      expect.stringMatching(/^The Forest Song .*, \d{4}, .+: \w+, row 9 seat 3$/),
      expect.stringMatching(/^The Forest Song .*, \d{4}, .+: \w+, row 9 seat 4$/),
    ]);
    expect(await seriousFindings()).toEqual([]);
    await dialog.getByRole('button', { name: /^Pay out / }).click();
    const paid = dialog.getByText(/^Paid out .+ in cash\. Refund receipt \S+-000002\./);
    await paid.or(dialog.getByRole('alert')).first().waitFor({ timeout: 15_000 });
    // A refusal would be in the alert: show its words rather than a timeout.
    expect(await dialog.getByRole('alert').count(), (await dialog.textContent()) ?? '').toBe(0);
    await paid.waitFor();
    await dialog.getByText(/Refund voucher printed\./).waitFor({ timeout: 15_000 });
    // Done, and the heading says so; the reason and the tickets stay in view.
    expect(await dialog.getByRole('heading').textContent()).toMatch(
      new RegExp(`^Paid out .+ cash for request ${request}$`),
    );
    await dialog.getByText(/^Reason: Performance cancelled$/).waitFor();
    expect(await paidFor()).toHaveLength(2);

    // ONE journal entry: a cash refund of those tickets naming the request.
    const refunds = await refundsIn();
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({
      orderId: sale.orderId,
      method: 'cash',
      reasonCode: 'performance_cancelled',
      total: decided.value.plan.total,
      cashCode: { requestId, keyId: issued.keyId, terminalId },
    });
    expect(refunds[0]!.tickets.map((t) => t.ticketId).sort()).toEqual(
      sale.tickets.map((t) => t.ticketId).sort(),
    );
    expect(refunds[0]!.payouts.every((p) => p.kind === 'cash')).toBe(true);
    // Exactly the signed amount left the drawer.
    expect(payoutsTotal(decided.value.decision.amount.currency, refunds[0]!.payouts)).toEqual(
      decided.value.decision.amount,
    );
    const tickets = await readStore<{ id: string; status: string }>(page, 'tickets');
    expect(
      tickets.filter((t) => sale.tickets.some((s) => s.ticketId === t.id)).map((t) => t.status),
    ).toEqual(['refunded', 'refunded']);
    // The drawer opened once more (the sale's kick plus this one), by main, for that entry.
    await expectKicks(2);
    // The refund voucher on paper, decoded from the printer's bytes.
    const voucher = (await vp.jobs())
      .map(decodeEscPos)
      .map((j) => printedText(j).join('\n'))
      .find((t) => t.includes('REFUND'));
    expect(voucher).toBeDefined();
    expect(voucher).toContain(`${terminalId}-000002`);
    expect(voucher).toContain('Refund amount');
    // The code's reason in the customer's words, never the journal's code.
    expect(voucher).toContain('Reason: Performance cancelled');
    expect(voucher).not.toContain('performance_cancelled');
    expect(voucher).toContain(`${terminalId}-000001`);
    await dialog.getByRole('button', { name: 'Close' }).click();
    // Offline with the payout waiting to sync: the queue and its age read in full too.
    await cashier.status('Oldest unsynced entry').waitFor({ timeout: 15_000 });
    await expectStatusBarReadable(page, 'offline with an entry waiting');

    // The same code again, typed into the search this time: refused in words, nothing paid.
    await page.getByLabel('Find order').fill(issued.code);
    await page.getByRole('button', { name: /^Find$/ }).click();
    const again = page.getByRole('dialog', { name: /^Pay out .+ cash for request/ });
    await again.waitFor({ timeout: 15_000 });
    await again
      .getByRole('alert')
      .getByText(new RegExp(`Already paid out at .+ by ${terminalId}\\. Do not pay it again\\.`))
      .waitFor({ timeout: 15_000 });
    expect(await again.getByRole('button', { name: /^Pay out / }).count()).toBe(0);
    await again.getByRole('button', { name: 'Cancel' }).click();
    // A second scan of it: the same refusal.
    scan(issued.code);
    await page
      .getByRole('dialog')
      .getByText(/Already paid out at .+ by/)
      .waitFor({ timeout: 15_000 });
    expect(await refundsIn()).toHaveLength(1);
    await expectKicks(2);
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    // Back online: the payout is pushed and the server marks the request paid.
    proxy.restore();
    await cashier.status('Sync queue').getByText('All synced').waitFor({ timeout: 40_000 });
    const rows = await server.server.db.query<{ paid_terminal_id: string | null }>(
      `SELECT paid_terminal_id FROM cash_codes WHERE venue_id = $1 AND request_id = $2`,
      [server.venueId, requestId],
    );
    expect(rows).toEqual([{ paid_terminal_id: terminalId }]);
    expect(await server.server.db.query(`SELECT 1 FROM reconciliation_exceptions`)).toEqual([]);
  }, 240_000);
});
