import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrinterConfig } from '../../shared/ipc/printer';
import { saleReceipt } from '../../shared/slips';
import {
  checkPrinterTransport,
  fixedDeviceCatalog,
  osDeviceCatalog,
} from '../../src-main/devices/device-catalog';
import { createPrinterService, type PrinterService } from '../../src-main/devices/printer-service';
import { createServices, type Services } from '../../src-main/services/create-services';
import type { Logger } from '../../src-main/services/logger';
import { ctx, printerConfig } from '../support/printer-harness';
import { saleReceiptView } from '../support/slip-fixtures';

// Attack: with a session, `printer.configure` named any file as the printer and the next
// receipt was appended to it — a shell start-up file runs the attacker's text at next login.

let root: string;
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
});

afterEach(async () => {
  await service?.close();
  await services?.close();
  service = null;
  services = null;
  await rm(root, { recursive: true, force: true });
});

function start(): PrinterService {
  return createPrinterService({
    dataDir: join(root, 'data'),
    events: { emit: () => undefined },
    config: printerConfig(0, { transport: { kind: 'none' } }),
    // The temp file stands in for a USB printer: it is the one device this catalog lists.
    devices: fixedDeviceCatalog([{ kind: 'device', path: lp0, label: 'USB printer' }]),
    logger,
    timing: { printWaitMs: 500, jobTimeoutMs: 2000, retryBaseMs: 100, retryMaxMs: 200 },
  });
}

const withTransport = (transport: PrinterConfig['transport']): PrinterConfig =>
  printerConfig(0, { transport });

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

  it('the terminal settings (which the page edits) cannot point the printer at a file', async () => {
    services = await createServices({
      dataDir: join(root, 'data'),
      app: { name: 't', version: '0', platform: 'linux', kiosk: false, transport: 'bridge' },
      logger,
      devices: fixedDeviceCatalog([]),
    });
    await services.dispatch('config.set', { printer: { kind: 'serial', address: victim } }, ctx);
    await new Promise((r) => setTimeout(r, 200));
    const list = await services.dispatch('printer.list', {}, ctx);
    expect(list).toEqual({ ok: true, value: { printers: [] } });
    expect(logged.some((l) => l.includes('Printer device refused in the terminal settings'))).toBe(
      true,
    );
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
