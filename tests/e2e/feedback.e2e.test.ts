/**
 * Customer feedback in Debian's Chromium (issue 14 item 8): the built customer pages and back
 * office served by the real server (PGlite), the server's own outbox sending through its SMTP
 * sender to a real SMTP server on loopback. A till's sale is pushed with the buyer's e-mail;
 * the thank-you arrives with a feedback link; on a phone-sized screen, in Ukrainian, the buyer
 * opens it, rates 4 stars with the keyboard, picks a topic and comments; then a supervisor reads
 * it on the back office's Feedback page. axe-core: nothing serious or critical on the form, the
 * thanks page and the Feedback page. A forged link is refused in the customer's words.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpEmailSender } from '../../src-server/notify/email-sender';
import { OutboxWorker } from '../../src-server/notify/outbox-worker';
import { DEMO_SUPERVISOR } from '../../src-server/venues';
import { launchChromium } from '../support/chromium';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { startRequestsServer, type RequestsServer } from '../server/refund-requests-harness';
import { BackOfficePage } from './page-models/back-office-page';

const repoRoot = resolve(import.meta.dirname, '../..');
/** The address the harness's server gives customers (its PUBLIC_BASE_URL). */
const PUBLIC_BASE = 'https://tickets.podil-stage.example';
const quiet = { info() {}, warn() {}, error() {} };

let s: RequestsServer;
let sink: SmtpSink;
let worker: OutboxWorker;
let context: BrowserContext;
let tmp: string;

async function seriousFindings(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target).join(' | ')}`);
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'feedback-e2e-'));
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
    outbox: 'real',
  });
  sink = await startSmtpSink();
  worker = new OutboxWorker({
    db: s.db,
    email: smtpEmailSender({
      url: sink.url,
      from: '"Podil Stage" <tickets@podil-stage.example>',
      timeoutMs: 5_000,
    }),
    log: quiet,
    idleMs: 50,
  });
  worker.start();
  context = await launchChromium(join(tmp, 'profile'));
}, 180_000);

afterAll(async () => {
  await context?.close();
  await worker?.stop();
  await sink?.close();
  await s?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('customer feedback in Chromium', () => {
  it('the thank-you e-mail’s link → 4 stars with a comment → the back office shows it', async () => {
    await s.sale({ contact: { email: 'sofiia@example.org', locale: 'uk' } });
    await sink.waitForCount(1, 20_000);
    const mail = sink.received.find((m) => m.to.includes('sofiia@example.org'))!;
    expect(mail.subject).toBe('Дякуємо за покупку');
    expect(mail.language).toBe('uk');
    const link = /(https?:\/\/\S+#feedback=[A-Za-z0-9_.-]+)/.exec(mail.text)?.[1];
    expect(link).toMatch(
      new RegExp(`^${PUBLIC_BASE.replaceAll('.', '\\.')}/refund-request/#feedback=`),
    );
    // The e-mail names the venue's public address; here that address is the loopback server.
    const opened = link!.replace(PUBLIC_BASE, s.url);

    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(opened);
    await page.getByRole('combobox', { name: /^(Language|Мова|语言)/ }).selectOption({
      label: 'Українська',
    });
    await expect.poll(() => page.locator('h1').textContent()).toBe('Як вам наш сервіс?');
    expect(await page.title()).toBe('Ваш відгук');
    const stars = page.getByRole('radio');
    expect(await stars.count()).toBe(5);
    expect(await seriousFindings(page)).toEqual([]);

    // Sent without a rating: told in words, nothing stored.
    await page.getByRole('button', { name: 'Надіслати відгук' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('Виберіть оцінку від 1 до 5 зірок.');

    // The keyboard: the first star, then the arrow keys move the choice within the group.
    await page.getByRole('radio', { name: '1 зірка: Дуже погано' }).check();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('radio', { name: '4 зірки: Добре' }).isChecked()).toBe(true);
    await page.getByLabel('Чого переважно стосується?').selectOption({ label: 'Персонал' });
    await page
      .getByLabel('Коментар (необов’язково)')
      .fill('Касирка допомогла вибрати кращі місця.');
    await page.getByRole('button', { name: 'Надіслати відгук' }).click();
    await expect
      .poll(() => page.getByTestId('feedback-thanks').locator('h1').textContent())
      .toBe('Дякуємо за відгук!');
    expect(await seriousFindings(page)).toEqual([]);

    // Back to the form from the thanks page: it shows the answer given, ready to edit.
    await page.getByRole('button', { name: 'Змінити відгук' }).click();
    expect(await page.getByTestId('feedback-given').textContent()).toMatch(
      /^Ви оцінили нас на 4 з 5\. Змінити відгук можна до /,
    );
    expect(await page.getByRole('radio', { name: '4 зірки: Добре' }).isChecked()).toBe(true);

    // The link with one character of its signature changed opens nothing, said in words. Not
    // the last character: its low two bits are base64 padding, so 'A'↔'B' can decode alike.
    const forged = opened.replace(
      /.(.{5})$/,
      (_, tail: string) => (opened.at(-6) === 'A' ? 'B' : 'A') + tail,
    );
    await page.goto('about:blank');
    // The first ask about the link is held back 800 ms so that it answers last: the page once
    // asked again when the remembered Ukrainian arrived, and whichever answer came last set the
    // alert's language (English, one run in several). Now a superseded ask is dropped.
    const asked: string[] = [];
    const answered: string[] = [];
    await page.route('**/api/public/feedback/open', async (route) => {
      asked.push(route.request().url());
      if (asked.length === 1) await new Promise((r) => setTimeout(r, 800));
      await route.continue();
    });
    page.on('requestfinished', (r) => {
      if (r.url().endsWith('/api/public/feedback/open')) answered.push(r.url());
    });
    await page.goto(forged);
    const invalidUk = 'Це посилання для відгуку недійсне. Відкрийте його ще раз з повного листа.';
    await expect.poll(() => page.getByRole('alert').textContent()).toBe(invalidUk);
    await expect.poll(() => answered.length === asked.length && asked.length > 0).toBe(true);
    expect(await page.getByRole('alert').textContent()).toBe(invalidUk);
    expect(await page.getByRole('radio').count()).toBe(0);
    // A language picked after the alert re-words it without asking the server again.
    const asks = asked.length;
    await page.getByRole('combobox', { name: /^(Language|Мова|语言)/ }).selectOption({
      label: 'English',
    });
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('This feedback link is not valid. Please open it again from the whole e-mail.');
    expect(asked).toHaveLength(asks);
    await page.close();

    const stored = await s.db.query<{ rating: number; topic: string; performance_id: string }>(
      `SELECT rating, topic, performance_id FROM feedback`,
    );
    expect(stored.map((r) => [Number(r.rating), r.topic, r.performance_id])).toEqual([
      [4, 'staff', 'hamlet-0501'],
    ]);

    // A supervisor reads it (in English) for the month of the server's clock.
    const office = await context.newPage();
    const bo = new BackOfficePage(office, s.url);
    await bo.open();
    await bo.signIn(DEMO_SUPERVISOR.email, DEMO_SUPERVISOR.password);
    await bo.language('English');
    await bo.section('Feedback');
    await expect.poll(() => bo.heading().textContent()).toBe('Customer feedback');
    await office.getByLabel('From', { exact: true }).fill('2026-03-30');
    await office.getByLabel('To', { exact: true }).fill('2026-04-30');
    await expect
      .poll(() => office.getByTestId('feedback-total').textContent(), { timeout: 10_000 })
      .toBe('1 rating, average 4 of 5');
    expect(
      await office.getByTestId('feedback-stars').locator('tr[data-stars="4"] td').textContent(),
    ).toBe('1');
    const staff = office.getByTestId('feedback-by-topic').locator('[data-topic="staff"]');
    expect(await staff.locator('h3').textContent()).toBe('Staff: 1 rating, average 4 of 5');
    expect(await staff.locator('blockquote').textContent()).toBe(
      'Касирка допомогла вибрати кращі місця.',
    );
    expect(await office.getByTestId('feedback-by-performance').textContent()).toContain(
      'Касирка допомогла вибрати кращі місця.',
    );
    await expect.poll(() => office.locator('canvas[role="img"]').count()).toBe(1);
    expect(await seriousFindings(office)).toEqual([]);
    await office.close();
  });
});
