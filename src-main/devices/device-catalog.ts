import { readdir } from 'node:fs/promises';
import { isIP } from 'node:net';
import { SerialPort } from 'serialport';
import { listSerialPorts } from './scanner-serial';
import type { ListedDevice, PrinterTransportConfig } from '../../shared/ipc/printer';
import { err, ok, type Result } from '../../shared/util/result';

/**
 * Devices are chosen, not typed in. A print appends bytes to whatever the transport names, so
 * a "device" that is really `/root/.bashrc` turns a receipt into code that runs at the next
 * login. Main therefore accepts only what this port lists: production asks the OS (serial
 * ports from serialport, `/dev/usb/lp*` that exist); tests hand in one that lists their pty or
 * the temp file standing in for a USB printer.
 */
export interface DeviceCatalog {
  /** what is attached now */
  list(): Promise<ListedDevice[]>;
  /**
   * Whether a saved choice still names something this catalog could list. A printer that is
   * unplugged at start is offline, not refused, so this checks the shape and not presence.
   */
  couldList(kind: ListedDevice['kind'], path: string): boolean;
}

const SERIAL_PATH: Record<string, RegExp> = {
  // ttyS0, ttyUSB0, ttyACM0, ttyAMA0… never /dev/tty itself or a pty under /dev/pts
  linux: /^\/dev\/(?:tty[A-Za-z]{1,8}[0-9]{1,4}|serial\/by-id\/[A-Za-z0-9][A-Za-z0-9._:-]{0,200})$/,
  darwin: /^\/dev\/(?:tty|cu)\.[A-Za-z0-9_-]{1,64}$/,
  win32: /^COM[0-9]{1,3}$/,
};
const USB_PRINTER_DIR = '/dev/usb';
const USB_PRINTER_PATH = /^\/dev\/usb\/lp[0-9]{1,3}$/;

export function osDeviceCatalog(platform: NodeJS.Platform = process.platform): DeviceCatalog {
  const serialPath = SERIAL_PATH[platform] ?? SERIAL_PATH.linux;
  const couldList: DeviceCatalog['couldList'] = (kind, path) =>
    kind === 'serial'
      ? !!serialPath?.test(path)
      : platform === 'linux' && USB_PRINTER_PATH.test(path);
  return {
    couldList,
    async list() {
      const serial = await listSerialPorts({
        serialportList: () => SerialPort.list(),
        readDir: (dir) => readdir(dir),
        timeoutMs: 2000,
      });
      const usb =
        platform === 'linux' ? await readdir(USB_PRINTER_DIR).catch(() => [] as string[]) : [];
      const devices: ListedDevice[] = [
        ...serial.map((p) => ({
          kind: 'serial' as const,
          path: p.path,
          label: [p.manufacturer, p.serialNumber].filter(Boolean).join(' '),
        })),
        ...usb.map((name) => ({
          kind: 'device' as const,
          path: `${USB_PRINTER_DIR}/${name}`,
          label: 'USB printer',
        })),
      ];
      return devices.filter((d) => couldList(d.kind, d.path));
    },
  };
}

/** A catalog that lists exactly `devices` (tests, and a till whose ports are fixed). */
export function fixedDeviceCatalog(devices: readonly ListedDevice[]): DeviceCatalog {
  return {
    list: () => Promise.resolve([...devices]),
    couldList: (kind, path) => devices.some((d) => d.kind === kind && d.path === path),
  };
}

// RFC 1123 host names: letters, digits and inner hyphens per label, up to 253 characters.
const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

export type TransportCheck = 'listed_now' | 'could_be_listed';

/**
 * Whether main may print to `transport`: a network printer with a real host name or IP, or a
 * device the catalog lists (`listed_now` for a manager's choice, `could_be_listed` for a saved
 * one). The error is a sentence for the person at the settings screen.
 */
export async function checkPrinterTransport(
  transport: PrinterTransportConfig,
  catalog: DeviceCatalog,
  check: TransportCheck,
): Promise<Result<void, 'invalid_argument'>> {
  switch (transport.kind) {
    case 'none':
      return ok(undefined);
    case 'tcp':
      if (isIP(transport.host) !== 0 || HOST_NAME.test(transport.host)) return ok(undefined);
      return err(
        'invalid_argument',
        `"${transport.host}" is not a host name or IP address; a network printer needs one.`,
      );
    case 'serial':
    case 'device': {
      const { kind, path } = transport;
      const what = kind === 'serial' ? 'serial port' : 'USB printer';
      const listed =
        check === 'listed_now'
          ? (await catalog.list()).some((d) => d.kind === kind && d.path === path)
          : catalog.couldList(kind, path);
      if (listed) return ok(undefined);
      return err(
        'invalid_argument',
        `"${path}" is not a ${what} this computer lists; choose one from the list of devices.`,
      );
    }
  }
}
