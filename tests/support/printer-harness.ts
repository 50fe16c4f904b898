import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printerSettingsBinding } from '../../shared/commands/approval';
import type { MethodResponse } from '../../shared/ipc/contract';
import type { PrinterConfig, PrinterStatus } from '../../shared/ipc/printer';
import type { Dispatch } from '../../src-main/services/dispatch';
import {
  createPrinterService,
  type DrawerGate,
  type PrinterService,
} from '../../src-main/devices/printer-service';
import { DrawerRateLimit } from '../../src-main/devices/drawer-rate-limit';
import { startVirtualPrinter, type VirtualPrinter } from '../../src-main/devices/virtual-printer';

export const ctx = { transport: 'bridge', caller: 'test' } as const;

export function printerConfig(port: number, overrides: Partial<PrinterConfig> = {}): PrinterConfig {
  return {
    id: 'test-printer',
    name: 'Virtual printer',
    driver: 'epson',
    transport: { kind: 'tcp', host: '127.0.0.1', port },
    columns: 48,
    cyrillic: 'wpc1251',
    chinese: true,
    drawer: { pin: 0, onMs: 50, offMs: 500 },
    statusPollMs: 100,
    ...overrides,
  };
}

/**
 * `printer.configure` as the settings screen does it on a demo till: the manager (Li Wei)
 * types her PIN for the change Olena asks for, main issues the token, the change carries it.
 */
export async function configureAsManager(dispatch: Dispatch, config: PrinterConfig) {
  const terminal = await dispatch('config.get', {}, ctx);
  if (!terminal.ok) return terminal;
  const { terminalId } = terminal.value as MethodResponse<'config.get'>;
  const binding = printerSettingsBinding(terminalId, 'olena');
  const grant = await dispatch('staff.approve', { staffId: 'li-wei', pin: '3333', binding }, ctx);
  if (!grant.ok) return grant;
  return dispatch(
    'printer.configure',
    {
      config,
      approval: {
        token: (grant.value as MethodResponse<'staff.approve'>).token,
        requestedBy: 'olena',
      },
    },
    ctx,
  );
}

export interface PrinterRig {
  readonly vp: VirtualPrinter;
  readonly dataDir: string;
  readonly statuses: PrinterStatus[];
  service: PrinterService;
  /** closes the service and opens a new one on the same data directory (a restart) */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** A drawer gate that admits the given journal seqs of terminal T1 (what main's anchor accepted). */
export function cashEntries(...seqs: number[]): DrawerGate & { readonly seqs: Set<number> } {
  const set = new Set(seqs);
  return {
    seqs: set,
    cashEntry: (ref) =>
      ref.terminalId === 'T1' && set.has(ref.seq)
        ? { ok: true, value: null }
        : { ok: false, error: { code: 'forbidden', message: 'The drawer stays shut.' } },
  };
}

export async function startRig(
  overrides: Partial<PrinterConfig> = {},
  drawer: { readonly gate?: DrawerGate; readonly rateLimit?: DrawerRateLimit } = {},
): Promise<PrinterRig> {
  const root = await mkdtemp(join(tmpdir(), 'printer-rig-'));
  const dataDir = join(root, 'data');
  const vp = await startVirtualPrinter({ port: 0, jobsDir: join(root, 'jobs') });
  const statuses: PrinterStatus[] = [];
  const make = () =>
    createPrinterService({
      dataDir,
      events: { emit: (_name, payload) => statuses.push(payload) },
      config: printerConfig(vp.port, overrides),
      // No limit unless a test sets one: rate limiting has its own test.
      drawerRateLimit: drawer.rateLimit ?? new DrawerRateLimit(0, 1_000_000),
      ...(drawer.gate ? { drawerGate: drawer.gate } : {}),
      timing: {
        jobTimeoutMs: 3000,
        probeMs: 50,
        retryBaseMs: 100,
        retryMaxMs: 400,
        printWaitMs: 1000,
      },
    });
  const rig: PrinterRig = {
    vp,
    dataDir,
    statuses,
    service: make(),
    async restart() {
      await rig.service.close();
      rig.service = make();
    },
    async close() {
      await rig.service.close();
      await vp.close();
      await rm(root, { recursive: true, force: true });
    },
  };
  return rig;
}

/** Polls until `check` is true (bounded: about `ms`). */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  ms = 5000,
): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}
