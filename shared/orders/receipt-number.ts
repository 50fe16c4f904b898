import { strictAssert } from '../util/assert';

/**
 * "T01-000042": terminal id plus the gapless per-terminal number. Training receipts carry a
 * "TRAINING-" prefix and their own sequence, so practice never leaves a hole in the real one.
 */
export function formatReceiptNumber(
  terminalId: string,
  receiptNo: number,
  training = false,
): string {
  strictAssert(Number.isSafeInteger(receiptNo) && receiptNo > 0, `bad receipt number ${receiptNo}`);
  return `${training ? 'TRAINING-' : ''}${terminalId}-${String(receiptNo).padStart(6, '0')}`;
}

/** A terminal id as it appears in a receipt number: "T1", "WINDOW-7", "T-7F3K2Q9M". */
const RECEIPT_NUMBER = /^(?:([A-Za-z0-9][A-Za-z0-9_-]{0,63})-)?0*(\d{1,12})$/;

/**
 * The terminal and number a cashier typed or a receipt barcode holds ("T-7F3K2Q9M-000042",
 * "R-T-7F3K2Q9M-000042" from the barcode, or just "42"). The terminal id may itself contain
 * hyphens, so the number is whatever follows the last one. Training receipts are not parsed:
 * practice orders are never looked up as real ones.
 */
export function parseReceiptNumber(
  text: string,
): { readonly terminalId?: string; readonly receiptNo: number } | null {
  const t = text.trim().replace(/^R-/, '');
  if (t.startsWith('TRAINING-')) return null;
  const m = RECEIPT_NUMBER.exec(t);
  if (m?.[2] === undefined) return null;
  const receiptNo = Number(m[2]);
  if (!Number.isSafeInteger(receiptNo) || receiptNo <= 0) return null;
  return m[1] === undefined ? { receiptNo } : { terminalId: m[1], receiptNo };
}
