import { err } from '../../shared/util/result';
import type { ConfigStore } from './config-store';
import type { EventHub } from './event-hub';
import type { PrinterHandlers, ScannerHandlers } from './handlers';

// Stand-ins until src-main/devices/{printer,scanner}-service.ts land; the coordinator switches
// create-services.ts over to the real ones. Every call answers `unavailable`, never a fake success.

export type DeviceServiceOptions = {
  readonly dataDir: string;
  readonly events: EventHub;
  readonly config: ConfigStore;
};

export type DeviceService<H> = { readonly handlers: H; close(): Promise<void> };

const unavailable = (what: string) => () =>
  Promise.resolve(err('unavailable', `${what} support is not installed in this build yet.`));

export function createPrinterService(_opts: DeviceServiceOptions): DeviceService<PrinterHandlers> {
  return {
    handlers: {
      'printer.list': unavailable('Printer'),
      'printer.configure': unavailable('Printer'),
      'printer.status': unavailable('Printer'),
      'printer.print': unavailable('Printer'),
      'printer.openDrawer': unavailable('Cash drawer'),
    },
    close: () => Promise.resolve(),
  };
}

export function createScannerService(_opts: DeviceServiceOptions): DeviceService<ScannerHandlers> {
  return {
    handlers: {
      'scanner.listPorts': unavailable('Scanner'),
      'scanner.configure': unavailable('Scanner'),
      'scanner.status': unavailable('Scanner'),
    },
    close: () => Promise.resolve(),
  };
}
