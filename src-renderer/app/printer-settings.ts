import type { ContractClient } from '../../shared/ipc/client';
import type { ListedDevice, PrinterConfig, PrinterDriver } from '../../shared/ipc/printer';
import type { SlipColumns, SlipDocument } from '../../shared/slips';
import { printDocument, type PrintOutcome } from './print-service';
import type { ApprovalToken } from './approval-service';

/**
 * The manager's printer settings (issue 8 item 1). The page only offers choices: the device
 * comes from what main lists (or a network host and port), and the change goes to main with a
 * manager's one-time token, which main redeems and records itself. Nothing here decides.
 */

export type PaperWidth = 58 | 80;

export interface PrinterSettingsForm {
  /** `net` for a network printer, else the path of a device main listed */
  readonly device: 'none' | 'net' | `${ListedDevice['kind']}:${string}`;
  readonly host: string;
  readonly port: string;
  readonly driver: PrinterDriver;
  readonly width: PaperWidth;
  readonly cyrillic: PrinterConfig['cyrillic'];
  readonly chinese: boolean;
}

export const DEFAULT_PRINTER_FORM: PrinterSettingsForm = {
  device: 'net',
  host: '',
  port: '9100',
  driver: 'epson',
  width: 80,
  cyrillic: 'wpc1251',
  chinese: false,
};

/** 58 mm paper holds 32 columns of font A, 80 mm holds 48. */
const COLUMNS: Record<PaperWidth, SlipColumns> = { 58: 32, 80: 48 };

/** What a form asks for, or null when the network port is not a number main would accept. */
export function printerConfigFrom(form: PrinterSettingsForm): PrinterConfig | null {
  let transport: PrinterConfig['transport'];
  if (form.device === 'none') transport = { kind: 'none' };
  else if (form.device === 'net') {
    const port = Number(form.port);
    if (form.host.trim() === '' || !Number.isInteger(port) || port < 1 || port > 65_535)
      return null;
    transport = { kind: 'tcp', host: form.host.trim(), port };
  } else if (form.device.startsWith('serial:')) {
    // Receipt printers on a serial line: 9600 baud with hardware flow control.
    transport = { kind: 'serial', path: form.device.slice(7), baudRate: 9600, rtscts: true };
  } else transport = { kind: 'device', path: form.device.slice(7) };
  return {
    id: 'receipt',
    name: 'Receipt printer',
    driver: form.driver,
    transport,
    columns: COLUMNS[form.width],
    cyrillic: form.cyrillic,
    chinese: form.chinese,
    drawer: { pin: 0, onMs: 50, offMs: 500 },
    statusPollMs: 2000,
  };
}

/** The form's value for a device main listed. */
export const deviceChoice = (d: ListedDevice): PrinterSettingsForm['device'] =>
  `${d.kind}:${d.path}`;

/** The serial ports and USB printers main lists right now (none if it cannot say). */
export async function listedPrinterDevices(client: ContractClient): Promise<ListedDevice[]> {
  const r = await client.call('printer.listDevices', {});
  return r.ok ? r.value.devices : [];
}

/** Sends the change with main's token; main checks the device and redeems the token. */
export function savePrinterSettings(
  client: ContractClient,
  config: PrinterConfig,
  granted: ApprovalToken,
  requestedBy: string,
) {
  return client.call('printer.configure', {
    config,
    approval: { token: granted.token, requestedBy },
  });
}

const SAMPLES = [
  'Latin: The quick brown fox 0123456789',
  'Кирилиця: Ґанок, їжак, Єва',
  '中文：票房测试',
];

/** A page that shows the width (a full rule), each script and the code pages at work. */
export function testPageDocument(columns: SlipColumns, heading: string): SlipDocument {
  return {
    version: 1,
    kind: 'test-page',
    locale: 'en',
    columns,
    title: heading,
    blocks: [
      { kind: 'text', text: heading, align: 'center', bold: true },
      { kind: 'rule', char: '=' },
      ...SAMPLES.map((text) => ({ kind: 'text' as const, text, align: 'left' as const })),
      { kind: 'text', text: `${columns} columns`, align: 'left' },
      { kind: 'rule', char: '-' },
      { kind: 'feed', lines: 3 },
    ],
  };
}

/** Prints the test page through main's queue with the printer's current width. */
export function printTestPage(client: ContractClient, heading: string): Promise<PrintOutcome> {
  return printDocument(client, `test-page-${Date.now()}`, (columns) =>
    testPageDocument(columns, heading),
  );
}
