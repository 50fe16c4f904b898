import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrinterStatus } from '../../shared/ipc/printer';
import { saleReceipt, slipTextLines } from '../../shared/slips';
import { encodeSlip } from '../../src-main/devices/escpos-encoder';
import { createGlyphSource } from '../../src-main/devices/raster-font';
import { createPrinterService, type PrinterService } from '../../src-main/devices/printer-service';
import { startVirtualPrinter, type VirtualPrinter } from '../../src-main/devices/virtual-printer';
import { decodeEscPos, printedText } from '../support/escpos-decoder';
import { ctx, eventually, printerConfig } from '../support/printer-harness';
import { saleReceiptView } from '../support/slip-fixtures';

/**
 * A serial printer over a real pty pair (socat): the service writes to ttyA through
 * serialport in drained chunks; the virtual printer reads ttyB, answers status and confirms
 * jobs. A 30 KB raster-heavy receipt must arrive byte for byte.
 */
let root: string;
let socat: ChildProcess;
let vp: VirtualPrinter;
let printerEnd: SerialPort;
let service: PrinterService;
const statuses: PrinterStatus[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'printer-serial-'));
  const ttyA = join(root, 'ttyA');
  const ttyB = join(root, 'ttyB');
  socat = spawn(
    'socat',
    ['-d', '-d', `pty,raw,echo=0,link=${ttyA}`, `pty,raw,echo=0,link=${ttyB}`],
    {
      stdio: 'ignore',
    },
  );
  expect(await eventually(() => existsSync(ttyA) && existsSync(ttyB), 5000)).toBe(true);
  vp = await startVirtualPrinter({ port: 0, jobsDir: join(root, 'jobs') });
  printerEnd = new SerialPort({ path: ttyB, baudRate: 9600 });
  await new Promise<void>((resolve, reject) =>
    printerEnd.once('open', resolve).once('error', reject),
  );
  vp.attach(printerEnd);
  service = createPrinterService({
    dataDir: join(root, 'data'),
    events: { emit: (_n, p) => statuses.push(p) },
    // ptys have no RTS/CTS lines; drain-per-chunk is the flow control exercised here
    config: printerConfig(0, {
      transport: { kind: 'serial', path: ttyA, baudRate: 9600, rtscts: false },
      chinese: false,
      statusPollMs: 200,
    }),
    timing: {
      jobTimeoutMs: 10_000,
      probeMs: 100,
      retryBaseMs: 100,
      retryMaxMs: 400,
      printWaitMs: 10_000,
    },
  });
});

afterAll(async () => {
  await service.close();
  await new Promise<void>((resolve) =>
    printerEnd.isOpen ? printerEnd.close(() => resolve()) : resolve(),
  );
  await vp.close();
  socat.kill('SIGTERM');
  await rm(root, { recursive: true, force: true });
});

describe('serial printer over a socat pty pair', () => {
  it('answers status over the wire', async () => {
    const res = await service.handlers['printer.status']({}, ctx);
    expect(res).toEqual({ ok: true, value: { state: 'ready', paperNearEnd: false, queued: 0 } });
  });

  it('a large raster receipt arrives byte for byte and is confirmed', async () => {
    const doc = saleReceipt(saleReceiptView('zh'));
    const res = await service.handlers['printer.print']({ jobId: 'serial-1', document: doc }, ctx);
    expect(res).toEqual({
      ok: true,
      value: { jobId: 'serial-1', state: 'printed', drawer: 'none' },
    });
    const jobs = await vp.jobs();
    expect(jobs).toHaveLength(1);
    const job = jobs[0]!;
    expect(job.length).toBeGreaterThan(20_000);
    // exactly the encoder's bytes plus the 11-byte GS ( H completion request
    const sent = encodeSlip(doc, {
      driver: 'epson',
      cyrillic: 'wpc1251',
      chinese: false,
      glyphs: createGlyphSource('/usr/share/unifont/unifont.hex'),
    }).bytes;
    expect(job.length).toBe(sent.length + 11);
    expect(job.subarray(0, sent.length).equals(sent)).toBe(true);
    const decoded = decodeEscPos(job);
    expect(decoded.raster.length).toBeGreaterThan(10);
    expect(decoded.qr).toHaveLength(2);
    const expected = slipTextLines(doc);
    const printed = printedText(decoded);
    expect(printed).toHaveLength(expected.length);
    printed.forEach((line, i) => {
      if (!line.startsWith('[RASTER')) expect(line).toBe(expected[i]);
    });
  });
});
