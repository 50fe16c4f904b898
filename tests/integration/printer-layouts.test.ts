import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
      'Ґарного',
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
