import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  printerSettingsBinding,
  scannerSettingsBinding,
  type ApprovalBinding,
} from '../../shared/commands/approval';
import type { MethodResponse } from '../../shared/ipc/contract';
import { scannerConfig } from '../../shared/ipc/scanner';
import { fixedDeviceCatalog } from '../../src-main/devices/device-catalog';
import { DEVICE_CHANGE_LOG } from '../../src-main/devices/device-change-log';
import { createServices, type Services } from '../../src-main/services/create-services';
import type { Logger } from '../../src-main/services/logger';
import { ctx } from '../support/printer-harness';

// Attack: `scanner.configure` re-pointed the till's scanner at another serial port with no
// one's approval. A scanner is a device like the printer (issue 8 item 1): the change needs a
// manager's one-time token that main redeems itself, and main logs it before it applies.

let root: string;
let services: Services | null = null;
const logged: string[] = [];
const logger: Logger = {
  info: (m, d) => logged.push(`info ${m} ${JSON.stringify(d ?? '')}`),
  warn: (m, d) => logged.push(`warn ${m} ${JSON.stringify(d ?? '')}`),
  error: (m, d) => logged.push(`error ${m} ${JSON.stringify(d ?? '')}`),
};
// A path the catalog lists as a serial port; nothing is opened there (the test never scans).
const PORT = '/dev/ttyUSB7';

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'security-scanner-'));
  logged.length = 0;
  services = await createServices({
    dataDir: join(root, 'data'),
    app: {
      name: 't',
      version: '0',
      platform: 'linux',
      kiosk: false,
      transport: 'bridge',
      demo: true,
    },
    logger,
    devices: fixedDeviceCatalog([{ kind: 'serial', path: PORT, label: 'USB scanner' }]),
    pinHashParams: { N: 1024, r: 8, p: 1 },
  });
});

afterEach(async () => {
  await services?.close();
  services = null;
  await rm(root, { recursive: true, force: true });
});

const config = () => scannerConfig.parse({ ports: [{ path: PORT, baudRate: 9600 }] });
const changeLog = () => readFile(join(root, 'data', DEVICE_CHANGE_LOG), 'utf8').catch(() => '');

async function grant(staffId: string, pin: string, binding = scannerSettingsBinding('', 'olena')) {
  const { terminalId } = services!.config.get();
  const bound = { ...binding, subjectId: binding.subjectId || terminalId };
  return services!.dispatch('staff.approve', { staffId, pin, binding: bound }, ctx);
}

/** The answer's value; a refusal fails the test with main's message. */
function valueOf<T>(
  answer: { ok: true; value: unknown } | { ok: false; error: { message: string } },
): T {
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value as T;
}

async function portsInForce(): Promise<string[]> {
  const status = await services!.dispatch('scanner.status', {}, ctx);
  return valueOf<MethodResponse<'scanner.status'>>(status).ports.map((p) => p.path);
}

async function token(staffId: string, pin: string, binding?: ApprovalBinding): Promise<string> {
  return valueOf<MethodResponse<'staff.approve'>>(await grant(staffId, pin, binding)).token;
}

describe('scanner settings are a device change a manager approves in main', () => {
  it('without an approval the request does not pass the contract; nothing changes', async () => {
    const answer = await services!.dispatch('scanner.configure', config(), ctx);
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(await portsInForce()).toEqual([]);
    expect(await changeLog()).toBe('');
  });

  it('a made-up token, a printer token and a cashier are refused and logged; nothing changes', async () => {
    const made = await services!.dispatch(
      'scanner.configure',
      { config: config(), approval: { token: 'x'.repeat(43), requestedBy: 'olena' } },
      ctx,
    );
    expect(made).toMatchObject({ ok: false, error: { code: 'approval_invalid' } });

    // A manager's token for the printer is not one for the scanner.
    const printer = await token('li-wei', '3333', printerSettingsBinding('', 'olena'));
    const wrongAction = await services!.dispatch(
      'scanner.configure',
      {
        config: config(),
        approval: { token: printer, requestedBy: 'olena' },
      },
      ctx,
    );
    expect(wrongAction).toMatchObject({ ok: false });

    // A cashier's PIN gets no token for a device change.
    expect(await grant('olena', '1111', scannerSettingsBinding('', 'taras'))).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await portsInForce()).toEqual([]);
    expect(await changeLog()).toBe('');
    expect(logged.filter((l) => l.includes('scanner.configure not approved'))).toHaveLength(2);
  });

  it("a manager's token changes the ports once, logged before it applies; the token is spent", async () => {
    const approval = { token: await token('li-wei', '3333'), requestedBy: 'olena' };
    const done = await services!.dispatch('scanner.configure', { config: config(), approval }, ctx);
    expect(done).toMatchObject({ ok: true });
    expect(await portsInForce()).toEqual([PORT]);
    const lines = (await changeLog()).trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      device: 'scanner',
      requestedBy: 'olena',
      approvedBy: { staffId: 'li-wei', role: 'manager' },
      from: { ports: [] },
      to: { ports: [{ path: PORT, baudRate: 9600 }] },
    });

    // The same token again: refused, nothing more logged.
    const again = await services!.dispatch(
      'scanner.configure',
      { config: scannerConfig.parse({ ports: [] }), approval },
      ctx,
    );
    expect(again).toMatchObject({ ok: false, error: { code: 'approval_invalid' } });
    expect(await portsInForce()).toEqual([PORT]);
    expect((await changeLog()).trim().split('\n')).toHaveLength(1);
  });
});
