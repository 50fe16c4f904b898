import { saleReceipt, type SaleReceiptView } from '../../shared/slips';
import { encodeSlip, SlipEncoder } from '../../src-main/devices/escpos-encoder';
import { createGlyphSource } from '../../src-main/devices/raster-font';
import { decodeEscPos } from '../support/escpos-decoder';
import { goldenSlips } from '../support/golden-slips';
import { saleReceiptView } from '../support/slip-fixtures';
import { atMost, median, percentile, row, type BenchRow } from './harness';

/**
 * Receipt size and encode time. The standard receipt: 80 mm (48 columns), two tickets with
 * their signed-code QR codes, paid in cash with change. Bytes are what goes down the wire
 * (the virtual printer stores the same bytes; the integration tests check that).
 */
export default async function bench(): Promise<BenchRow[]> {
  const glyphs = createGlyphSource();
  const profile = {
    driver: 'epson' as const,
    cyrillic: 'wpc1251' as const,
    chinese: false,
    glyphs,
  };

  const standard = saleReceipt(saleReceiptView('en', { columns: 48, tender: 'cash' }));
  const bytes = encodeSlip(standard, profile).bytes;
  const decoded = decodeEscPos(bytes);
  if (decoded.qr.length !== 2) throw new Error('standard receipt must carry 2 QR codes');

  // English venue and items, Ukrainian tickets: both scripts on one receipt.
  const en = saleReceiptView('en');
  const uk = saleReceiptView('uk');
  const mixed: SaleReceiptView = {
    ...en,
    lines: [...en.lines, ...uk.lines],
    tickets: [...en.tickets, ...uk.tickets],
  };
  const mixedEncoded = encodeSlip(saleReceipt(mixed), profile);
  const ukEncoded = encodeSlip(saleReceipt(uk), profile);

  const encoder = new SlipEncoder(profile);
  const samples: number[] = [];
  for (let i = 0; i < 50; i++) encoder.encode(saleReceipt(saleReceiptView('uk')));
  for (let i = 0; i < 400; i++) {
    const start = performance.now();
    // layout + encode: what happens between "sale committed" and "bytes ready to send"
    encoder.encode(saleReceipt(saleReceiptView(i % 2 === 0 ? 'uk' : 'en')));
    samples.push(performance.now() - start);
  }

  // Issue 10 item 11: the golden Chinese receipt (the demo evening's cash sale) on a printer
  // marked Chinese-capable, and for comparison on one that is not (every CJK line a raster).
  const zhReceipt = (await goldenSlips('zh')).receipt;
  const zhCapable = encodeSlip(zhReceipt, { ...profile, chinese: true });
  const zhUnmarked = encodeSlip(zhReceipt, profile);

  return [
    row(
      'receipt_bytes_2_tickets',
      bytes.length,
      'bytes',
      atMost(1500),
      '80 mm, 48 cols, cash, 2 QR of 160-char codes (the maximum)',
    ),
    row(
      'receipt_raster_bytes_en_uk',
      mixedEncoded.rasterBytes + ukEncoded.rasterBytes,
      'bytes',
      atMost(0),
      `WPC1251 for Cyrillic; mixed en+uk receipt ${mixedEncoded.bytes.length} B`,
    ),
    row(
      'receipt_seconds_at_9600_baud',
      bytes.length / 960,
      's',
      undefined,
      `${bytes.length} B ÷ 960 B/s`,
    ),
    row(
      'receipt_encode_ms',
      median(samples),
      'ms',
      atMost(5),
      `layout+encode, median of ${samples.length}; p99 ${percentile(samples, 99).toFixed(3)} ms`,
    ),
    row(
      'receipt_raster_bytes_zh_capable',
      zhCapable.rasterBytes,
      'bytes',
      atMost(0),
      `zh receipt, GB18030 printer: ${zhCapable.bytes.length} B; unmarked printer: ${zhUnmarked.rasterBytes} B raster in ${zhUnmarked.rasterLines} lines`,
    ),
  ];
}
