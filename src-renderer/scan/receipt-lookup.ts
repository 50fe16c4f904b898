import { parseReceiptNumber } from '../../shared/orders/receipt-number';
import type { BoxOfficeDb } from '../store/db';
import { orderByReceipt } from '../store/queries';
import type { ScannedOrder } from './scan-verdict';
import { scannedOrderOf } from './stored-order';

/**
 * The order a scanned receipt barcode names, read by the store's [terminal+receipt] index;
 * null when the code is not a receipt or this terminal holds no such order. Receipts carry no
 * signature: what they name is only trusted because it is in this terminal's own store.
 */
export async function lookupScannedReceipt(
  db: BoxOfficeDb,
  code: string,
): Promise<ScannedOrder | null> {
  // A receipt barcode is `R-<terminal>-<number>` (shared/scanning/classify-scan's shape).
  const receipt = code.startsWith('R-') ? parseReceiptNumber(code) : null;
  if (receipt?.terminalId === undefined) return null;
  return scannedOrderOf(await orderByReceipt(db, receipt.terminalId, receipt.receiptNo));
}
