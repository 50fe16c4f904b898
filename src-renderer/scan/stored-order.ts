import type { SalePayload } from '../../shared/journal/entry-types';
import type { OrderEvent, OrderView } from '../../shared/orders/order-view';
import { projectOrder } from '../../shared/orders/order-view';
import type { OrderRecord } from '../store/records';
import type { ScannedOrder } from './scan-verdict';

interface StoredOrderShape {
  readonly sale: SalePayload;
  readonly events: readonly OrderEvent[];
}

// The store keeps the app's order in a generic slot (src-renderer/app/till-records.ts); the
// check is structural so a record written by an older or newer till is read, not trusted.
function isStoredOrder(value: unknown): value is StoredOrderShape {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { sale?: unknown; events?: unknown };
  if (typeof v.sale !== 'object' || v.sale === null || !Array.isArray(v.events)) return false;
  const sale = v.sale as { tickets?: unknown; tenders?: unknown; totals?: unknown };
  return (
    Array.isArray(sale.tickets) && Array.isArray(sale.tenders) && typeof sale.totals === 'object'
  );
}

function projectStoredOrder(stored: StoredOrderShape): OrderView | null {
  try {
    return projectOrder(stored.sale, stored.events);
  } catch {
    // An order whose events do not fit its sale (a half-synced order): no order to open.
    return null;
  }
}

/** An order record as a scan reports it; null when the record is missing or unreadable. */
export function scannedOrderOf(record: OrderRecord | undefined): ScannedOrder | null {
  if (record === undefined || !isStoredOrder(record.order)) return null;
  const order = projectStoredOrder(record.order);
  if (order === null) return null;
  const { terminalId, receiptNumber, at, total } = record;
  return { receipt: { terminalId, receiptNumber, at, total }, order };
}
