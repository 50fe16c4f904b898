import { readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskModeChange } from '../../src-main/kiosk/kiosk-mode';
import { KIOSK_MODE_LOG } from '../../src-main/kiosk/kiosk-mode';
import { launchChromium } from '../support/chromium';
import { startSyncTestServer, type SyncTestServer } from '../support/sync-server';
import { startCashierStack, type CashierStack } from './cashier-stack';
import { CashierPage } from './page-models/cashier-page';
import { ShiftPage } from './page-models/shift-page';

// Issue 15 item 1 (issue 13 item 8's till side): the back office's kiosk switch acts on an
// online till without a restart. The real central server (PGlite) and a till enrolled at it,
// the page in Chromium with a persistent profile, main's card terminal simulator on loopback.
// Switched on while Olena's shift is open, the till keeps the cashier screens and says why;
// once she closes the shift it becomes the kiosk; switched off, it returns to the sign-in.
// Main records each change under the terminal id.

let server: SyncTestServer;
let stack: CashierStack;
let context: BrowserContext;
let page: Page;
let root: string;
let terminalId = '';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kiosk-switch-'));
  server = await startSyncTestServer();
  stack = await startCashierStack({
    sync: { server: server.url, enrol: await server.enrolment() },
    payment: { customerDelayMs: 300 },
  });
  const status = await stack.services.dispatch(
    'sync.status',
    {},
    { transport: 'bridge', caller: 'e2e' },
  );
  if (!status.ok) throw new Error(status.error.message);
  terminalId = (status.value as { terminalId: string }).terminalId;
  context = await launchChromium(join(root, 'profile'));
  page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
}, 180_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await stack?.close();
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

/** The manager flips the till's kiosk switch in the back office (its HTTP API). */
async function flip(kiosk: boolean): Promise<{ kiosk: boolean; openShift: unknown }> {
  const res = await fetch(
    `${server.url}/api/venues/${server.venueId}/terminals/${terminalId}/kiosk`,
    {
      method: 'PUT',
      headers: { authorization: server.managerAuth, 'content-type': 'application/json' },
      body: JSON.stringify({ kiosk }),
    },
  );
  expect(res.status).toBe(200);
  return (await res.json()) as { kiosk: boolean; openShift: unknown };
}

const kioskApp = () => page.getByRole('main', { name: 'Self-service tickets' });

describe('the back office’s kiosk switch on an online till', () => {
  it('on → kiosk once the open shift is closed; off → the cashier sign-in', async () => {
    const cashier = new CashierPage(page);
    await page.goto(stack.pageUrl);
    await cashier.startDay('500');
    await cashier.status('Server connection').getByText('Online').waitFor({ timeout: 30_000 });
    await cashier.status('Sync queue').getByText('All synced').waitFor({ timeout: 30_000 });

    // On while Olena's shift is open: the back office is told, the till says why and waits.
    const on = await flip(true);
    expect(on.openShift).toMatchObject({ shiftId: expect.any(String) });
    await page
      .getByText(/^The back office has made this till a self-service kiosk/)
      .waitFor({ timeout: 20_000 });
    expect(await kioskApp().count()).toBe(0);

    // She closes her shift; the till turns into the kiosk by itself.
    const shift = new ShiftPage(page);
    await cashier.go('F9');
    await shift.fillClose('500', '');
    await shift.closeButton().click();
    await kioskApp().waitFor({ timeout: 30_000 });
    const info = await stack.services.dispatch(
      'app.info',
      {},
      { transport: 'bridge', caller: 'e2e' },
    );
    expect(info).toMatchObject({ ok: true, value: { kiosk: true } });

    // A reload (or a restart of the page) stays a kiosk: the mode is main's.
    await page.goto(stack.pageUrl);
    await kioskApp().waitFor({ timeout: 30_000 });

    // Off: the kiosk signs out and the cashier sign-in opens.
    await flip(false);
    await page.getByRole('radio', { name: /Olena/ }).waitFor({ timeout: 20_000 });
    expect(await kioskApp().count()).toBe(0);

    // Main's record of both changes, under the terminal identity.
    const log = (await readFile(join(stack.workDir, 'data', KIOSK_MODE_LOG), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as KioskModeChange);
    expect(log.map((c) => [c.terminalId, c.from, c.to, c.reason])).toEqual([
      [terminalId, false, true, 'back_office'],
      [terminalId, true, false, 'back_office'],
    ]);
    // Signed in again as a cashier: the till works as before.
    await cashier.signIn(/Olena/, '1111');
    await cashier.status('Shift status').waitFor({ timeout: 15_000 });
  }, 180_000);
});
