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
