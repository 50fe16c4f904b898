import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_CHANGE_LOG } from '../../src-main/devices/device-change-log';
import { startVirtualPrinter, type VirtualPrinter } from '../../src-main/devices/virtual-printer';
import { decodeEscPos, printedText } from '../support/escpos-decoder';
import { eventually } from '../support/printer-harness';
import { openCashierApp, type CashierApp, type CashierStack } from './cashier-stack';
import { CashierPage } from './page-models/cashier-page';
import { PrinterSettingsPage } from './page-models/printer-settings-page';

// The printer settings screen with real parts: Chromium with a persistent profile, the bridge
// host, and a virtual ESC/POS printer on loopback TCP. Olena asks for the change, Li Wei
// approves it with her PIN, main redeems the token, records the change and prints to it.

let app: CashierApp;
let stack: CashierStack;
let vp: VirtualPrinter;
let root: string;
let page: Page;

beforeAll(async () => {
  app = await openCashierApp('printer-settings');
  ({ stack, page } = app);
  root = await mkdtemp(join(tmpdir(), 'printer-settings-'));
  vp = await startVirtualPrinter({ port: 0, jobsDir: join(root, 'jobs') });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await vp?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

const changeLog = () =>
  readFile(join(stack.workDir, 'data', DEVICE_CHANGE_LOG), 'utf8').catch(() => '');

describe('printer settings on the shift screen', () => {
  it('a cancelled approval changes nothing; a manager’s PIN sets the printer, logged in main', async () => {
    const cashier = new CashierPage(page);
    const settings = new PrinterSettingsPage(page);
    await page.goto(stack.pageUrl);
    await cashier.startDay('1000');
    await cashier.go('F9');
    await settings.open();
    await settings.networkPrinter('127.0.0.1', vp.port);
    await settings.paperWidth(58);

    await settings.save().click();
    await settings.approval().dialog().waitFor();
    // Olena cannot approve her own change, and the manager is the one offered.
    expect(await settings.approval().approvers()).toContainEqual(expect.stringMatching(/Li Wei/));
    expect(await settings.approval().approvers()).not.toContainEqual(
      expect.stringMatching(/Olena/),
    );
    await settings.approval().cancel();
    expect(await changeLog()).toBe('');

    await settings.save().click();
    await settings.approval().approve(/Li Wei/, '3333');
    await expect
      .poll(() => settings.note().textContent(), { timeout: 15_000 })
      .toMatch(/^Printer settings saved/);
    const lines = (await changeLog()).trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      requestedBy: 'olena',
      approvedBy: { staffId: 'li-wei', role: 'manager' },
      to: { columns: 32, transport: { kind: 'tcp', host: '127.0.0.1', port: vp.port } },
    });

    await settings.testPage().click();
    expect(
      await eventually(
        async () => (await vp.jobs()).map(decodeEscPos).some((j) => j.cuts > 0),
        15_000,
      ),
    ).toBe(true);
    const printed = (await vp.jobs()).map(decodeEscPos).flatMap(printedText).join('\n');
    expect(printed).toContain('Printer test page');
    expect(printed).toContain('32 columns');
  });
});
