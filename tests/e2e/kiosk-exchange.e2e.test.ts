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

// Issue 15 item 2, self-exchange: a customer exchanges a ticket at the self-service kiosk —
// the real kiosk bundle in Chromium (persistent profile) behind the device bridge, main's
// card terminal simulator on loopback, a virtual ESC/POS printer on loopback TCP, the page's
// IndexedDB. A standing ticket bought by card becomes a fan-zone place (the difference
// charged once at the terminal) or a cheaper seat (the difference back to the same card by a
// referenced refund); a non-exchangeable ticket is refused with the reason, nothing written.
// Portrait 1080×1920 and landscape 1920×1080; axe-core and 44 px targets on every new screen.

const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };

let rig: KioskRig;

beforeAll(async () => {
  rig = await startKioskRig('kiosk-exchange', PORTRAIT);
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

/** One ticket of a tier of the Dnipro Lights performance in three days, bought by card. */
async function bought(tier: string): Promise<string> {
  const { codes } = await buyGa(rig, 1, tier, 1);
  return codes[0]!;
}

/** Attract → "Exchange a ticket" → the code typed → "Check my ticket". */
async function exchangeTicket(code: string, shots = ''): Promise<void> {
  const { kiosk, page } = rig;
  await kiosk.tap(kiosk.button('Exchange a ticket'));
  await kiosk.heading('Exchange a ticket').waitFor();
  if (shots) await screenChecks(`exchange-scan-${shots}`);
  await page.getByLabel('Ticket code').fill(code);
  await kiosk.tap(kiosk.button('Check my ticket'));
}

/** The quote's lines as figures, by their words (planExchange's, one meaning each). */
async function quoteLines() {
  const lines = await rig.page.locator('.kiosk-exchange-lines li').allTextContents();
  const figure = (prefix: string) => {
    const line = lines.find((l) => l.startsWith(prefix));
    if (line === undefined) return NaN;
    return Number(line.slice(prefix.length).replace(/[^\d.]/g, ''));
  };
  return {
    worth: figure('Your ticket is worth:'),
    cost: figure('The new tickets cost:'),
    fee: figure('Exchange fee:'),
    toPay: figure('Difference to pay:'),
    back: figure('Difference you get back:'),
  };
}

/** The last exchange slip's amounts by their printed labels, and its text. */
async function exchangeSlip(from: number) {
  const jobs = (await printedJobs(rig.vp)).slice(from);
  const slip = jobs.find((j) => j.lines.some((l) => l.trim() === 'EXCHANGE'));
  if (slip === undefined) throw new Error('no exchange slip printed');
  const lines = slip.lines.map((l) => l.trim());
  // A label with its amount (the "New tickets" heading above the list has none).
  const amount = (label: string) => {
    const line = lines.findLast((l) => l.startsWith(label) && /\d/.test(l.slice(label.length)));
    return line === undefined ? NaN : Number(line.slice(label.length).replace(/[^\d.-]/g, ''));
  };
  return { jobs, lines, text: lines.join('\n'), amount };
}

describe('kiosk: self-exchange', { timeout: 240_000 }, () => {
  for (const [orientation, viewport] of [
    ['portrait', PORTRAIT],
    ['landscape', LANDSCAPE],
  ] as const) {
    it(`${orientation}: to a dearer place, the difference paid by card — one charge of exactly the difference, one exchange entry, the new ticket and the slip printed`, async () => {
      const { kiosk, page, terminal, vp } = rig;
      await page.setViewportSize(viewport);
      const code = await bought('Standing');
      const ticketId = ticketIdOf(code);
      const charges = terminal.charges().length;
      const jobs = (await printedJobs(vp)).length;

      await exchangeTicket(code, orientation);
      await kiosk.heading('Exchange it for which performance?').waitFor({ timeout: 30_000 });
      await screenChecks(`exchange-performances-${orientation}`);
      await kiosk.tap(kiosk.button(/^Dnipro Lights/).nth(1));
      await kiosk.heading('How many tickets?').waitFor();
      await kiosk.more('Fan zone', 1);
      const next = kiosk.button('See the difference');
      await expect.poll(() => next.isEnabled()).toBe(true);
      await kiosk.tap(next);
      await kiosk.heading('Your exchange').waitFor({ timeout: 30_000 });
      // planExchange's lines: the old ticket's value, the new price, the fee, the difference.
      const q = await quoteLines();
      expect(q).toMatchObject({ worth: 650, cost: 1500, fee: 0, toPay: 850 });
      expect(q.cost - q.worth + q.fee).toBe(q.toPay);
      // What the customer gets, in words, above the figures.
      expect(await page.getByRole('list', { name: 'Your new tickets' }).textContent()).toBe(
        '1 × Fan zone',
      );
      await screenChecks(`exchange-quote-${orientation}`);
      await kiosk.tap(kiosk.button(/^Pay .*850[.,]00 by card and exchange$/));
      await kiosk.heading('Your ticket is exchanged').waitFor({ timeout: 30_000 });
      await screenChecks(`exchange-done-${orientation}`);

      // Exactly one charge at the terminal: the difference, a sale.
      const moved = terminal.charges().slice(charges);
      expect(moved).toHaveLength(1);
      expect(moved[0]).toMatchObject({ kind: 'sale', amount: { amount: 85_000, currency: 'UAH' } });

      // The store: the old ticket exchanged, one exchange entry under the kiosk naming that
      // payment on its card tender.
      const after = await store(page, ticketId);
      expect(after.ticketStatus).toBe('exchanged');
      const entry = after.journal.filter((e) => e.type === 'exchange').at(-1)!;
      expect(entry.payload).toMatchObject({
        staff: { staffId: 'kiosk', role: 'kiosk' },
        difference: { amount: 85_000 },
        tenders: [{ kind: 'card', paymentId: moved[0]!.paymentId, last4: '0119' }],
        payouts: [],
      });

      // The slip: the exchange receipt then the new ticket; its figures add up.
      await expect.poll(async () => (await printedJobs(vp)).length).toBe(jobs + 2);
      const slip = await exchangeSlip(jobs);
      expect(slip.text).toMatch(/Fan zone/);
      expect(slip.amount('New tickets')).toBe(1500);
      expect(slip.amount('Credit for returned tickets')).toBe(-650);
      expect(slip.amount('TO PAY')).toBe(850);
      expect(slip.amount('New tickets') + slip.amount('Credit for returned tickets')).toBe(
        slip.amount('TO PAY'),
      );
      expect(slip.text).toMatch(/Cashier Self-service kiosk/);
      expect(slip.text).not.toMatch(/undefined|NaN|ga-fan-zone/);

      await kiosk.tap(kiosk.button('Done'));
      await kiosk.heading('Tickets here').waitFor();
    });

    it(`${orientation}: to a cheaper seat, the difference back to the card that paid — one referenced refund of it`, async () => {
      const { kiosk, page, terminal, vp } = rig;
      await page.setViewportSize(viewport);
      const code = await bought('Standing');
      const ticketId = ticketIdOf(code);
      const sale = terminal.charges().at(-1)!;
      const charges = terminal.charges().length;
      const jobs = (await printedJobs(vp)).length;

      await exchangeTicket(code);
      await kiosk.heading('Exchange it for which performance?').waitFor({ timeout: 30_000 });
      await kiosk.tap(kiosk.button(/^The Forest Song/).first());
      await kiosk.heading('Choose your seats').waitFor();
      const seatNo = orientation === 'portrait' ? 3 : 4;
      if (orientation === 'portrait') {
        // A seat chosen, then "Back": the exchange's held seat goes back to the venue at once.
        const other = page.getByRole('checkbox', { name: /^Row 12 seat 5,/ });
        await kiosk.tap(other);
        await expect
          .poll(() => page.getByText(/^Your seats: /).textContent())
          .toMatch(/Stalls, row 12, seat 5$/);
        await kiosk.tap(kiosk.button('Back'));
        await kiosk.heading('Exchange it for which performance?').waitFor();
        await kiosk.tap(kiosk.button(/^The Forest Song/).first());
        await kiosk.heading('Choose your seats').waitFor();
        await page.getByText(/^No seats chosen yet/).waitFor();
        // Not held (a new cart: a hold left behind would show it taken) and not chosen.
        await expect.poll(() => other.getAttribute('aria-label')).toMatch(/Available$/);
        expect(await other.getAttribute('aria-disabled')).toBe('false');
        expect(await other.getAttribute('aria-checked')).toBe('false');
      }
      await kiosk.tap(page.getByRole('checkbox', { name: new RegExp(`^Row 12 seat ${seatNo},`) }));
      await expect
        .poll(() => page.getByText(/^Your seats: /).textContent())
        .toMatch(new RegExp(`Stalls, row 12, seat ${seatNo}$`));
      await screenChecks(`exchange-seats-${orientation}`);
      await kiosk.tap(kiosk.button('See the difference'));
      await kiosk.heading('Your exchange').waitFor({ timeout: 30_000 });
      const q = await quoteLines();
      expect(q).toMatchObject({ worth: 650, cost: 600, fee: 0, back: 50 });
      expect(q.worth - q.cost - q.fee).toBe(q.back);
      expect(await page.getByRole('list', { name: 'Your new tickets' }).textContent()).toMatch(
        new RegExp(`^\\S.*: Stalls, row 12, seat ${seatNo}$`),
      );
      await screenChecks(`exchange-back-${orientation}`);
      await kiosk.tap(kiosk.button(/^Exchange and refund .*50[.,]00 to my card ending 0119$/));
      await kiosk.heading('Your ticket is exchanged').waitFor({ timeout: 30_000 });
      await expect(page.getByRole('status').first().textContent()).resolves.toMatch(
        /50[.,]00 is going back to your card ending 0119/,
      );

      const moved = terminal.charges().slice(charges);
      expect(moved).toHaveLength(1);
      expect(moved[0]).toMatchObject({ kind: 'refund', amount: { amount: 5_000 } });
      const after = await store(page, ticketId);
      expect(after.ticketStatus).toBe('exchanged');
      const entry = after.journal.filter((e) => e.type === 'exchange').at(-1)!;
      expect(entry.payload).toMatchObject({
        staff: { staffId: 'kiosk', role: 'kiosk' },
        difference: { amount: -5_000 },
        tenders: [],
        payouts: [{ kind: 'card', amount: { amount: 5_000 }, paymentId: moved[0]!.paymentId }],
      });
      expect(sale.kind).toBe('sale');

      await expect.poll(async () => (await printedJobs(vp)).length).toBe(jobs + 2);
      const slip = await exchangeSlip(jobs);
      expect(slip.text).toMatch(/Forest Song/);
      expect(slip.amount('New tickets')).toBe(600);
      expect(slip.amount('Credit for returned tickets')).toBe(-650);
      expect(slip.amount('TO PAY BACK')).toBe(50);
      expect(slip.text).toMatch(/Paid back/);
      await kiosk.tap(kiosk.button('Done'));
      await kiosk.heading('Tickets here').waitFor();
    });
  }

  it('a ticket sold as non-exchangeable: see the box office, why in plain words, nothing written, nothing charged or printed', async () => {
    const { kiosk, page, terminal, vp } = rig;
    await page.setViewportSize(PORTRAIT);
    const code = await bought('Fan zone');
    const ticketId = ticketIdOf(code);
    const before = await store(page, ticketId);
    const charges = terminal.charges().length;
    const jobs = (await printedJobs(vp)).length;
    await exchangeTicket(code);
    await kiosk.heading('Please see the box office').waitFor({ timeout: 30_000 });
    const why = (await page.getByRole('alert').textContent()) ?? '';
    expect(why).toMatch(/The exchange rules of this ticket do not allow this exchange here/);
    expect(why).toMatch(/This ticket was sold as non-exchangeable/);
    await screenChecks('exchange-office-portrait');
    await page.setViewportSize(LANDSCAPE);
    await screenChecks('exchange-office-landscape');
    const after = await store(page, ticketId);
    expect(after.journal).toHaveLength(before.journal.length);
    expect(after.ticketStatus).toBe(before.ticketStatus);
    expect(terminal.charges()).toHaveLength(charges);
    expect(await printedJobs(vp)).toHaveLength(jobs);
    await kiosk.tap(kiosk.button('Start over'));
    await kiosk.heading('Tickets here').waitFor();
  });
});
