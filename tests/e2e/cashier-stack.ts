import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { startBridgeHost, type BridgeHost } from '../../src-main/bridge/bridge-host';
import { consoleLogger, silentLogger } from '../../src-main/services/logger';
import type { SyncLaunchOptions } from '../../src-main/sync/enrol-at-start';
import {
  provisionTerminalIdentity,
  provisionUnreachablePrinter,
} from '../support/box-office-stack';
import { launchChromium } from '../support/chromium';
import {
  startTerminalSimulator,
  type TerminalSimulator,
} from '../../src-main/payment/terminal-simulator';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export type CashierStack = BridgeHost & {
  readonly workDir: string;
  /** the loopback card terminal, when the stack was asked for one (`payment`) */
  readonly paymentSimulator: TerminalSimulator | undefined;
};

/** The production renderer bundle with the cashier app, behind the device bridge on 127.0.0.1:0. */
export async function startCashierStack(
  options: {
    readonly demo?: boolean;
    /** The central server and an enrolment code (the sync e2e); none: a till on its own. */
    readonly sync?: SyncLaunchOptions;
    /** main launches the window as a self-service kiosk (app.info kiosk: true) */
    readonly kiosk?: boolean;
    /** a card terminal simulator on loopback (kiosk tests); the window shortened if asked */
    readonly payment?: { readonly windowMs?: number; readonly customerDelayMs?: number };
  } = {},
): Promise<CashierStack> {
  const workDir = await mkdtemp(join(tmpdir(), 'cashier-stack-'));
  const rendererDir = join(workDir, 'renderer');
  const { build } = await import('vite');
  await build({
    configFile: join(repoRoot, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: rendererDir, emptyOutDir: true, sourcemap: false },
  });
  // The cashier tests read receipt numbers as T1-000001 …: the data dir is provisioned with
  // that identity, as enrolment would (main never defaults to one).
  const dataDir = join(workDir, 'data');
  await provisionTerminalIdentity(dataDir, 'T1');
  await provisionUnreachablePrinter(dataDir);
  const paymentSimulator = options.payment
    ? await startTerminalSimulator({
        port: 0,
        customerDelayMs: options.payment.customerDelayMs ?? 50,
      })
    : undefined;
  const host = await startBridgeHost({
    dataDir,
    version: '0.0.0-e2e',
    rendererDir,
    // E2E_LOG=1 shows main's log (drawer openings, refusals) when a test needs explaining.
    logger: process.env['E2E_LOG'] ? consoleLogger : silentLogger,
    // The cashier tests sign in with the demo staff: a demo till, as `npm start` is, unless
    // a test asks for a till set up for a venue.
    demo: options.demo ?? true,
    ...(options.kiosk ? { kiosk: true } : {}),
    ...(options.sync ? { sync: options.sync } : {}),
    ...(paymentSimulator
      ? {
          payment: {
            terminal: paymentSimulator.address,
            ...(options.payment?.windowMs ? { windowMs: options.payment.windowMs } : {}),
            checkEveryMs: 250,
          },
        }
      : {}),
  });
  return {
    // A getter, not a copy: each read is a fresh one-time launch code.
    get pageUrl() {
      return host.pageUrl;
    },
    rendererOrigin: host.rendererOrigin,
    bridge: host.bridge,
    services: host.services,
    workDir,
    paymentSimulator,
    async close() {
      await host.close();
      await paymentSimulator?.close();
      await rm(workDir, { recursive: true, force: true });
    },
  };
}

export interface CashierApp {
  readonly stack: CashierStack;
  readonly context: BrowserContext;
  /** A blank 1280×800 page: the test goes to `stack.pageUrl` when it is ready. */
  readonly page: Page;
  close(): Promise<void>;
}

/** The cashier stack and a Chromium with its own persistent profile, as a test file's rig. */
export async function openCashierApp(
  name: string,
  options: Pick<NonNullable<Parameters<typeof startCashierStack>[0]>, 'demo' | 'payment'> = {},
): Promise<CashierApp> {
  const stack = await startCashierStack(options);
  const profile = await mkdtemp(join(tmpdir(), `${name}-profile-`));
  const context = await launchChromium(profile);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  return {
    stack,
    context,
    page,
    async close() {
      await context.close();
      await stack.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
