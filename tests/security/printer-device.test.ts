import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approvalBindingSchema, printerSettingsBinding } from '../../shared/commands/approval';
import type { PrinterConfig } from '../../shared/ipc/printer';
import { saleReceipt } from '../../shared/slips';
import {
  checkPrinterTransport,
  fixedDeviceCatalog,
  osDeviceCatalog,
} from '../../src-main/devices/device-catalog';
import { DEVICE_CHANGE_LOG } from '../../src-main/devices/device-change-log';
import { managerApproval } from '../../src-main/devices/printer-device-gate';
import { createPrinterService, type PrinterService } from '../../src-main/devices/printer-service';
import { createApprovalTokens, type ApprovalTokens } from '../../src-main/staff/approval-tokens';
import { createServices, type Services } from '../../src-main/services/create-services';
import type { Logger } from '../../src-main/services/logger';
import { configureAsManager, ctx, printerConfig } from '../support/printer-harness';
import { saleReceiptView } from '../support/slip-fixtures';

// Attack: with a session, `printer.configure` named any file as the printer and the next
// receipt was appended to it — a shell start-up file runs the attacker's text at next login.

let root: string;
let tokens: ApprovalTokens;
let victim: string;
let lp0: string;
let service: PrinterService | null = null;
let services: Services | null = null;
const logged: string[] = [];
const logger: Logger = {
  info: (m, d) => logged.push(`info ${m} ${JSON.stringify(d ?? '')}`),
  warn: (m, d) => logged.push(`warn ${m} ${JSON.stringify(d ?? '')}`),
  error: (m, d) => logged.push(`error ${m} ${JSON.stringify(d ?? '')}`),
};

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'security-printer-'));
  victim = join(root, '.bashrc');
  lp0 = join(root, 'lp0');
  await writeFile(victim, 'export PATH=/usr/bin\n');
  logged.length = 0;
  tokens = createApprovalTokens();
});

afterEach(async () => {
  await service?.close();
  await services?.close();
  service = null;
  services = null;
  await rm(root, { recursive: true, force: true });
});

const MANAGER = { staffId: 'li-wei', role: 'manager', name: 'Li Wei' } as const;

/** A token main issued after the manager's PIN, for a printer change Olena asks for on T1. */
function managerToken(binding = printerSettingsBinding('T1', 'olena'), approver = MANAGER) {
  return { token: tokens.issue(binding, approver).token, requestedBy: 'olena' };
}

function start(
  approve: 'manager' | 'none' = 'manager',
  printerOptions: { demo?: boolean } = {},
): PrinterService {
  return createPrinterService({
    ...printerOptions,
    ...(approve === 'manager' ? { approveDeviceChange: managerApproval(tokens, () => 'T1') } : {}),
    dataDir: join(root, 'data'),
    events: { emit: () => undefined },
    config: printerConfig(0, { transport: { kind: 'none' } }),
    // The temp file stands in for a USB printer: it is the one device this catalog lists.
    devices: fixedDeviceCatalog([{ kind: 'device', path: lp0, label: 'USB printer' }]),
    logger,
    timing: { printWaitMs: 500, jobTimeoutMs: 2000, retryBaseMs: 100, retryMaxMs: 200 },
  });
}

const withTransport = (transport: PrinterConfig['transport']) => ({
  config: printerConfig(0, { transport }),
  approval: managerToken(),
});

describe('a file path as printer is refused', () => {
  for (const path of [
    'VICTIM',
    '../x',
    '/dev/usb/lp0/../../etc/passwd',
    '/root/.bashrc',
    '/dev/sda',
    'LP0/../.bashrc',
  ]) {
    for (const kind of ['device', 'serial'] as const) {
      it(`${kind} ${path} → invalid_argument, nothing written`, async () => {
        service = start();
        const target = path.replace('VICTIM', victim).replace('LP0', lp0);
        const res = await service.handlers['printer.configure'](
          withTransport(
            kind === 'device'
              ? { kind, path: target }
              : { kind, path: target, baudRate: 9600, rtscts: false },
          ),
          ctx,
        );
        expect(res.ok).toBe(false);
        if (res.ok) return;
        expect(res.error.code).toBe('invalid_argument');
        expect(res.error.message).toMatch(/is not a (serial port|USB printer) this computer lists/);
        await service.handlers['printer.print'](
          { jobId: 'after-refusal', document: saleReceipt(saleReceiptView('en')) },
          ctx,
        );
        expect(await readFile(victim, 'utf8')).toBe('export PATH=/usr/bin\n');
        expect(logged.some((l) => l.startsWith('warn printer.configure refused'))).toBe(true);
      });
    }
  }

  it('a listed device is accepted, and the change is logged', async () => {
    service = start();
    const res = await service.handlers['printer.configure'](
      withTransport({ kind: 'device', path: lp0 }),
      ctx,
    );
    expect(res).toEqual({ ok: true, value: { configured: true } });
    expect(logged.some((l) => l.includes('printer device changed') && l.includes(lp0))).toBe(true);
    expect(await service.handlers['printer.listDevices']({}, ctx)).toEqual({
      ok: true,
      value: { devices: [{ kind: 'device', path: lp0, label: 'USB printer' }] },
    });
  });

  it('a network printer needs a real host name or IP', async () => {
    service = start();
    for (const host of ['printer.local', '192.168.1.50', '::1', 'epson-tm30']) {
      const res = await service.handlers['printer.configure'](
        withTransport({ kind: 'tcp', host, port: 9100 }),
        ctx,
      );
      expect(res.ok, host).toBe(true);
    }
    for (const host of ['/root/.bashrc', 'a b', 'host;rm -rf /', '-oProxy', 'x..y']) {
      const res = await service.handlers['printer.configure'](
        withTransport({ kind: 'tcp', host, port: 9100 }),
        ctx,
      );
      expect(res.ok, host).toBe(false);
    }
  });

  it('the page cannot point the printer at a file through the terminal settings', async () => {
    services = await createServices({
      dataDir: join(root, 'data'),
      app: { name: 't', version: '0', platform: 'linux', kiosk: false, transport: 'bridge' },
      logger,
      devices: fixedDeviceCatalog([]),
    });
    // Devices are not in the page's settings patch: refused at the contract, nothing changes.
    const set = await services.dispatch(
      'config.set',
      { printer: { kind: 'serial', address: victim } },
      ctx,
    );
    expect(set).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    await new Promise((r) => setTimeout(r, 200));
    const config = await services.dispatch('config.get', {}, ctx);
    expect(config.ok).toBe(true);
    expect(JSON.stringify(config)).not.toContain(victim);
    expect(await readFile(victim, 'utf8')).toBe('export PATH=/usr/bin\n');
  });
});

describe('the OS catalog lists only device shapes', () => {
  it('accepts USB printers and serial ports by their OS names only', () => {
    const linux = osDeviceCatalog('linux');
    expect(linux.couldList('device', '/dev/usb/lp0')).toBe(true);
    expect(linux.couldList('device', '/dev/usb/lp12')).toBe(true);
    expect(linux.couldList('serial', '/dev/ttyUSB0')).toBe(true);
    expect(linux.couldList('serial', '/dev/ttyS1')).toBe(true);
    for (const bad of [
      '/dev/usb/lp0/../../etc/passwd',
      '/dev/usb/lp0x',
      '/root/.bashrc',
      '../x',
      '/dev/tty',
      '/dev/ttyUSB0/../../etc/passwd',
      '/dev/pts/3',
    ]) {
      expect(linux.couldList('device', bad), bad).toBe(false);
      expect(linux.couldList('serial', bad), bad).toBe(false);
    }
    const windows = osDeviceCatalog('win32');
    expect(windows.couldList('serial', 'COM3')).toBe(true);
    expect(windows.couldList('serial', 'C:\\Users\\x\\start.bat')).toBe(false);
    expect(windows.couldList('device', '/dev/usb/lp0')).toBe(false);
  });

  it('lists only what exists and has a device shape', async () => {
    const listed = await osDeviceCatalog('linux').list();
    for (const d of listed) expect(osDeviceCatalog('linux').couldList(d.kind, d.path)).toBe(true);
    const refused = await checkPrinterTransport(
      { kind: 'device', path: '/dev/usb/lp987' },
      osDeviceCatalog('linux'),
      'listed_now',
    );
    expect(refused.ok).toBe(false);
  });
});

// Attack: any page with a session re-pointed the printer; the settings screen being a
// manager's was only a page convention. Main now redeems a manager's one-time token itself.
describe('a printer change needs a manager main checked', () => {
  const listed = () => printerConfig(0, { transport: { kind: 'device', path: lp0 } });
  const changeLog = () => readFile(join(root, 'data', DEVICE_CHANGE_LOG), 'utf8').catch(() => '');

  async function refused(
    approval: { token: string; requestedBy: string },
    code: 'approval_invalid' | 'forbidden',
  ): Promise<void> {
    const res = await service!.handlers['printer.configure']({ config: listed(), approval }, ctx);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe(code);
  }

  async function unchanged(): Promise<void> {
    expect(await service!.handlers['printer.list']({}, ctx)).toEqual({
      ok: true,
      value: { printers: [] },
    });
    expect(await changeLog()).toBe('');
    expect(logged.some((l) => l.startsWith('warn printer.configure not approved'))).toBe(true);
  }

  it('an invented token is refused; nothing changes, nothing is logged as a change', async () => {
    service = start();
    await refused({ token: 'made-up-token-0000', requestedBy: 'olena' }, 'approval_invalid');
    await unchanged();
  });

  it('a token is good once: the second change with it is refused', async () => {
    service = start();
    const approval = managerToken();
    const first = await service.handlers['printer.configure']({ config: listed(), approval }, ctx);
    expect(first).toEqual({ ok: true, value: { configured: true } });
    const again = await service.handlers['printer.configure'](
      { config: printerConfig(0, { transport: { kind: 'none' } }), approval },
      ctx,
    );
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe('approval_invalid');
    expect((await changeLog()).trim().split('\n')).toHaveLength(1);
  });

  it('a token for another action, terminal or requester is refused', async () => {
    service = start();
    const other = (over: Partial<ReturnType<typeof printerSettingsBinding>>) =>
      approvalBindingSchema.parse({ ...printerSettingsBinding('T1', 'olena'), ...over });
    await refused(managerToken(other({ action: 'training_mode' })), 'approval_invalid');
    await refused(managerToken(other({ subjectId: 'T2' })), 'approval_invalid');
    await refused(
      { token: managerToken(other({ requestedBy: 'taras' })).token, requestedBy: 'olena' },
      'approval_invalid',
    );
    await refused(managerToken(other({ requiredRole: 'supervisor' })), 'approval_invalid');
    await unchanged();
  });

  it('a token a supervisor gave is refused; a manager may confirm her own change', async () => {
    service = start();
    const binding = printerSettingsBinding('T1', 'olena');
    await refused(
      managerToken(binding, { staffId: 'taras', role: 'supervisor', name: 'Taras' } as never),
      'forbidden',
    );
    await unchanged();
    // A device setting needs a manager's authority, not a second person (a venue with one
    // manager must be able to set its printer): her own PIN's token is redeemed and logged.
    const own = managerToken(binding, {
      staffId: 'olena',
      role: 'manager',
      name: 'Olena',
    } as never);
    const res = await service.handlers['printer.configure'](
      { config: listed(), approval: own },
      ctx,
    );
    expect(res).toEqual({ ok: true, value: { configured: true } });
    expect(await changeLog()).toContain('"approvedBy":{"staffId":"olena","role":"manager"}');
  });

  it('a printer service without approvals wired in refuses every change', async () => {
    service = start('none');
    await refused(managerToken(), 'forbidden');
    await unchanged();
  });

  it('over the contract: no approval, a page-made approver or a cashier PIN changes nothing; a manager PIN does', async () => {
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
      devices: fixedDeviceCatalog([{ kind: 'device', path: lp0, label: 'USB printer' }]),
      pinHashParams: { N: 1024, r: 8, p: 1 },
    });
    const dispatch = services.dispatch;
    const config = listed();
    expect(await dispatch('printer.configure', config, ctx)).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument' },
    });
    expect(
      await dispatch(
        'printer.configure',
        { config, approval: { staffId: 'li-wei', role: 'manager' } },
        ctx,
      ),
    ).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    const { terminalId } = services.config.get();
    const cashier = await dispatch(
      'staff.approve',
      { staffId: 'olena', pin: '1111', binding: printerSettingsBinding(terminalId, 'taras') },
      ctx,
    );
    expect(cashier).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await readFile(lp0, 'utf8').catch(() => 'absent')).toBe('absent');

    const done = await configureAsManager(dispatch, config);
    expect(done).toEqual({ ok: true, value: { configured: true } });
    const lines = (await changeLog()).trim().split('\n');
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(record).toMatchObject({
      device: 'printer',
      requestedBy: 'olena',
      approvedBy: { staffId: 'li-wei', role: 'manager' },
      to: { transport: { kind: 'device', path: lp0 } },
    });
  });
});
