import { join } from 'node:path';
import { printerConfigSchema, type PrinterConfig } from '../../shared/ipc/printer';
import type { TerminalConfig } from '../../shared/ipc/terminal-config';
import { parseJsonSafely, type Quarantine } from '../services/quarantine';
import { readTextIfExists, writeFileDurable } from './durable-file';
import { deviceLinkFactory } from './device-link';
import type { LinkFactory } from './printer-link';
import { serialLinkFactory } from './serial-link';
import { tcpLinkFactory } from './tcp-link';

export const DEFAULT_DRAWER = { pin: 0, onMs: 50, offMs: 500 } as const;

/**
 * The terminal settings (shared/ipc/terminal-config) carry only kind/address/port/width/driver;
 * the rest (code pages, drawer pulse) takes defaults until `printer.configure` sets it.
 */
export function printerConfigFromTerminal(terminal: TerminalConfig): PrinterConfig {
  const p = terminal.printer;
  const transport: PrinterConfig['transport'] =
    p.kind === 'network' || p.kind === 'virtual'
      ? { kind: 'tcp', host: p.address || '127.0.0.1', port: p.port }
      : p.kind === 'serial'
        ? { kind: 'serial', path: p.address, baudRate: 9600, rtscts: true }
        : { kind: 'none' };
  return {
    id: `${terminal.terminalId}-printer`,
    name: p.kind === 'virtual' ? 'Virtual printer' : `${p.driver} ${p.paperWidthMm} mm`,
    driver: p.driver,
    transport,
    columns: p.paperWidthMm === 58 ? 32 : 48,
    cyrillic: 'wpc1251',
    // Chinese capability is the printer's, never the till's language (issue 10 item 11): a
    // Chinese printer gets GB18030 on an English screen, and a Chinese screen does not make a
    // printer without those fonts receive bytes it would print as garbage.
    chinese: p.chinese ?? p.kind === 'virtual',
    drawer: { ...DEFAULT_DRAWER },
    statusPollMs: 2000,
  };
}

const FILE = 'printer-config.json';

/** The printer settings saved by `printer.configure`; a damaged file goes to quarantine. */
export async function loadSavedPrinterConfig(
  dataDir: string,
  quarantine?: Quarantine,
): Promise<PrinterConfig | null> {
  const path = join(dataDir, FILE);
  const text = await readTextIfExists(path);
  if (text === null) return null;
  const json = parseJsonSafely(text);
  const parsed = json.ok ? printerConfigSchema.safeParse(json.value) : null;
  if (parsed?.success) return parsed.data;
  await quarantine?.moveAside(
    path,
    json.ok ? 'not printer settings' : 'not JSON (torn or overwritten)',
  );
  return null;
}

export function savePrinterConfig(dataDir: string, config: PrinterConfig): Promise<void> {
  return writeFileDurable(join(dataDir, FILE), JSON.stringify(config, null, 2));
}

export function linkFactoryFor(config: PrinterConfig): LinkFactory | null {
  const t = config.transport;
  switch (t.kind) {
    case 'none':
      return null;
    case 'tcp':
      return tcpLinkFactory(t.host, t.port);
    case 'serial':
      return serialLinkFactory(t.path, t.baudRate, t.rtscts);
    case 'device':
      return deviceLinkFactory(t.path);
  }
}
