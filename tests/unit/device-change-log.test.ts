import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { printerSettingsBinding } from '../../shared/commands/approval';
import { fixedDeviceCatalog } from '../../src-main/devices/device-catalog';
import {
  DEVICE_CHANGE_LOG,
  type DeviceChangeRecord,
} from '../../src-main/devices/device-change-log';
import { managerApproval } from '../../src-main/devices/printer-device-gate';
import { createPrinterService, type PrinterService } from '../../src-main/devices/printer-service';
import { silentLogger } from '../../src-main/services/logger';
import { createApprovalTokens } from '../../src-main/staff/approval-tokens';
import { ctx, printerConfig } from '../support/printer-harness';

// Main's own record of printer changes: one fsynced line per change, appended (never
// rewritten), written before the change takes effect.

let dir: string;
let service: PrinterService | null = null;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'device-changes-'));
});
afterEach(async () => {
  await service?.close();
  service = null;
  await rm(dir, { recursive: true, force: true });
});

function start(at: () => Date) {
  const tokens = createApprovalTokens();
  const printer = createPrinterService({
    dataDir: dir,
    events: { emit: () => undefined },
    config: printerConfig(0, { transport: { kind: 'none' } }),
    devices: fixedDeviceCatalog([]),
    logger: silentLogger,
    now: at,
    approveDeviceChange: managerApproval(tokens, () => 'T1'),
  });
  const approval = () => ({
    token: tokens.issue(printerSettingsBinding('T1', 'olena'), {
      staffId: 'li-wei',
      role: 'manager',
      name: 'Li Wei',
    }).token,
    requestedBy: 'olena',
  });
  return { printer, approval };
}

// Loopback, on a port nothing listens on: the status poll after a change is refused at once.
const network = (host: string) => printerConfig(9, { transport: { kind: 'tcp', host, port: 9 } });

describe('device-change log', () => {
  it('appends one record per change: when, who asked, who approved, old → new', async () => {
    let clock = new Date('2026-03-01T09:00:00Z');
    const { printer, approval } = start(() => clock);
    service = printer;
    const first = network('127.0.0.1');
    const second = network('localhost');
    expect(
      await printer.handlers['printer.configure']({ config: first, approval: approval() }, ctx),
    ).toMatchObject({ ok: true });
    clock = new Date('2026-03-01T09:05:00Z');
    expect(
      await printer.handlers['printer.configure']({ config: second, approval: approval() }, ctx),
    ).toMatchObject({ ok: true });

    const lines = (await readFile(join(dir, DEVICE_CHANGE_LOG), 'utf8')).split('\n');
    expect(lines.at(-1)).toBe('');
    const records = lines.slice(0, -1).map((l) => JSON.parse(l) as DeviceChangeRecord);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      at: '2026-03-01T09:00:00.000Z',
      device: 'printer',
      caller: ctx.caller,
      requestedBy: 'olena',
      approvedBy: { staffId: 'li-wei', role: 'manager' },
      from: { transport: { kind: 'none' } },
      to: first,
    });
    expect(records[0]!.tokenId).toMatch(/^apr-/);
    expect(records[1]).toMatchObject({ at: '2026-03-01T09:05:00.000Z', from: first, to: second });
    expect(records[1]!.tokenId).not.toBe(records[0]!.tokenId);
  });

  it('a change that cannot be recorded does not happen', async () => {
    // The log's path is a folder: the append fails, so the printer must stay as it was.
    await mkdir(join(dir, DEVICE_CHANGE_LOG), { recursive: true });
    const { printer, approval } = start(() => new Date());
    service = printer;
    await expect(
      printer.handlers['printer.configure'](
        { config: network('127.0.0.1'), approval: approval() },
        ctx,
      ),
    ).rejects.toThrow();
    expect(await printer.handlers['printer.list']({}, ctx)).toEqual({
      ok: true,
      value: { printers: [] },
    });
    await expect(readFile(join(dir, 'printer-config.json'), 'utf8')).rejects.toThrow();
  });
});
