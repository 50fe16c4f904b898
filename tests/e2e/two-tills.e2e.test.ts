import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { publicKeyFromSeed } from '../../shared/crypto/ed25519';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoCatalog, DEMO_VENUE_TEMPLATE } from '../../shared/catalog/demo-venue';
import { launchChromium } from '../support/chromium';
import { startSyncTestServer, type SyncTestServer } from '../support/sync-server';
import { sealedDay } from '../server/sim-till';
import { startCashierStack, type CashierStack } from './cashier-stack';
import { CashierPage } from './page-models/cashier-page';
import { RefundPage } from './page-models/refund-page';
import { SellPage } from './page-models/sell-page';
import { journalOf, ticketCodesOf } from './page-models/till-store';

// Issue 11 in Chromium: a real central server (PGlite, port 0) and two tills, each a bridge
// with its own data folder enrolled with its own one-time code and a Chromium profile of its
// own. A seat sold at A shows sold on B's seat map and B refunds that ticket (the seat is free
// again at A); A's IndexedDB deleted, A restores from
// the server and sells on at the next receipt number. A new till joining a venue with over a
// thousand entries in its feed shows how far its load has got.

let server: SyncTestServer;
const stacks: CashierStack[] = [];
const contexts: BrowserContext[] = [];
let root: string;

beforeAll(async () => {
  server = await startSyncTestServer();
  root = await mkdtemp(join(tmpdir(), 'two-tills-'));
}, 60_000);

afterAll(async () => {
  for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
  for (const s of stacks.splice(0)) await s.close();
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

async function till(): Promise<{ stack: CashierStack; terminalId: string }> {
  const stack = await startCashierStack({
    sync: { server: server.url, enrol: await server.enrolment() },
  });
  stacks.push(stack);
  const config = await stack.services.dispatch(
    'config.get',
    {},
    { transport: 'bridge', caller: 'e2e' },
  );
  if (!config.ok) throw new Error(config.error.message);
  return { stack, terminalId: (config.value as { terminalId: string }).terminalId };
}

async function open(stack: CashierStack, profile: string): Promise<Page> {
  const context = await launchChromium(join(root, profile));
  contexts.push(context);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(stack.pageUrl);
  return page;
}

async function close(page: Page): Promise<void> {
  const context = page.context();
  await context.close();
  contexts.splice(contexts.indexOf(context), 1);
}

async function sellOneSeat(page: Page, seat: RegExp): Promise<string> {
  const sell = new SellPage(page);
  await new CashierPage(page).go('F1');
  await sell.pickPerformance(/^Sell The Forest Song/);
  await sell.toggleSeat(seat);
  await page.getByText(/^1 ticket$/).waitFor();
  const quick = sell.quickCash();
  await quick.nth((await quick.count()) - 1).click();
  await sell.confirm();
  const done = sell.done().filter({ hasText: /Sale \S+-\d{6} done/ });
  await done.waitFor({ timeout: 15_000 });
  const receipt = /(\S+-\d{6}) done/.exec((await done.textContent()) ?? '')?.[1] ?? '';
  await page.getByRole('button', { name: 'Next customer' }).click();
  return receipt;
}

describe('two tills and the central server', () => {
  it('a sale at A is sold at B and refunded there; A restores its lost store from the server and sells on', async () => {
    const a = await till();
    const b = await till();
    expect(a.terminalId).not.toBe(b.terminalId);

    let pageA = await open(a.stack, 'a');
    const pageB = await open(b.stack, 'b');
    await new CashierPage(pageA).startDay('1000');
    await new CashierPage(pageB).startDay('1000');
    // Enrolled: the status bar says so from real requests.
    await new CashierPage(pageA)
      .status('Server connection')
      .getByText('Online')
      .waitFor({ timeout: 20_000 });

    const first = await sellOneSeat(pageA, /^Row 5 seat 10, Stalls, .*available$/i);
    expect(first).toBe(`${a.terminalId}-000001`);
    await new CashierPage(pageA)
      .status('Sync queue')
      .getByText('All synced')
      .waitFor({ timeout: 20_000 });

    // B: the seat A sold is not for sale (the live feed or the next poll brings it).
    const sellB = new SellPage(pageB);
    await new CashierPage(pageB).go('F1');
    await sellB.pickPerformance(/^Sell The Forest Song/);
    await expect
      .poll(() => sellB.seat(/^Row 5 seat 10, Stalls/i).getAttribute('aria-disabled'), {
        timeout: 40_000,
      })
      .toBe('true');

    // B refunds the ticket A sold: the customer's ticket scanned at B verifies with the key A
    // published (an unknown issuer would get a verdict, not the order), and opens A's order.
    const [code] = await ticketCodesOf(pageA, 1, a.terminalId);
    const refund = new RefundPage(pageB);
    await pageB.keyboard.press('F2');
    await pageB.getByLabel('Find order').waitFor();
    b.stack.services.events.emit('scanner.scan', {
      source: 'serial',
      port: '/dev/ttyFAKE0',
      data: code!,
      at: new Date().toISOString(),
    });
    await refund.decision().waitFor({ timeout: 15_000 });
    expect(await pageB.getByRole('alert', { name: 'Scanned ticket' }).count()).toBe(0);
    await expect.poll(() => pageB.getByRole('checkbox', { checked: true }).count()).toBe(1);
    await refund.method(/^Cash/).check();
    await refund.confirm();
    const refunded = refund.done().filter({ hasText: /done/ });
    await Promise.race([
      refunded.waitFor({ timeout: 15_000 }),
      refund.approvalDialog().waitFor({ timeout: 15_000 }),
    ]);
    if (await refund.approvalDialog().isVisible()) await refund.approve(/Taras/, '2222');
    await expect
      .poll(() => refunded.textContent(), { timeout: 15_000 })
      .toMatch(new RegExp(`Refund ${b.terminalId}-000001 done`));
    // … and the seat is for sale again at A.
    const sellA = new SellPage(pageA);
    await new CashierPage(pageA).go('F1');
    await sellA.pickPerformance(/^Sell The Forest Song/);
    await expect
      .poll(() => sellA.seat(/^Row 5 seat 10, Stalls/i).getAttribute('aria-disabled'), {
        timeout: 40_000,
      })
      .toBe('false');

    // A's IndexedDB is lost (Chromium closed first): records damaged, restore from the server.
    await close(pageA);
    await rm(join(root, 'a', 'Default', 'IndexedDB'), { recursive: true, force: true });
    pageA = await open(a.stack, 'a');
    const restore = pageA.getByRole('button', { name: 'Restore from the server' });
    await restore.waitFor({ timeout: 20_000 });
    await restore.click();
    // The page reloads into the till: Olena's session and shift came back with the journal.
    await new CashierPage(pageA)
      .status('Shift status')
      .getByText(/Shift .* open/)
      .waitFor({ timeout: 30_000 });
    const next = await sellOneSeat(pageA, /^Row 5 seat 11, Stalls, .*available$/i);
    expect(next).toBe(`${a.terminalId}-000002`);
    await new CashierPage(pageA)
      .status('Sync queue')
      .getByText('All synced')
      .waitFor({ timeout: 20_000 });
  });

  it("a manager publishes a catalog with a performance cancelled: an open till's sell screen shows it cancelled, no restart", async () => {
    const c = await till();
    const pageC = await open(c.stack, 'c');
    await new CashierPage(pageC).startDay('1000');
    await new CashierPage(pageC).go('F1');
    const forest = /^Sell The Forest Song/;
    const cancelled = pageC.getByRole('button', { name: /^Sell The Forest Song.*Cancelled$/ });
    await pageC.getByRole('button', { name: forest, disabled: false }).first().waitFor();
    // The demo venue has one cancelled Forest Song already.
    const before = await cancelled.count();

    // What a back office would send: the venue's catalog, the first scheduled Forest Song
    // cancelled, as the next version.
    const built = buildDemoCatalog(DEMO_VENUE_TEMPLATE, Date.now());
    if (!built.ok) throw new Error(built.error.message);
    const target = built.value.performances.find(
      (p) => p.eventId === 'forest-song' && p.status === 'scheduled',
    )!;
    const next = {
      ...built.value,
      version: built.value.version + 1,
      performances: built.value.performances.map((p) =>
        p.id === target.id ? { ...p, status: 'cancelled' as const } : p,
      ),
    };
    const published = await fetch(`${server.url}/api/venues/${server.venueId}/catalog`, {
      method: 'PUT',
      headers: { authorization: server.managerAuth, 'content-type': 'application/json' },
      body: JSON.stringify(next),
    });
    expect(published.status).toBe(200);

    // The live stream wakes the till; its list reads the new catalog.
    await expect.poll(() => cancelled.count(), { timeout: 40_000 }).toBe(before + 1);
    await close(pageC);
  });

  /** Everyone as the demo venue has them (sent without PINs: they keep theirs). */
  const DEMO_STAFF = [
    { id: 'olena', name: 'Olena', role: 'cashier' },
    { id: 'taras', name: 'Taras', role: 'supervisor' },
    { id: 'li-wei', name: 'Li Wei', role: 'manager' },
  ];

  /** What a back office would send: the venue's whole staff list. */
  async function publishStaff(version: number, staff: readonly object[]): Promise<number> {
    const r = await fetch(`${server.url}/api/venues/${server.venueId}/staff`, {
      method: 'PUT',
      headers: { authorization: server.managerAuth, 'content-type': 'application/json' },
      body: JSON.stringify({ version, staff }),
    });
    return r.status;
  }

  it('a manager adds a cashier: the sign-in screen already open lists her, and her PIN works', async () => {
    const d = await till();
    const pageD = await open(d.stack, 'd');
    await pageD.getByRole('radio', { name: /^Olena/ }).waitFor({ timeout: 60_000 });
    const iryna = pageD.getByRole('radio', { name: /^Iryna/ });
    expect(await iryna.count()).toBe(0);

    // What a back office would send: everyone as before (no PIN: they keep theirs), and Iryna.
    expect(
      await publishStaff(1, [
        ...DEMO_STAFF,
        { id: 'iryna', name: 'Iryna', role: 'cashier', pin: '7391' },
      ]),
    ).toBe(200);

    // The live stream wakes the page's pull; main fetches the list and tells the page.
    await iryna.waitFor({ timeout: 40_000 });
    const page = new CashierPage(pageD);
    await page.signIn(/^Iryna/, '7391');
    await page.openShift('500');
    await pageD.getByText('Signed in: Iryna').waitFor({ timeout: 15_000 });

    // The manager takes her off the list again: she is signed out at once, in words.
    expect(await publishStaff(2, DEMO_STAFF)).toBe(200);
    await pageD
      .getByText("Iryna is no longer on this venue's staff list (a manager changed it)", {
        exact: false,
      })
      .waitFor({ timeout: 40_000 });
    expect(await pageD.getByRole('radio', { name: /^Iryna/ }).count()).toBe(0);
    const last = (await journalOf(pageD)).at(-1);
    expect({ type: last?.type, staff: (last?.payload as { staff?: unknown }).staff }).toEqual({
      type: 'logout',
      staff: { staffId: 'iryna', role: 'cashier' },
    });
    await close(pageD);
  });

  it("a new till joining a busy venue shows how far it has loaded the other tills' sales", async () => {
    // A third till's day of 1,200 one-ticket sales, pushed over HTTP: the feed is now more
    // than two pages (500 entries each) ahead of a new till.
    const enrol = await fetch(`${server.url}/api/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...(await server.enrolment()),
        publicKey: Buffer.from(publicKeyFromSeed(new Uint8Array(32).fill(7))).toString('base64'),
      }),
    });
    expect(enrol.status).toBe(201);
    const busy = (await enrol.json()) as { terminalId: string; token: string };
    const day = await sealedDay(busy.terminalId, 11, {
      shifts: 1,
      salesPerShift: 1_200,
      refundEvery: 0,
      cashMovements: false,
      closeLast: false,
      oneTicket: true,
    });
    for (let i = 0; i < day.length; i += 100) {
      const pushed = await fetch(`${server.url}/api/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${busy.token}` },
        body: JSON.stringify({ entries: day.slice(i, i + 100) }),
      });
      expect(pushed.status).toBe(200);
    }

    // The new till's page notes every text its load figure and banner show (a fast machine
    // may finish the load between two looks).
    const c = await till();
    const context = await launchChromium(join(root, 'c'));
    contexts.push(context);
    const page = await context.newPage();
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { loadTexts: string[] }).loadTexts = seen;
      new MutationObserver(() => {
        for (const el of document.querySelectorAll(
          '[aria-label="Loading other tills\' sales"], [aria-label="Other tills\' sales not loaded yet"]',
        )) {
          const t = `${el.getAttribute('role')}|${el.textContent ?? ''}`;
          if (seen.at(-1) !== t && !seen.includes(t)) seen.push(t);
        }
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(c.stack.pageUrl);
    const cashier = new CashierPage(page);
    await cashier.status('Server connection').getByText('Online').waitFor({ timeout: 60_000 });
    // Caught up: the figure and the banner are gone.
    await expect
      .poll(() => cashier.status("Loading other tills' sales").count(), { timeout: 120_000 })
      .toBe(0);
    const texts = await page.evaluate(
      () => (window as unknown as { loadTexts: string[] }).loadTexts,
    );
    const figures = texts
      .filter((t) => t.startsWith('status|Loading'))
      .map((t) => /^status\|Loading other tills’ sales: ([\d,]+) of ([\d,]+)$/.exec(t));
    expect(figures.length).toBeGreaterThan(0);
    expect(figures.every((m) => m !== null)).toBe(true);
    const loaded = figures.map((m) => Number(m![1]!.replace(/,/g, '')));
    const total = Number(figures[0]![2]!.replace(/,/g, ''));
    expect(total).toBeGreaterThan(1_200);
    expect(loaded[0]).toBe(500);
    expect(loaded).toEqual([...loaded].sort((x, y) => x - y));
    expect(texts).toContain(
      'status|This till is still loading sales made at other tills. Keep selling; a ticket sold at another till may not be found for a refund or exchange until loading finishes.',
    );
    await close(page);
  });

  it('a till with no server says so and keeps its entries, with no error', async () => {
    const stack = await startCashierStack();
    stacks.push(stack);
    const page = await open(stack, 'alone');
    const cashier = new CashierPage(page);
    await cashier.startDay('1000');
    await cashier.status('Server connection').getByText('Not connected to a server').waitFor();
    // Sign-in and shift open are journal entries: kept here, counted, never an alarm.
    await expect
      .poll(() => cashier.status('Sync queue').textContent(), { timeout: 15_000 })
      .toMatch(/^\d+ entries waiting to sync$/);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await cashier.status('Last sync').count()).toBe(0);
  });
});
