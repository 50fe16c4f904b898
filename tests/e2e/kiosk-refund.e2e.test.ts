import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buyGa,
  kioskStore as store,
  printedJobs,
  screenshot,
  seriousFindings,
  smallTargets,
  startKioskRig,
  ticketIdOf,
  type KioskRig,
} from './kiosk-rig';

// Issue 15 item 2: a customer returns a ticket at the self-service kiosk — the real kiosk
// bundle in Chromium (persistent profile) behind the device bridge, main's card terminal
// simulator on loopback, a virtual ESC/POS printer on loopback TCP, the page's IndexedDB.
// Bought by card at the kiosk, then refunded to that card by a referenced refund; a ticket
// outside the policy is refused with the reason and nothing is written. Portrait 1080×1920
// and landscape 1920×1080; axe-core on every new screen; touch targets of at least 44 px.

const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };

let rig: KioskRig;

beforeAll(async () => {
  rig = await startKioskRig('kiosk-refund', PORTRAIT);
  await rig.kiosk.open(rig.stack.pageUrl);
}, 180_000);

afterAll(async () => {
  await rig?.close();
});

async function screenChecks(name: string): Promise<void> {
  expect(await seriousFindings(rig.page)).toEqual([]);
  expect(await smallTargets(rig.page)).toEqual([]);
  await screenshot(rig.page, name);
}

/** Standing tickets bought by card at the kiosk (kiosk-rig's buyGa); their codes. */
async function buyStanding(nth: number, count: number): Promise<string[]> {
  const { codes, printed } = await buyGa(rig, nth, 'Standing', count);
  // The receipt names the kiosk in words, as the refund slip does, never by its id.
  expect(printed.join('\n')).toMatch(/Cashier Self-service kiosk/);
  return codes;
}

/** Attract → "Return a ticket" → the code typed → "Check my ticket". */
async function returnTicket(code: string, shots = ''): Promise<void> {
  const { kiosk, page } = rig;
  await kiosk.tap(kiosk.button('Return a ticket'));
  await kiosk.heading('Return a ticket').waitFor();
  // A customer looking for an exchange here is pointed to the kiosk's own exchange.
  await rig.page.getByText(/To exchange a ticket .* choose “Exchange a ticket”/).waitFor();
  if (shots) await screenChecks(`refund-scan-${shots}`);
  await page.getByLabel('Ticket code').fill(code);
  await kiosk.tap(kiosk.button('Check my ticket'));
}

describe('kiosk: self-refund', { timeout: 180_000 }, () => {
  for (const [orientation, viewport] of [
    ['portrait', PORTRAIT],
    ['landscape', LANDSCAPE],
  ] as const) {
    it(`${orientation}: bought by card, one ticket refunded within policy to the same card — one referenced refund, the ticket refunded in the store, the slip printed`, async () => {
      const { kiosk, page, terminal, vp } = rig;
      await page.setViewportSize(viewport);
      const [code] = await buyStanding(1, 2);
      const ticketId = ticketIdOf(code!);
      const sale = terminal.charges().at(-1)!;
      expect(sale).toMatchObject({ kind: 'sale', amount: { amount: 133_000, currency: 'UAH' } });
      const charges = terminal.charges().length;
      const jobs = (await printedJobs(vp)).length;

      await returnTicket(code!, orientation);
      await kiosk.heading('Your refund').waitFor({ timeout: 30_000 });
      // The generous policy: the whole price and the booking fee back, 3 days before.
      await expect
        .poll(() => page.locator('.kiosk-refund-amount').textContent())
        .toMatch(/665[.,]00/);
      await screenChecks(`refund-offer-${orientation}`);
      const toCard = kiosk.button(/^Refund .*665[.,]00 to my card ending 0119$/);
      await kiosk.tap(toCard);
      await kiosk.heading('Your ticket is refunded').waitFor({ timeout: 30_000 });
      await expect(page.getByRole('status').first().textContent()).resolves.toMatch(
        /665[.,]00 is going back to your card ending 0119/,
      );
      await screenChecks(`refund-done-${orientation}`);

      // Exactly one refund at the terminal, of the right amount, referring to the sale.
      const moved = terminal.charges().slice(charges);
      expect(moved).toHaveLength(1);
      expect(moved[0]).toMatchObject({
        kind: 'refund',
        amount: { amount: 66_500, currency: 'UAH' },
      });

      // The store: the ticket refunded, the refund journalled under the kiosk, card payout
      // naming the terminal's refund payment and the sale tender its payment.
      const after = await store(page, ticketId);
      expect(after.ticketStatus).toBe('refunded');
      const refund = after.journal.filter((e) => e.type === 'refund').at(-1)!;
      expect(refund.payload).toMatchObject({
        staff: { staffId: 'kiosk', role: 'kiosk' },
        method: 'original_tender',
        total: { amount: 66_500, currency: 'UAH' },
        payouts: [
          {
            kind: 'card',
            amount: { amount: 66_500 },
            last4: '0119',
            approvalCode: moved[0]!.approvalCode,
            paymentId: moved[0]!.paymentId,
          },
        ],
      });
      const saleEntry = after.journal.find(
        (e) => e.type === 'sale' && e.payload.orderId === refund.payload.orderId,
      )!;
      expect(saleEntry.payload.tenders).toMatchObject([
        { kind: 'card', paymentId: sale.paymentId },
      ]);

      // The slip: names and amounts in words that add up, nothing raw.
      await expect.poll(async () => (await printedJobs(vp)).length).toBe(jobs + 1);
      const slip = (await printedJobs(vp)).at(-1)!.lines.map((l) => l.trim());
      const text = slip.join('\n');
      // The refund's own code is the only id on it, as a QR symbol.
      const words = slip.filter((l) => !l.startsWith('[QR ')).join('\n');
      expect(text).toMatch(/^REFUND$/m);
      expect(text).toMatch(/Dnipro Lights/);
      expect(text).toMatch(/Tier: Standing/);
      const line = (label: string) =>
        Number(
          slip
            .find((l) => l.startsWith(label))
            ?.slice(label.length)
            .replace(/[^\d.-]/g, ''),
        );
      expect(line('Ticket price')).toBe(650);
      expect(line('Booking fee')).toBe(15);
      expect(line('To refund')).toBe(665);
      expect(line('Ticket price') + line('Booking fee')).toBe(line('To refund'));
      expect(text).toMatch(/Refund amount\s+665\.00 UAH/);
      expect(text).toMatch(/Card\s.*665\.00/);
      expect(text).toMatch(/Cashier Self-service kiosk/);
      expect(words).not.toMatch(
        /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}|ga-standing|original_tender|undefined|NaN|Cashier kiosk/,
      );

      await kiosk.tap(kiosk.button('Done'));
      await kiosk.heading('Tickets here').waitFor();

      // The same ticket again: already refunded, nothing more moves.
      await returnTicket(code!);
      await kiosk.heading('This ticket cannot be returned here').waitFor();
      await expect(page.getByRole('alert').textContent()).resolves.toBe(
        'This ticket has already been refunded.',
      );
      expect(terminal.charges()).toHaveLength(charges + 1);
      await kiosk.tap(kiosk.button('Start over'));
      await kiosk.heading('Tickets here').waitFor();
    });
  }

  it('a ticket outside the policy (tonight, inside 24 h): see the box office, why in plain words, nothing written, nothing refunded', async () => {
    const { kiosk, page, terminal, vp } = rig;
    await page.setViewportSize(PORTRAIT);
    const [code] = await buyStanding(0, 1);
    const ticketId = ticketIdOf(code!);
    const before = await store(page, ticketId);
    const charges = terminal.charges().length;
    const jobs = (await printedJobs(vp)).length;
    await returnTicket(code!);
    await kiosk.heading('Please see the box office').waitFor({ timeout: 30_000 });
    const why = (await page.getByRole('alert').textContent()) ?? '';
    expect(why).toMatch(/The refund policy does not allow this refund here/);
    expect(why).toMatch(/No refund: refunds closed 24 hours before the performance/);
    expect(why).not.toMatch(/[Cc]ash/);
    await screenChecks('refund-office-portrait');
    await page.setViewportSize(LANDSCAPE);
    await screenChecks('refund-office-landscape');
    const after = await store(page, ticketId);
    expect(after.journal).toHaveLength(before.journal.length);
    expect(after.ticketStatus).toBe(before.ticketStatus);
    expect(terminal.charges()).toHaveLength(charges);
    expect(await printedJobs(vp)).toHaveLength(jobs);
    await kiosk.tap(kiosk.button('Start over'));
    await kiosk.heading('Tickets here').waitFor();
  });

  it('a code that is not a ticket: said so, in the customer’s language', async () => {
    const { kiosk, page } = rig;
    await page.setViewportSize(PORTRAIT);
    await kiosk.tap(kiosk.button('Українська'));
    await kiosk.tap(kiosk.button('Повернути квиток'));
    await kiosk.heading('Повернути квиток').waitFor();
    await page.getByLabel('Код квитка').fill('not-a-ticket');
    await kiosk.tap(kiosk.button('Перевірити квиток'));
    await kiosk.heading('Цей квиток тут повернути не можна').waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/не код квитка/);
    await screenChecks('refund-invalid-uk');
    await kiosk.tap(kiosk.button('Почати спочатку'));
    await kiosk.heading('Tickets here').waitFor();
  });
});
