import { z } from 'zod';

/**
 * The part of a terminal's configuration the renderer may read and change. Where data is
 * stored and whether the window is a kiosk are launch options of main, deliberately absent
 * here: a page that could change them could escape the kiosk or redirect the journal.
 */
export const printerSettingsSchema = z.strictObject({
  kind: z.enum(['none', 'network', 'serial', 'virtual']),
  /** host for network printers, device path for serial ones */
  address: z.string().max(256),
  port: z.number().int().min(1).max(65_535),
  paperWidthMm: z.union([z.literal(58), z.literal(80)]),
  driver: z.enum(['epson', 'star']),
});

export const scannerSettingsSchema = z.strictObject({
  serialPath: z.string().max(256).nullable(),
  baudRate: z.number().int().positive(),
  wedgeEnabled: z.boolean(),
});

export const terminalConfigSchema = z.strictObject({
  terminalId: z.string().min(1).max(64),
  locale: z.string().min(2).max(35),
  printer: printerSettingsSchema,
  scanner: scannerSettingsSchema,
});

export type TerminalConfig = z.infer<typeof terminalConfigSchema>;

/** A config.set patch: any top-level field, nested settings merged field by field. */
export const terminalConfigPatchSchema = z.strictObject({
  terminalId: terminalConfigSchema.shape.terminalId.optional(),
  locale: terminalConfigSchema.shape.locale.optional(),
  printer: printerSettingsSchema.partial().optional(),
  scanner: scannerSettingsSchema.partial().optional(),
});

export type TerminalConfigPatch = z.infer<typeof terminalConfigPatchSchema>;

export const defaultTerminalConfig: TerminalConfig = {
  terminalId: 'T1',
  locale: 'en-GB',
  printer: { kind: 'virtual', address: '127.0.0.1', port: 9100, paperWidthMm: 80, driver: 'epson' },
  scanner: { serialPath: null, baudRate: 9600, wedgeEnabled: true },
};

export function applyConfigPatch(
  config: TerminalConfig,
  patch: TerminalConfigPatch,
): TerminalConfig {
  return {
    terminalId: patch.terminalId ?? config.terminalId,
    locale: patch.locale ?? config.locale,
    printer: { ...config.printer, ...patch.printer },
    scanner: { ...config.scanner, ...patch.scanner },
  };
}
