import { z } from 'zod';
import { slipColumnsSchema, slipDocumentSchema } from '../slips/document';
import { defineEvents, defineMethods, event, method } from './define';

/**
 * The printer and cash-drawer part of the contract. Printing is a durable queue in main: the
 * renderer commits the sale first, then asks for a print with a client-made jobId; the same
 * jobId never prints twice, a reprint is its own request and prints marked COPY.
 */

export const printerDriverSchema = z.enum(['epson', 'star']);
export type PrinterDriver = z.infer<typeof printerDriverSchema>;

export const printerTransportSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({
    kind: z.literal('tcp'),
    host: z.string().min(1).max(255),
    port: z.number().int().min(1).max(65_535),
  }),
  z.object({
    kind: z.literal('serial'),
    path: z.string().min(1).max(256),
    baudRate: z.number().int().positive(),
    /** hardware flow control: the printer's busy line holds our writes */
    rtscts: z.boolean(),
  }),
  /** a USB printer class device (/dev/usb/lp0) written as a file */
  z.object({ kind: z.literal('device'), path: z.string().min(1).max(256) }),
]);
export type PrinterTransportConfig = z.infer<typeof printerTransportSchema>;

/** A serial port or USB printer the OS lists right now: what a settings screen offers. */
export const listedDeviceSchema = z.object({
  kind: z.enum(['serial', 'device']),
  path: z.string().min(1).max(256),
  /** what the OS says about it, e.g. the USB manufacturer; may be empty */
  label: z.string().max(200),
});
export type ListedDevice = z.infer<typeof listedDeviceSchema>;

export const printerConfigSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(120),
  driver: printerDriverSchema,
  transport: printerTransportSchema,
  columns: z.union([z.literal(32), z.literal(42), z.literal(48)]),
  /** the page used for Cyrillic; both hold all Ukrainian letters (CP866 does not) */
  cyrillic: z.enum(['wpc1251', 'cp1125', 'none']),
  /** printer has GB18030 fonts (Chinese-market Epson models) */
  chinese: z.boolean(),
  drawer: z.object({
    /** 0 = connector pin 2, 1 = pin 5 */
    pin: z.union([z.literal(0), z.literal(1)]),
    onMs: z.number().int().min(2).max(510),
    offMs: z.number().int().min(2).max(510),
  }),
  statusPollMs: z.number().int().min(50).max(60_000),
});
export type PrinterConfig = z.infer<typeof printerConfigSchema>;

export const printerStateSchema = z.enum([
  'ready',
  'offline',
  'paper_out',
  'cover_open',
  'error',
  'unconfigured',
]);
export type PrinterState = z.infer<typeof printerStateSchema>;

export const printerStatusSchema = z.object({
  state: printerStateSchema,
  paperNearEnd: z.boolean(),
  /** jobs waiting in the durable queue */
  queued: z.number().int().min(0),
  message: z.string().optional(),
});
export type PrinterStatus = z.infer<typeof printerStatusSchema>;

const jobId = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _.:- only');

export const printJobStateSchema = z.enum(['printed', 'queued']);

export const printerMethods = defineMethods({
  'printer.list': method(
    z.object({}),
    z.object({
      printers: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          driver: printerDriverSchema,
          /** what the renderer lays slips out for: 58 mm paper is 32 columns, not 48 */
          columns: slipColumnsSchema,
        }),
      ),
    }),
  ),
  /**
   * A network printer (host + port), or a serial port / USB printer that `printer.listDevices`
   * lists; any other path is refused with `invalid_argument`. Every change needs a manager:
   * `approval.token` is main's one-time token from `staff.approve` for
   * `printerSettingsBinding(terminalId, approval.requestedBy)`, which main redeems itself
   * (`approval_invalid` / `forbidden` otherwise) and records in its device-change log.
   */
  'printer.configure': method(
    z.strictObject({
      config: printerConfigSchema,
      approval: z.strictObject({
        token: z.string().min(1).max(128),
        requestedBy: z.string().min(1).max(40),
      }),
    }),
    z.object({ configured: z.boolean() }),
  ),
  /** The serial ports and USB printers the OS lists, for the manager's printer settings. */
  'printer.listDevices': method(z.object({}), z.object({ devices: z.array(listedDeviceSchema) })),
  'printer.status': method(z.object({}), printerStatusSchema),
  /**
   * Either a new job (`document`) or a reprint of an earlier job (`reprintOf`), which prints
   * marked COPY. A print never opens the drawer (issue 8 item 3): `printer.openDrawer` does,
   * for a journal entry main recorded.
   */
  'printer.print': method(
    z.union([
      z.object({ jobId, document: slipDocumentSchema }),
      z.object({ jobId, reprintOf: jobId }),
    ]),
    z.object({
      jobId: z.string(),
      state: printJobStateSchema,
      drawer: z.literal('none'),
    }),
  ),
  /**
   * Opens the drawer for one journal entry (terminal, seq): main opens it only if it accepted
   * that entry through `journal.report`, the entry moves cash (cash sale, cash refund, an
   * exchange settled in cash, a void of a cash sale, paid in/out, drop, no-sale) and the drawer
   * never opened for it before; anything else is refused (`forbidden`) and logged, and opens
   * are rate-limited.
   */
  'printer.openDrawer': method(
    z.strictObject({
      terminalId: z.string().min(1).max(80),
      seq: z.number().int().min(1),
    }),
    z.object({ opened: z.literal(true) }),
  ),
});

export const printerEvents = defineEvents({
  'printer.status': event(printerStatusSchema),
});
