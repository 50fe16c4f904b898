import { join } from 'node:path';
import type { Role } from '../../shared/catalog/roles';
import type { PrinterConfig } from '../../shared/ipc/printer';
import type { ScannerConfig } from '../../shared/ipc/scanner';
import { appendLineDurable } from './durable-file';

/**
 * Main's own record of every printer and scanner change (issue 8 item 1): when, who asked, which manager
 * approved (and the id of the token main redeemed), and the settings before and after. It is
 * main's change, not the page's, so it is not a page journal entry (that chain is the page's
 * sales record, anchored in main); it is an append-only JSON-lines file in main's data folder,
 * each line fsynced before the change takes effect.
 */
export const DEVICE_CHANGE_LOG = 'device-changes.jsonl';

export type DeviceChangeRecord = PrinterChangeRecord | ScannerChangeRecord;

interface ChangeRecordBase {
  readonly at: string;
  /** the transport's caller label (which window or bridge session) */
  readonly caller: string;
  readonly requestedBy: string;
  readonly approvedBy: { readonly staffId: string; readonly role: Role };
  readonly tokenId: string;
}

export interface PrinterChangeRecord extends ChangeRecordBase {
  readonly device: 'printer';
  readonly from: PrinterConfig | null;
  readonly to: PrinterConfig;
}

export interface ScannerChangeRecord extends ChangeRecordBase {
  readonly device: 'scanner';
  readonly from: ScannerConfig;
  readonly to: ScannerConfig;
}

export function appendDeviceChange(dataDir: string, record: DeviceChangeRecord): Promise<void> {
  return appendLineDurable(join(dataDir, DEVICE_CHANGE_LOG), JSON.stringify(record));
}
