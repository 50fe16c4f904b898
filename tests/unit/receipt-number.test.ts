import { describe, expect, it } from 'vitest';
import { formatReceiptNumber, parseReceiptNumber } from '../../shared/orders/receipt-number';
import { classifyScan } from '../../shared/scanning/classify-scan';
import { findQueryOf } from '../../src-renderer/app/order-flow-actors';

// Terminal ids issued by main look like "T-7F3K2Q9M": the hyphen inside the id must not cut
// the receipt number short (a search for the printed number once found nothing).
describe('receipt numbers as printed, typed and scanned', () => {
  it('reads back every number formatReceiptNumber prints, whatever the terminal id', () => {
    for (const id of ['T-7F3K2Q9M', 'T1', 'WINDOW-7', 'BOX_2']) {
      for (const n of [1, 42, 999_999, 1_234_567]) {
        const printed = formatReceiptNumber(id, n);
        expect(parseReceiptNumber(printed)).toEqual({ terminalId: id, receiptNo: n });
        expect(parseReceiptNumber(`R-${printed}`)).toEqual({ terminalId: id, receiptNo: n });
      }
    }
  });

  it('takes a bare number, and refuses training numbers, zero and words', () => {
    expect(parseReceiptNumber(' 000042 ')).toEqual({ receiptNo: 42 });
    expect(parseReceiptNumber(formatReceiptNumber('T-7F3K2Q9M', 2, true))).toBeNull();
    expect(parseReceiptNumber('0')).toBeNull();
    expect(parseReceiptNumber('Shevchenko')).toBeNull();
    expect(parseReceiptNumber('-000042')).toBeNull();
  });

  it('the search box and the receipt barcode both understand a hyphenated terminal id', () => {
    expect(findQueryOf('T-7F3K2Q9M-000001')).toEqual({
      kind: 'receipt',
      terminalId: 'T-7F3K2Q9M',
      receiptNo: 1,
    });
    expect(findQueryOf('Olena Petrenko')).toEqual({ kind: 'customer', text: 'Olena Petrenko' });
    expect(classifyScan('R-T-7F3K2Q9M-000001').kind).toBe('receipt');
    expect(classifyScan('R-T1-000001').kind).toBe('receipt');
  });
});
