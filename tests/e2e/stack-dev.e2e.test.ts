import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawBridgeSocket } from '../support/bridge-client';
import { startBoxOfficeStack, type BoxOfficeStack } from '../support/box-office-stack';
import { launchChromium } from '../support/chromium';

// The shared test stack with the vite dev server renderer (the mode other e2e tests may pick).

let stack: BoxOfficeStack;
let profileDir: string;
let context: BrowserContext;

beforeAll(async () => {
  stack = await startBoxOfficeStack({ renderer: 'dev', version: '3.2.1-dev' });
  profileDir = await mkdtemp(join(tmpdir(), 'box-chromium-dev-'));
  context = await launchChromium(profileDir);
});

afterAll(async () => {
  await context?.close();
  await stack?.close();
  if (profileDir) await rm(profileDir, { recursive: true, force: true });
});

describe('test stack, dev renderer', () => {
  it('serves the page from vite and reaches the bridge', async () => {
    const page = await context.newPage();
    await page.goto(stack.pageUrl);
    const version = page.getByRole('status', { name: 'App version' });
    await version.getByText(/Version 3\.2\.1-dev/).waitFor({ timeout: 30_000 });
    expect(await version.textContent()).toContain('transport bridge');
  });

  it('allows only the dev server origin on the bridge', async () => {
    expect(stack.pageUrl.startsWith(`${stack.rendererOrigin}/#bridge=`)).toBe(true);
    expect(await rawBridgeSocket(stack.bridge.url, 'http://127.0.0.1:1').refused).toBe(403);
  });
});
