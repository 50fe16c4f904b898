import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { describe, expect, it } from 'vitest';
import { displayWidth, saleReceipt, SlipBuilder, slipTextLines } from '../../shared/slips';
import { encodeSlip } from '../../src-main/devices/escpos-encoder';
import { codePointBox, createGlyphSource } from '../../src-main/devices/raster-font';
import { rasterLine } from '../../src-main/devices/raster-text';
import { drawerKick, interpretStatus } from '../../src-main/devices/printer-status';
import { decodeEscPos, printedText } from '../support/escpos-decoder';
import { saleReceiptView } from '../support/slip-fixtures';

const glyphs = createGlyphSource();
const epson = (
  over: Partial<{ cyrillic: 'wpc1251' | 'cp1125' | 'none'; chinese: boolean }> = {},
) => ({
  driver: 'epson' as const,
  cyrillic: 'wpc1251' as const,
  chinese: false,
  glyphs,
  ...over,
});

describe('what node-thermal-printer 4.6.1 gets wrong (why we select code pages ourselves)', () => {
  it('its CHINA page is ESC R 15 (an ASCII variant set), not Chinese mode, and it encodes GB2312', () => {
    const p = new ThermalPrinter({
      type: PrinterTypes.EPSON,
      interface: '',
      characterSet: 'CHINA' as never,
    });
    p.print('𠀀');
    const bytes = p.getBuffer();
    expect([...bytes.subarray(0, 3)]).toEqual([0x1b, 0x52, 0x0f]);
    // a GB18030-only character comes out as '?' (or another page's bytes), never as GB18030
    expect(bytes.includes(Buffer.from([0x1c, 0x26]))).toBe(false);
  });

  it('it prints "?" for an emoji, garbage for Chinese (EUC-JP bytes after ESC R), and flips pages mid-line', () => {
    const p = new ThermalPrinter({
      type: PrinterTypes.EPSON,
      interface: '',
      characterSet: 'PC866_CYRILLIC2' as never,
    });
    p.print('Київ, ґанок 大 🎭');
    const decoded = decodeEscPos(p.getBuffer());
    expect(decoded.pagesSelected.slice(0, 2)).toEqual([17, 44]);
    expect(decoded.lines[0]).toMatch(/\?\?$/);
    expect(decoded.lines[0]).not.toContain('大');
    // ours: one page for the Cyrillic, and the line as an image rather than '?' or garbage
    const ours = encodeSlip(
      new SlipBuilder('ticket', 'uk', 48).text('Київ, ґанок 大 🎭').build('t'),
      epson(),
    );
    expect(decodeEscPos(ours.bytes).lines[0]).toBe('[RASTER 576x24]');
    const plain = decodeEscPos(
      encodeSlip(new SlipBuilder('ticket', 'uk', 48).text('Київ, ґанок').build('t'), epson()).bytes,
    );
    expect(plain.pagesSelected).toEqual([46]);
  });

  it('its openCashDrawer() sends two truncated ESC p commands instead of one full kick', () => {
    const p = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: '' });
    p.openCashDrawer();
    expect([...p.getBuffer()]).toEqual([0x1b, 0x70, 0x00, 0x1b, 0x70, 0x01]);
    expect([...drawerKick('epson', { pin: 0, onMs: 50, offMs: 500 })]).toEqual([
      0x1b, 0x70, 0x00, 0x19, 0xfa,
    ]);
  });
});

describe('code pages', () => {
  it('golden bytes from the code-page tables, not our decoder: ESC t 44 then ґ є і ї in CP1125', () => {
    const doc = new SlipBuilder('ticket', 'uk', 48).text('ґєії').build('t');
    const bytes = encodeSlip(doc, epson({ cyrillic: 'cp1125' })).bytes;
    // ESC t 44 = 1B 74 2C selects CP1125 (Ukrainian); in it ґ F3, є F5, і F7, ї F9.
    expect(bytes.includes(Buffer.from([0x1b, 0x74, 0x2c, 0xf3, 0xf5, 0xf7, 0xf9, 0x0a]))).toBe(
      true,
    );
    // The same letters in WPC1251 (ESC t 46 = 1B 74 2E): ґ B4, є BA, і B3, ї BF.
    const wpc = encodeSlip(doc, epson()).bytes;
    expect(wpc.includes(Buffer.from([0x1b, 0x74, 0x2e, 0xb4, 0xba, 0xb3, 0xbf, 0x0a]))).toBe(true);
  });

  it('CP1125 works as the Cyrillic page too, with every Ukrainian letter', () => {
    const doc = new SlipBuilder('ticket', 'uk', 48).text('ґҐ єЄ іІ їЇ — Київ').build('t');
    const decoded = decodeEscPos(encodeSlip(doc, epson({ cyrillic: 'cp1125' })).bytes);
    expect(printedText(decoded)).toEqual(['ґҐ єЄ іІ їЇ — Київ']);
    expect(decoded.pagesSelected).toContain(44);
  });

  it('switches pages only where needed and leaves Chinese mode before a single-byte page', () => {
    const doc = new SlipBuilder('ticket', 'en', 48).text('Café 大剧院 Київ é').build('t');
    const encoded = encodeSlip(doc, epson({ chinese: true }));
    const decoded = decodeEscPos(encoded.bytes);
    expect(printedText(decoded)).toEqual(['Café 大剧院 Київ é']);
    expect(decoded.pagesSelected).toEqual([16, 'gb18030', 46, 16]);
    expect(encoded.rasterBytes).toBe(0);
  });

  it('a Star printer gets Star page selection (ESC GS t) and spaces instead of ESC $', () => {
    const doc = new SlipBuilder('ticket', 'uk', 48).row('Ціна', '450,00').build('t');
    const bytes = encodeSlip(doc, { ...epson(), driver: 'star' }).bytes;
    expect(bytes.includes(Buffer.from([0x1b, 0x1d, 0x74, 34]))).toBe(true);
    expect(bytes.includes(Buffer.from([0x1b, 0x24]))).toBe(false);
  });
});

describe('raster fallback: never a silent "?"', () => {
  it('Chinese on a printer without GB18030 prints as images; other lines stay text', () => {
    const doc = saleReceipt(saleReceiptView('zh'));
    const encoded = encodeSlip(doc, epson({ chinese: false }));
    const decoded = decodeEscPos(encoded.bytes);
    expect(encoded.rasterLines).toBeGreaterThan(10);
    expect(decoded.raster).toHaveLength(encoded.rasterLines);
    expect(
      decoded.raster.every((r) => r.widthBytes === 72 && (r.height === 24 || r.height === 48)),
    ).toBe(true);
    expect(decoded.questionMarks).toBe(0);
    const expected = slipTextLines(doc);
    const printed = printedText(decoded);
    expect(printed).toHaveLength(expected.length);
    printed.forEach((line, i) => {
      if (line.startsWith('[RASTER')) expect(expected[i]).toMatch(/[^ -~]/);
      else expect(line).toBe(expected[i]);
    });
  });

  it('a character no page has (an emoji) becomes a raster line even on a Chinese printer', () => {
    const doc = new SlipBuilder('ticket', 'en', 32)
      .text('Enjoy 🎭', { align: 'center' })
      .build('t');
    const encoded = encodeSlip(doc, epson({ chinese: true }));
    expect(decodeEscPos(encoded.bytes).lines[0]).toBe('[RASTER 384x24]');
  });

  it('draws real glyphs: different letters give different images, large text is twice as tall', () => {
    const a = rasterLine('ґ', 32, 'left', false, glyphs);
    const b = rasterLine('г', 32, 'left', false, glyphs);
    const big = rasterLine('ґ', 32, 'left', true, glyphs);
    const ink = (buf: Buffer) =>
      [...buf.subarray(8)].reduce((n, byte) => n + (byte.toString(2).match(/1/g)?.length ?? 0), 0);
    expect(ink(a)).toBeGreaterThan(10);
    expect(a.equals(b)).toBe(false);
    expect(big[6]).toBe(48);
    expect(ink(big)).toBeGreaterThan(ink(a) * 3);
  });

  it('an unknown glyph is a box showing its code point', () => {
    const box1 = codePointBox(0x1f3ad);
    const box2 = codePointBox(0x1f3ae);
    expect(box1.rows[0]).toBe(0xff);
    expect(Buffer.from(box1.rows).equals(Buffer.from(box2.rows))).toBe(false);
  });
});

describe('widths', () => {
  it('58 mm receipts stay within 32 columns', () => {
    const doc = saleReceipt(saleReceiptView('uk', { columns: 32 }));
    const decoded = decodeEscPos(encodeSlip(doc, epson()).bytes);
    for (const line of printedText(decoded)) {
      if (!line.startsWith('[')) expect(displayWidth(line)).toBeLessThanOrEqual(32);
    }
  });
});

describe('real-time status bits (DLE EOT)', () => {
  const ok = { printer: 0x12, offline: 0x12, error: 0x12, paper: 0x12 };
  it.each([
    [ok, 'ready', false],
    [{ ...ok, paper: 0x12 | 0x0c }, 'ready', true],
    [{ ...ok, paper: 0x12 | 0x6c, offline: 0x32 }, 'paper_out', true],
    [{ ...ok, offline: 0x16, printer: 0x1a }, 'cover_open', false],
    [{ ...ok, error: 0x12 | 0x08 }, 'error', false],
    [{ ...ok, printer: 0x1a }, 'offline', false],
  ] as const)('%j → %s', (raw, state, nearEnd) => {
    expect(interpretStatus(raw)).toMatchObject({ state, paperNearEnd: nearEnd });
  });
});
