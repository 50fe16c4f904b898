import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrinterStatus } from '../../shared/ipc/printer';
import { saleReceipt, slipTextLines } from '../../shared/slips';
import { createPrinterService, type PrinterService } from '../../src-main/devices/printer-service';
import { decodeEscPos, printedText } from '../support/escpos-decoder';
import { ctx, eventually, printerConfig } from '../support/printer-harness';
import { saleReceiptView, TICKET_CODES } from '../support/slip-fixtures';

// A USB printer-class device (/dev/usb/lp0) is a file the kernel driver takes bytes from.
// No USB printer is attached here, so the device path is a real file on disk: the service
// opens it, appends each job and must leave exactly the job's bytes there — the same code
// path a /dev/usb/lp0 takes. A path that cannot be opened is an offline printer: the job
// waits in the durable queue and prints once the device appears.

const receipt = saleReceipt(saleReceiptView('uk'));
let root: string;
let service: PrinterService | null = null;

afterEach(async () => {
  await service?.close();
  service = null;
  if (root) await rm(root, { recursive: true, force: true });
});

function start(devicePath: string, statuses: PrinterStatus[] = []): PrinterService {
  return createPrinterService({
    dataDir: join(root, 'data'),
    events: { emit: (_name, payload) => statuses.push(payload) },
    config: printerConfig(0, { transport: { kind: 'device', path: devicePath } }),
    timing: {
      jobTimeoutMs: 3000,
      probeMs: 50,
      retryBaseMs: 100,
      retryMaxMs: 400,
      printWaitMs: 1000,
    },
  });
}

describe('printing to a device path (USB printer class)', () => {
  it('writes exactly the job bytes to the device and prints them once', async () => {
    root = await mkdtemp(join(tmpdir(), 'printer-device-'));
    const device = join(root, 'lp0');
    service = start(device);
    const res = await service.handlers['printer.print']({ jobId: 'dev-1', document: receipt }, ctx);
    expect(res).toEqual({ ok: true, value: { jobId: 'dev-1', state: 'printed', drawer: 'none' } });
    const job = decodeEscPos(await readFile(device));
    expect(printedText(job)).toEqual(slipTextLines(receipt));
    expect([...job.qr].sort()).toEqual([...TICKET_CODES].sort());
    expect(job.cuts).toBe(1);
    expect(job.questionMarks).toBe(0);

    // The same job id again is not a second receipt.
    const again = await service.handlers['printer.print'](
      { jobId: 'dev-1', document: receipt },
      ctx,
    );
    expect(again.ok && again.value.state).toBe('printed');
    expect(decodeEscPos(await readFile(device)).cuts).toBe(1);
  });

  it('a device that is not there queues the job, says so, and prints it when it appears', async () => {
    root = await mkdtemp(join(tmpdir(), 'printer-device-'));
    const dir = join(root, 'usb');
    const device = join(dir, 'lp0');
    const statuses: PrinterStatus[] = [];
    service = start(device, statuses);
    const res = await service.handlers['printer.print']({ jobId: 'dev-2', document: receipt }, ctx);
    expect(res).toEqual({ ok: true, value: { jobId: 'dev-2', state: 'queued', drawer: 'none' } });
    const status = await service.handlers['printer.status']({}, ctx);
    expect(status).toMatchObject({ ok: true, value: { state: 'offline', queued: 1 } });
    expect(status.ok && status.value.message).toMatch(/lp0/);

    await mkdir(dir);
    expect(
      await eventually(async () => {
        try {
          return decodeEscPos(await readFile(device)).cuts === 1;
        } catch {
          return false;
        }
      }, 10_000),
    ).toBe(true);
    expect(printedText(decodeEscPos(await readFile(device)))).toEqual(slipTextLines(receipt));
    expect(await eventually(() => statuses.at(-1)?.queued === 0)).toBe(true);
  });
});
