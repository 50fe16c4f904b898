import { SerialPort } from 'serialport';
import { err, ok } from '../../shared/util/result';
import type { LinkFactory, PrinterLink } from './printer-link';

/**
 * A serial printer. With `rtscts` the UART stops sending while the printer drops CTS (its
 * busy signal); on top of that every chunk waits for `drain`, so a 4 KB receive buffer at
 * 9600 baud never overflows and no byte is lost.
 */
export function serialLinkFactory(path: string, baudRate: number, rtscts: boolean): LinkFactory {
  return {
    description: `serial:${path}@${baudRate}${rtscts ? ' rtscts' : ''}`,
    open() {
      return new Promise((resolve) => {
        const port = new SerialPort({ path, baudRate, rtscts, autoOpen: false });
        port.open((error) => {
          if (error) {
            resolve(err('device_offline', `Cannot open ${path}: ${error.message}`));
            return;
          }
          resolve(ok(serialLink(port)));
        });
      });
    },
  };
}

const CHUNK = 256;

function serialLink(port: SerialPort): PrinterLink {
  return {
    canRead: true,
    async write(bytes) {
      for (let offset = 0; offset < bytes.length; offset += CHUNK) {
        const chunk = bytes.subarray(offset, offset + CHUNK);
        const written = await new Promise<Error | null>((resolve) => {
          port.write(chunk, (e) => {
            if (e) resolve(e);
            else port.drain((d) => resolve(d ?? null));
          });
        });
        if (written) return err('device_offline', written.message);
      }
      return ok(undefined);
    },
    onData(listener) {
      port.on('data', listener);
    },
    onClose(listener) {
      port.once('close', listener);
    },
    close() {
      return new Promise((resolve) => {
        if (!port.isOpen) {
          resolve();
          return;
        }
        port.close(() => resolve());
      });
    },
  };
}
