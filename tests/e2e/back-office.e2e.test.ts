/**
 * The back office in Debian's Chromium at 1280×800 (issue 13): a manager signs in at /manage
 * on a real server (PGlite) that two tills pushed today's sales, refunds and exchanges to;
 * Today shows the same figures the day report holds, by window; the page reads in English
 * and Chinese; a supervisor reads and every write is refused by the server; the session
 * cookie is out of the page's reach; axe-core finds no serious or critical violation on any
 * screen. UPDATE_SCREENSHOTS=1 writes docs/screenshots/back-office-*.png for the README.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../shared/money/format-money';
import { formatDate } from '../../src-renderer/i18n/format-date';
import { closeShift } from '../../shared/commands';
import { dayReportSchema, type DayReport } from '../../src-server/reports/day-report';
import { catalogSchema } from '../../shared/catalog/catalog';
import { DEMO_STAFF } from '../../shared/catalog/demo-staff';
import { seedFirstCatalog } from '../../src-server/catalog/catalogs';
import { seedFirstStaffList } from '../../src-server/staff/staff-lists';
import { DEMO_MANAGER, DEMO_SUPERVISOR, ensureManager } from '../../src-server/venues';
import { CATALOG_INPUT, openTill, STAFF, uah, type Till } from '../fixtures/domain';
import { approving } from '../support/approvals';
import { launchChromium } from '../support/chromium';
import { busyShift } from '../unit/journal-day';
import { sealAs, startServer, type TestServer } from '../server/harness';
import { BackOfficePage } from './page-models/back-office-page';

const repoRoot = resolve(import.meta.dirname, '../..');
let server: TestServer;
let context: BrowserContext;
let page: Page;
let bo: BackOfficePage;
let tmp: string;
let report: DayReport;

/**
 * The tills' day: the domain fixtures' catalog sells for 2026-04-01, so that is "today" —
 * the page's clock is set to that evening (Playwright's clock: Date only, timers run).
 */
const DAY = '2026-04-01';
const FUTURE = 'hamlet-future';

/**
 * A till's busy shift that day, closed with its Z or left open, pushed — all of it, or all
 * but its last `held` entries (which its next pull reports as waiting).
 */
/** The tills that pushed the day, by name: their tokens act as the till in a test. */
const tills = new Map<string, { terminalId: string; token: string }>();

async function pushBusyDay(
  name: string,
  openedAt: string,
  close: boolean,
  held = 0,
): Promise<void> {
  const till: Till = openTill(STAFF.olena, openedAt);
  await busyShift(till);
  if (close) {
    till.take(
      approving(STAFF.taras, (approver) =>
        closeShift(
          { ...till.base(), shiftTally: till.shiftTally() },
          { counted: uah(1000), note: 'Counted', approver },
          STAFF.olena,
          till.ports,
        ),
      ),
    );
  }
  const enrolled = await server.enrol('podil-stage', name);
  tills.set(name, enrolled);
  const sealed = await sealAs(enrolled.terminalId, till.entries);
  const res = await server.push(enrolled, sealed.slice(0, sealed.length - held));
  expect(res.status).toBe(200);
  const pull = await server.request('GET', `/api/sync/pull?after=0&tillHead=${sealed.length}`, {
    auth: `Bearer ${enrolled.token}`,
  });
  expect(pull.status).toBe(200);
}

async function seriousFindings(): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target).join(' | ')}`);
}

async function screenshot(name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  await page.screenshot({ path: join(repoRoot, 'docs', 'screenshots', `back-office-${name}.png`) });
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'bo-e2e-'));
  const { build } = await import('vite');
  await build({
    configFile: join(repoRoot, 'vite.manage.config.ts'),
    logLevel: 'warn',
    build: { outDir: join(tmp, 'manage'), emptyOutDir: true, sourcemap: false },
  });
  server = await startServer({ backOfficeDir: join(tmp, 'manage') });
  await ensureManager(server.db, DEMO_SUPERVISOR);
  // The fixtures' catalog as the venue's (the tills' sales name its performances), with one
  // more Hamlet a month from now: the one the manager cancels (the others have started by the
  // server's clock).
  const hamlet = CATALOG_INPUT.performances.find((p) => p.id === 'hamlet-0501')!;
  await seedFirstCatalog(
    server.db,
    'podil-stage',
    catalogSchema.parse({
      ...CATALOG_INPUT,
      version: 1,
      venue: { ...CATALOG_INPUT.venue, id: 'podil-stage' },
      events: CATALOG_INPUT.events.map((e) => ({ ...e, venueId: 'podil-stage' })),
      performances: [
        ...CATALOG_INPUT.performances,
        { ...hamlet, id: FUTURE, startsAt: new Date(Date.now() + 30 * 86400_000).toISOString() },
      ],
    }),
    'test',
  );
  await seedFirstStaffList(server.db, 'podil-stage', DEMO_STAFF, 'test');
  await pushBusyDay('Window 1', `${DAY}T09:00:00Z`, true);
  await pushBusyDay('Window 2', `${DAY}T17:00:00Z`, false, 3);
  const res = await server.request('GET', `/api/venues/podil-stage/reports/day?date=${DAY}`, {
    auth: server.managerAuth(),
  });
  report = dayReportSchema.parse(res.body);
  context = await launchChromium(join(tmp, 'profile'));
  page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.clock.setFixedTime(new Date(`${DAY}T20:00:00Z`));
  bo = new BackOfficePage(page, server.url);
}, 180_000);

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('back office in Chromium', () => {
  it('signs a manager in: a wrong password is told plainly, the right one opens Today', async () => {
    await bo.open();
    await expect.poll(() => page.title()).toMatch(/back office/);
    expect(await seriousFindings()).toEqual([]);
    await screenshot('sign-in');
    await bo.signIn(DEMO_MANAGER.email, 'not-the-password');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('That e-mail and password do not match a manager or supervisor of this venue.');
    await page.getByLabel('Password', { exact: true }).fill(DEMO_MANAGER.password);
    await page.keyboard.press('Enter');
    await expect.poll(() => bo.heading().textContent()).toBe('Today at Podil Stage');
    // The cookie is HttpOnly: nothing on the page can read the session.
    expect(await page.evaluate(() => document.cookie)).not.toContain('bo_session');
  });

  it("shows today's figures as the day report holds them, by window, and each till's sync", async () => {
    const money = (m: { amount: number; currency: 'UAH' }) => formatMoney('en', m);
    expect(report.totals.sales.count).toBeGreaterThan(0);
    expect(report.totals.refunds.count).toBeGreaterThan(0);
    await expect
      .poll(() => bo.figure('sales').textContent())
      .toBe(money(report.totals.sales.gross as { amount: number; currency: 'UAH' }));
    expect(await bo.figure('refunds').textContent()).toBe(
      money(report.totals.refunds.total as { amount: number; currency: 'UAH' }),
    );
    expect(await bo.figure('exchanges').textContent()).toBe(String(report.totals.exchanges.count));
    const rows = page.locator('table tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const first = await rows.nth(0).locator('th, td').allTextContents();
    const t1 = report.terminals[0]!.totals;
    expect(first.slice(0, 3)).toEqual([
      'Window 1',
      money(t1.sales.gross as { amount: number; currency: 'UAH' }),
      money(t1.refunds.total as { amount: number; currency: 'UAH' }),
    ]);
    // Window 1 pushed everything; Window 2 still holds its last three entries.
    expect(first.at(-1)).toBe('All synced');
    expect((await rows.nth(1).locator('td').last().textContent())!).toMatch(/^3 entries since /);
    // Window 2's shift is still open; Window 1 closed its Z.
    await expect.poll(() => page.getByText('Window 2: shift open').count()).toBe(1);
    // A desk screen: nothing scrolls sideways at 1280 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      1280,
    );
    expect(await seriousFindings()).toEqual([]);
    await screenshot('today-en');
  });

  it('reads in Chinese and remembers it after a reload', async () => {
    await bo.language('中文');
    await expect.poll(() => bo.heading().textContent()).toBe('Podil Stage 今日');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hans');
    expect(await page.getByRole('navigation').getByRole('link').allTextContents()).toEqual([
      '今日',
      '退款',
      '日报与班次报表',
      '异常',
      '退款申请',
      '反馈',
      '客户',
      '目录',
      '退款规则',
      '员工与终端',
      '审计',
    ]);
    expect(await seriousFindings()).toEqual([]);
    await screenshot('today-zh');
    await page.reload();
    await expect.poll(() => bo.heading().textContent()).toBe('Podil Stage 今日');
    await bo.language('English');
    await expect.poll(() => bo.heading().textContent()).toBe('Today at Podil Stage');
  });

  it('a supervisor reads, is told it is read only, and the server refuses a write', async () => {
    await bo.signOut();
    await bo.signIn(DEMO_SUPERVISOR.email, DEMO_SUPERVISOR.password);
    await expect.poll(() => bo.heading().textContent()).toBe('Today at Podil Stage');
    expect(await page.getByText('Read only: a supervisor sees everything').count()).toBe(1);
    // Whatever the page is made to send, the server decides: a write is 403.
    const answer = await page.evaluate(async () => {
      const res = await fetch('/api/venues/podil-stage/enrolment-codes', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      return { status: res.status, body: (await res.json()) as { error: { code: string } } };
    });
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('read_only');
    expect(await seriousFindings()).toEqual([]);
  });

  it('walks every section as a manager, in English and Chinese, with no serious axe finding', async () => {
    await bo.signOut();
    // By PIN this time: the manager's staff ID and the PIN they use at the tills.
    await bo.signInByPin('li-wei', '3334');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('That staff id and PIN do not match a manager or supervisor of this venue.');
    expect(await seriousFindings()).toEqual([]);
    await page.getByLabel(/^PIN/).fill('3333');
    await page.keyboard.press('Enter');
    await expect.poll(() => bo.heading().textContent()).toBe('Today at Podil Stage');
    const sections: [string, RegExp, string][] = [
      ['Refunds', /^Refunds/, '退款'],
      ['Day & shift reports', /^Day & shift reports|^Day report/, '日报与班次报表'],
      ['Exceptions', /^Exceptions|^Reconciliation/, '异常'],
      ['Requests', /^Refund requests/, '退款申请'],
      ['Customers', /^Customers/, '客户'],
      ['Catalog', /^Catalog/, '目录'],
      ['Refund policy', /^Refund polic/, '退款规则'],
      ['Staff & terminals', /^Staff/, '员工与终端'],
      ['Audit', /^Audit/, '审计'],
    ];
    const findings: string[] = [];
    for (const [link, heading] of sections) {
      await bo.section(link);
      await expect.poll(() => bo.heading().textContent(), { message: link }).toMatch(heading);
      await page.waitForLoadState('networkidle');
      for (const f of await seriousFindings()) findings.push(`en ${link}: ${f}`);
      expect(await page.getByRole('alert').count(), `${link}: an error shown`).toBe(0);
      await screenshot(`${link.toLowerCase().replace(/[^a-z]+/g, '-')}-en`);
    }
    await bo.language('中文');
    for (const [, , zhLink] of sections) {
      await bo.section(zhLink);
      await expect.poll(() => page.title(), { message: zhLink }).toContain(zhLink);
      await page.waitForLoadState('networkidle');
      for (const f of await seriousFindings()) findings.push(`zh ${zhLink}: ${f}`);
      // No untranslated section heading: the heading is not the English one.
      expect(await bo.heading().textContent()).not.toMatch(/^[A-Za-z &]+$/);
    }
    await bo.language('English');
    expect(findings).toEqual([]);
  });

  it("reads a day's reports: the check says whether the totals are the sum of the Z reports", async () => {
    await page.goto(`${server.url}/manage/#/reports/day/${DAY}`);
    await bo.language('English');
    await expect
      .poll(() => page.locator('[data-check]').getAttribute('data-check'))
      .toBe('partial');
    // Window 2's shift is still open at the day's end: named, in words.
    expect(await page.getByText(/still open at the end of the day/).count()).toBeGreaterThan(0);
    // Sales less every refund by channel (no online payouts this day: zero lines, still shown).
    const money = (m: { amount: number; currency: string }) =>
      formatMoney('en', m as { amount: number; currency: 'UAH' });
    const channels = page.locator('#day-channels');
    expect(await channels.locator('[data-figure="net"]').textContent()).toBe(money(report.net));
    expect(await channels.locator('[data-figure="refunds-window"]').textContent()).toBe(
      money({ ...report.totals.refunds.total, amount: -report.totals.refunds.total.amount }),
    );
    expect(await channels.getByText('Refunded online to card').count()).toBe(1);
    expect(await channels.getByText('Credit vouchers issued online').count()).toBe(1);
    // The windows' totals (the Z check) say they are the windows'; the reasons beside them are
    // every channel's and end in the line they add up to: every refund of the day.
    const totals = page.locator('#day-totals');
    expect(await totals.getByText('Refunded at the windows', { exact: true }).count()).toBe(1);
    expect(await page.locator('#day-reasons [data-figure="reason-all"]').textContent()).toBe(
      money(report.refundChannels.total),
    );
    // The per-performance change in tickets is named as one (it can be below zero).
    expect(
      await page.getByRole('columnheader', { name: 'Net change in tickets', exact: true }).count(),
    ).toBe(1);
    // Window 1's Z opened at 09:00 UTC: the page shows the venue's clock (12:00 in Kyiv) and
    // names the zone once.
    const opened = report.terminals.flatMap((t) => t.zReports)[0]!.openedAt;
    expect(opened).toBe(`${DAY}T09:00:00.000Z`);
    expect(report.timeZone).toBe('Europe/Kyiv');
    const kyiv = formatDate('en', 'Europe/Kyiv', opened, 'dateTime');
    expect(kyiv).toMatch(/12:00/);
    expect(await page.getByRole('cell', { name: kyiv, exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByText(formatDate('en', 'UTC', opened, 'dateTime')).count()).toBe(0);
    expect(await page.getByTestId('bo-time-zone').textContent()).toMatch(/\(Europe\/Kyiv\)$/);
  });

  it("says the venue's time, never UTC: Today's day, the staff list, the terminals and the audit filters", async () => {
    const kyiv = (iso: string) => formatDate('en', 'Europe/Kyiv', iso, 'dateTime');
    const managerGet = async <T>(path: string): Promise<T> => {
      const res = await server.request('GET', `/api/venues/podil-stage/${path}`, {
        auth: server.managerAuth(),
      });
      expect(res.status).toBe(200);
      return res.body as T;
    };
    // 22:30 UTC is already 01:30 on the next day in Kyiv (summer time, UTC+3): Today is that day.
    await page.clock.setFixedTime(new Date(`${DAY}T22:30:00Z`));
    await page.goto(`${server.url}/manage/#/today`);
    await bo.language('English');
    await expect
      .poll(() => page.locator('main p.bo-sub').first().textContent())
      .toMatch(/^Day 2026-04-02( · |$)/);
    await page.clock.setFixedTime(new Date(`${DAY}T20:00:00Z`));

    await bo.section('Staff & terminals');
    const list = await managerGet<{ version: number; publishedAt: string }>('staff');
    const published = kyiv(list.publishedAt);
    expect(published).not.toBe(formatDate('en', 'UTC', list.publishedAt, 'dateTime'));
    await expect
      .poll(() => page.getByText(/^Staff list version/).textContent())
      .toBe(
        `Staff list version ${list.version}, published ${published}. Every change publishes the next version; tills pick it up at their next sync.`,
      );
    const overview = await managerGet<{
      terminals: { terminalId: string; name: string; lastPushAt: string | null }[];
    }>('terminals/overview');
    const window1 = overview.terminals.find((t) => t.name === 'Window 1')!;
    expect(await page.getByRole('columnheader', { name: 'Last sync', exact: true }).count()).toBe(
      1,
    );
    expect(
      await page
        .locator(`tr[data-terminal="${window1.terminalId}"]`)
        .getByRole('cell', { name: kyiv(window1.lastPushAt!), exact: true })
        .count(),
    ).toBe(1);
    const issued = page.waitForResponse(
      (r) => r.url().endsWith('/enrolment-codes') && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: 'New enrolment code' }).click();
    const code = (await (await issued).json()) as { expiresAt: string };
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Enrolment code' }).textContent())
      .toContain(`Enrolment code, valid until ${kyiv(code.expiresAt)}: `);

    await bo.section('Audit');
    await expect.poll(() => bo.heading().textContent()).toMatch(/^Audit/);
    expect(await page.getByLabel('From', { exact: true }).count()).toBe(1);
    expect(await page.getByLabel('To', { exact: true }).count()).toBe(1);

    // The zone is named once per page (its note); no label or sentence says UTC.
    const pages: [string, string][] = [
      ['Today', '今日'],
      ['Refunds', '退款'],
      ['Day & shift reports', '日报与班次报表'],
      ['Feedback', '反馈'],
      ['Staff & terminals', '员工与终端'],
      ['Audit', '审计'],
    ];
    for (const [language, at] of [
      ['English', 0],
      ['中文', 1],
    ] as const) {
      await bo.language(language);
      for (const names of pages) {
        await bo.section(names[at]);
        await page.waitForLoadState('networkidle');
        expect(await page.locator('main').textContent(), names[at]).not.toMatch(/UTC/);
        expect(await page.getByTestId('bo-time-zone').count(), names[at]).toBe(1);
      }
    }
    await bo.language('English');
  });

  it("sends a copy of a Z to another till's printer and shows when that till has it", async () => {
    await page.goto(`${server.url}/manage/#/reports/day/${DAY}`);
    await bo.language('English');
    await page.getByRole('link', { name: /^Open Z \d+ of Window 1$/ }).click();
    await expect.poll(() => bo.heading().textContent()).toMatch(/^Z report \d+ — Window 1$/);
    // Who closed the shift by the demo staff list's name (Olena), not the id the till
    // journalled (olena).
    expect(await bo.figure('closed-by').textContent()).toBe('Olena');
    await page.getByLabel('Print at', { exact: true }).selectOption({ label: 'Window 2' });
    await page.getByLabel('Slip language', { exact: true }).selectOption({ label: 'Ukrainian' });
    await page.getByRole('button', { name: 'Send to the till’s printer' }).click();
    const copy = page.locator('[data-copy-state]');
    await expect.poll(() => copy.getAttribute('data-copy-state')).toBe('waiting');
    expect(await copy.textContent()).toMatch(/^Sent to Window 2 by Li Wei at .* waiting/);
    expect(await seriousFindings()).toEqual([]);
    await screenshot('z-copy-en');

    // Window 2 fetches its job and says it queued it (what its main does on the live event).
    const w2 = `Bearer ${tills.get('Window 2')!.token}`;
    const jobs = await server.request<{ jobs: { jobId: string; locale: string }[] }>(
      'GET',
      '/api/sync/print-jobs',
      { auth: w2 },
    );
    expect(jobs.body.jobs.map((j) => j.locale)).toEqual(['uk']);
    const queued = await server.request(
      'POST',
      `/api/sync/print-jobs/${jobs.body.jobs[0]!.jobId}/queued`,
      {
        auth: w2,
      },
    );
    expect(queued.status).toBe(200);
    await expect
      .poll(() => copy.getAttribute('data-copy-state'), { timeout: 10_000 })
      .toBe('printed');
    expect(await copy.textContent()).toMatch(/^Printed at Window 2 at /);
  });

  it('cancels a performance in the back office: a till that pulls sees it cancelled', async () => {
    await bo.language('English');
    await bo.section('Catalog');
    const row = page.locator(`tr[data-performance="${FUTURE}"]`);
    await row.getByRole('button', { name: 'Cancel…' }).click();
    await page.getByLabel('Reason (kept in the audit trail)').fill('Lead actor ill');
    await page.getByRole('button', { name: 'Cancel the performance' }).click();
    await expect
      .poll(() => page.getByText(/cancelled\. Published as catalog version 2/).count())
      .toBe(1);
    const till = await server.enrol('podil-stage', 'Window 3');
    const pulled = await server.request<{
      catalog: { performances: { id: string; status: string }[] };
    }>('GET', '/api/sync/catalog?after=1', { auth: `Bearer ${till.token}` });
    expect(pulled.body.catalog.performances.find((p) => p.id === FUTURE)?.status).toBe('cancelled');
    // Only that one changed: the fixtures' already cancelled performance stays as it was.
    const cancelledBefore = CATALOG_INPUT.performances
      .filter((p) => p.status === 'cancelled')
      .map((p) => p.id);
    expect(
      pulled.body.catalog.performances.filter((p) => p.status === 'cancelled').map((p) => p.id),
    ).toEqual([...cancelledBefore, FUTURE]);
    // …and the audit trail names who and why.
    await bo.section('Audit');
    await expect.poll(() => page.getByText('Lead actor ill').count()).toBeGreaterThan(0);
  });

  it("the refunds page's figures equal the day report's (the range holds only that day's sales)", async () => {
    await bo.language('English');
    await bo.section('Refunds');
    const money = (m: { amount: number; currency: string }) =>
      formatMoney('en', m as { amount: number; currency: 'UAH' });
    await expect
      .poll(() => bo.figure('refunds').textContent())
      .toBe(money(report.totals.refunds.total));
    expect(await bo.figure('sales').textContent()).toBe(money(report.totals.sales.gross));
    // The chart's own table (what a screen reader gets) holds the same refunded amount.
    const tables = await page.locator('table').allTextContents();
    expect(tables.join(' ')).toContain(money(report.totals.refunds.total));
    // Every payout method's name is true: an online card refund is not a terminal's.
    expect(tables.join(' ')).toContain('Card (refunded online by the payment provider)');
    // The windows' table says what it leaves out.
    expect(await page.getByText(/belong to no window and are not in this table/).count()).toBe(1);

    // In Ukrainian and Chinese the per-day table's dates each stay on one line (they wrapped
    // onto 2–4 lines of a narrow column).
    for (const language of ['Українська', '中文']) {
      await bo.language(language);
      const trend = page.locator('section[aria-labelledby="refunds-trend"]');
      await trend.locator('details summary').click();
      const day = trend.locator('tbody th').first();
      await day.waitFor();
      // The lines the text is laid out on: one rectangle top per line.
      const lines = await day.evaluate((th) => {
        const range = document.createRange();
        range.selectNodeContents(th);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      });
      expect(lines, `${language}: "${await day.textContent()}"`).toBe(1);
      await screenshot(`refunds-page-${language === '中文' ? 'zh' : 'uk'}`);
      await trend.locator('details summary').click();
    }
    await bo.language('English');
  });

  it('changes a refund policy: the preview answers for the draft, a till pulls what was published', async () => {
    await bo.language('English');
    await bo.section('Refund policy');
    await page.getByLabel(/^Policy/).selectOption('std');
    await page.getByRole('button', { name: 'Change this policy…' }).click();
    await page.getByLabel(/^Ticket/).selectOption('hamlet-balcony');
    await expect
      .poll(() => page.locator('[data-figure="refund"]').textContent())
      .toMatch(/^Refund /);
    await page.getByRole('checkbox', { name: 'Cash', exact: true }).uncheck();
    await page.getByRole('checkbox', { name: /Balcony/ }).check();
    // The preview is the tills' own decision on the draft: the balcony gets nothing back now.
    await expect
      .poll(() => page.locator('[data-figure="refund"]').textContent())
      .toMatch(/^No refund of the /);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await seriousFindings()).toEqual([]);
    await screenshot('refund-policy-editor-en');
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    // Published: the page reads the catalog again and shows the new version's rules.
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/version/);
    await expect
      .poll(() => page.getByText(/^Paid back: /).textContent())
      .toBe('Paid back: As paid (the original payments) · credit voucher (+10%).');
    // The two summary lines are re-read from the new catalog one after the other: wait for both.
    await expect
      .poll(() => page.getByText(/^Not refundable: /).textContent())
      .toMatch(/Balcony\.$/);

    const till = await server.enrol('podil-stage', 'Window 4');
    const pulled = await server.request<{
      catalog: {
        refundPolicies: {
          id: string;
          nonRefundableTierIds: string[];
          methods: { cash: { allowed: boolean } };
        }[];
      };
    }>('GET', '/api/sync/catalog?after=-1', { auth: `Bearer ${till.token}` });
    const std = pulled.body.catalog.refundPolicies.find((p) => p.id === 'std')!;
    // The fixture's promo tier was non-refundable already; the balcony joins it.
    expect(std.nonRefundableTierIds).toEqual(['hamlet-promo', 'hamlet-balcony']);
    expect(std.methods.cash.allowed).toBe(false);
  });

  it("gives a tier refund windows of its own: a till that pulls has the tier's override", async () => {
    await bo.language('English');
    await bo.section('Refund policy');
    await page.getByLabel(/^Policy/).selectOption('std');
    await page.getByRole('button', { name: 'Change this policy…' }).click();
    await page.getByLabel('Give a tier its own windows').selectOption({ label: 'Hamlet · Stalls' });
    await page.getByRole('button', { name: 'Add its windows' }).click();
    const own = page.locator('[data-override="hamlet-stalls"]');
    // Its last window (the latest refund before the show) moved to 1 hour before.
    await own.getByLabel('Until this many hours before the show').last().fill('1');
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await seriousFindings()).toEqual([]);
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/version/);

    const till = await server.enrol('podil-stage', 'Window 10');
    const pulled = await server.request<{
      catalog: {
        refundPolicies: {
          id: string;
          tierOverrides: { tierId: string; windows?: { minHoursBefore: number }[] }[];
        }[];
      };
    }>('GET', '/api/sync/catalog?after=-1', { auth: `Bearer ${till.token}` });
    const std = pulled.body.catalog.refundPolicies.find((p) => p.id === 'std')!;
    const stalls = std.tierOverrides.find((o) => o.tierId === 'hamlet-stalls');
    expect(stalls?.windows?.at(-1)?.minHoursBefore).toBe(1);
  });

  it("changes a tier's price in the catalog: a till that pulls sells at it", async () => {
    await bo.language('English');
    await bo.section('Catalog');
    const row = page.locator('tr[data-tier="hamlet-stalls"]');
    await row.getByRole('button', { name: 'Change…' }).click();
    await page.getByLabel('Price (UAH)').fill('450');
    expect(await seriousFindings()).toEqual([]);
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect
      .poll(() => page.getByText(/^Stalls changed\. Published as catalog version \d+\.$/).count())
      .toBe(1);
    await expect.poll(() => row.locator('td').first().textContent()).toBe('₴450.00');
    const till = await server.enrol('podil-stage', 'Window 5');
    const pulled = await server.request<{
      catalog: { tiers: { id: string; price: { amount: number } }[] };
    }>('GET', '/api/sync/catalog?after=-1', { auth: `Bearer ${till.token}` });
    expect(pulled.body.catalog.tiers.find((t) => t.id === 'hamlet-stalls')!.price.amount).toBe(
      45_000,
    );
  });

  it("limits a performance's tickets per customer: a till that pulls has the limit", async () => {
    await bo.language('English');
    await bo.section('Catalog');
    const row = page.locator('tr[data-performance="hamlet-0501"]');
    await row.getByRole('button', { name: 'Limit…' }).click();
    await page.getByLabel(/^Most tickets one customer may hold/).fill('3');
    expect(await seriousFindings()).toEqual([]);
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect.poll(() => row.getByText('At most 3 a customer').count()).toBe(1);
    const till = await server.enrol('podil-stage', 'Window 6');
    const pulled = await server.request<{
      catalog: { performances: { id: string; perCustomerLimit?: number }[] };
    }>('GET', '/api/sync/catalog?after=-1', { auth: `Bearer ${till.token}` });
    expect(
      pulled.body.catalog.performances.find((p) => p.id === 'hamlet-0501')!.perCustomerLimit,
    ).toBe(3);
  });
  it('imports a seating plan from a sheet and adds a performance on it: a till that pulls has both', async () => {
    await bo.language('English');
    await bo.section('Catalog');
    await page.getByRole('button', { name: 'Import a seating plan…' }).click();
    const sheet = [
      'section,row,seat,category',
      'Stalls,A,1,Stalls',
      'Stalls,A,2,Stalls',
      'Stalls,B,1,Stalls',
    ];
    await page.getByLabel('File (.csv or .json)').setInputFiles({
      name: 'small-hall.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(sheet.join('\r\n')),
    });
    await page.getByLabel('Plan name').fill('Small hall');
    await page.getByLabel(/^Plan id/).fill('small-hall');
    expect(await seriousFindings()).toEqual([]);
    await page.getByRole('button', { name: 'Import the plan' }).click();
    await expect.poll(() => page.getByText(/^Small hall imported: 3 seats\./).count()).toBe(1);
    await expect
      .poll(() => page.locator('tr[data-plan="small-hall"]').textContent())
      .toContain('3 seats in 1 section');

    const hamlet = page.locator('section', { has: page.getByRole('heading', { name: 'Hamlet' }) });
    await hamlet.getByRole('button', { name: 'Add a performance…' }).click();
    await page.getByLabel(/^Starts at/).fill('2027-06-01T19:00');
    await page
      .getByRole('combobox', { name: /^Seating plan/ })
      .selectOption({ label: 'Small hall' });
    expect(await seriousFindings()).toEqual([]);
    await page.getByRole('button', { name: 'Add the performance' }).click();
    await expect
      .poll(() => page.getByText(/^Hamlet on .+ added; every window sells it/).count())
      .toBe(1);

    const till = await server.enrol('podil-stage', 'Window 7');
    const pulled = await server.request<{
      catalog: {
        performances: { eventId: string; startsAt: string; seatingPlanId?: string }[];
        seatingPlans: { id: string }[];
      };
    }>('GET', '/api/sync/catalog?after=-1', { auth: `Bearer ${till.token}` });
    expect(pulled.body.catalog.seatingPlans.map((p) => p.id)).toContain('small-hall');
    const added = pulled.body.catalog.performances.find((p) => p.seatingPlanId === 'small-hall');
    // 19:00 in Kyiv on 1 June (summer time, UTC+3).
    expect(added && Date.parse(added.startsAt)).toBe(Date.parse('2027-06-01T16:00:00Z'));
    expect(added?.eventId).toBe('hamlet');
  });
  it('adds an event and its standing tier, then a performance of it: a till that pulls sells it', async () => {
    await bo.language('English');
    await bo.section('Catalog');
    await page.getByRole('button', { name: 'Add an event…' }).click();
    await page.getByLabel(/^Event name/).fill('Winter Gala');
    expect(await seriousFindings()).toEqual([]);
    await page.getByRole('button', { name: 'Add the event' }).click();
    await expect.poll(() => page.getByText(/^Winter Gala added\./).count()).toBe(1);

    const gala = page.locator('section', {
      has: page.getByRole('heading', { name: 'Winter Gala' }),
    });
    await gala.getByRole('button', { name: 'Add a tier…' }).click();
    await gala.getByLabel(/^Name/).fill('Standing');
    await gala.getByRole('radio', { name: 'standing' }).check();
    await gala.getByLabel(/^Price/).fill('300');
    await gala.getByLabel(/^Booking fee/).fill('10');
    expect(await seriousFindings()).toEqual([]);
    await gala.getByRole('button', { name: 'Add the tier' }).click();
    await expect
      .poll(() =>
        page
          .getByText(/^Standing added to Winter Gala\. Published as catalog version \d+\.$/)
          .count(),
      )
      .toBe(1);

    await gala.getByRole('button', { name: 'Add a performance…' }).click();
    await gala.getByLabel(/^Starts at/).fill('2027-01-15T19:30');
    await gala.getByLabel(/^Standing places/).fill('120');
    await gala.getByRole('button', { name: 'Add the performance' }).click();
    await expect
      .poll(() => page.getByText(/^Winter Gala on .+ added; every window sells it/).count())
      .toBe(1);

    const till = await server.enrol('podil-stage', 'Window 8');
    const pulled = await server.request<{
      catalog: {
        events: { id: string; name: string }[];
        tiers: {
          eventId: string;
          kind: string;
          price: { amount: number };
          bookingFee?: { amount: number };
        }[];
        performances: { eventId: string; gaCapacity?: number }[];
      };
    }>('GET', '/api/sync/catalog?after=-1', { auth: `Bearer ${till.token}` });
    const event = pulled.body.catalog.events.find((e) => e.name === 'Winter Gala')!;
    expect(pulled.body.catalog.tiers.filter((t) => t.eventId === event.id)).toMatchObject([
      { kind: 'ga', price: { amount: 30_000 }, bookingFee: { amount: 1_000 } },
    ]);
    expect(pulled.body.catalog.performances.filter((p) => p.eventId === event.id)).toMatchObject([
      { gaCapacity: 120 },
    ]);
  });
  it('adds a promo code and removes a price rule: a till that pulls has the change', async () => {
    await bo.language('English');
    await bo.section('Catalog');
    await page.getByRole('button', { name: 'Add a price rule…' }).click();
    await page.getByLabel(/^Name \(on receipts\)/).fill('Friends −15 %');
    await page.getByLabel('How much').fill('15');
    await page.getByLabel(/^Promo code/).fill('FRIENDS15');
    await page.getByRole('checkbox', { name: 'Hamlet · Stalls' }).check();
    expect(await seriousFindings()).toEqual([]);
    await page.getByRole('button', { name: 'Add the rule' }).click();
    await expect
      .poll(() =>
        page.getByText(/^Friends −15 % added\. Published as catalog version \d+\.$/).count(),
      )
      .toBe(1);
    const row = page.locator('tr[data-rule="friends-15"]');
    await expect.poll(() => row.textContent()).toContain('15 % off');
    await expect.poll(() => row.textContent()).toContain('with the code FRIENDS15');

    const student = page.locator('tr[data-rule="student"]');
    await student.getByRole('button', { name: 'Remove…' }).click();
    await student.getByRole('button', { name: 'Remove Student' }).click();
    await expect.poll(() => page.locator('tr[data-rule="student"]').count()).toBe(0);

    const till = await server.enrol('podil-stage', 'Window 9');
    const pulled = await server.request<{
      catalog: { priceRules: { id: string; code?: string; tierIds?: string[] }[] };
    }>('GET', '/api/sync/catalog?after=-1', { auth: `Bearer ${till.token}` });
    const ids = pulled.body.catalog.priceRules.map((r) => r.id);
    expect(ids).not.toContain('student');
    expect(pulled.body.catalog.priceRules.find((r) => r.id === 'friends-15')).toMatchObject({
      code: 'FRIENDS15',
      tierIds: ['hamlet-stalls'],
    });
  });
  it('finds a customer by e-mail, reads the record, and erases it after the contact is typed again', async () => {
    const [order] = await server.db.query<{ order_id: string }>(
      `SELECT order_id FROM orders WHERE venue_id = 'podil-stage' ORDER BY order_id LIMIT 1`,
    );
    const window1 = tills.get('Window 1')!;
    const attached = await server.request('PUT', '/api/terminal/order-contacts', {
      auth: `Bearer ${window1.token}`,
      body: { orderId: order!.order_id, email: 'oksana.petrenko@example.org', locale: 'uk' },
    });
    expect(attached.status).toBe(204);
    await page.goto(`${server.url}/manage/#/customers`);
    await bo.language('English');
    await page.getByLabel('Find a customer').fill('Oksana.Petrenko@example.org');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'oksana.petrenko@example.org' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 2 }).first().textContent())
      .toBe('oksana.petrenko@example.org');
    await expect.poll(() => page.getByRole('cell', { name: order!.order_id }).count()).toBe(1);
    expect(await seriousFindings()).toEqual([]);
    const erase = page.getByRole('button', { name: 'Erase for good' });
    expect(await erase.isDisabled()).toBe(true);
    await page.getByLabel(/^To confirm, type/).fill('oksana.petrenko@example.org');
    await erase.click();
    await expect
      .poll(() =>
        page
          .getByText("The customer's personal data was erased (recorded in the audit trail).")
          .count(),
      )
      .toBe(1);
    await expect
      .poll(() => page.getByRole('heading', { level: 2 }).first().textContent())
      .toBe('Erased customer');
    const left = await server.db.query(
      `SELECT 1 FROM order_contacts WHERE email = 'oksana.petrenko@example.org'`,
    );
    expect(left).toEqual([]);
  });
});
