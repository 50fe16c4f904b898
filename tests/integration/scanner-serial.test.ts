import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../shared/ipc/contract';
import { scannerConfig } from '../../shared/ipc/scanner';
import type { ScannerConfig, ScanTerminator } from '../../shared/ipc/scanner';
import {
  createScannerService,
  scannerConfigFileName,
} from '../../src-main/devices/scanner-service';
import type { ScannerService } from '../../src-main/devices/scanner-service';
import { createEventHub } from '../../src-main/services/event-hub';
import { silentLogger } from '../../src-main/services/logger';
import { collector, prng, ptyPair } from './scanner-pty';
import type { PtyPair } from './scanner-pty';
import { fixedDeviceCatalog } from '../../src-main/devices/device-catalog';
import { managerDeviceApproval } from '../../src-main/devices/printer-device-gate';
import { createApprovalTokens } from '../../src-main/staff/approval-tokens';
import { scannerSettingsBinding } from '../../shared/commands/approval';

type Scan = EventPayload<'scanner.scan'>;
type PortStatus = EventPayload<'scanner.status'>;

const ctx = { transport: 'bridge', caller: 'test' } as const;
// Main's real one-time tokens: each settings change below carries a manager's approval.
const tokens = createApprovalTokens();
const MANAGER = { staffId: 'li-wei', role: 'manager', name: 'Li Wei' } as const;
function approved(config: ScannerConfig) {
  const token = tokens.issue(scannerSettingsBinding('T1', 'olena'), MANAGER).token;
  return { config, approval: { token, requestedBy: 'olena' } };
}
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scanner-it-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let pty: PtyPair | null = null;
let service: ScannerService | null = null;

afterEach(async () => {
  await service?.close();
  service = null;
  await pty?.stop();
  pty = null;
});

/** socat + a service wired to the real event hub, which validates every payload against the contract. */
async function setUp(name: string, terminator: ScanTerminator = 'auto') {
  pty = ptyPair(join(dir, name, 'tty'));
  await pty.start();
  const hub = createEventHub(silentLogger);
  const scans = collector<Scan>();
  const statuses = collector<PortStatus>();
  hub.subscribe((event, payload) => {
    if (event === 'scanner.scan') scans.push(payload as Scan);
    if (event === 'scanner.status') statuses.push(payload as PortStatus);
  });
  const dataDir = join(dir, name, 'data');
  service = createScannerService({
    dataDir,
    events: hub,
    config: scannerConfig.parse({ ports: [{ path: pty.a, baudRate: 115200, terminator }] }),
    backoff: { initialMs: 20, maxMs: 250 },
    // The pty stands in for a port the OS lists.
    devices: fixedDeviceCatalog([{ kind: 'serial', path: pty.a, label: 'socat pty' }]),
    approve: managerDeviceApproval(tokens, () => 'T1', scannerSettingsBinding),
  });
  await statuses.waitFor((s) => s.some((x) => x.state === 'connected'), 10_000, 'connected');
  return { pty, service, scans, statuses, dataDir };
}

/** Cuts the stream into 1–17 byte pieces so terminators (and CRLF pairs) land on chunk edges. */
function oddChunks(text: string, rand: () => number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length;) {
    const size = 1 + Math.floor(rand() * 17);
    out.push(text.slice(i, i + size));
    i += size;
  }
  return out;
}

function codeFor(i: number, rand: () => number): string {
  const tail = Math.floor(rand() * 36 ** 6)
    .toString(36)
    .toUpperCase()
    .padStart(6, '0');
  return `TKT-${String(i).padStart(5, '0')}-${tail}`;
}

describe('serial scanner over a socat pty pair', () => {
  it('delivers 1,000 scans with mixed CR, LF and CRLF endings in odd chunks exactly once, in order', async () => {
    const h = await setUp('mixed');
    const rand = prng(0x5ca11);
    const endings = ['\r', '\n', '\r\n'] as const;
    const codes = Array.from({ length: 1000 }, (_, i) => codeFor(i, rand));
    const used = { '\r': 0, '\n': 0, '\r\n': 0 };
    const stream = codes
      .map((c) => {
        const e = endings[Math.floor(rand() * 3)]!;
        used[e]++;
        return c + e;
      })
      .join('');
    const chunks = oddChunks(stream, rand);
    const splitCRLF = chunks.filter(
      (c, i) => c.endsWith('\r') && chunks[i + 1]?.startsWith('\n'),
    ).length;
    // The run must exercise what it claims to: every ending, and CRLF pairs cut in two.
    expect(Math.min(used['\r'], used['\n'], used['\r\n'])).toBeGreaterThan(250);
    expect(splitCRLF).toBeGreaterThan(5);

    for (const chunk of chunks) await h.pty.write(chunk);
    // A sentinel after the batch: once it is here, any doubled or stray scan would be too.
    await h.pty.write('END-OF-BATCH\r\n');
    await h.scans.waitFor((s) => s.some((x) => x.data === 'END-OF-BATCH'), 30_000, 'the sentinel');

    expect(h.scans.items.map((s) => s.data)).toEqual([...codes, 'END-OF-BATCH']);
    expect(h.scans.items.every((s) => s.source === 'serial' && s.port === h.pty.a)).toBe(true);
    expect(await h.service.handlers['scanner.status']({}, ctx)).toMatchObject({
      ok: true,
      value: { ports: [{ state: 'connected', scans: 1001, rejected: 0 }] },
    });
  });

  it.each([
    ['CR', '\r'],
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ] as const)(
    'fixed %s terminator: 200 scans in odd chunks arrive once each',
    async (terminator, ending) => {
      const h = await setUp(`fixed-${terminator}`, terminator);
      const rand = prng(terminator.length * 7919);
      const codes = Array.from({ length: 200 }, (_, i) => codeFor(i, rand));
      for (const chunk of oddChunks(codes.map((c) => c + ending).join(''), rand))
        await h.pty.write(chunk);
      await h.pty.write(`LAST${ending}`);
      await h.scans.waitFor((s) => s.some((x) => x.data === 'LAST'), 20_000, 'the sentinel');
      expect(h.scans.items.map((s) => s.data)).toEqual([...codes, 'LAST']);
    },
  );

  it('strips the configured prefix/suffix, counts noise as rejected and never emits it', async () => {
    const h = await setUp('affix');
    const request = scannerConfig.parse({ ports: [{ path: h.pty.a, prefix: ']Q', suffix: '#' }] });
    const configured = await h.service.handlers['scanner.configure'](approved(request), ctx);
    expect(configured).toMatchObject({ ok: true, value: { ports: [{ path: h.pty.a }] } });
    await h.statuses.waitFor(
      (s) => s.filter((x) => x.state === 'connected').length >= 2,
      10_000,
      'reopened with the new settings',
    );
    await h.pty.write(']QABC123#\r\n');
    await h.pty.write(Buffer.from([0x41, 0x00, 0x42, 0x0d])); // a NUL inside: line noise
    await h.pty.write(Buffer.from([0xd0, 0x94, 0x0a])); // UTF-8 Cyrillic: wrong code page
    await h.pty.write(']QXYZ#\r');
    await h.scans.waitFor((s) => s.some((x) => x.data === 'XYZ'), 10_000, 'XYZ');
    expect(h.scans.items.map((s) => s.data)).toEqual(['ABC123', 'XYZ']);
    expect(await h.service.handlers['scanner.status']({}, ctx)).toMatchObject({
      ok: true,
      value: { ports: [{ scans: 2, rejected: 2 }] },
    });
    // The settings survive a restart: a new service on the same data dir uses them.
    const saved: unknown = JSON.parse(
      await readFile(join(h.dataDir, scannerConfigFileName), 'utf8'),
    );
    expect(saved).toMatchObject({ ports: [{ path: h.pty.a, prefix: ']Q', suffix: '#' }] });
  });

  it('opens only ports the OS lists: a typed-in file path is refused, a saved one is dropped', async () => {
    const h = await setUp('listed');
    const file = join(dir, 'listed', 'not-a-port');
    await writeFile(file, 'secret\n');
    const typedIn = scannerConfig.parse({ ports: [{ path: file }] });
    expect(await h.service.handlers['scanner.configure'](approved(typedIn), ctx)).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument', details: { path: file } },
    });
    // The settings in force did not change: the pty is still the one port.
    expect(await h.service.handlers['scanner.status']({}, ctx)).toMatchObject({
      ok: true,
      value: { ports: [{ path: h.pty.a }] },
    });
    // A settings file edited to name the file: a new service drops that port and says so.
    await mkdir(h.dataDir, { recursive: true });
    await writeFile(join(h.dataDir, scannerConfigFileName), JSON.stringify(typedIn));
    const refused: string[] = [];
    const again = createScannerService({
      dataDir: h.dataDir,
      events: createEventHub(silentLogger),
      config: scannerConfig.parse({ ports: [] }),
      devices: fixedDeviceCatalog([{ kind: 'serial', path: h.pty.a, label: 'socat pty' }]),
      onRefused: (path) => refused.push(path),
    });
    try {
      expect((await again.ready()).ports).toEqual([]);
      expect(refused).toEqual([file]);
    } finally {
      await again.close();
    }
  });

  it('rejects a configuration that lists one port twice', async () => {
    const h = await setUp('dup');
    const request = scannerConfig.parse({ ports: [{ path: h.pty.a }, { path: h.pty.a }] });
    expect(await h.service.handlers['scanner.configure'](approved(request), ctx)).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument' },
    });
  });

  it('resumes scanning after unplug (socat killed) and replug (socat restarted) without a restart', async () => {
    const h = await setUp('replug');
    await h.pty.write('BEFORE-1\r\n');
    await h.scans.waitFor((s) => s.length === 1, 10_000, 'first scan');

    for (let round = 1; round <= 2; round++) {
      const connectedBefore = h.statuses.items.filter((x) => x.state === 'connected').length;
      await h.pty.stop();
      await h.statuses.waitFor(
        (s) => s.at(-1)?.state === 'disconnected',
        10_000,
        `disconnected (round ${round})`,
      );
      expect(await h.service.handlers['scanner.status']({}, ctx)).toMatchObject({
        ok: true,
        value: { ports: [{ state: 'disconnected' }] },
      });
      await h.pty.start();
      await h.statuses.waitFor(
        (s) => s.filter((x) => x.state === 'connected').length > connectedBefore,
        15_000,
        `reconnected (round ${round})`,
      );
      await h.pty.write(`AFTER-${round}\r`);
      await h.scans.waitFor(
        (s) => s.some((x) => x.data === `AFTER-${round}`),
        10_000,
        `scan after replug ${round}`,
      );
    }
    expect(h.scans.items.map((s) => s.data)).toEqual(['BEFORE-1', 'AFTER-1', 'AFTER-2']);
    expect(await h.service.handlers['scanner.status']({}, ctx)).toMatchObject({
      ok: true,
      value: { ports: [{ state: 'connected', scans: 3 }] },
    });
  });

  it('never reports a port it could not open as connected; connects once the scanner appears', async () => {
    // The configured port does not exist yet (scanner not plugged in at start).
    pty = ptyPair(join(dir, 'late', 'tty'));
    const hub = createEventHub(silentLogger);
    const scans = collector<Scan>();
    const statuses = collector<PortStatus>();
    hub.subscribe((event, payload) => {
      if (event === 'scanner.scan') scans.push(payload as Scan);
      if (event === 'scanner.status') statuses.push(payload as PortStatus);
    });
    service = createScannerService({
      dataDir: join(dir, 'late', 'data'),
      events: hub,
      config: scannerConfig.parse({ ports: [{ path: pty.a, baudRate: 115200 }] }),
      backoff: { initialMs: 20, maxMs: 50 },
      devices: fixedDeviceCatalog([{ kind: 'serial', path: pty.a, label: 'socat pty' }]),
      approve: managerDeviceApproval(tokens, () => 'T1', scannerSettingsBinding),
    });
    // Several failed opens (every 20–50 ms) while nothing is there.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(statuses.items.filter((x) => x.state === 'connected')).toEqual([]);
    expect(await service.handlers['scanner.status']({}, ctx)).toMatchObject({
      ok: true,
      value: { ports: [{ state: 'disconnected' }] },
    });
    await pty.start();
    await statuses.waitFor((s) => s.some((x) => x.state === 'connected'), 10_000, 'connected');
    await pty.write('LATE-1\r');
    await scans.waitFor((s) => s.length === 1, 10_000, 'the first scan');
    expect(scans.items.map((x) => x.data)).toEqual(['LATE-1']);
  });

  it('notices a device node that disappears with no read error (a silent USB-serial unplug)', async () => {
    const h = await setUp('silent-unplug');
    // The link goes, the pty behind it stays open: no EIO reaches the reader, only the
    // presence check can tell.
    await rm(h.pty.a);
    await h.statuses.waitFor(
      (s) => s.at(-1)?.state === 'disconnected',
      10_000,
      'disconnected after the device node went',
    );
    expect(await h.service.handlers['scanner.status']({}, ctx)).toMatchObject({
      ok: true,
      value: { ports: [{ state: 'disconnected', lastError: 'The scanner was disconnected.' }] },
    });
  });

  it('lists ports without udevadm and without crashing', async () => {
    const h = await setUp('list');
    const listed = await h.service.handlers['scanner.listPorts']({}, ctx);
    expect(listed.ok).toBe(true);
    if (!listed.ok) return;
    for (const port of listed.value.ports) expect(port.path).toMatch(/^\/dev\//);
  });
});
