import type { BoxOfficeDb } from '../store/db';
import { orderByReceipt } from '../store/queries';
import type { ScannedOrder } from './scan-verdict';
import { scannedOrderOf } from './stored-order';

/** A receipt barcode: `R-<terminal>-<number>` (shared/scanning/classify-scan's receipt shape). */
const RECEIPT_CODE = /^R-([0-9A-Z]{1,16})-0*(\d{1,12})$/;

/**
 * The order a scanned receipt barcode names, read by the store's [terminal+receipt] index;
 * null when the code is not a receipt or this terminal holds no such order. Receipts carry no
 * signature: what they name is only trusted because it is in this terminal's own store.
 */
export async function lookupScannedReceipt(
  db: BoxOfficeDb,
  code: string,
): Promise<ScannedOrder | null> {
  const m = RECEIPT_CODE.exec(code);
  if (m?.[1] === undefined || m[2] === undefined) return null;
  return scannedOrderOf(await orderByReceipt(db, m[1], Number(m[2])));
}
