import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { startCashierStack, type CashierStack } from './cashier-stack';
import { CashierPage } from './page-models/cashier-page';
import { SellPage } from './page-models/sell-page';

// The sell screen on the sell flow machine, in real Chromium (persistent profile) through the
// device bridge: a picked seat is held in IndexedDB for this cart and sold by it; another
// cart's live hold shows as Held and cannot be picked; a reload resumes the cart with its
// seats; clearing or abandoning the cart frees them; a late printer answer for a finished
// sale never comes back over the next customer's cart.

let stack: CashierStack;
let profile: string;
let context: BrowserContext;
let page: Page;
/** Printer replies are held back this long (ms) while > 0: a slow printer. */
let printDelay = 0;
let printRepliesSeen = 0;

const PERF = 'forest-song-1';
const seatName = (row: number, seat: number) => new RegExp(`^Row ${row} seat ${seat}, Stalls`);
const seatId = (row: number, seat: number) => `stalls-${row}-${seat}`;

beforeAll(async () => {
  stack = await startCashierStack();
  profile = await mkdtemp(join(tmpdir(), 'cashier-holds-profile-'));
  context = await launchChromium(profile);
  page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  // Between the page and the bridge: answers to printer.print can be delayed.
  await page.routeWebSocket(/^ws:\/\/127\.0\.0\.1:/, (ws) => {
    const server = ws.connectToServer();
    const printIds = new Set<number>();
    ws.onMessage((message) => {
      const m = parse(message);
      if (m?.method === 'printer.print' && typeof m.id === 'number') printIds.add(m.id);
      server.send(message);
    });
    server.onMessage((message) => {
      const m = parse(message);
      if (typeof m?.id === 'number' && printIds.has(m.id)) {
        printIds.delete(m.id);
        const delay = printDelay;
        setTimeout(() => {
          printRepliesSeen++;
          ws.send(message);
        }, delay);
        return;
      }
      ws.send(message);
    });
  });
  await page.goto(stack.pageUrl);
  await new CashierPage(page).startDay('1000');
}, 120_000);

afterAll(async () => {
  await context?.close();
  await stack?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

function parse(message: string | Buffer): { id?: unknown; method?: unknown } | null {
  try {
    return JSON.parse(typeof message === 'string' ? message : message.toString('utf8')) as {
      id?: unknown;
      method?: unknown;
    };
  } catch {
    return null;
  }
}

interface SeatRow {
  state: string;
  holdId?: string;
  until?: string;
  ticketId?: string;
}

/** One object store of the till's IndexedDB, read or written from the page. */
async function idb<T>(
  op: 'get' | 'put' | 'delete',
  store: 'seatStates' | 'carts' | 'settings',
  arg: unknown,
): Promise<T> {
  return page.evaluate(
    async ({ op, store, arg }) => {
      const open = indexedDB.open('box-office');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(new Error(String(open.error)));
      });
      const os = db.transaction(store, op === 'get' ? 'readonly' : 'readwrite').objectStore(store);
      const r =
        op === 'get'
          ? os.get(arg as IDBValidKey)
          : op === 'put'
            ? os.put(arg)
            : os.delete(arg as IDBValidKey);
      const out = await new Promise<unknown>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(new Error(String(r.error)));
      });
      db.close();
      return out as never;
    },
    { op, store, arg },
  );
}

const seatRow = (row: number, seat: number) =>
  idb<SeatRow | undefined>('get', 'seatStates', [PERF, seatId(row, seat)]);
const cartId = async () =>
  (await idb<{ cart: { context: { cartId: string } } } | undefined>('get', 'carts', 'T1'))?.cart
    .context.cartId;

describe('seat holds on the sell screen', () => {
  it('holds a picked seat for this cart, shows another cart’s live hold as Held, and sells the held seats', async () => {
    const sell = new SellPage(page);
    await page.keyboard.press('F1');
    await sell.pickPerformance(/^Sell The Forest Song/);
    await sell.toggleSeat(seatName(4, 5));
    await expect.poll(() => sell.seat(seatName(4, 5)).getAttribute('aria-checked')).toBe('true');
    await expect.poll(async () => (await seatRow(4, 5))?.state).toBe('held');
    const mine = await cartId();
    expect(mine).toMatch(/^[0-9a-f-]{36}$/);
    const held = await seatRow(4, 5);
    expect(held?.holdId).toBe(mine);
    expect(Date.parse(held?.until ?? '')).toBeGreaterThan(Date.now() + 5 * 60_000);

    // Another cart (another window of this till) holds seat 6 until later.
    await idb('put', 'seatStates', {
      performanceId: PERF,
      seatId: seatId(4, 6),
      state: 'held',
      holdId: 'another-cart',
      until: new Date(Date.now() + 10 * 60_000).toISOString(),
    });
    // The map reads seat states again after each hold: pick seat 7.
    await sell.toggleSeat(seatName(4, 7));
    await expect
      .poll(() => sell.seat(seatName(4, 6)).getAttribute('aria-label'))
      .toMatch(/, Held$/);
    expect(await sell.seat(seatName(4, 6)).getAttribute('aria-disabled')).toBe('true');
    // force: the click is delivered although the seat says it is disabled; nothing happens.
    await sell.seat(seatName(4, 6)).click({ force: true });
    expect(await sell.seat(seatName(4, 6)).getAttribute('aria-checked')).toBe('false');
    expect((await seatRow(4, 6))?.holdId).toBe('another-cart');

    // Reload mid-cart: the cart comes back with its seats, still held by the same cart.
    await page.reload();
    await page
      .getByRole('status')
      .filter({ hasText: 'The cart from before the restart was restored.' })
      .waitFor({ timeout: 15_000 });
    await expect.poll(() => sell.seat(seatName(4, 5)).getAttribute('aria-checked')).toBe('true');
    expect(await sell.seat(seatName(4, 7)).getAttribute('aria-checked')).toBe('true');
    // The map reads the seat states after the cart is back: until then nothing shows free.
    await expect
      .poll(() => sell.seat(seatName(4, 6)).getAttribute('aria-label'))
      .toMatch(/, Held$/);
    expect(await cartId()).toBe(mine);
    expect((await seatRow(4, 7))?.holdId).toBe(mine);
    // Resuming held the cart's seats again for a full timeout from now.
    expect((await seatRow(4, 5))?.until ?? '').not.toBe('');
    expect(Date.parse((await seatRow(4, 5))?.until ?? '')).toBeGreaterThan(
      Date.parse(held?.until ?? ''),
    );

    const quick = sell.quickCash();
    await quick.nth((await quick.count()) - 1).click();
    await sell.confirm();
    await expect
      .poll(() => sell.done().textContent(), { timeout: 15_000 })
      .toMatch(/Sale T1-000001 done/);
    for (const seat of [5, 7]) {
      const row = await seatRow(4, seat);
      expect(row?.state).toBe('sold');
      expect(row?.holdId).toBeUndefined();
      expect(row?.ticketId).toMatch(/^[0-9a-f-]{36}$/);
    }
    // The other cart's hold is untouched by the sale.
    expect((await seatRow(4, 6))?.holdId).toBe('another-cart');
    await page.getByRole('button', { name: 'Next customer' }).click();
    await sell.pickPerformance(/^Sell The Forest Song/);
    await expect
      .poll(() => sell.seat(seatName(4, 5)).getAttribute('aria-label'))
      .toMatch(/, Sold$/);
  }, 120_000);

  it('an expired hold is free again; two seats clicked at once are both held', async () => {
    const sell = new SellPage(page);
    await idb('put', 'seatStates', {
      performanceId: PERF,
      seatId: seatId(4, 6),
      state: 'held',
      holdId: 'another-cart',
      until: new Date(Date.now() - 1000).toISOString(),
    });
    // Back from the performance list, the map reads the seat states again.
    await page.getByRole('button', { name: 'Change performance' }).click();
    await sell.pickPerformance(/^Sell The Forest Song/);
    await expect
      .poll(() => sell.seat(seatName(4, 6)).getAttribute('aria-label'))
      .toMatch(/, Available$/);
    await sell.toggleSeat(seatName(4, 6));
    await expect.poll(() => sell.seat(seatName(4, 6)).getAttribute('aria-checked')).toBe('true');
    expect((await seatRow(4, 6))?.holdId).toBe(await cartId());

    // Two seats clicked in the same instant: the second waits for the first hold, not lost.
    await sell.seatMap().evaluate((map) => {
      for (const n of [14, 15])
        map
          .querySelector(`[aria-label^="Row 4 seat ${n},"]`)
          ?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    await expect.poll(() => sell.seat(seatName(4, 15)).getAttribute('aria-checked')).toBe('true');
    expect(await sell.seat(seatName(4, 14)).getAttribute('aria-checked')).toBe('true');
    expect((await seatRow(4, 14))?.state).toBe('held');
    expect((await seatRow(4, 15))?.state).toBe('held');
  }, 60_000);

  it('clearing the cart releases its seats; so does abandoning it after the till’s timeout', async () => {
    const sell = new SellPage(page);
    await sell.toggleSeat(seatName(4, 9));
    await expect.poll(async () => (await seatRow(4, 9))?.state).toBe('held');
    // New carts on this till now time out after 3 s (a till setting): the next cart gets it.
    await idb('put', 'settings', { key: 'cartTimeoutMs:T1', value: 3000 });
    await page.getByRole('button', { name: 'Clear cart' }).click();
    await expect.poll(async () => (await cartId()) !== undefined).toBe(true);
    await idb('delete', 'settings', 'cartTimeoutMs:T1');
    await expect
      .poll(() => sell.seat(seatName(4, 9)).getAttribute('aria-label'))
      .toMatch(/, Available$/);
    expect(await sell.seat(seatName(4, 9)).getAttribute('aria-checked')).toBe('false');
    expect(await seatRow(4, 9)).toBeUndefined();
    for (const seat of [6, 14, 15]) expect(await seatRow(4, seat)).toBeUndefined();

    // The next cart (same performance) holds a seat and is left alone.
    await sell.toggleSeat(seatName(4, 11));
    await expect.poll(async () => (await seatRow(4, 11))?.state).toBe('held');
    // Its hold would last minutes; only the abandonment frees it this soon.
    expect(Date.parse((await seatRow(4, 11))?.until ?? '')).toBeGreaterThan(Date.now() + 60_000);
    await page
      .getByRole('status')
      .filter({ hasText: 'The cart was abandoned and its seats released.' })
      .waitFor({ timeout: 10_000 });
    expect(await seatRow(4, 11)).toBeUndefined();
    await sell.pickPerformance(/^Sell The Forest Song/);
    await expect
      .poll(() => sell.seat(seatName(4, 11)).getAttribute('aria-label'))
      .toMatch(/, Available$/);
  }, 60_000);

  it('a printer answer that arrives after "Next customer" does not bring the old sale back', async () => {
    const sell = new SellPage(page);
    await sell.toggleSeat(seatName(4, 13));
    await expect.poll(() => sell.seat(seatName(4, 13)).getAttribute('aria-checked')).toBe('true');
    printDelay = 2500;
    const repliesBefore = printRepliesSeen;
    const quick = sell.quickCash();
    await quick.nth((await quick.count()) - 1).click();
    await sell.confirm();
    await expect
      .poll(() => sell.done().textContent(), { timeout: 15_000 })
      .toMatch(/Sale T1-000002 done/);
    await page.getByRole('button', { name: 'Next customer' }).click();
    await page.getByRole('heading', { name: 'Choose a performance' }).waitFor();
    // The delayed answer arrives…
    await expect.poll(() => printRepliesSeen, { timeout: 10_000 }).toBeGreaterThan(repliesBefore);
    printDelay = 0;
    await page.waitForTimeout(300);
    // …and the new customer's screen stays as it was.
    expect(await sell.done().count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Choose a performance' }).count()).toBe(1);
  }, 60_000);

  it('a cart left by one cashier comes back to the next one signed in, who makes the sale', async () => {
    const sell = new SellPage(page);
    await sell.pickPerformance(/^Sell The Forest Song/);
    await sell.toggleSeat(seatName(4, 17));
    await expect.poll(async () => (await seatRow(4, 17))?.state).toBe('held');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await new CashierPage(page).signIn(/Taras/, '2222');
    await page.keyboard.press('F1');
    await expect.poll(() => sell.seat(seatName(4, 17)).getAttribute('aria-checked')).toBe('true');
    const quick = sell.quickCash();
    await quick.nth((await quick.count()) - 1).click();
    await sell.confirm();
    await expect
      .poll(() => sell.done().textContent(), { timeout: 15_000 })
      .toMatch(/Sale T1-000003 done/);
    const staff = await page.evaluate(async () => {
      const open = indexedDB.open('box-office');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(new Error(String(open.error)));
      });
      const all = await new Promise<{ type: string; payload: { staff?: { staffId: string } } }[]>(
        (resolve) => {
          const r = db.transaction('journal', 'readonly').objectStore('journal').getAll();
          r.onsuccess = () => resolve(r.result as never);
        },
      );
      db.close();
      return all.filter((e) => e.type === 'sale').at(-1)?.payload.staff?.staffId;
    });
    expect(staff).toBe('taras');
    expect((await seatRow(4, 17))?.state).toBe('sold');
  }, 60_000);
});
