import AxeBuilder from '@axe-core/playwright';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { TerminalSimulator } from '../../src-main/payment/terminal-simulator';
import { startVirtualPrinter, type VirtualPrinter } from '../../src-main/devices/virtual-printer';
import { launchChromium } from '../support/chromium';
import { parseTicketCode } from '../../shared/tickets/ticket-code';
import { decodeEscPos, type DecodedJob } from '../support/escpos-decoder';
import { configureAsManager, printerConfig } from '../support/printer-harness';
import { startCashierStack, type CashierStack } from './cashier-stack';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A self-service kiosk as a venue runs it: main launched as a kiosk (app.info kiosk), its
 * printer a virtual ESC/POS printer on loopback TCP, its card terminal main's loopback
 * simulator, the page in Chromium with a persistent profile. Nothing is faked.
 */
export interface KioskRig {
  readonly stack: CashierStack;
  readonly vp: VirtualPrinter;
  readonly terminal: TerminalSimulator;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly kiosk: KioskPage;
  close(): Promise<void>;
}

export async function startKioskRig(
  name: string,
  viewport: { readonly width: number; readonly height: number },
): Promise<KioskRig> {
  const stack = await startCashierStack({ kiosk: true, payment: { customerDelayMs: 300 } });
  const root = await mkdtemp(join(tmpdir(), `${name}-`));
  const vp = await startVirtualPrinter({ port: 0, jobsDir: join(root, 'jobs') });
  const configured = await configureAsManager(stack.services.dispatch, printerConfig(vp.port));
  // No vitest here: the kiosk bench (tests/bench/kiosk.bench.ts) starts this rig too.
  if (!configured.ok) throw new Error(`printer not configured: ${JSON.stringify(configured)}`);
  const context = await launchChromium(join(root, 'profile'));
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const terminal = stack.paymentSimulator;
  if (terminal === undefined) throw new Error('the kiosk stack has no card terminal');
  return {
    stack,
    vp,
    terminal,
    context,
    page,
    kiosk: new KioskPage(page),
    async close() {
      await context.close();
      await stack.close();
      await vp.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** The page URL with kiosk timings (`?kioskIdleMs=…`) before the bridge fragment. */
export function withTimings(pageUrl: string, timings: Readonly<Record<string, number>>): string {
  const hash = pageUrl.indexOf('#');
  const search = new URLSearchParams(
    Object.entries(timings).map(([k, v]) => [k, String(v)]),
  ).toString();
  return `${pageUrl.slice(0, hash)}?${search}${pageUrl.slice(hash)}`;
}

/** Receipt jobs the printer has printed so far. */
export async function printedJobs(vp: VirtualPrinter): Promise<DecodedJob[]> {
  return (await vp.jobs()).map(decodeEscPos).filter((j) => j.cuts > 0);
}

/** Polls until `check` holds (no vitest here: the bench starts this rig too). */
async function until(check: () => Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Buys `count` standing places of a tier of the nth Dnipro Lights performance by card at the
 * kiosk (0: tonight, inside 24 h; 1: in three days), from the attract screen back to it, and
 * returns the ticket codes from the printed QR symbols and the printed lines.
 */
export async function buyGa(
  rig: KioskRig,
  nth: number,
  tier: string,
  count: number,
): Promise<{ readonly codes: string[]; readonly printed: string[] }> {
  const { kiosk, vp } = rig;
  const jobs = (await printedJobs(vp)).length;
  await kiosk.buy();
  await kiosk.tap(kiosk.button(/^Dnipro Lights/).nth(nth));
  await kiosk.heading('How many tickets?').waitFor();
  await kiosk.more(tier, count);
  await until(() => kiosk.payButton().isEnabled(), 'the pay button');
  await kiosk.tap(kiosk.payButton());
  await kiosk.heading(/Thank you/).waitFor({ timeout: 30_000 });
  await until(async () => (await printedJobs(vp)).length > jobs, 'the tickets to print');
  await kiosk.tap(kiosk.button('Done'));
  await kiosk.heading('Tickets here').waitFor();
  const printed = (await printedJobs(vp)).slice(jobs).flatMap((j) => j.lines);
  const codes = printed
    .flatMap((l) => /^\[QR (.+)\]$/.exec(l.trim())?.[1] ?? [])
    .filter((c) => parseTicketCode(c).ok);
  if (codes.length !== count) throw new Error(`printed ${codes.length} ticket codes, not ${count}`);
  return { codes, printed };
}

export function ticketIdOf(code: string): string {
  const parsed = parseTicketCode(code);
  if (!parsed.ok) throw new Error('not a ticket code');
  return parsed.value.payload.ticketId;
}

export interface StoredEntry {
  readonly seq: number;
  readonly type: string;
  readonly payload: Record<string, unknown>;
}

/** The page's journal and one ticket's stored status, read from its IndexedDB. */
export async function kioskStore(page: Page, ticketId: string) {
  return page.evaluate(async (id) => {
    const open = indexedDB.open('box-office');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(new Error(String(open.error)));
    });
    const read = <T>(table: string, key?: string) =>
      new Promise<T>((resolve) => {
        const s = db.transaction(table, 'readonly').objectStore(table);
        const r = key === undefined ? s.getAll() : s.get(key);
        r.onsuccess = () => resolve(r.result as T);
      });
    const journal = await read<StoredEntry[]>('journal');
    const ticket = await read<{ status?: string } | undefined>('tickets', id);
    db.close();
    return { journal, ticketStatus: ticket?.status ?? null };
  }, ticketId);
}

/** Controls on the kiosk screen smaller than 44 × 44 CSS px (WCAG 2.5.5), one line each. */
export async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.kiosk-screen button, .kiosk-screen input')]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width < 44 || r.height < 44;
      })
      .map(
        (e) => `${e.tagName} ${e.textContent ?? ''} ${String(e.getBoundingClientRect().height)}`,
      ),
  );
}

/** Serious and critical axe-core findings on the page as it stands, one line each. */
export async function seriousFindings(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target).join(' | ')}`);
}

/** UPDATE_SCREENSHOTS=1 writes docs/screenshots/kiosk-<name>.png for the README. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  await page.screenshot({ path: join(repoRoot, 'docs', 'screenshots', `kiosk-${name}.png`) });
}

/**
 * The kiosk screens by what a customer sees and touches. Every touch goes through `tap`, so a
 * test (and the `kiosk_buy_2_ga_taps` bench) can count them.
 */
export class KioskPage {
  taps = 0;
  constructor(readonly page: Page) {}

  async tap(target: Locator): Promise<void> {
    await target.click();
    this.taps += 1;
  }

  heading(name: string | RegExp): Locator {
    return this.page.getByRole('heading', { level: 1, name });
  }

  button(name: string | RegExp): Locator {
    return this.page.getByRole('button', { name });
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.heading('Tickets here').waitFor({ timeout: 90_000 });
  }

  async buy(): Promise<void> {
    await this.tap(this.button('Buy tickets'));
    await this.heading('Choose a performance').waitFor();
  }

  async pickPerformance(name: RegExp): Promise<void> {
    await this.tap(this.button(name).first());
    await this.heading('How many tickets?').waitFor();
  }

  async more(tier: string, times: number): Promise<void> {
    for (let i = 0; i < times; i++) await this.tap(this.button(`One ticket more: ${tier}`));
  }

  /** The pay button, once the total for the chosen quantity is shown on it. */
  payButton(): Locator {
    return this.button(/^Pay .* by card$/);
  }

  status(): Locator {
    return this.page.getByRole('status');
  }
}
