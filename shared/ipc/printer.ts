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

const tenderMethod = z.enum(['cash', 'card', 'voucher']);

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
   * lists; any other path is refused with `invalid_argument`.
   */
  'printer.configure': method(printerConfigSchema, z.object({ configured: z.boolean() })),
  /** The serial ports and USB printers the OS lists, for the manager's printer settings. */
  'printer.listDevices': method(z.object({}), z.object({ devices: z.array(listedDeviceSchema) })),
  'printer.status': method(z.object({}), printerStatusSchema),
  /**
   * Either a new job (`document`, plus `sale` for a sale's receipt: the drawer opens once per
   * saleId, and only when cash was tendered) or a reprint of an earlier job (`reprintOf`),
   * which prints marked COPY and never touches the drawer.
   */
  'printer.print': method(
    z.union([
      z.object({
        jobId,
        document: slipDocumentSchema,
        sale: z
          .object({
            saleId: z.string().min(1).max(80),
            tenderMethods: z.array(tenderMethod).min(1),
          })
          .optional(),
      }),
      z.object({ jobId, reprintOf: jobId }),
    ]),
    z.object({
      jobId: z.string(),
      state: printJobStateSchema,
      drawer: z.enum(['opened', 'already_opened', 'not_for_this_sale', 'failed', 'none']),
    }),
  ),
  /** No-sale opens must already be in the journal: `journalRef` names that entry. */
  'printer.openDrawer': method(
    z.discriminatedUnion('reason', [
      z.object({ reason: z.literal('no_sale'), journalRef: z.string().min(1).max(80) }),
      // A voided cash sale: the cash goes back to the customer; once per void entry, ever.
      z.object({ reason: z.literal('void'), journalRef: z.string().min(1).max(80) }),
      z.object({
        reason: z.literal('sale'),
        saleId: z.string().min(1).max(80),
        tenderMethods: z.array(tenderMethod).min(1),
      }),
    ]),
    z.object({ opened: z.boolean(), already: z.boolean() }),
  ),
});

export const printerEvents = defineEvents({
  'printer.status': event(printerStatusSchema),
});
