import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import type { EventPayload } from '../../shared/ipc/contract';
import { scannerConfig } from '../../shared/ipc/scanner';
import type { ScannerConfig, ScannerStatus, SerialScannerConfig } from '../../shared/ipc/scanner';
import type { TerminalConfig } from '../../shared/ipc/terminal-config';
import { err, ok } from '../../shared/util/result';
import { writeJsonAtomic } from '../services/config-store';
import type { ScannerHandlers } from '../services/handlers';
import type { DeviceCatalog } from './device-catalog';
import { appendDeviceChange } from './device-change-log';
import type { DeviceApproval } from './printer-device-gate';
import { listSerialPorts, openSerialScanner } from './scanner-serial';
import type { ReconnectBackoff, SerialScanner } from './scanner-serial';

/**
 * Main-side scanner service: owns the serial scanners, forwards their scans as
 * `scanner.scan` events, and stores the scanner settings (serial ports and the wedge timing
 * the renderer reads back through `scanner.status`).
 */
type ScannerEventName = 'scanner.scan' | 'scanner.status';

export interface ScannerEventSink {
  emit<E extends ScannerEventName>(name: E, payload: EventPayload<E>): void;
}

export interface ScannerServiceOptions {
  readonly dataDir: string;
  readonly events: ScannerEventSink;
  /** Used when no saved scanner settings exist in dataDir yet. */
  readonly config: ScannerConfig;
  readonly backoff?: ReconnectBackoff;
  /** Told about lines that were not scans (noise, wrong code page); main's logger by default. */
  readonly onRejected?: (port: string, code: string, message: string) => void;
  /**
   * The serial ports main may open, as for printers (device-catalog.ts): a port the page
   * names is opened only if this lists it now; a saved one only if it could list it.
   */
  readonly devices: DeviceCatalog;
  /** Told about a saved port refused for not being one the OS could list. */
  readonly onRefused?: (path: string) => void;
  /**
   * Who may change the scanner settings: main redeems the manager's token itself. Without it
   * every change is refused (the safe default).
   */
  readonly approve?: DeviceApproval;
  /** Told about a change refused or made (main's logger). */
  readonly log?: (message: string, fields: Record<string, unknown>) => void;
  readonly now?: () => Date;
}

export interface ScannerService {
  readonly handlers: ScannerHandlers;
  /** The settings in force (after a saved file was loaded). */
  ready(): Promise<ScannerConfig>;
  close(): Promise<void>;
}

export const scannerConfigFileName = 'scanner-config.json';

/** Maps the terminal config's scanner section onto the scanner service's own settings. */
export function scannerConfigFromTerminal(settings: TerminalConfig['scanner']): ScannerConfig {
  return scannerConfig.parse({
    ports: settings.serialPath ? [{ path: settings.serialPath, baudRate: settings.baudRate }] : [],
    wedge: { enabled: settings.wedgeEnabled },
  });
}

export function createScannerService(opts: ScannerServiceOptions): ScannerService {
  const file = join(opts.dataDir, scannerConfigFileName);
  const open = new Map<string, { config: SerialScannerConfig; scanner: SerialScanner }>();
  let current: ScannerConfig = opts.config;
  let closed = false;
  // Serialises configure calls and the initial load so ports are never opened twice.
  let queue: Promise<unknown> = Promise.resolve();

  function startPort(config: SerialScannerConfig): void {
    const scanner = openSerialScanner({
      config,
      ...(opts.backoff ? { backoff: opts.backoff } : {}),
      onScan: (scan) => opts.events.emit('scanner.scan', { source: 'serial', ...scan }),
      onStatus: (status) => opts.events.emit('scanner.status', status),
      ...(opts.onRejected ? { onRejected: opts.onRejected } : {}),
    });
    open.set(config.path, { config, scanner });
  }

  /** Opens what is new or changed, closes what is gone or changed, leaves the rest running. */
  async function apply(next: ScannerConfig): Promise<void> {
    const wanted = new Map(next.ports.map((p) => [p.path, p]));
    const stale = [...open.entries()].filter(
      ([path, entry]) => JSON.stringify(wanted.get(path)) !== JSON.stringify(entry.config),
    );
    await Promise.all(
      stale.map(async ([path, entry]) => {
        open.delete(path);
        await entry.scanner.close();
      }),
    );
    current = next;
    if (closed) return;
    for (const port of next.ports) if (!open.has(port.path)) startPort(port);
  }

  function enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task);
    queue = run.catch(() => undefined);
    return run;
  }

  /** A saved or terminal-config choice keeps only ports the catalog could list. */
  function admitSaved(config: ScannerConfig): ScannerConfig {
    const ports = config.ports.filter((p) => {
      const allowed = opts.devices.couldList('serial', p.path);
      if (!allowed) opts.onRefused?.(p.path);
      return allowed;
    });
    return ports.length === config.ports.length ? config : { ...config, ports };
  }

  const loaded = enqueue(async () => {
    const saved = await loadSaved(file);
    await apply(admitSaved(saved ?? opts.config));
    return current;
  });

  function status(): ScannerStatus {
    return {
      ports: current.ports.map(
        (p) =>
          open.get(p.path)?.scanner.status() ?? {
            path: p.path,
            state: 'closed',
            scans: 0,
            rejected: 0,
          },
      ),
      wedge: current.wedge,
    };
  }

  const handlers: ScannerHandlers = {
    'scanner.listPorts': async () =>
      ok({
        ports: await listSerialPorts({
          serialportList: () => SerialPort.list(),
          readDir: (dir) => readdir(dir),
          timeoutMs: 2000,
        }),
      }),
    'scanner.configure': ({ config: request, approval }, ctx) =>
      enqueue(async () => {
        const paths = request.ports.map((p) => p.path);
        const dup = paths.find((p, i) => paths.indexOf(p) !== i);
        if (dup !== undefined)
          return err('invalid_argument', `The port ${dup} is listed twice.`, { path: dup });
        const listed = new Set(
          (await opts.devices.list()).filter((d) => d.kind === 'serial').map((d) => d.path),
        );
        const unknown = paths.find((p) => !listed.has(p));
        if (unknown !== undefined)
          return err(
            'invalid_argument',
            `"${unknown}" is not a serial port this computer lists; choose one from the list of ports.`,
            { path: unknown },
          );
        if (closed) return err('unavailable', 'The scanner service has stopped.');
        const approved = opts.approve
          ? await opts.approve(approval)
          : err(
              'forbidden',
              "Scanner settings need a manager's approval, and this till cannot check one.",
            );
        if (!approved.ok) {
          opts.log?.('scanner.configure not approved', {
            caller: ctx.caller,
            requestedBy: approval.requestedBy,
            reason: approved.error.message,
          });
          return approved;
        }
        try {
          await mkdir(opts.dataDir, { recursive: true });
          // Logged (fsynced) before it takes effect: no scanner change without its record.
          await appendDeviceChange(opts.dataDir, {
            at: (opts.now?.() ?? new Date()).toISOString(),
            device: 'scanner',
            caller: ctx.caller,
            requestedBy: approval.requestedBy,
            approvedBy: { staffId: approved.value.staffId, role: approved.value.role },
            tokenId: approved.value.tokenId,
            from: current,
            to: request,
          });
          await writeJsonAtomic(file, request);
        } catch (cause) {
          return err('internal', 'The scanner settings could not be saved.', {
            cause: String(cause),
          });
        }
        await apply(request);
        opts.log?.('scanner device changed', {
          caller: ctx.caller,
          approvedBy: approved.value.staffId,
          ports: request.ports.map((p) => p.path),
        });
        return ok(status());
      }),
    'scanner.status': async () => {
      await loaded.catch(() => undefined);
      return ok(status());
    },
  };

  return {
    handlers,
    ready: () => loaded,
    async close() {
      closed = true;
      await loaded.catch(() => undefined);
      await enqueue(async () => {
        const entries = [...open.values()];
        open.clear();
        await Promise.all(entries.map((e) => e.scanner.close()));
      });
    },
  };
}

/** The saved settings, or null when there are none or they no longer parse (then defaults apply). */
async function loadSaved(file: string): Promise<ScannerConfig | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = scannerConfig.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
