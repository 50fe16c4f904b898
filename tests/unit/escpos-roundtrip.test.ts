import { describe, expect, it } from 'vitest';
import {
  creditVoucher,
  refundVoucher,
  saleReceipt,
  shiftReport,
  slipTextLines,
  ticketSlip,
  type SlipDocument,
  type SlipLocale,
} from '../../shared/slips';
import { encodeSlip } from '../../src-main/devices/escpos-encoder';
import { createGlyphSource } from '../../src-main/devices/raster-font';
import { decodeEscPos, printedText } from '../support/escpos-decoder';
import {
  creditVoucherView,
  refundVoucherView,
  saleReceiptView,
  shiftReportView,
  ticketView,
} from '../support/slip-fixtures';

const glyphs = createGlyphSource();
const profile = { driver: 'epson' as const, cyrillic: 'wpc1251' as const, chinese: true, glyphs };

const layouts: [string, (l: SlipLocale) => SlipDocument][] = [
  ['sale receipt', (l) => saleReceipt(saleReceiptView(l))],
  ['ticket', (l) => ticketSlip(ticketView(l))],
  ['refund voucher', (l) => refundVoucher(refundVoucherView(l))],
  ['credit voucher', (l) => creditVoucher(creditVoucherView(l))],
  ['X report', (l) => shiftReport(shiftReportView(l, 'X'))],
  ['Z report', (l) => shiftReport(shiftReportView(l, 'Z'))],
];

describe('ESC/POS encode → decode round trip (in memory)', () => {
  for (const locale of ['en', 'uk', 'zh'] as const) {
    for (const [name, make] of layouts) {
      it(`${name} in ${locale} decodes to the document's text with no raster`, () => {
        const doc = make(locale);
        const encoded = encodeSlip(doc, profile);
        const decoded = decodeEscPos(encoded.bytes);
        expect(printedText(decoded)).toEqual(slipTextLines(doc));
        expect(encoded.rasterBytes).toBe(0);
        expect(decoded.raster).toHaveLength(0);
        expect(decoded.unknown).toEqual([]);
        expect(decoded.questionMarks).toBe(0);
        expect(decoded.cuts).toBe(1);
      });
    }
  }
});
