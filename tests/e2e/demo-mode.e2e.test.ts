import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { startCashierStack, type CashierStack } from './cashier-stack';
import { readStore } from './page-models/till-store';

// Demo is main's launch option. A demo till (what `npm start` runs) says DEMO in the status
// bar and shows the demo PINs at sign-in; a till launched for a venue seeds nothing, shows no
// PIN and says in plain words that it has no venue yet. Chromium with a persistent profile.

let stack: CashierStack | undefined;
let profile: string | undefined;
let context: BrowserContext | undefined;

afterEach(async () => {
  await context?.close();
  await stack?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
  context = undefined;
  stack = undefined;
  profile = undefined;
});

async function open(demo: boolean): Promise<Page> {
  stack = await startCashierStack({ demo });
  profile = await mkdtemp(join(tmpdir(), 'demo-mode-profile-'));
  context = await launchChromium(profile);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(stack.pageUrl);
  return page;
}

describe('demo is explicit', () => {
  it('a demo till: DEMO badge in the status bar and the demo PINs at sign-in', async () => {
    const page = await open(true);
    const badge = page.getByRole('status', { name: 'Demo till' });
    await badge.waitFor({ timeout: 15_000 });
    expect(await badge.textContent()).toMatch(/^DEMO/);
    expect(await page.locator('body').textContent()).toContain('Demo PINs: Olena 1111');
  }, 120_000);

  it('a venue till: no demo data, no PINs, "no venue yet" in plain words', async () => {
    const page = await open(false);
    await expect
      .poll(() => page.locator('body').textContent(), { timeout: 15_000 })
      .toMatch(/This till has no venue yet/);
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).not.toMatch(/1111|Demo PINs|DEMO/);
    expect(await readStore(page, 'staff')).toEqual([]);
    expect(await readStore(page, 'events')).toEqual([]);
  }, 120_000);
});
