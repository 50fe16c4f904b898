import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  printedJobs,
  screenshot,
  seriousFindings,
  startKioskRig,
  type KioskRig,
} from './kiosk-rig';

// Issue 15: a stranger buys standing tickets at the self-service kiosk by card — the real
// kiosk bundle in Chromium, main launched as a kiosk behind the device bridge, main's card
// terminal simulator on loopback and a virtual ESC/POS printer. Portrait 1080×1920 and
// landscape 1920×1080; axe-core on every screen passed through (zero serious or critical).

const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };

let rig: KioskRig;

beforeAll(async () => {
  rig = await startKioskRig('kiosk-buy', PORTRAIT);
  await rig.kiosk.open(rig.stack.pageUrl);
}, 180_000);

afterAll(async () => {
  await rig?.close();
});

async function noSeriousFindings(): Promise<void> {
  expect(await seriousFindings(rig.page)).toEqual([]);
}

/** Attract → performance → 2 × Standing, the pay button showing the total; returns its text. */
async function toTwoStanding(check: boolean, shots = ''): Promise<string> {
  const { kiosk } = rig;
  if (check) await noSeriousFindings();
  if (shots) await screenshot(rig.page, `attract-${shots}`);
  await kiosk.buy();
  if (check) await noSeriousFindings();
  if (shots) await screenshot(rig.page, `performances-${shots}`);
  await kiosk.pickPerformance(/^Dnipro Lights/);
  await kiosk.more('Standing', 2);
  const pay = kiosk.payButton();
  // 2 × (650.00 + 15.00 booking fee) = 1,330.00 UAH
  await expect.poll(() => pay.textContent()).toMatch(/1[\s,.]?330/);
  if (check) await noSeriousFindings();
  if (shots) await screenshot(rig.page, `quantity-${shots}`);
  return (await pay.textContent()) ?? '';
}

describe('kiosk: buy 2 standing tickets by card', { timeout: 120_000 }, () => {
  for (const [orientation, viewport] of [
    ['portrait', PORTRAIT],
    ['landscape', LANDSCAPE],
  ] as const) {
    it(`${orientation}: attract → performance → 2 × Standing → card approved → tickets printed → done`, async () => {
      const { kiosk, page, terminal, vp } = rig;
      await page.setViewportSize(viewport);
      const charges = terminal.charges().length;
      const jobs = (await printedJobs(vp)).length;
      kiosk.taps = 0;
      await toTwoStanding(true, orientation);
      // The customer takes a moment at the terminal: the waiting screen is scanned then.
      terminal.setCustomerDelay(2_000);
      await kiosk.tap(kiosk.payButton());
      await expect
        .poll(() => kiosk.status().first().textContent())
        .toMatch(/Insert, tap or swipe your card/);
      await noSeriousFindings();
      await screenshot(page, `paying-${orientation}`);
      terminal.setCustomerDelay(300);
      await kiosk.heading(/Thank you/).waitFor({ timeout: 30_000 });
      await noSeriousFindings();
      await screenshot(page, `done-${orientation}`);
      // One charge of the total at the terminal, and the receipt with the tickets on paper.
      expect(terminal.charges()).toHaveLength(charges + 1);
      expect(terminal.charges().at(-1)?.amount).toEqual({ amount: 133_000, currency: 'UAH' });
      await expect.poll(async () => (await printedJobs(vp)).length).toBeGreaterThan(jobs);
      const receipt = (await printedJobs(vp)).at(-1)!.lines.join('\n');
      expect(receipt).toMatch(/Standing/);
      expect(receipt).toMatch(/\[QR /);
      expect(kiosk.taps).toBeLessThanOrEqual(7);
      await kiosk.tap(kiosk.button('Done'));
      await kiosk.heading('Tickets here').waitFor();
    });
  }

  it('a declined card: the reason in plain words, nothing charged, nothing printed, no sale', async () => {
    const { kiosk, page, terminal, vp } = rig;
    await page.setViewportSize(PORTRAIT);
    const charges = terminal.charges().length;
    const jobs = (await printedJobs(vp)).length;
    await toTwoStanding(false);
    terminal.next({ outcome: 'decline', reason: 'insufficient_funds' });
    await kiosk.tap(kiosk.payButton());
    await kiosk.heading('Payment not taken').waitFor({ timeout: 30_000 });
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(
      /not enough funds\. Nothing was charged/,
    );
    await noSeriousFindings();
    await screenshot(page, 'declined-portrait');
    expect(terminal.charges()).toHaveLength(charges);
    expect(await printedJobs(vp)).toHaveLength(jobs);
    // Try again goes back to the order as it was.
    await kiosk.tap(kiosk.button('Try again'));
    await kiosk.heading('How many tickets?').waitFor();
    await kiosk.tap(kiosk.button('Back'));
    await kiosk.tap(kiosk.button('Back'));
    await kiosk.heading('Tickets here').waitFor();
  });

  it('the terminal approves but its answer is lost: the kiosk asks again and sells exactly once', async () => {
    const { kiosk, page, terminal, vp } = rig;
    await page.setViewportSize(LANDSCAPE);
    const charges = terminal.charges().length;
    const jobs = (await printedJobs(vp)).length;
    await toTwoStanding(false);
    terminal.next({ outcome: 'lose_answer' });
    await kiosk.tap(kiosk.payButton());
    await kiosk.heading(/Thank you/).waitFor({ timeout: 60_000 });
    expect(terminal.charges()).toHaveLength(charges + 1);
    await expect.poll(async () => (await printedJobs(vp)).length).toBe(jobs + 1);
    await kiosk.tap(kiosk.button('Done'));
    await kiosk.heading('Tickets here').waitFor();
  });

  it('Ukrainian and Chinese on the attract screen, the page’s lang following', async () => {
    const { kiosk, page } = rig;
    await kiosk.tap(kiosk.button('Українська'));
    await kiosk.heading('Квитки тут').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('uk');
    await kiosk.tap(kiosk.button('Купити квитки'));
    await kiosk.heading('Оберіть виставу').waitFor();
    await kiosk.tap(kiosk.button('Назад'));
    await kiosk.tap(kiosk.button('简体中文'));
    await kiosk.heading('在此购票').waitFor();
    await noSeriousFindings();
    await screenshot(page, 'attract-zh');
  });

  it('portrait: 2 reserved seats — best available, a seat tapped on the map, zoom by buttons — paid by card', async () => {
    const { kiosk, page, terminal, vp } = rig;
    await page.setViewportSize(PORTRAIT);
    const charges = terminal.charges().length;
    const jobs = (await printedJobs(vp)).length;
    await kiosk.tap(kiosk.button('English'));
    await kiosk.buy();
    await kiosk.tap(kiosk.button(/^The Forest Song/).first());
    await kiosk.heading('Choose your seats').waitFor();
    await kiosk.tap(kiosk.button('Zoom in'));
    await kiosk.tap(kiosk.button('Zoom out'));
    await kiosk.tap(kiosk.button('Best 2 seats available'));
    const chosen = page.getByText(/^Your seats: /);
    await chosen.waitFor();
    const best = await chosen.textContent();
    expect(best).toMatch(/^Your seats: Stalls, row \d+, seat \d+; Stalls, row \d+, seat \d+$/);
    await noSeriousFindings();
    await screenshot(page, 'seats-portrait');
    // A declined card gives the seats back: after "Try again" the same best seats are free.
    terminal.next({ outcome: 'decline' });
    await kiosk.tap(kiosk.payButton());
    await kiosk.heading('Payment not taken').waitFor({ timeout: 30_000 });
    await kiosk.tap(kiosk.button('Try again'));
    await kiosk.heading('Choose your seats').waitFor();
    await page.getByText(/^No seats chosen yet/).waitFor();
    await kiosk.tap(kiosk.button('Best 2 seats available'));
    await expect.poll(() => chosen.textContent()).toBe(best);
    expect(terminal.charges()).toHaveLength(charges);
    // One more, tapped on the map (a seat in the last row is free).
    const seat = page.getByRole('checkbox', { name: /^Row 12 seat 1,/ });
    await kiosk.tap(seat);
    await expect.poll(() => chosen.textContent()).toMatch(/; Stalls, row 12, seat 1$/);
    await expect.poll(() => kiosk.payButton().textContent()).toMatch(/^Pay .* by card$/);
    await kiosk.tap(kiosk.payButton());
    await kiosk.heading(/Thank you/).waitFor({ timeout: 30_000 });
    expect(terminal.charges()).toHaveLength(charges + 1);
    await expect.poll(async () => (await printedJobs(vp)).length).toBe(jobs + 1);
    const receipt = (await printedJobs(vp)).at(-1)!.lines.join('\n');
    expect(receipt).toMatch(/Forest Song/);
    await kiosk.tap(kiosk.button('Done'));
    await kiosk.heading('Tickets here').waitFor();
  });

  it('staff leave kiosk mode with a 3 s press on the corner and a manager’s PIN, checked by main', async () => {
    const { kiosk, page } = rig;
    const corner = page.getByTestId('kiosk-staff-corner');
    // A short touch does nothing.
    await corner.dispatchEvent('pointerdown');
    await page.waitForTimeout(500);
    await corner.dispatchEvent('pointerup');
    expect(await page.getByRole('dialog').count()).toBe(0);
    await corner.dispatchEvent('pointerdown');
    await page.getByRole('dialog').waitFor({ timeout: 6_000 });
    await noSeriousFindings();
    await screenshot(page, 'leave');
    // A cashier's PIN is not enough: only managers are offered, and main checks the PIN.
    await kiosk.tap(kiosk.button('Li Wei'));
    await page.getByLabel('Manager PIN').fill('9999');
    await kiosk.tap(kiosk.button('Leave kiosk mode'));
    await page.getByRole('dialog').getByRole('alert').waitFor();
    expect(await page.getByRole('dialog').count()).toBe(1);
    await page.getByLabel('Manager PIN').fill('3333');
    await kiosk.tap(kiosk.button('Leave kiosk mode'));
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.kiosk').count()).toBe(0);
  });
});
