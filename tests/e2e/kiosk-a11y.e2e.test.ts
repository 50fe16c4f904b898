import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  printedJobs,
  screenshot,
  seriousFindings,
  startKioskRig,
  withTimings,
  type KioskRig,
} from './kiosk-rig';

// Issue 15 item 5 in Chromium against the real kiosk (main launched as a kiosk behind the
// device bridge, the card terminal simulator and a virtual ESC/POS printer on loopback): seats
// are 44 px as first shown, the seat map's Pay and Back are on a landscape screen without
// scrolling, the colour key and the chosen performance's date are shown, prices name the
// booking fee, the inactivity warning offers "Start over", and with the text at 200 % no
// control is clipped or out of reach and a purchase still completes. axe-core on each screen.

const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };

let rig: KioskRig;

beforeAll(async () => {
  rig = await startKioskRig('kiosk-a11y', PORTRAIT);
}, 180_000);

// Each test from a fresh attract screen (a reload: nothing of the last customer is kept).
beforeEach(async () => {
  await rig.page.setViewportSize(PORTRAIT);
  // A long quiet time: an axe scan of the seat map must not meet the inactivity reset.
  await rig.kiosk.open(withTimings(rig.stack.pageUrl, { kioskIdleMs: 10 * 60_000 }));
}, 120_000);

afterAll(async () => {
  await rig?.close();
});

async function noSeriousFindings(): Promise<void> {
  expect(await seriousFindings(rig.page)).toEqual([]);
}

/** The date line the quantity, seat and pay screens show: "<event> · <date>". */
const whenLine = () => rig.page.locator('.kiosk-when');

async function toSeats(): Promise<void> {
  const { kiosk } = rig;
  await kiosk.buy();
  await kiosk.tap(kiosk.button(/^The Forest Song/).first());
  await kiosk.heading('Choose your seats').waitFor();
}

/** Whether a control lies wholly inside the window as it stands (no scrolling). */
async function inView(target: Locator): Promise<boolean> {
  const box = await target.boundingBox();
  const size = rig.page.viewportSize()!;
  return (
    box !== null &&
    box.x >= 0 &&
    box.y >= 0 &&
    box.x + box.width <= size.width + 0.5 &&
    box.y + box.height <= size.height + 0.5
  );
}

describe('kiosk accessibility', { timeout: 150_000 }, () => {
  for (const [orientation, viewport] of [
    ['portrait', PORTRAIT],
    ['landscape', LANDSCAPE],
  ] as const) {
    it(`${orientation}: seats 44 px as first shown, Pay and Back on screen, the colour key and the date`, async () => {
      const { kiosk, page } = rig;
      await page.setViewportSize(viewport);
      await toSeats();
      await expect.poll(() => whenLine().textContent()).toMatch(/^The Forest Song.* · \S/);
      // Every seat's target at least 44 × 44 CSS px before any zoom button is touched.
      const sizes = await page
        .getByRole('checkbox', { name: /^Row \d+ seat \d+,/ })
        .evaluateAll((seats) =>
          seats.map((s) => {
            const r = s.getBoundingClientRect();
            return Math.min(r.width, r.height);
          }),
        );
      expect(sizes.length).toBeGreaterThan(10);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(44);
      const key = page.getByRole('list', { name: 'Colour key' });
      await key.getByText('Your seats').waitFor();
      await key.getByText('Taken').waitFor();
      await kiosk.tap(kiosk.button(/^Best 2 seats available$/));
      await page.getByText(/^Your seats: Stalls, row/).waitFor();
      // The pay and back buttons without scrolling, as the screen opened.
      expect(await inView(kiosk.payButton())).toBe(true);
      expect(await inView(kiosk.button('Back'))).toBe(true);
      expect(await page.locator('.kiosk').evaluate((k) => k.scrollTop)).toBe(0);
      await noSeriousFindings();
      await screenshot(page, `seats-key-${orientation}`);
      await kiosk.tap(kiosk.button('Back'));
      await kiosk.heading('Choose a performance').waitFor();
      await kiosk.tap(kiosk.button('Back'));
      await kiosk.heading('Tickets here').waitFor();
    });
  }

  it('prices name the booking fee; the date is on the quantity and pay screens', async () => {
    const { kiosk, page, terminal } = rig;
    await page.setViewportSize(PORTRAIT);
    await kiosk.buy();
    const dnipro = kiosk.button(/^Dnipro Lights/).first();
    // "₴650 + ₴15 fee", never "from ₴650" beside "₴665 each".
    await expect.poll(() => dnipro.textContent()).toMatch(/650[.,]00.*\+.*15[.,]00.* fee/);
    await kiosk.tap(dnipro);
    await kiosk.heading('How many tickets?').waitFor();
    await expect.poll(() => whenLine().textContent()).toMatch(/^Dnipro Lights.* · \S/);
    await page
      .getByText(/650[.,]00.*\+.*15[.,]00.* fee each/)
      .first()
      .waitFor();
    expect(await page.getByText(/665/).count()).toBe(0);
    await kiosk.more('Standing', 1);
    terminal.setCustomerDelay(2_000);
    await kiosk.tap(kiosk.payButton());
    await kiosk.heading(/^To pay:/).waitFor();
    await expect.poll(() => whenLine().textContent()).toMatch(/^Dnipro Lights.* · \S/);
    terminal.setCustomerDelay(300);
    await kiosk.heading(/Thank you/).waitFor({ timeout: 30_000 });
    await kiosk.tap(kiosk.button('Done'));
    await kiosk.heading('Tickets here').waitFor();
  });

  it('the inactivity warning offers Start over beside More time; Start over goes back at once', async () => {
    const { kiosk, page } = rig;
    // A short quiet time, so the warning comes quickly; the answer time stays 20 s.
    await kiosk.open(withTimings(rig.stack.pageUrl, { kioskIdleMs: 3_000 }));
    await kiosk.buy();
    const warning = page.getByRole('alertdialog', { name: 'Do you need more time?' });
    await warning.waitFor({ timeout: 15_000 });
    await warning.getByRole('button', { name: 'More time' }).waitFor();
    await noSeriousFindings();
    await screenshot(page, 'idle-warning');
    await kiosk.tap(warning.getByRole('button', { name: 'Start over' }));
    await kiosk.heading('Tickets here').waitFor({ timeout: 5_000 });
    expect(await warning.count()).toBe(0);
  });

  for (const [orientation, viewport] of [
    ['portrait', PORTRAIT],
    ['landscape', LANDSCAPE],
  ] as const) {
    it(`${orientation}: at 200 % text no control is clipped or out of reach, and a purchase completes`, async () => {
      const { kiosk, page, terminal, vp } = rig;
      await page.setViewportSize(viewport);
      // The browser's text size: the kiosk's sizes are in rem, so they follow the root's.
      await page.evaluate(() => {
        document.documentElement.style.fontSize = '200%';
      });
      const charges = terminal.charges().length;
      const jobs = (await printedJobs(vp)).length;
      /** Every button on the screen: reachable (scrolled to), inside the window, text whole. */
      const checkControls = async () => {
        // In the page: each button scrolled to (reachable), then inside the window with its
        // words whole (not cut off by its own box).
        const problems = await page.evaluate(() => {
          const found: string[] = [];
          for (const b of Array.from(document.querySelectorAll('button'))) {
            b.scrollIntoView({ block: 'nearest', inline: 'nearest' });
            const r = b.getBoundingClientRect();
            const name = (b.textContent ?? '').trim() || b.getAttribute('aria-label') || '?';
            if (r.width === 0 || r.height === 0) continue;
            if (
              r.left < -0.5 ||
              r.top < -0.5 ||
              r.right > innerWidth + 0.5 ||
              r.bottom > innerHeight + 0.5
            )
              found.push(`out of reach: ${name}`);
            if (b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1)
              found.push(`clipped: ${name}`);
          }
          return found;
        });
        expect(problems).toEqual([]);
        await noSeriousFindings();
      };
      await checkControls();
      await kiosk.buy();
      await checkControls();
      await kiosk.pickPerformance(/^Dnipro Lights/);
      await kiosk.more('Standing', 2);
      await expect.poll(() => kiosk.payButton().textContent()).toMatch(/1[\s,.]?330/);
      await checkControls();
      await screenshot(page, `quantity-200-${orientation}`);
      await kiosk.tap(kiosk.payButton());
      await kiosk.heading(/Thank you/).waitFor({ timeout: 30_000 });
      await checkControls();
      expect(terminal.charges()).toHaveLength(charges + 1);
      await expect.poll(async () => (await printedJobs(vp)).length).toBeGreaterThan(jobs);
      await kiosk.tap(kiosk.button('Done'));
      await kiosk.heading('Tickets here').waitFor();
      // The seat screen at 200 % too: its controls reachable and whole.
      await toSeats();
      await checkControls();
      await kiosk.tap(kiosk.button('Back'));
      await kiosk.heading('Choose a performance').waitFor();
      await kiosk.tap(kiosk.button('Back'));
      await kiosk.heading('Tickets here').waitFor();
      await page.evaluate(() => {
        document.documentElement.style.fontSize = '';
      });
    });
  }
});
