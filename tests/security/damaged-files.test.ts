import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultDeviceSettings } from '../../shared/ipc/terminal-config';
import { saleReceipt } from '../../shared/slips';
import { startBridgeHost, type BridgeHost } from '../../src-main/bridge/bridge-host';
import { fixedDeviceCatalog } from '../../src-main/devices/device-catalog';
import { silentLogger } from '../../src-main/services/logger';
import { ctx, printerConfig } from '../support/printer-harness';
import { saleReceiptView } from '../support/slip-fixtures';

// Damage: a power cut mid-write, a bad sector or a stray editor leaves a file main reads at
// start torn or full of noise. The till must start anyway and say what it set aside.

const job = {
  jobId: 'rcpt-1',
  title: 'Receipt T1-000001',
  createdAt: '2026-11-22T17:30:00.000Z',
  seq: 1,
  document: saleReceipt(saleReceiptView('en')),
  copy: false,
  state: 'queued',
  attempts: 0,
};

const kinds: { name: string; file: string; valid: string }[] = [
  { name: 'a print job', file: 'print-queue/rcpt-1.json', valid: JSON.stringify(job) },
  {
    name: 'the printer settings',
    file: 'printer-config.json',
    valid: JSON.stringify(printerConfig(9100)),
  },
  {
    name: 'the terminal settings',
    file: 'terminal-config.json',
    valid: JSON.stringify(defaultDeviceSettings),
  },
  {
    name: 'the staff list',
    file: 'staff.json',
    valid: JSON.stringify({ version: 1, staff: [] }),
  },
  {
    name: 'the PIN lockouts',
    file: 'pin-lockouts.json',
    valid: JSON.stringify({ olena: { failed: 2, remainingMs: 0 } }),
  },
  {
    name: 'the sign-in proofs',
    file: 'sign-in-proofs.json',
    valid: JSON.stringify([{ staffId: 'olena', role: 'cashier', at: '2026-11-22T17:30:00.000Z' }]),
  },
  {
    // Issue 8 item 4: the journal's anchor; its loss is the records-damaged state (see
    // tests/security/journal-anchor.test.ts), never a silent reset.
    name: 'the journal head',
    file: 'journal-head.json',
    valid: JSON.stringify({
      v: 1,
      head: { terminalId: 'T-0000000A', seq: 4, hash: 'a'.repeat(64), lastReceiptNo: 2 },
      cash: [{ seq: 3, in: 2000, out: 0 }],
      updatedAt: '2026-11-22T17:30:00.000Z',
    }),
  },
];

let root: string;
let host: BridgeHost | null = null;

afterEach(async () => {
  await host?.close();
  host = null;
  await rm(root, { recursive: true, force: true });
});

describe('a damaged file never stops the till', () => {
  for (const kind of kinds) {
    for (const damage of ['truncated', 'random bytes'] as const) {
      it(`${kind.name}, ${damage}: start succeeds, the file is in quarantine/, health names it`, async () => {
        root = await mkdtemp(join(tmpdir(), 'security-damage-'));
        const dataDir = join(root, 'data');
        const path = join(dataDir, kind.file);
        await mkdir(join(path, '..'), { recursive: true });
        await writeFile(
          path,
          damage === 'truncated'
            ? kind.valid.slice(0, Math.floor(kind.valid.length / 2))
            : randomBytes(512),
        );
        host = await startBridgeHost({
          dataDir,
          version: '0.0.0-security',
          rendererOrigin: 'http://127.0.0.1:9',
          logger: silentLogger,
          devices: fixedDeviceCatalog([]),
        });
        const { dispatch } = host.services;
        expect(await dispatch('app.info', {}, ctx)).toMatchObject({ ok: true });
        expect(await dispatch('config.get', {}, ctx)).toMatchObject({ ok: true });
        expect(await dispatch('printer.list', {}, ctx)).toMatchObject({ ok: true });
        expect(await dispatch('staff.list', {}, ctx)).toMatchObject({ ok: true });

        expect(existsSync(path)).toBe(false);
        const aside = await readdir(join(dataDir, 'quarantine'));
        expect(aside).toHaveLength(1);
        expect(await dispatch('health.get', {}, ctx)).toEqual({
          ok: true,
          value: {
            quarantined: [
              {
                file: kind.file,
                movedTo: join('quarantine', aside[0] ?? ''),
                reason: expect.any(String) as unknown,
                at: expect.any(String) as unknown,
              },
            ],
          },
        });
      });
    }
  }

  it('an intact queue keeps its good jobs next to a damaged one', async () => {
    root = await mkdtemp(join(tmpdir(), 'security-damage-'));
    const dataDir = join(root, 'data');
    await mkdir(join(dataDir, 'print-queue'), { recursive: true });
    await writeFile(join(dataDir, 'print-queue', 'rcpt-1.json'), JSON.stringify(job));
    await writeFile(join(dataDir, 'print-queue', 'rcpt-2.json'), '{"jobId":"rcpt-2",');
    host = await startBridgeHost({
      dataDir,
      version: '0.0.0-security',
      rendererOrigin: 'http://127.0.0.1:9',
      logger: silentLogger,
      devices: fixedDeviceCatalog([]),
    });
    const status = await host.services.dispatch('printer.status', {}, ctx);
    expect(status).toMatchObject({ ok: true, value: { queued: 1 } });
    const health = await host.services.dispatch('health.get', {}, ctx);
    expect(health).toMatchObject({
      ok: true,
      value: { quarantined: [{ file: join('print-queue', 'rcpt-2.json') }] },
    });
  });
});
