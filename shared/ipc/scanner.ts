import { z } from 'zod';
import { defineEvents, defineMethods, event, method } from './define';

/**
 * Scanner part of the device contract. Serial scanners live in main (serialport); keyboard
 * wedge scanners are captured in the renderer, but their timing settings are stored here so
 * every window and the kiosk use the same ones.
 */

export const scanTerminator = z.enum(['auto', 'CR', 'LF', 'CRLF']);

const affix = z.string().max(16);

export const serialScannerConfig = z.strictObject({
  /** A device path: /dev/ttyACM0, /dev/serial/by-id/…, COM3. */
  path: z.string().min(1).max(512),
  baudRate: z.number().int().min(300).max(921_600).default(9600),
  terminator: scanTerminator.default('auto'),
  prefix: affix.optional(),
  suffix: affix.optional(),
});

export const wedgeSettings = z.strictObject({
  enabled: z.boolean().default(true),
  /** Median gap between keystrokes of a scan; people type 80 ms apart or slower. */
  maxGapMs: z.number().int().min(5).max(200).default(30),
  /**
   * A pause longer than this ends a burst. Above maxGapMs so one stall (a busy main thread,
   * a USB hiccup) in the middle of a long code does not cut it in two.
   */
  maxStallMs: z.number().int().min(10).max(1000).default(100),
  /** Fewest characters before the terminator for a burst to count as a scan. */
  minLength: z.number().int().min(2).max(64).default(4),
  terminators: z
    .array(z.enum(['Enter', 'Tab']))
    .min(1)
    .default(['Enter']),
  prefix: affix.optional(),
  suffix: affix.optional(),
});

export const scannerConfig = z.strictObject({
  ports: z.array(serialScannerConfig).max(8).default([]),
  wedge: wedgeSettings.default(wedgeSettings.parse({})),
});

export const portState = z.enum(['connecting', 'connected', 'disconnected', 'closed']);

export const serialPortStatus = z.strictObject({
  path: z.string(),
  state: portState,
  /** Last open/read failure, in words, while the port is not connected. */
  lastError: z.string().optional(),
  scans: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  lastScanAt: z.string().optional(),
});

export const scannerStatus = z.strictObject({
  ports: z.array(serialPortStatus),
  wedge: wedgeSettings,
});

export const scanEventPayload = z.strictObject({
  source: z.enum(['serial', 'wedge']),
  /** The serial port path; absent for wedge scans. */
  port: z.string().optional(),
  /** The code, with prefix/suffix and terminator removed. */
  data: z.string().min(1),
  /** ISO 8601 time the terminator arrived. */
  at: z.string(),
});

export const scannerMethods = defineMethods({
  'scanner.listPorts': method(
    z.strictObject({}),
    z.strictObject({
      ports: z.array(
        z.strictObject({
          path: z.string(),
          /** Where the path was found: serialport's own listing, /dev/serial/by-id, or a /dev/tty* glob. */
          source: z.enum(['serialport', 'by-id', 'dev']),
          manufacturer: z.string().optional(),
          serialNumber: z.string().optional(),
        }),
      ),
    }),
  ),
  /**
   * Which serial ports main reads scans from (each one the OS lists now) and the wedge timing.
   * A device change: it needs a manager's one-time token from `staff.approve` for
   * `scannerSettingsBinding(terminalId, approval.requestedBy)`, which main redeems itself and
   * records in its device-change log before the change takes effect.
   */
  'scanner.configure': method(
    z.strictObject({
      config: scannerConfig,
      approval: z.strictObject({
        token: z.string().min(1).max(128),
        requestedBy: z.string().min(1).max(40),
      }),
    }),
    scannerStatus,
  ),
  'scanner.status': method(z.strictObject({}), scannerStatus),
});

export const scannerEvents = defineEvents({
  'scanner.scan': event(scanEventPayload),
  /** One port changed state (connected, disconnected while retrying, closed). */
  'scanner.status': event(serialPortStatus),
});

export type ScanTerminator = z.output<typeof scanTerminator>;
export type SerialScannerConfig = z.output<typeof serialScannerConfig>;
export type WedgeSettings = z.output<typeof wedgeSettings>;
export type ScannerConfig = z.output<typeof scannerConfig>;
export type ScannerConfigInput = z.input<typeof scannerConfig>;
export type SerialPortStatus = z.output<typeof serialPortStatus>;
export type ScannerStatus = z.output<typeof scannerStatus>;
export type ScanEventPayload = z.output<typeof scanEventPayload>;
