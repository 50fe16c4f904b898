import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCashierApp, type CashierApp } from './cashier-stack';
import { CashierPage } from './page-models/cashier-page';
import { ExchangePage } from './page-models/exchange-page';
import { SellPage } from './page-models/sell-page';
import { readStore } from './page-models/till-store';

// Issue 10 items 6 and 10 in Chromium at 1280×800: the sell screen's performance list names
// each performance's starting price and seats left (and a sale lowers that figure); the seat
// map's zoom enlarges and shrinks the seats while the map stays in its panel with no page
// scroll; and holds of a page closed normally (pagehide/beforeunload run) never stay "Held"
// for this till: the sell cart comes back with its seats as its own (a cart is resumed, by
// design), and an exchange's new seats are let go as the page closes (through the
// hold-release service worker), before any start-up sweep could run.

let app: CashierApp;
let page: Page;

beforeAll(async () => {
  app = await openCashierApp('cashier-list-zoom-holds');
  page = app.page;
  await page.goto(app.stack.pageUrl);
  await new CashierPage(page).startDay('1000');
}, 120_000);

afterAll(async () => {
  await app?.close();
});

interface DemoCatalog {
  readonly events: readonly { readonly id: string; readonly name: string }[];
  readonly tiers: readonly { readonly eventId: string; readonly price: { amount: number } }[];
}
const demo = JSON.parse(
  readFileSync(new URL('../../assets/demo/demo-venue.json', import.meta.url), 'utf8'),
) as DemoCatalog;

/** The demo catalog's lowest tier price of an event, as the English screen writes it. */
function lowestPrice(eventName: string): string {
  const event = demo.events.find((e) => e.name === eventName);
  const prices = demo.tiers.filter((t) => t.eventId === event?.id).map((t) => t.price.amount);
  expect(prices.length, eventName).toBeGreaterThan(0);
  const minor = Math.min(...prices);
  return `₴${(minor / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
}

const FACTS = /^from (₴[\d,]+\.\d{2}) · (\d[\d,]*) seats? left$/;

interface ListedPerformance {
  readonly event: string;
  readonly disabled: boolean;
  readonly facts: string | null;
  readonly name: string;
}

/** The performance list as shown: each button's event, its facts line and accessible name. */
function listed(): Promise<ListedPerformance[]> {
  return page.locator('.performance-picker li button').evaluateAll((buttons) =>
    buttons.map((b) => ({
      event: b.querySelector('.event-name')?.textContent ?? '',
      disabled: (b as HTMLButtonElement).disabled,
      facts: b.querySelector('.event-facts')?.textContent ?? null,
      name: b.getAttribute('aria-label') ?? '',
    })),
  );
}

/** The nth performance of an event on sale in the list (cancelled ones are disabled). */
function onSale(event: string, nth: number): Locator {
  return page
    .locator('.performance-picker li button:not([disabled])')
    .filter({ has: page.locator('.event-name', { hasText: event }) })
    .nth(nth);
}

async function seatsLeft(button: Locator): Promise<number> {
  const facts = (await button.locator('.event-facts').textContent()) ?? '';
  const m = FACTS.exec(facts);
  return m ? Number(m[2]!.replace(/,/g, '')) : NaN;
}

type SeatRow = { state: string; holdId?: string; performanceId: string; seatId: string };
const heldRows = async (p: Page) =>
  (await readStore<SeatRow>(p, 'seatStates')).filter((r) => r.state === 'held');

const FOREST = 'The Forest Song (Lisova pisnia)';

describe('the performance list names prices and seats left', () => {
  it('each performance on sale shows its starting price and seats left; selling 2 seats lowers that figure by 2', async () => {
    await page.keyboard.press('F1');
    await page.locator('.performance-picker li button').first().waitFor({ timeout: 15_000 });
    // The seats left are counted after the list paints: wait until every one on sale has them.
    await expect
      .poll(
        async () => {
          const all = await listed();
          return all.length > 0 && all.every((p) => p.disabled || FACTS.test(p.facts ?? ''));
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    const all = await listed();
    // Both demo events, each with two performances on sale, and the cancelled one.
    expect(all.filter((p) => !p.disabled)).toHaveLength(4);
    for (const p of all) {
      if (p.disabled) {
        // A cancelled performance sells nothing: no price, no count, the reason instead.
        expect(p.facts, p.name).toBeNull();
        expect(p.name).toMatch(/Cancelled$/);
        continue;
      }
      const [, price, left] = FACTS.exec(p.facts ?? '') ?? [];
      expect(price, p.name).toBe(lowestPrice(p.event));
      expect(Number(left!.replace(/,/g, '')), p.name).toBeGreaterThan(0);
      // The button's name reads what it shows (speech input, screen readers).
      expect(p.name).toContain(p.facts!);
    }
    expect(lowestPrice(FOREST)).toBe('₴600.00');

    // The figure is the map's own count of available seats.
    const first = onSale(FOREST, 0);
    const before = await seatsLeft(first);
    const otherBefore = await seatsLeft(onSale(FOREST, 1));
    const sell = new SellPage(page);
    await first.click();
    const available = () =>
      sell
        .seatMap()
        .getByRole('checkbox')
        .evaluateAll(
          (seats) =>
            seats.filter((s) => /, Available\b/.test(s.getAttribute('aria-label') ?? '')).length,
        );
    await expect.poll(available, { timeout: 15_000 }).toBe(before);
    await page.getByRole('button', { name: 'Change performance' }).click();

    const receipt = await sell.sellForCash(/^Sell The Forest Song/, [
      /^Row 3 seat 1, Stalls/,
      /^Row 3 seat 2, Stalls/,
    ]);
    expect(receipt).toMatch(/^T1-\d{6}$/);
    // Back on the list for the next customer: 2 fewer for that performance, none fewer for
    // the other date.
    await expect.poll(() => seatsLeft(onSale(FOREST, 0)), { timeout: 15_000 }).toBe(before - 2);
    expect(await seatsLeft(onSale(FOREST, 1))).toBe(otherBefore);
  }, 180_000);
});

describe('seat map zoom', () => {
  it('zoom in enlarges the seats, zoom out shrinks them; the map stays in its panel, no page scroll', async () => {
    const sell = new SellPage(page);
    await sell.pickPerformance(/^Sell The Forest Song/);
    await sell.seatMap().waitFor();
    const zoom = page.getByRole('group', { name: 'Zoom' });
    const zoomIn = zoom.getByRole('button', { name: 'Zoom in' });
    const zoomOut = zoom.getByRole('button', { name: 'Zoom out' });
    const level = () => zoom.locator('output').textContent();
    const face = sell.seatMap().locator('.seat circle.face').first();
    const size = async () => (await face.boundingBox())?.width ?? NaN;

    /** The map's panel and the page, measured as they stand. */
    const measure = () =>
      page.evaluate(() => {
        const panel = document.querySelector('.seat-map')!;
        const r = panel.getBoundingClientRect();
        const doc = document.scrollingElement!;
        return {
          pageHeight: doc.scrollHeight,
          pageWidth: doc.scrollWidth,
          innerHeight: window.innerHeight,
          innerWidth: window.innerWidth,
          top: r.top,
          left: r.left,
          bottom: r.bottom,
          right: r.right,
          scrollsInside: panel.scrollWidth > panel.clientWidth + 1,
          wholePlanShown:
            panel.scrollWidth <= panel.clientWidth + 1 &&
            panel.scrollHeight <= panel.clientHeight + 1,
        };
      });
    const confirm = page.getByRole('button', { name: /^Confirm sale/ });
    /** No page scroll, the map's panel where it was and wholly in the window, Confirm in view. */
    const fits = async (step: string, panel?: Awaited<ReturnType<typeof measure>>) => {
      const m = await measure();
      expect(m.pageHeight, step).toBeLessThanOrEqual(m.innerHeight);
      expect(m.pageWidth, step).toBeLessThanOrEqual(m.innerWidth);
      expect(m.top, step).toBeGreaterThanOrEqual(0);
      expect(m.left, step).toBeGreaterThanOrEqual(0);
      expect(m.bottom, step).toBeLessThanOrEqual(m.innerHeight);
      expect(m.right, step).toBeLessThanOrEqual(m.innerWidth);
      if (panel !== undefined)
        for (const k of ['top', 'left', 'bottom', 'right'] as const)
          expect(Math.abs(m[k] - panel[k]), `${step}: panel ${k}`).toBeLessThanOrEqual(1);
      const box = await confirm.boundingBox();
      expect(box, step).not.toBeNull();
      expect(box!.y + box!.height, step).toBeLessThanOrEqual(m.innerHeight);
      return m;
    };

    expect(await level()).toBe('100%');
    expect(await zoomOut.isDisabled()).toBe(true);
    const at100 = await fits('100%');
    // At 100 % the whole plan is in the panel.
    expect(at100.wholePlanShown).toBe(true);
    const s100 = await size();
    expect(s100).toBeGreaterThanOrEqual(24);

    await zoomIn.click();
    await expect.poll(level).toBe('150%');
    await expect.poll(size).toBeGreaterThan(s100 * 1.4);
    const at150 = await fits('150%', at100);
    // Larger than the panel now: the map scrolls inside it, the page does not.
    expect(at150.scrollsInside).toBe(true);

    await zoomIn.click();
    await expect.poll(level).toBe('200%');
    await zoomIn.click();
    await expect.poll(level).toBe('300%');
    expect(await zoomIn.isDisabled()).toBe(true);
    await expect.poll(size).toBeGreaterThan(s100 * 2.8);
    const s300 = await size();
    await fits('300%', at100);

    await zoomOut.click();
    await expect.poll(level).toBe('200%');
    await expect.poll(size).toBeLessThan(s300 * 0.75);
    expect(await size()).toBeGreaterThan(s100 * 1.8);
    await fits('200%', at100);
    await zoomOut.click();
    await zoomOut.click();
    await expect.poll(level).toBe('100%');
    await expect.poll(size).toBeLessThan(s100 + 0.5);
    expect(await size()).toBeGreaterThan(s100 - 0.5);
    expect(await zoomOut.isDisabled()).toBe(true);
    expect((await fits('100% again', at100)).wholePlanShown).toBe(true);
    await page.getByRole('button', { name: 'Change performance' }).click();
  }, 120_000);
});

describe('holds of a page closed normally', () => {
  /** A fresh page of the same till (same profile), signed in as the closed one was. */
  async function reopen(): Promise<void> {
    page = await app.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(app.stack.pageUrl);
    await page.getByRole('button', { name: /^Sell F1/ }).waitFor({ timeout: 30_000 });
  }

  it('sell: the cart’s seats come back as this till’s own cart, never “Held”', async () => {
    const sell = new SellPage(page);
    await page.keyboard.press('F1');
    await sell.pickPerformance(/^Sell The Forest Song/);
    const seats = [/^Row 12 seat 1, Stalls/, /^Row 12 seat 2, Stalls/];
    for (const s of seats) await sell.toggleSeat(s);
    await page.getByText(/^2 tickets$/).waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await heldRows(page)).length, { timeout: 15_000 }).toBe(2);
    const holder = (await heldRows(page))[0]!.holdId;
    // The cart is saved after each change: wait for the one with both seats.
    type SavedCart = { cart: { context: { cartId: string; seats: unknown[] } } };
    await expect
      .poll(async () => (await readStore<SavedCart>(page, 'carts'))[0]?.cart.context.seats.length)
      .toBe(2);

    // Closed as a window is closed: beforeunload and pagehide run.
    await page.close({ runBeforeUnload: true });
    await reopen();
    await page.keyboard.press('F1');
    const fresh = new SellPage(page);
    await page
      .getByRole('status')
      .filter({ hasText: 'The cart from before the restart was restored.' })
      .waitFor({ timeout: 15_000 });
    for (const s of seats) {
      await expect.poll(() => fresh.seat(s).getAttribute('aria-checked')).toBe('true');
      expect(await fresh.seat(s).getAttribute('aria-label')).not.toMatch(/Held/);
      expect(await fresh.seat(s).getAttribute('aria-disabled')).not.toBe('true');
    }
    // Held by the same cart, now this page's: Clear cart lets them go at once.
    expect((await heldRows(page)).map((r) => r.holdId)).toEqual([holder, holder]);
    await page.getByRole('button', { name: 'Clear cart' }).click();
    await expect.poll(async () => (await heldRows(page)).length, { timeout: 15_000 }).toBe(0);
    for (const s of seats)
      await expect.poll(() => fresh.seat(s).getAttribute('aria-label')).toMatch(/, Available$/);
    await page.getByRole('button', { name: 'Change performance' }).click();
  }, 180_000);

  it('exchange: the new seats still held are released as the page closes, before any start; a seat sold meanwhile stays sold', async () => {
    const receipt = await new SellPage(page).sellForCash(/^Sell The Forest Song/, [
      /^Row 11 seat 5, Stalls/,
      /^Row 11 seat 6, Stalls/,
    ]);
    const exchange = new ExchangePage(page);
    const sell = new SellPage(page);
    await page.keyboard.press('F3');
    await exchange.find(receipt);
    await exchange.ticket(/row 11 seat 5\b/i).check();
    await exchange.ticket(/row 11 seat 6\b/i).check();
    await sell.pickPerformance(/^Sell The Forest Song/, 1);
    await sell.toggleSeat(/^Row 7 seat 12, Stalls/);
    await sell.toggleSeat(/^Row 7 seat 13, Stalls/);
    await expect
      .poll(() => exchange.quote().textContent(), { timeout: 15_000 })
      .toMatch(/Customer pays|Customer gets|Even/);
    const held = await heldRows(page);
    expect(held.map((r) => [r.performanceId, r.seatId]).sort()).toEqual([
      ['forest-song-2', 'stalls-7-12'],
      ['forest-song-2', 'stalls-7-13'],
    ]);

    // A page of the till's origin that runs no till (a 404): it reads the store and nothing
    // else, so no start-up sweep and no lock waiter can release what the closing page did not.
    const observer = await app.context.newPage();
    await observer.goto(`${app.stack.rendererOrigin}/no-such-page`);
    expect(await heldRows(observer)).toHaveLength(2);
    // Seat 13 is sold by another till meanwhile (its sale pulled in over the hold): the
    // release must leave that row alone.
    const soldElsewhere = {
      performanceId: 'forest-song-2',
      seatId: 'stalls-7-13',
      state: 'sold',
      ticketId: 'sold-at-another-till',
    };
    await observer.evaluate(async (row) => {
      const open = indexedDB.open('box-office');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(new Error(String(open.error)));
      });
      const tx = db.transaction('seatStates', 'readwrite');
      tx.objectStore('seatStates').put(row);
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onabort = () => reject(new Error(String(tx.error)));
      });
      db.close();
    }, soldElsewhere);

    // Closed as a window is closed: beforeunload and pagehide run, nothing else.
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => heldRows(observer), { timeout: 15_000 }).toEqual([]);
    const rows = await readStore<SeatRow>(observer, 'seatStates');
    expect(rows.find((r) => r.seatId === 'stalls-7-13')).toEqual(soldElsewhere);
    await observer.close();

    // The till opened again shows the released seat free and the other one sold.
    await reopen();
    await page.keyboard.press('F1');
    const fresh = new SellPage(page);
    await fresh.pickPerformance(/^Sell The Forest Song/, 1);
    await expect
      .poll(() => fresh.seat(/^Row 7 seat 12, Stalls/).getAttribute('aria-label'))
      .toMatch(/, Available$/);
    expect(await fresh.seat(/^Row 7 seat 13, Stalls/).getAttribute('aria-label')).toMatch(
      /, Sold$/,
    );
  }, 180_000);
});
