import { open } from 'node:fs/promises';
import { err, ok } from '../../shared/util/result';
import type { LinkFactory, PrinterLink } from './printer-link';

/**
 * A USB printer-class device node (/dev/usb/lp0). The kernel driver blocks our write while
 * the printer is busy, so flow control is the driver's. It is write-only here: no status and
 * no completion receipt, so a job counts as printed once the driver accepted every byte.
 */
export function deviceLinkFactory(path: string): LinkFactory {
  return {
    description: `device:${path}`,
    async open() {
      try {
        const handle = await open(path, 'a');
        const link: PrinterLink = {
          canRead: false,
          async write(bytes) {
            try {
              let offset = 0;
              while (offset < bytes.length) {
                const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
                offset += bytesWritten;
              }
              return ok(undefined);
            } catch (error) {
              return err('device_offline', error instanceof Error ? error.message : String(error));
            }
          },
          onData() {
            // write-only
          },
          onClose() {
            // a device file reports problems as write errors
          },
          async close() {
            await handle.close();
          },
        };
        return ok(link);
      } catch (error) {
        return err(
          'device_offline',
          `Cannot open ${path}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    },
  };
}
