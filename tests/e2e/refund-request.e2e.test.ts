/**
 * Customer refund requests in Debian's Chromium (issue 14): the built customer pages and back
 * office served by the real server (PGlite), a till's card sale pushed through sync with the
 * customer's contact, card refunds through the HTTP adapter to the provider simulator on
 * loopback.
 * 1. On a phone-sized screen, in Ukrainian: find the order, keep both tickets, read the
 *    policy's decision (approved at once), confirm → the status page reads "Виплачено" (paid);
 *    the provider refunded once, for the amount shown.
 * 2. A request 31 hours before the show (outside every refund window) → "a member of staff
 *    will look at it" → the manager approves it on the back office's Requests page → paid,
 *    refunded once; the customer's status page reads paid.
 * 3. A cash purchase approved to collect at the box office, its code expired unpaid 31 days on:
 *    the Requests queue says so and the manager issues a new code from it.
 * axe-core: no serious or critical violation on the apply, decision, status and Requests
 * screens.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MANAGER } from '../../src-server/venues';
import { launchChromium } from '../support/chromium';
import { startRequestsServer, type RequestsServer } from '../server/refund-requests-harness';
import { BackOfficePage } from './page-models/back-office-page';

const repoRoot = resolve(import.meta.dirname, '../..');
let s: RequestsServer;
let context: BrowserContext;
let tmp: string;

async function seriousFindings(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target).join(' | ')}`);
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'rr-e2e-'));
  const { build } = await import('vite');
  for (const [config, out] of [
    ['vite.manage.config.ts', 'manage'],
    ['vite.refund-request.config.ts', 'refund-request'],
  ] as const) {
    await build({
      configFile: join(repoRoot, config),
      logLevel: 'warn',
      build: { outDir: join(tmp, out), emptyOutDir: true, sourcemap: false },
    });
  }
  s = await startRequestsServer({
    backOfficeDir: join(tmp, 'manage'),
    refundRequestDir: join(tmp, 'refund-request'),
    // No timeout is under test here: a provider answer slowed by a loaded machine must not
    // read as one (the harness's 500 ms suits the timeout tests, not Chromium beside it).
    providerTimeoutMs: 10_000,
    // The server's own signed cash-collection codes (test 3 replaces an expired one).
    cashCodes: 'issue',
  });
  context = await launchChromium(join(tmp, 'profile'));
}, 180_000);

afterAll(async () => {
  await context?.close();
  await s?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** The apply form as a customer fills it in, Ukrainian or English labels. */
async function apply(page: Page, orderRef: string, contact: string): Promise<void> {
  await page.goto(`${s.url}/refund-request/?venue=podil-stage`);
  await page
    .getByLabel(/^(Номер замовлення або квитка|Order number or ticket number)$/)
    .fill(orderRef);
  await page.getByLabel(/^(E-mail або телефон|E-mail or phone)/).fill(contact);
  await page.getByRole('button', { name: /Знайти мої квитки|Find my tickets/ }).click();
  await page
    .getByRole('button', { name: /Дізнатися, що передбачають|See what the refund policy gives/ })
    .click();
}

describe('customer refund requests in Chromium', () => {
  it('a card purchase inside the policy: approved at once, refunded once, the status page reads paid (uk)', async () => {
    const sale = await s.sale({ contact: { email: 'oksana@example.org', locale: 'uk' } });
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${s.url}/refund-request/?venue=podil-stage`);
    await page.getByRole('combobox', { name: /^(Language|Мова|语言)/ }).selectOption({
      label: 'Українська',
    });
    await expect.poll(() => page.locator('h1').textContent()).toBe('Знайдіть своє замовлення');
    expect(await seriousFindings(page)).toEqual([]);

    // A wrong contact learns nothing.
    await page.getByLabel('Номер замовлення або квитка').fill(sale.orderId);
    await page.getByLabel(/^E-mail або телефон/).fill('someone@example.org');
    await page.getByRole('button', { name: 'Знайти мої квитки' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Ми не знайшли замовлення');

    await apply(page, sale.orderId, 'Oksana@Example.org');
    const decision = page.getByTestId('decision');
    await expect.poll(() => decision.getAttribute('data-outcome')).toBe('approved');
    const words = (await decision.textContent()) ?? '';
    expect(words).toContain('буде схвалено одразу');
    expect(await seriousFindings(page)).toEqual([]);

    await page.getByRole('button', { name: 'Надіслати запит' }).click();
    const state = page.getByTestId('request-state');
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 15_000 }).toBe('paid');
    expect(await state.textContent()).toBe('Стан: Виплачено');
    expect(await seriousFindings(page)).toEqual([]);

    expect(s.provider.refunds).toHaveLength(1);
    const refunded = s.provider.refunds[0]!.amountMinor;
    // The amount the page showed before confirming is the one refunded (uk format: 2 decimals).
    const shown = (refunded / 100).toFixed(2).replace('.', ',');
    expect(words.replace(/\s/g, '')).toContain(shown);

    // The link alone, in a fresh tab, opens the same status (the token is in the fragment).
    const link = page.url();
    expect(link).toContain('#status=');
    const again = await context.newPage();
    await again.goto(link);
    await expect
      .poll(() => again.getByTestId('request-state').getAttribute('data-state'))
      .toBe('paid');
    await again.close();
    await page.close();
  });

  it('outside the policy: the review queue, a manager approves in the back office, paid once', async () => {
    const sale = await s.sale({ contact: { email: 'petro@example.org', locale: 'en' } });
    s.clock.ms = Date.parse('2026-04-30T12:00:00+03:00'); // 31 h before the show
    const customer = await context.newPage();
    await customer.setViewportSize({ width: 390, height: 844 });
    await customer.goto(`${s.url}/refund-request/?venue=podil-stage`);
    await customer
      .getByRole('combobox', { name: /^(Language|Мова|语言)/ })
      .selectOption({ label: 'English' });
    await apply(customer, sale.tickets[0]!.ticketId, 'petro@example.org');
    const decision = customer.getByTestId('decision');
    await expect.poll(() => decision.getAttribute('data-outcome')).toBe('review');
    expect(await decision.textContent()).toContain(
      'A member of our staff will look at your request',
    );
    // What the customer asks back (both tickets, fees too), not the policy's 0 outside its windows.
    expect(await decision.textContent()).toContain('your request for ₴310.00');
    await customer.getByRole('button', { name: 'Send my request' }).click();
    const state = customer.getByTestId('request-state');
    await expect.poll(() => state.getAttribute('data-state')).toBe('under_review');
    expect(await customer.getByTestId('request-amount').textContent()).toBe(
      'You asked for: ₴310.00',
    );
    // Due before the show (tomorrow evening), not five business days on, and said so.
    expect(await customer.getByTestId('request-due').textContent()).toMatch(
      /^We answer before the performance, by .*2026.*\.$/,
    );
    // The Ukrainian date ends "р.": the sentence's stop is not written twice.
    await customer
      .getByRole('combobox', { name: /^(Language|Мова|语言)/ })
      .selectOption({ label: 'Українська' });
    await expect
      .poll(() => customer.getByTestId('request-due').textContent())
      .toMatch(/^Ми відповімо ще до вистави, до .*[^.]\.$/);
    await customer
      .getByRole('combobox', { name: /^(Language|Мова|语言)/ })
      .selectOption({ label: 'English' });
    expect(s.provider.refunds).toHaveLength(1); // only the first test's

    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    const bo = new BackOfficePage(page, s.url);
    await bo.open();
    await bo.signIn(DEMO_MANAGER.email, DEMO_MANAGER.password);
    await bo.section('Requests');
    await expect.poll(() => bo.heading().textContent()).toBe('Refund requests');
    // The target answer time is the manager's setting: the server keeps it and audits it.
    await page.getByLabel('Business days to answer a request (1–60)').fill('3');
    await page.getByRole('button', { name: 'Save answer time' }).click();
    await expect
      .poll(() => page.getByText('Saved: new requests are due within 3 business days').count())
      .toBe(1);
    const kept = await s.db.query<{ days: number }>(
      `SELECT request_answer_business_days AS days FROM venues WHERE venue_id = 'podil-stage'`,
    );
    expect(Number(kept[0]!.days)).toBe(3);
    const row = page.locator('tr[data-state="under_review"]');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('Online');
    expect(await seriousFindings(page)).toEqual([]);
    await row.getByRole('button', { name: 'Approve' }).click();
    await row.getByLabel('Note (optional)').fill('Illness: approved after the deadline');
    await row.locator('form').getByRole('button', { name: 'Approve' }).click();
    // Paid: it leaves the open queue.
    await expect.poll(() => page.locator('tr[data-state="under_review"]').count()).toBe(0);
    expect(s.provider.refunds).toHaveLength(2);
    expect(s.provider.refunds[1]!.amountMinor).toBeGreaterThan(0);

    // The page in Chinese: translated, and still nothing serious for axe (the paid request listed).
    await page.getByRole('combobox', { name: /^(Show|Показати|显示)/ }).selectOption('all');
    await bo.language('中文');
    await expect.poll(() => bo.heading().textContent()).toBe('退款申请');
    await expect.poll(() => page.locator('tr[data-state="paid"]').count()).toBe(2);
    expect(await page.locator('tr[data-state="paid"]').first().textContent()).toContain('已退款');
    expect(await seriousFindings(page)).toEqual([]);

    await customer.reload();
    await expect.poll(() => state.getAttribute('data-state')).toBe('paid');
    expect(await customer.getByText('Illness: approved after the deadline').count()).toBe(1);
    await customer.close();
    await page.close();
  });

  it('an expired cash-collection code: the queue says so, the manager issues a new one', async () => {
    const sale = await s.sale({
      paidBy: 'cash',
      contact: { email: 'taras@example.org', locale: 'en' },
    });
    const made = await s.request('POST', '/api/public/refund-requests', {
      venueId: 'podil-stage',
      orderRef: sale.orderId,
      contact: 'taras@example.org',
      ticketIds: [sale.tickets[0]!.ticketId],
      reasonCode: 'customer_request',
      locale: 'en',
    });
    const requestId = made.body.status.requestId as string;
    const approved = await s.request(
      'POST',
      `/api/venues/podil-stage/refund-requests/${requestId}/approve`,
      { note: '' },
      s.manager,
    );
    expect(approved.status).toBe(200);
    const DAYS_31 = 31 * 86_400_000;
    s.clock.ms += DAYS_31;
    try {
      const page = await context.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      const bo = new BackOfficePage(page, s.url);
      await bo.open();
      // The manager may still be signed in from the test before (same browser profile).
      const signInForm = page.getByLabel(/Venue ID/);
      await signInForm.or(bo.heading()).first().waitFor();
      if (await signInForm.isVisible()) await bo.signIn(DEMO_MANAGER.email, DEMO_MANAGER.password);
      // …and reading it in the language it chose last (Chinese).
      await bo.language('English');
      await bo.section('Requests');
      const row = page.locator(`tr[data-request="${requestId}"]`);
      const code = row.locator('[data-figure="cash-code"]');
      await expect.poll(() => code.textContent()).toMatch(/^Code expired on .+: not paid out$/);
      // Answered, so no answer-by date; the order named by the receipt the customer holds.
      const cells = row.locator('td');
      expect(await cells.nth(1).textContent()).toBe('—');
      expect(await cells.nth(2).textContent()).toMatch(/^[A-Za-z0-9_-]+-\d{6}$/);
      expect(await seriousFindings(page)).toEqual([]);
      await row.getByRole('button', { name: 'Issue a new code' }).click();
      await expect.poll(() => code.textContent()).toMatch(/^Code valid until /);
      expect(await page.getByRole('alert').count()).toBe(0);
      // Still good and unchanged: asked again, the server refuses in words.
      await row.getByRole('button', { name: 'Issue a new code' }).click();
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toMatch(/still good until .+: they can use it/);
      await page.close();
    } finally {
      s.clock.ms -= DAYS_31;
    }
  });

  // Last: it cancels the performance every other test sells.
  it('the cancellation message’s link refunds in one step without typing anything; a forged link is refused in words (uk)', async () => {
    await s.sale({ contact: { email: 'iryna@example.org', locale: 'uk' } });
    const cancelled = await s.request(
      'POST',
      '/api/venues/podil-stage/performances/hamlet-0501/cancel',
      { reason: 'Lead actor ill' },
      s.manager,
    );
    expect(cancelled.status).toBe(200);
    const rows = await s.db.query<{ data: unknown }>(
      `SELECT data FROM outbox WHERE kind = 'performance_cancelled' AND recipient = 'iryna@example.org'`,
    );
    expect(rows).toHaveLength(1);
    const data = (
      typeof rows[0]!.data === 'string' ? JSON.parse(rows[0]!.data) : rows[0]!.data
    ) as {
      refundUrl: string;
    };
    // The message's link as the customer taps it (its public host is this test server).
    const link = data.refundUrl.replace('https://tickets.podil-stage.example', s.url);
    expect(link).toContain('#refund=');

    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${s.url}/refund-request/`);
    await page.getByRole('combobox', { name: /^(Language|Мова|语言)/ }).selectOption({
      label: 'Українська',
    });
    await page.goto(link);
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe('Повернення за скасовану виставу');
    const decision = page.getByTestId('decision');
    await expect.poll(() => decision.getAttribute('data-outcome')).toBe('approved');
    // Both standing tickets, told apart by their place in the order.
    const tickets = page.getByTestId('link-tickets').locator('li');
    await expect.poll(() => tickets.count()).toBe(2);
    expect(await tickets.nth(0).textContent()).toContain('квиток 1 з 2');
    expect(await tickets.nth(1).textContent()).toContain('квиток 2 з 2');
    expect(await page.getByLabel(/E-mail або телефон/).count()).toBe(0);
    expect(await seriousFindings(page)).toEqual([]);

    const before = s.provider.refunds.length;
    await page.getByRole('button', { name: 'Повернути мої квитки' }).click();
    const state = page.getByTestId('request-state');
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 15_000 }).toBe('paid');
    expect(s.provider.refunds.slice(before).map((r) => r.amountMinor)).toEqual([31_000]);

    // A link whose signature is not the server's: refused in the customer's words.
    const forged = `${link.slice(0, -4)}${link.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    const other = await context.newPage();
    await other.goto(forged);
    await expect
      .poll(() => other.getByRole('alert').textContent())
      .toContain('Це посилання для повернення недійсне');
    expect(s.provider.refunds.length).toBe(before + 1);
    await other.close();
    await page.close();
  });
});
