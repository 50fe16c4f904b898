import { z } from 'zod';

/**
 * The part of a terminal's configuration the renderer may read, and the part it may change.
 * Where data is stored and whether the window is a kiosk are launch options of main,
 * deliberately absent here: a page that could change them could escape the kiosk or redirect
 * the journal. The terminal id is read-only for the same reason: main generates it on first
 * start (later, enrolment assigns it) and the journal's (terminal, seq) keys depend on it.
 */
export const printerSettingsSchema = z.strictObject({
  kind: z.enum(['none', 'network', 'serial', 'virtual']),
  /** host for network printers, device path for serial ones */
  address: z.string().max(256),
  port: z.number().int().min(1).max(65_535),
  paperWidthMm: z.union([z.literal(58), z.literal(80)]),
  driver: z.enum(['epson', 'star']),
  /**
   * The printer has GB18030 fonts (a Chinese-market model): Chinese goes out as text, never as
   * a raster image. A property of the printer, not of the screen language. Absent: a virtual
   * printer has them (it stands in for such a model), any other printer does not.
   */
  chinese: z.boolean().optional(),
});

export const scannerSettingsSchema = z.strictObject({
  serialPath: z.string().max(256).nullable(),
  baudRate: z.number().int().positive(),
  wedgeEnabled: z.boolean(),
});

/**
 * A terminal id as main issues it: `T-` and 8 Crockford base32 characters (40 random bits),
 * so two fresh installs do not collide on (terminal, seq). Ids of installs from before main
 * issued them (any 1–64 characters) are still read, so their journals stay theirs.
 */
export const terminalIdSchema = z.string().min(1).max(64);
export const ISSUED_TERMINAL_ID = /^T-[0-9A-HJKMNP-TV-Z]{8}$/;

/** How long printed jobs stay in the print queue folder, unless the venue sets another. */
export const DEFAULT_PRINTED_JOB_RETENTION_DAYS = 30;

/**
 * The terminal's settings, in main's settings file. The page may change the language only
 * (config.set); devices and retention are set by the venue in that file, or by a manager
 * through main (printer.configure).
 */
export const deviceSettingsSchema = z.strictObject({
  locale: z.string().min(2).max(35),
  printer: printerSettingsSchema,
  scanner: scannerSettingsSchema,
  /** Printed slips (receipts carry names and ticket codes) are deleted after this many days. */
  printedJobRetentionDays: z
    .number()
    .int()
    .min(1)
    .max(3_650)
    .default(DEFAULT_PRINTED_JOB_RETENTION_DAYS),
});

export type DeviceSettings = z.infer<typeof deviceSettingsSchema>;

/** What config.get answers: the device settings plus the terminal id main owns. */
export const terminalConfigSchema = deviceSettingsSchema.extend({ terminalId: terminalIdSchema });

export type TerminalConfig = z.infer<typeof terminalConfigSchema>;

/**
 * A config.set patch: what the page may change on its own, the language. Devices are not
 * here: the printer changes only through printer.configure with a manager's token (logged by
 * main), and a page script must not point the printer anywhere by editing settings. There is
 * no terminalId either: a patch naming one (or a device) is refused by validation.
 */
export const terminalConfigPatchSchema = z.strictObject({
  locale: deviceSettingsSchema.shape.locale.optional(),
});

export type TerminalConfigPatch = z.infer<typeof terminalConfigPatchSchema>;

export const defaultDeviceSettings: DeviceSettings = {
  locale: 'en-GB',
  printer: { kind: 'virtual', address: '127.0.0.1', port: 9100, paperWidthMm: 80, driver: 'epson' },
  scanner: { serialPath: null, baudRate: 9600, wedgeEnabled: true },
  printedJobRetentionDays: DEFAULT_PRINTED_JOB_RETENTION_DAYS,
};

export function applyConfigPatch(
  settings: DeviceSettings,
  patch: TerminalConfigPatch,
): DeviceSettings {
  return {
    ...settings,
    locale: patch.locale ?? settings.locale,
  };
}
