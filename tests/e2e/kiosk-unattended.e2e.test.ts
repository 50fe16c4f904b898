import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  screenshot,
  seriousFindings,
  startKioskRig,
  withTimings,
  type KioskRig,
} from './kiosk-rig';

// Issue 15 item 4: the kiosk unattended. A customer who walks away gets a "more time?"
// warning (at least 20 s to answer, as often as they like), then the kiosk starts over and
// their held seats are free again; paper out at the printer or the card terminal gone puts it
// out of service, and it comes back by itself. The real kiosk bundle in Chromium, main's card
// terminal simulator and a virtual ESC/POS printer on loopback.

let rig: KioskRig;

beforeAll(async () => {
  rig = await startKioskRig('kiosk-unattended', { width: 1080, height: 1920 });
  // A short quiet time for the test; the answer time stays the real minimum, 20 s.
  await rig.kiosk.open(
    withTimings(rig.stack.pageUrl, { kioskIdleMs: 8_000, kioskAnswerMs: 20_000 }),
  );
}, 180_000);

afterAll(async () => {
  await rig?.close();
});

describe('kiosk unattended', { timeout: 120_000 }, () => {
  it('portrait: the inactivity warning extends once, then the kiosk starts over and frees the seats', async () => {
    const { kiosk, page } = rig;
    await kiosk.buy();
    await kiosk.tap(kiosk.button(/^The Forest Song/).first());
    await kiosk.heading('Choose your seats').waitFor();
    await kiosk.tap(kiosk.button('Best 2 seats available'));
    const chosen = page.getByText(/^Your seats: /);
    await chosen.waitFor();
    const held = await chosen.textContent();
    const warning = page.getByRole('alertdialog', { name: 'Do you need more time?' });
    await warning.waitFor({ timeout: 20_000 });
    expect(await warning.textContent()).toMatch(/Starting over in (19|20) seconds/);
    expect(await seriousFindings(page)).toEqual([]);
    await screenshot(page, 'inactivity');
    await kiosk.tap(kiosk.button('More time'));
    await warning.waitFor({ state: 'detached' });
    // The customer is still there with their seats.
    expect(await chosen.textContent()).toBe(held);
    // Walks away: the warning again, and after 20 s unanswered the attract screen.
    await warning.waitFor({ timeout: 20_000 });
    const shown = Date.now();
    await kiosk.heading('Tickets here').waitFor({ timeout: 40_000 });
    expect(Date.now() - shown).toBeGreaterThanOrEqual(19_000);
    expect(await page.getByText(/^Your seats: /).count()).toBe(0);
    // The seats went back: the best two are the same two again for the next customer.
    await kiosk.buy();
    await kiosk.tap(kiosk.button(/^The Forest Song/).first());
    await kiosk.tap(kiosk.button('Best 2 seats available'));
    await expect.poll(() => page.getByText(/^Your seats: /).textContent()).toBe(held);
    await kiosk.tap(kiosk.button('Back'));
    await kiosk.tap(kiosk.button('Back'));
    await kiosk.heading('Tickets here').waitFor();
  });

  it('landscape: paper out → out of service → back in service when paper is loaded', async () => {
    const { kiosk, page, vp } = rig;
    await page.setViewportSize({ width: 1920, height: 1080 });
    vp.setPaperOut(true);
    await kiosk.heading('Out of service').waitFor({ timeout: 15_000 });
    await page.getByText('The printer is out of paper.').waitFor();
    expect(await seriousFindings(page)).toEqual([]);
    await screenshot(page, 'out-of-service');
    vp.setPaperOut(false);
    await kiosk.heading('Tickets here').waitFor({ timeout: 15_000 });
  });

  it('the card terminal down → out of service → back when it answers again', async () => {
    const { kiosk, page, terminal } = rig;
    await terminal.setOffline(true);
    await kiosk.heading('Out of service').waitFor({ timeout: 15_000 });
    await page.getByText('The card terminal is not available.').waitFor();
    expect(await kiosk.button('Buy tickets').count()).toBe(0);
    await terminal.setOffline(false);
    await kiosk.heading('Tickets here').waitFor({ timeout: 15_000 });
    expect(await kiosk.button('Buy tickets').count()).toBe(1);
  });
});
