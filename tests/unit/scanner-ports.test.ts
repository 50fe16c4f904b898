import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { listSerialPorts } from '../../src-main/devices/scanner-serial';
import {
  createScannerService,
  scannerConfigFromTerminal,
} from '../../src-main/devices/scanner-service';
import type { ScannerEventSink } from '../../src-main/devices/scanner-service';
import { createEventHub, type EventHub } from '../../src-main/services/event-hub';
import { silentLogger } from '../../src-main/services/logger';
import { scannerMethods } from '../../shared/ipc/scanner';
import type { ScannerHandlers } from '../../src-main/services/handlers';
import { fixedDeviceCatalog } from '../../src-main/devices/device-catalog';

const dirs: Record<string, string[]> = {
  '/dev/serial/by-id': ['usb-Honeywell_1900-if00', 'usb-Datalogic-if00'],
  '/dev': ['tty', 'tty0', 'ttyS10', 'ttyS2', 'ttyACM0', 'ttyUSB1', 'ttyprintk', 'null', 'pts'],
};
const readDir = (dir: string) =>
  dirs[dir] ? Promise.resolve(dirs[dir]) : Promise.reject(new Error(`ENOENT ${dir}`));

describe('listSerialPorts', () => {
  it('without udevadm (serialport.list rejects) still lists by-id links and /dev ttys', async () => {
    const ports = await listSerialPorts({
      serialportList: () => Promise.reject(new Error('spawn udevadm ENOENT')),
      readDir,
      timeoutMs: 1000,
    });
    expect(ports.map((p) => p.path)).toEqual([
      '/dev/serial/by-id/usb-Datalogic-if00',
      '/dev/serial/by-id/usb-Honeywell_1900-if00',
      '/dev/ttyACM0',
      '/dev/ttyS2',
      '/dev/ttyS10',
      '/dev/ttyUSB1',
    ]);
  });

  it('keeps serialport’s details and does not repeat its paths', async () => {
    const ports = await listSerialPorts({
      serialportList: () =>
        Promise.resolve([{ path: '/dev/ttyACM0', manufacturer: 'Honeywell', serialNumber: '42' }]),
      readDir,
      timeoutMs: 1000,
    });
    expect(ports.filter((p) => p.path === '/dev/ttyACM0')).toEqual([
      { path: '/dev/ttyACM0', source: 'serialport', manufacturer: 'Honeywell', serialNumber: '42' },
    ]);
  });

  it('answers within the timeout when an enumeration hangs, and with nothing when all fail', async () => {
    const ports = await listSerialPorts({
      serialportList: () => new Promise(() => undefined),
      readDir: () => Promise.reject(new Error('EACCES')),
      timeoutMs: 50,
    });
    expect(ports).toEqual([]);
  });
});

describe('scanner service wiring', () => {
  it('maps the terminal config’s scanner section', () => {
    expect(
      scannerConfigFromTerminal({
        serialPath: '/dev/ttyACM0',
        baudRate: 19200,
        wedgeEnabled: false,
      }),
    ).toMatchObject({
      ports: [{ path: '/dev/ttyACM0', baudRate: 19200, terminator: 'auto' }],
      wedge: { enabled: false, maxGapMs: 30, maxStallMs: 100, minLength: 4 },
    });
    expect(
      scannerConfigFromTerminal({ serialPath: null, baudRate: 9600, wedgeEnabled: true }).ports,
    ).toEqual([]);
  });

  it('fits the foundation’s event hub and device-service shape', async () => {
    // The type half is checked by tsc (typecheck runs over tests/); the run half below checks
    // that a real service built on a real event hub answers every scanner method of the contract.
    expectTypeOf<EventHub>().toExtend<ScannerEventSink>();
    expectTypeOf<ReturnType<typeof createScannerService>>().toExtend<{
      handlers: ScannerHandlers;
      close(): Promise<void>;
    }>();
    const dataDir = await mkdtemp(join(tmpdir(), 'scanner-wiring-'));
    const service = createScannerService({
      dataDir,
      events: createEventHub(silentLogger),
      config: scannerConfigFromTerminal({ serialPath: null, baudRate: 9600, wedgeEnabled: true }),
      devices: fixedDeviceCatalog([]),
    });
    try {
      expect(Object.keys(service.handlers).sort()).toEqual(Object.keys(scannerMethods).sort());
      expect((await service.ready()).ports).toEqual([]);
    } finally {
      await service.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
