import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bridgeCloseCodes } from '../../shared/ipc/bridge-protocol';
import { ISSUED_TERMINAL_ID } from '../../shared/ipc/terminal-config';
import { startBridge } from '../../src-main/bridge/bridge-server';
import { BridgeBindError } from '../../src-main/bridge/loopback';
import { silentLogger } from '../../src-main/services/logger';
import { rawBridgeSocket } from '../support/bridge-client';
import { startBoxOfficeStack, type BoxOfficeStack } from '../support/box-office-stack';
import { launchChromium } from '../support/chromium';
import { callInPage as callPageContract } from '../support/page-contract';

// The renderer in real Chromium, reaching main's services through the device bridge.

let stack: BoxOfficeStack;
let profileDir: string;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  stack = await startBoxOfficeStack({ version: '7.7.7-e2e', terminalId: null });
  profileDir = await mkdtemp(join(tmpdir(), 'box-chromium-'));
  context = await launchChromium(profileDir);
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  await page.goto(stack.pageUrl);
});

afterAll(async () => {
  await context?.close();
  await stack?.close();
  if (profileDir) await rm(profileDir, { recursive: true, force: true });
});

function callInPage(method: string, args: unknown): Promise<unknown> {
  return callPageContract(page, method, args);
}

describe('renderer ↔ device bridge in Chromium', () => {
  it('shows app.info fetched through the bridge', async () => {
    const version = page.getByRole('status', { name: 'App version' });
    await version.getByText(/Version 7\.7\.7-e2e/).waitFor({ timeout: 15_000 });
    expect(await version.textContent()).toBe(
      `Version 7.7.7-e2e · ${process.platform} · transport bridge`,
    );
  });

  it('shows the printer status from the bridge in the status bar', async () => {
    // What the cashier app's status bar says (en) for each state printer.status can report.
    const shown: Record<string, string> = {
      ready: 'Printer ready',
      offline: 'Printer offline',
      paper_out: 'Printer: paper out',
      cover_open: 'Printer: cover open',
      unconfigured: 'No printer set up',
      error: 'Printer error',
    };
    const printer = page.getByRole('status', { name: 'Printer status' });
    await printer.getByText(/^(?!Printer: checking)/).waitFor({ timeout: 15_000 });
    const direct = (await callInPage('printer.status', {})) as {
      ok: boolean;
      value?: { state: string };
      error?: { code: string; message: string };
    };
    expect(direct.ok).toBe(true);
    expect(await printer.textContent()).toBe(shown[direct.value?.state ?? '']);
  });

  it('removed the secret from the address bar and broke no CSP rule', () => {
    expect(page.url()).toBe(`${stack.rendererOrigin}/`);
    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
  });

  it('returns invalid_argument for bad arguments through the bridge', async () => {
    const res = await callInPage('config.set', { locale: 42, dataDir: '/etc' });
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
  });

  it('round-trips config.set and config.get from the page, which cannot change the terminal id', async () => {
    const before = (await callInPage('config.get', {})) as { value?: { terminalId?: string } };
    const terminalId = before.value?.terminalId ?? '';
    // This stack is not provisioned: main generated the id on its first start.
    expect(terminalId).toMatch(ISSUED_TERMINAL_ID);
    expect(terminalId).toBe(stack.terminalId);
    expect(await callInPage('config.set', { locale: 'uk-UA' })).toMatchObject({
      ok: true,
      value: { terminalId, locale: 'uk-UA' },
    });
    expect(await callInPage('config.set', { terminalId: 'WINDOW-3' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument' },
    });
    expect(await callInPage('config.get', {})).toMatchObject({
      ok: true,
      value: { terminalId, locale: 'uk-UA' },
    });
  });

  it('refuses a page WebSocket that does not present the secret', async () => {
    const code = await page.evaluate(() => {
      const params = JSON.parse(sessionStorage.getItem('box-office.bridge') ?? 'null') as {
        url: string;
      };
      const ws = new WebSocket(params.url);
      return new Promise<number>((resolve) => {
        ws.onopen = () => ws.send(JSON.stringify({ id: 1, method: 'app.info', args: {} }));
        ws.onclose = (e) => resolve(e.code);
      });
    });
    expect(code).toBe(bridgeCloseCodes.unauthorized);
  });

  it('refuses a Node WebSocket without the secret', async () => {
    const s = rawBridgeSocket(stack.bridge.url, stack.rendererOrigin);
    await s.opened;
    s.ws.send(JSON.stringify({ auth: 'not-the-secret' }));
    expect((await s.closed).code).toBe(bridgeCloseCodes.unauthorized);
  });

  it('refuses startBridge on 0.0.0.0', async () => {
    await expect(
      startBridge({
        host: '0.0.0.0',
        dispatch: stack.services.dispatch,
        events: stack.services.events,
        allowedOrigins: [stack.rendererOrigin],
        logger: silentLogger,
      }),
    ).rejects.toThrow(BridgeBindError);
  });
});
