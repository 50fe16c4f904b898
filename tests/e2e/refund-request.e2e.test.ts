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
    await customer.getByRole('button', { name: 'Send my request' }).click();
    const state = customer.getByTestId('request-state');
    await expect.poll(() => state.getAttribute('data-state')).toBe('under_review');
    expect(s.provider.refunds).toHaveLength(1); // only the first test's

    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    const bo = new BackOfficePage(page, s.url);
    await bo.open();
    await bo.signIn(DEMO_MANAGER.email, DEMO_MANAGER.password);
    await bo.section('Requests');
    await expect.poll(() => bo.heading().textContent()).toBe('Refund requests');
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
});
