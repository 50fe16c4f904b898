import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TerminalConfig } from '../../shared/ipc/terminal-config';
import type { SlipDocument, SlipLocale } from '../../shared/slips';
import { createPrinterService } from '../../src-main/devices/printer-service';
import { startVirtualPrinter, type VirtualPrinter } from '../../src-main/devices/virtual-printer';
import { decodeEscPos, printedText, type DecodedJob } from '../support/escpos-decoder';
import { readGolden } from '../support/golden-files';
import { GOLDEN_KINDS, goldenSlips } from '../support/golden-slips';
import { ctx, startRig, type PrinterRig } from '../support/printer-harness';

/**
 * Issue 10 items 5 and 11 on the wire: every golden slip printed through main's real printer
 * service to an ESC/POS printer on loopback TCP, the bytes it received decoded and compared
 * line by line with the same golden files the unit test checks the layouts against.
 */
const LOCALES: readonly SlipLocale[] = ['en', 'uk', 'zh'];

async function printed(
  service: ReturnType<typeof createPrinterService>,
  vp: VirtualPrinter,
  jobId: string,
  document: SlipDocument,
): Promise<DecodedJob> {
  const before = (await vp.jobs()).length;
  const res = await service.handlers['printer.print']({ jobId, document }, ctx);
  expect(res).toEqual({ ok: true, value: { jobId, state: 'printed', drawer: 'none' } });
  const jobs = await vp.jobs();
  expect(jobs.length).toBe(before + 1);
  return decodeEscPos(jobs[jobs.length - 1]!);
}

describe('golden slips printed over TCP (a Chinese-capable Epson, WPC1251), decoded', () => {
  let rig: PrinterRig;
  beforeAll(async () => {
    rig = await startRig({ chinese: true, cyrillic: 'wpc1251' });
  });
  afterAll(async () => {
    await rig.close();
  });

  for (const locale of LOCALES) {
    it(`every kind in ${locale} prints as its golden, as text`, async () => {
      const slips = await goldenSlips(locale);
      for (const kind of GOLDEN_KINDS) {
        const decoded = await printed(rig.service, rig.vp, `golden-${kind}-${locale}`, slips[kind]);
        expect(printedText(decoded), `${kind}.${locale}`).toEqual(readGolden(kind, locale));
        expect(decoded.raster, `${kind}.${locale}`).toEqual([]);
        expect(decoded.questionMarks).toBe(0);
        expect(decoded.unknown).toEqual([]);
        expect(decoded.cuts).toBe(1);
        expect(decoded.drawerKicks).toEqual([]);
      }
    });
  }
});

/**
 * Item 11: whether Chinese goes out as GB18030 is the printer's capability, not the till's
 * screen language. Main builds the printer from the terminal settings here, as a till does
 * before a manager saves printer settings.
 */
describe('Chinese printing follows the printer, whatever the screen language', () => {
  let vp: VirtualPrinter;
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'golden-zh-'));
    vp = await startVirtualPrinter({ port: 0, jobsDir: join(root, 'jobs') });
  });
  afterAll(async () => {
    await vp.close();
    await rm(root, { recursive: true, force: true });
  });

  async function printZhReceipt(locale: string, chinese: boolean | undefined, name: string) {
    const terminal: TerminalConfig = {
      terminalId: 'T-7K3M9QX2',
      locale,
      printer: {
        kind: 'network',
        address: '127.0.0.1',
        port: vp.port,
        paperWidthMm: 80,
        driver: 'epson',
        ...(chinese === undefined ? {} : { chinese }),
      },
      scanner: { serialPath: null, baudRate: 9600, wedgeEnabled: false },
      printedJobRetentionDays: 30,
    };
    const service = createPrinterService({
      dataDir: join(root, name),
      events: { emit: () => undefined },
      config: { get: () => terminal, onChange: () => () => undefined },
      timing: { jobTimeoutMs: 3000, probeMs: 50, retryBaseMs: 100, retryMaxMs: 400 },
    });
    try {
      return await printed(service, vp, `zh-${name}`, (await goldenSlips('zh')).receipt);
    } finally {
      await service.close();
    }
  }

  it('a printer marked Chinese-capable gets GB18030 text on an English-speaking till', async () => {
    const decoded = await printZhReceipt('en-GB', true, 'marked-en');
    expect(decoded.pagesSelected).toContain('gb18030');
    expect(decoded.raster).toEqual([]);
    expect(printedText(decoded)).toEqual(readGolden('receipt', 'zh'));
  });

  it('a printer not marked gets no GB18030 bytes on a Chinese-speaking till (raster instead)', async () => {
    const decoded = await printZhReceipt('zh-CN', undefined, 'unmarked-zh');
    expect(decoded.pagesSelected).not.toContain('gb18030');
    expect(decoded.raster.length).toBeGreaterThan(0);
  });
});
