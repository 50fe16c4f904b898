import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saleReceipt } from '../../shared/slips';
import { PrintQueue } from '../../src-main/devices/print-queue';
import { createPrinterService } from '../../src-main/devices/printer-service';
import { fixedDeviceCatalog } from '../../src-main/devices/device-catalog';
import { silentLogger } from '../../src-main/services/logger';
import { configFileName } from '../../src-main/services/config-store';
import { createServices } from '../../src-main/services/create-services';
import { defaultDeviceSettings } from '../../shared/ipc/terminal-config';
import { provisionTerminalIdentity } from '../support/box-office-stack';
import { saleReceiptView } from '../support/slip-fixtures';

// Retention: printed jobs carry names, seats and amounts; they leave the queue folder after
// the venue's number of days. A job still owed to a customer (queued) is never pruned.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'retention-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const doc = saleReceipt(saleReceiptView('en'));
const DAY = 24 * 60 * 60 * 1000;

describe('printed-job retention', () => {
  it('deletes printed jobs older than the cutoff and keeps newer and queued ones', async () => {
    let clock = new Date('2026-01-01T10:00:00Z');
    const q = await PrintQueue.open(dir, () => clock);
    await q.enqueue({ jobId: 'old', document: doc, copy: false });
    await q.enqueue({ jobId: 'owed', document: doc, copy: false });
    await q.markPrinted('old');
    clock = new Date(clock.getTime() + 20 * DAY);
    await q.enqueue({ jobId: 'recent', document: doc, copy: false });
    await q.markPrinted('recent');

    expect(await q.prunePrinted(new Date(clock.getTime() - 10 * DAY))).toBe(1);
    expect(q.get('old')).toBeUndefined();
    expect(q.all().map((j) => j.jobId)).toEqual(['owed', 'recent']);
    expect((await readdir(join(dir, 'print-queue'))).sort()).toEqual(['owed.json', 'recent.json']);
    // It stays gone after a restart.
    expect((await PrintQueue.open(dir)).get('old')).toBeUndefined();
  });

  it('the printer service prunes at start with the venue’s number of days', async () => {
    const q = await PrintQueue.open(dir, () => new Date('2026-01-01T10:00:00Z'));
    await q.enqueue({ jobId: 'jan', document: doc, copy: false });
    await q.markPrinted('jan');
    const start = (days: number, now: string) =>
      createPrinterService({
        dataDir: dir,
        events: { emit: () => undefined },
        config: {
          id: 'p',
          name: 'none',
          driver: 'epson',
          transport: { kind: 'none' },
          columns: 48,
          cyrillic: 'wpc1251',
          chinese: false,
          drawer: { pin: 0, onMs: 50, offMs: 500 },
          statusPollMs: 1000,
        },
        devices: fixedDeviceCatalog([]),
        logger: silentLogger,
        printedJobRetentionDays: days,
        now: () => new Date(now),
      });
    // 40 days later with a 60-day period: kept.
    const keep = start(60, '2026-02-10T10:00:00Z');
    await keep.handlers['printer.list']({}, { transport: 'bridge', caller: 'test' });
    await keep.close();
    expect(await readdir(join(dir, 'print-queue'))).toEqual(['jan.json']);
    // The same day with the default 30-day period: pruned.
    const prune = start(30, '2026-02-10T10:00:00Z');
    await prune.handlers['printer.list']({}, { transport: 'bridge', caller: 'test' });
    await prune.close();
    expect(await readdir(join(dir, 'print-queue'))).toEqual([]);
  });

  it('the period is the venue’s, read from main’s settings file (the page cannot change it)', async () => {
    const tenDaysAgo = new Date(Date.now() - 10 * DAY);
    const q = await PrintQueue.open(dir, () => tenDaysAgo);
    await q.enqueue({ jobId: 'ten-days', document: doc, copy: false });
    await q.markPrinted('ten-days');
    await provisionTerminalIdentity(dir, 'T1');
    const app = {
      name: 't',
      version: '0',
      platform: 'linux',
      kiosk: false,
      transport: 'bridge',
    } as const;
    const boot = async () => {
      const services = await createServices({ dataDir: dir, app, logger: silentLogger });
      await services.dispatch('printer.list', {}, { transport: 'bridge', caller: 'test' });
      return services;
    };
    // The default 30 days: a ten-day-old slip stays.
    await (await boot()).close();
    expect(await readdir(join(dir, 'print-queue'))).toEqual(['ten-days.json']);
    // The venue keeps slips for a week.
    await writeFile(
      join(dir, configFileName),
      JSON.stringify({ ...defaultDeviceSettings, printedJobRetentionDays: 7 }),
    );
    const services = await boot();
    expect(await readdir(join(dir, 'print-queue'))).toEqual([]);
    const patched = await services.dispatch(
      'config.set',
      { printedJobRetentionDays: 3650 },
      { transport: 'bridge', caller: 'page' },
    );
    expect(patched).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    await services.close();
  });
});
