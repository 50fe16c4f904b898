import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  creditVoucher,
  refundVoucher,
  saleReceipt,
  shiftReport,
  slipTextLines,
  ticketSlip,
  type SlipDocument,
  SlipBuilder,
  type SlipLocale,
  slipLabels,
} from '../../shared/slips';
import { displayWidth } from '../../shared/slips/text-width';
import { decodeEscPos, printedText } from '../support/escpos-decoder';
import { ctx, startRig, type PrinterRig } from '../support/printer-harness';
import {
  TICKET_CODES,
  creditVoucherView,
  refundVoucherView,
  saleReceiptView,
  shiftReportView,
  ticketView,
} from '../support/slip-fixtures';

const layouts: [string, (l: SlipLocale) => SlipDocument][] = [
  ['sale-receipt', (l) => saleReceipt(saleReceiptView(l))],
  ['ticket', (l) => ticketSlip(ticketView(l))],
  ['refund-voucher', (l) => refundVoucher(refundVoucherView(l))],
  ['credit-voucher', (l) => creditVoucher(creditVoucherView(l))],
  ['x-report', (l) => shiftReport(shiftReportView(l, 'X'))],
  ['z-report', (l) => shiftReport(shiftReportView(l, 'Z', 32))],
];

let rig: PrinterRig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig.close();
});

/** Prints over real TCP to the virtual printer and returns the bytes it stored for the job. */
async function printAndFetch(jobId: string, doc: SlipDocument): Promise<Buffer> {
  const before = (await rig.vp.jobs()).length;
  const res = await rig.service.handlers['printer.print']({ jobId, document: doc }, ctx);
  expect(res).toEqual({ ok: true, value: { jobId, state: 'printed', drawer: 'none' } });
  const jobs = await rig.vp.jobs();
  expect(jobs.length).toBe(before + 1);
  return jobs[jobs.length - 1]!;
}

describe('every layout over TCP to the virtual printer, decoded back', () => {
  for (const locale of ['en', 'uk', 'zh'] as const) {
    for (const [name, make] of layouts) {
      it(`${name} (${locale})`, async () => {
        const doc = make(locale);
        const decoded = decodeEscPos(await printAndFetch(`${name}-${locale}`, doc));
        expect(printedText(decoded)).toEqual(slipTextLines(doc));
        expect(decoded.raster).toEqual([]);
        expect(decoded.questionMarks).toBe(0);
        expect(decoded.unknown).toEqual([]);
        expect(decoded.cuts).toBe(1);
        expect(decoded.drawerKicks).toEqual([]);
      });
    }
  }

  it('Ukrainian text arrives through WPC1251 with every Ukrainian letter intact', async () => {
    const doc = saleReceipt(saleReceiptView('uk'));
    const decoded = decodeEscPos(await printAndFetch('uk-letters', doc));
    const text = decoded.lines.join('\n');
    for (const phrase of [
      'Театр імені Франка',
      'Гамлет — ґала-вистава',
      'Євгенія',
      'Київ',
      'РАЗОМ',
      'Ґудзь',
      'Гарного вечора',
    ]) {
      expect(text).toContain(phrase);
    }
    expect(decoded.pagesSelected).toContain(46);
    expect(decoded.pagesSelected).not.toContain(17); // never CP866, which lacks і and ґ
  });

  it('Chinese text arrives in GB18030 mode on a Chinese-capable printer', async () => {
    const doc = refundVoucher(refundVoucherView('zh'));
    const decoded = decodeEscPos(await printAndFetch('zh-gb18030', doc));
    const text = decoded.lines.join('\n');
    for (const phrase of ['大剧院', '退款单', '顾客无法出席', '顾客签名', '退款金额'])
      expect(text).toContain(phrase);
    expect(decoded.pagesSelected).toContain('gb18030');
  });

  for (const locale of ['en', 'zh'] as const) {
    it(`a Z on 58 mm naming a long window and cashier: words whole, none past the edge (${locale})`, async () => {
      const view = {
        ...shiftReportView(locale, 'Z', 32),
        terminal: 'Box office window 1',
        cashier: 'Oleksandra Kovalenko-Shevchenko',
      };
      const decoded = decodeEscPos(await printAndFetch(`long-names-${locale}`, shiftReport(view)));
      const lines = printedText(decoded);
      for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(32);
      const words = lines.flatMap((l) => l.trim().split(/\s+/));
      for (const word of ['Box', 'office', 'window', 'Oleksandra', 'Kovalenko-Shevchenko']) {
        expect(words).toContain(word);
      }
      const { terminal, cashier } = slipLabels(locale);
      expect(lines).toContain(`${terminal} Box office window 1`);
      expect(lines.map((l) => l.trim())).toContain(`${cashier} Oleksandra`);
    });
  }

  it('QR payloads on a receipt equal the ticket codes, and a voucher carries QR and CODE128', async () => {
    const receipt = decodeEscPos(
      await printAndFetch('qr-receipt', saleReceipt(saleReceiptView('en'))),
    );
    expect(receipt.qr).toEqual(TICKET_CODES);
    const voucher = decodeEscPos(
      await printAndFetch('qr-voucher', creditVoucher(creditVoucherView('uk'))),
    );
    expect(voucher.qr).toEqual(['CV-7K3M-9QX2']);
    expect(voucher.code128).toEqual(['CV-7K3M-9QX2']);
    const refund = decodeEscPos(
      await printAndFetch('qr-refund', refundVoucher(refundVoucherView('en'))),
    );
    expect(refund.qr).toEqual([refundVoucherView('en').refundCode]);
  });
});

/**
 * Golden bytes, written from the Epson ESC/POS command reference rather than read back through
 * our own decoder (tests/support/escpos-decoder.ts): if the encoder and the decoder agreed on a
 * wrong byte, the tests above would still pass; these would not.
 */
describe('golden ESC/POS bytes on the wire (from the command reference)', () => {
  const hex = (...bytes: number[]) => Buffer.from(bytes);
  const ESC_INIT = hex(0x1b, 0x40); // ESC @: initialise printer
  const GS_V_FULL_CUT = hex(0x1d, 0x56, 0x00); // GS V 0: full cut
  const ESC_T_WPC1251 = hex(0x1b, 0x74, 46); // ESC t 46: code page WPC1251 (Cyrillic)
  const FS_AMP = hex(0x1c, 0x26); // FS &: Kanji (Chinese) mode on — GB18030 on Chinese models
  const FS_DOT = hex(0x1c, 0x2e); // FS .: Kanji mode off

  /** `GS ( k pL pH cn fn …`: pL/pH count the bytes after pH (cn, fn, parameters), little-endian. */
  function qrFunction(fn: number, ...params: number[]): Buffer {
    const n = 2 + params.length;
    return hex(0x1d, 0x28, 0x6b, n & 0xff, n >> 8, 0x31, fn, ...params);
  }

  it('a Ukrainian and Chinese slip with a QR code: page select, FS & / FS ., QR store and print, cut, ESC @', async () => {
    const doc = new SlipBuilder('ticket', 'zh', 48)
      .text('Київ')
      .text('大剧院')
      .qr('BOX-OFFICE-42', 6)
      .build('golden');
    const raw = await printAndFetch('golden-bytes', doc);
    // "Київ" in Windows-1251 is CA E8 BF E2, after ESC t 46.
    expect(raw.includes(Buffer.concat([ESC_T_WPC1251, hex(0xca, 0xe8, 0xbf, 0xe2, 0x0a)]))).toBe(
      true,
    );
    // "大剧院" in GB18030 is B4 F3 BE E7 D4 BA, after FS &.
    expect(
      raw.includes(Buffer.concat([FS_AMP, hex(0xb4, 0xf3, 0xbe, 0xe7, 0xd4, 0xba, 0x0a)])),
    ).toBe(true);
    const data = Buffer.from('BOX-OFFICE-42', 'ascii');
    const qr = Buffer.concat([
      qrFunction(65, 50, 0), // fn 165: model 2
      qrFunction(67, 6), // fn 167: module size 6 dots
      qrFunction(69, 49), // fn 169: error correction M (49)
      // fn 180: store 13 data bytes: pL = 13 + 3 = 16, pH = 0, then m = 48
      hex(0x1d, 0x28, 0x6b, 16, 0, 0x31, 80, 48),
      data,
      qrFunction(81, 48), // fn 181: print the stored symbol
    ]);
    expect(raw.includes(qr)).toBe(true);
    // Chinese mode is left before the cut; one full cut, then ESC @ so the next job starts
    // from a known state, then the job's end marker: GS ( H pL=6 pH=0 fn=48 m=48 d1..d4, the
    // process-ID request the printer answers once everything before it has been printed.
    expect(raw.lastIndexOf(FS_DOT)).toBeGreaterThan(raw.indexOf(FS_AMP));
    expect(raw.lastIndexOf(FS_DOT)).toBeLessThan(raw.indexOf(GS_V_FULL_CUT));
    const tail = raw.subarray(raw.length - 16);
    expect([...tail.subarray(0, 12)]).toEqual([
      ...GS_V_FULL_CUT,
      ...ESC_INIT,
      ...[0x1d, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30],
    ]);
    expect(tail.subarray(12).toString('latin1')).toMatch(/^[0-9]{4}$/);
    // No ESC @ anywhere before: it would discard a previous job still in the printer's buffer.
    expect(raw.indexOf(ESC_INIT)).toBe(raw.length - 13);
  });
});
