import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../shared/journal/chain';
import { sealEntries } from '../../shared/journal/chain';
import { launchChromium } from '../support/chromium';
import { startCashierStack, type CashierStack } from './cashier-stack';
import { CashierPage } from './page-models/cashier-page';
import { SellPage } from './page-models/sell-page';
import { journalOf, readStore } from './page-models/till-store';

// Issue 8 item 4 in Chromium with a persistent profile: main's journal head (outside the
// browser) holds the page's IndexedDB to account. Deleting the IndexedDB, putting back an
// older copy of the profile, or a re-sealed (forked) chain: the till refuses to sell and says
// why; the right profile put back sells again. Profiles are copied while Chromium is closed.

const DAMAGED = /This till cannot sell: its records are damaged/;

let stack: CashierStack;
let root: string;
let context: BrowserContext | undefined;

beforeAll(async () => {
  stack = await startCashierStack();
  root = await mkdtemp(join(tmpdir(), 'anchor-e2e-'));
}, 180_000);

afterAll(async () => {
  await context?.close();
  await stack?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

async function open(profile: string): Promise<Page> {
  context = await launchChromium(join(root, profile));
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(stack.pageUrl);
  return page;
}

async function closeBrowser(): Promise<void> {
  await context?.close();
  context = undefined;
}

/** Copies a closed profile (Chromium must not be running on it). */
function copyProfile(from: string, to: string): Promise<void> {
  return cp(join(root, from), join(root, to), { recursive: true });
}

async function sellOneSeat(page: Page, seat: RegExp, receipt: string): Promise<void> {
  const cashier = new CashierPage(page);
  const sell = new SellPage(page);
  await cashier.go('F1');
  await sell.pickPerformance(/^Sell The Forest Song/);
  await sell.toggleSeat(seat);
  const quick = sell.quickCash();
  await quick.nth((await quick.count()) - 1).click();
  await sell.confirm();
  await expect
    .poll(() => sell.done().textContent(), { timeout: 15_000 })
    .toMatch(new RegExp(`Sale ${receipt} done`));
}

async function expectDamaged(page: Page, why: RegExp): Promise<void> {
  await expect.poll(() => page.locator('body').textContent(), { timeout: 20_000 }).toMatch(DAMAGED);
  const body = (await page.locator('body').textContent()) ?? '';
  expect(body).toMatch(why);
  expect(body).toMatch(/Do not sell on this till/);
  // Nothing of the till is on screen: no sell button, no sign-in.
  expect(await page.getByRole('button', { name: /^Sell F1$/ }).count()).toBe(0);
  expect(await page.getByRole('button', { name: /Export records for support/ }).count()).toBe(1);
}

describe("the journal's anchor in main", () => {
  it('deleted, rolled back and forked stores are refused; the right profile sells again', async () => {
    // Day one: sign in, open the shift (profile "old" is a copy of this), then one cash sale.
    let page = await open('till');
    const cashier = new CashierPage(page);
    await cashier.startDay('1000');
    await closeBrowser();
    await copyProfile('till', 'old');
    page = await open('till');
    await sellOneSeat(page, /^Row 5 seat 10, Stalls, .*available$/i, 'T1-000001');
    const journal = await journalOf(page);
    const head = stack.services.anchor.head();
    expect(head).toMatchObject({ seq: journal.length, lastReceiptNo: 1 });
    expect(head?.hash).toBe(journal.at(-1)?.hash);
    await closeBrowser();
    await copyProfile('till', 'good');
    await copyProfile('till', 'forked');

    // 1. The IndexedDB deleted: no fresh demo till, nothing seeded, and it says why.
    await rm(join(root, 'till', 'Default', 'IndexedDB'), { recursive: true, force: true });
    page = await open('till');
    await expectDamaged(page, /sales records stored in this till are gone/);
    expect(await readStore(page, 'staff')).toEqual([]);
    expect(await journalOf(page)).toEqual([]);
    // In Ukrainian too.
    await page.getByRole('button', { name: 'Українська' }).click();
    expect(await page.locator('body').textContent()).toMatch(/Ця каса не може продавати/);
    await closeBrowser();

    // 2. The profile put back: it sells again.
    await rm(join(root, 'till'), { recursive: true, force: true });
    await copyProfile('good', 'till');
    page = await open('till');
    await sellOneSeat(page, /^Row 5 seat 11, Stalls, .*available$/i, 'T1-000002');
    expect(stack.services.anchor.head()).toMatchObject({ lastReceiptNo: 2 });
    await closeBrowser();

    // 3. An older copy of the profile (rolled back to before both sales).
    page = await open('old');
    await expectDamaged(page, /older than what was saved/);
    await closeBrowser();

    // 4. A forked chain: the same entries re-sealed after an edit (a valid chain on its own).
    page = await open('forked');
    await expectDamaged(page, /older than what was saved/); // one sale behind main now
    const rows = await journalOf(page);
    const edited = rows.map(({ terminalId, seq, at, type, v, payload }) => ({
      terminalId,
      seq,
      at: seq === 1 ? new Date(Date.parse(at) + 1).toISOString() : at,
      type,
      v,
      payload,
    }));
    // Extend it to main's length with a no-sale, so it is neither behind nor ahead: forked.
    const resealed: JournalEntry[] = await sealEntries(
      'T1',
      null,
      edited.map(({ at, type, v, payload }) => ({ at, type, ...(v ? { v } : {}), payload })),
    );
    const last = resealed.at(-1)!;
    const shiftId = (rows.at(-1)!.payload as { shiftId: string }).shiftId;
    const extra = await sealEntries('T1', last, [
      {
        type: 'no_sale',
        at: last.at,
        v: 1,
        payload: {
          shiftId,
          staff: { staffId: 'olena', role: 'cashier' },
          reason: 'x',
          training: false,
        },
      },
    ]);
    const chain = [...resealed, ...extra];
    expect(chain.length).toBe(stack.services.anchor.head()?.seq);
    await page.evaluate(async (entries) => {
      const req = indexedDB.open('box-office');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(new Error(String(req.error)));
      });
      const tx = db.transaction(['journal', 'checkpoints'], 'readwrite');
      for (const e of entries) tx.objectStore('journal').put(e);
      const cps = tx.objectStore('checkpoints');
      const lastEntry = entries[entries.length - 1]!;
      const getCp = cps.get(lastEntry.terminalId);
      getCp.onsuccess = () =>
        cps.put({ ...getCp.result, seq: lastEntry.seq, hash: lastEntry.hash });
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(new Error(String(tx.error)));
        // An abort (a quota or constraint failure) fires no error event on some paths: without
        // this the test would hang instead of failing.
        tx.onabort = () => reject(new Error(`aborted: ${String(tx.error)}`));
      });
      db.close();
    }, chain);
    await closeBrowser();
    page = await open('forked');
    await expectDamaged(page, /differ from what was saved/);
    await closeBrowser();

    // Main refused every one of them and still holds the good head: the good profile sells.
    await rm(join(root, 'good'), { recursive: true, force: true });
    await copyProfile('till', 'good');
    page = await open('good');
    await sellOneSeat(page, /^Row 5 seat 12, Stalls, .*available$/i, 'T1-000003');
    await closeBrowser();
  }, 300_000);
});
