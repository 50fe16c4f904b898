import { access } from 'node:fs/promises';
import { SerialPort } from 'serialport';
import type { SerialPortStatus, SerialScannerConfig } from '../../shared/ipc/scanner';
import { createLineSplitter } from '../../shared/scanning/line-splitter';
import { DEFAULT_SCAN_MAX_LENGTH, normaliseScan } from '../../shared/scanning/normalise-scan';
import type { ScanRejection } from '../../shared/scanning/normalise-scan';

/**
 * One serial barcode scanner: opens the port, turns bytes into scans, and keeps trying to
 * reopen the same path after the scanner is unplugged (or its USB-serial adapter re-enumerates)
 * so the cashier never has to restart the app.
 */
export interface SerialScan {
  readonly port: string;
  readonly data: string;
  readonly at: string;
}

export interface ReconnectBackoff {
  readonly initialMs: number;
  readonly maxMs: number;
}

export interface SerialScannerOptions {
  readonly config: SerialScannerConfig;
  readonly onScan: (scan: SerialScan) => void;
  readonly onStatus: (status: SerialPortStatus) => void;
  readonly onRejected?: (port: string, code: ScanRejection | 'overflow', message: string) => void;
  readonly backoff?: ReconnectBackoff;
}

export interface SerialScanner {
  status(): SerialPortStatus;
  /** Closes the port and stops reconnecting; resolves once the port is released. */
  close(): Promise<void>;
}

// Short first retry: an unplug/replug of a USB scanner takes about a second, and a cashier is
// waiting. Capped so a scanner left unplugged costs one open attempt per second.
export const DEFAULT_RECONNECT_BACKOFF: ReconnectBackoff = { initialMs: 50, maxMs: 1000 };

/**
 * How often an open port's device node is looked for. A read error is how an unplug usually
 * shows, but not always: some USB-serial drivers (and a pty whose other end went away while
 * the machine was busy) stay silent until the next write, which a scanner never gets. The
 * node disappearing is then the sign.
 */
export const PRESENCE_CHECK_MS = 1000;

export function openSerialScanner(options: SerialScannerOptions): SerialScanner {
  const { config, onScan, onStatus, onRejected } = options;
  const backoff = options.backoff ?? DEFAULT_RECONNECT_BACKOFF;
  const splitter = createLineSplitter({
    terminator: config.terminator,
    // Keep room for prefix/suffix; normaliseScan applies the real limit after stripping them.
    maxLength: DEFAULT_SCAN_MAX_LENGTH + 64,
  });

  let state: SerialPortStatus = { path: config.path, state: 'connecting', scans: 0, rejected: 0 };
  let port: SerialPort | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let retryDelay = backoff.initialMs;
  let presence: ReturnType<typeof setInterval> | null = null;
  let closed = false;
  // Settles when the open in flight (if any) has called back, so close() can wait for it.
  let opening: Promise<void> = Promise.resolve();

  function setState(patch: Partial<SerialPortStatus>, announce: boolean): void {
    state = { ...state, ...patch };
    if (announce) onStatus(state);
  }

  function reject(code: ScanRejection | 'overflow', message: string): void {
    setState({ rejected: state.rejected + 1 }, false);
    onRejected?.(config.path, code, message);
  }

  function handleText(text: string): void {
    for (const event of splitter.push(text)) {
      if (event.kind === 'overflow') {
        reject('overflow', `A line of ${event.length} characters was dropped.`);
        continue;
      }
      const result = normaliseScan(event.text, { prefix: config.prefix, suffix: config.suffix });
      if (!result.ok) {
        reject(result.error.code, result.error.message);
        continue;
      }
      const at = new Date().toISOString();
      setState({ scans: state.scans + 1, lastScanAt: at }, false);
      onScan({ port: config.path, data: result.value, at });
    }
  }

  function stopPresenceCheck(): void {
    if (presence !== null) clearInterval(presence);
    presence = null;
  }

  function scheduleReconnect(reason: string): void {
    stopPresenceCheck();
    if (closed || retryTimer !== null) return;
    const wasConnected = state.state === 'connected';
    // Announce the drop once; repeated failed attempts only update lastError quietly.
    setState(
      { state: 'disconnected', lastError: reason },
      wasConnected || state.state === 'connecting',
    );
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect();
    }, retryDelay);
    retryDelay = Math.min(backoff.maxMs, retryDelay * 2);
  }

  function connect(): void {
    if (closed) return;
    const candidate = new SerialPort({
      path: config.path,
      baudRate: config.baudRate,
      autoOpen: false,
    });
    port = candidate;
    // Bytes → text per connection: a multi-byte character cut by an unplug must not leak
    // into the first scan after the replug.
    const decoder = new TextDecoder('utf-8');
    splitter.reset();
    const isCurrent = (): boolean => port === candidate && !closed;

    candidate.on('data', (chunk: Buffer) => {
      if (isCurrent()) handleText(decoder.decode(chunk, { stream: true }));
    });
    candidate.on('close', () => {
      if (!isCurrent()) return;
      port = null;
      scheduleReconnect('The scanner was disconnected.');
    });
    candidate.on('error', (error: Error) => {
      if (!isCurrent()) return;
      // serialport emits 'close' after a read error on an open port; if it is still open,
      // close it so the reconnect path runs exactly once.
      if (candidate.isOpen) candidate.close();
      else {
        port = null;
        scheduleReconnect(error.message);
      }
    });
    let opened: () => void = () => undefined;
    opening = new Promise<void>((resolve) => (opened = resolve));
    candidate.open((error) => {
      opened();
      // Superseded or closed meanwhile: this port is nobody's (and must not say connected).
      if (!isCurrent()) {
        if (!error && candidate.isOpen) candidate.close();
        return;
      }
      // Not there (yet): stay disconnected and try again — never announce a port that
      // did not open, or the status bar says "connected" while scans go nowhere.
      if (error) {
        port = null;
        scheduleReconnect(error.message);
        return;
      }
      retryDelay = backoff.initialMs;
      setState({ state: 'connected', lastError: undefined }, true);
      stopPresenceCheck();
      presence = setInterval(() => {
        access(config.path).catch(() => {
          if (!isCurrent()) return;
          port = null;
          if (candidate.isOpen) candidate.close(() => undefined);
          scheduleReconnect('The scanner was disconnected.');
        });
      }, PRESENCE_CHECK_MS);
    });
  }

  connect();

  return {
    status: () => state,
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      stopPresenceCheck();
      if (retryTimer !== null) clearTimeout(retryTimer);
      retryTimer = null;
      const current = port;
      port = null;
      setState({ state: 'closed', lastError: undefined }, true);
      // An open still in flight closes its own port in the callback (it is no longer
      // current); waiting for it means the device is free when close() resolves.
      return opening.then(
        () =>
          new Promise<void>((resolve) => {
            if (!current?.isOpen) return resolve();
            // A close error means the device is already gone, which is what close wants anyway.
            current.close(() => resolve());
          }),
      );
    },
  };
}

export interface ListedPort {
  readonly path: string;
  readonly source: 'serialport' | 'by-id' | 'dev';
  readonly manufacturer?: string;
  readonly serialNumber?: string;
}

export interface ListPortsDeps {
  /** serialport's own enumeration; on Linux it spawns `udevadm`, which may be missing. */
  readonly serialportList: () => Promise<
    { path: string; manufacturer?: string; serialNumber?: string }[]
  >;
  readonly readDir: (dir: string) => Promise<string[]>;
  readonly timeoutMs: number;
}

const DEV_TTY = /^tty(S|USB|ACM)\d+$/;

/**
 * Every serial port a scanner could be on. Never fails: each source that cannot be read
 * (no udevadm, no /dev/serial) contributes nothing and the others still answer.
 */
export async function listSerialPorts(deps: ListPortsDeps): Promise<ListedPort[]> {
  const withTimeout = <T>(promise: Promise<T>, fallback: T): Promise<T> =>
    new Promise<T>((resolve) => {
      const timer = setTimeout(() => resolve(fallback), deps.timeoutMs);
      promise.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        () => {
          clearTimeout(timer);
          resolve(fallback);
        },
      );
    });

  const [fromSerialport, byId, dev] = await Promise.all([
    withTimeout(deps.serialportList(), []),
    withTimeout(deps.readDir('/dev/serial/by-id'), []),
    withTimeout(deps.readDir('/dev'), []),
  ]);

  const found = new Map<string, ListedPort>();
  for (const p of fromSerialport) {
    found.set(p.path, {
      path: p.path,
      source: 'serialport',
      ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
      ...(p.serialNumber ? { serialNumber: p.serialNumber } : {}),
    });
  }
  // by-id names survive re-enumeration (ttyACM0 may come back as ttyACM1), so offer them too.
  for (const name of [...byId].sort()) {
    const path = `/dev/serial/by-id/${name}`;
    if (!found.has(path)) found.set(path, { path, source: 'by-id' });
  }
  for (const name of dev.filter((n) => DEV_TTY.test(n)).sort(compareTtyNames)) {
    const path = `/dev/${name}`;
    if (!found.has(path)) found.set(path, { path, source: 'dev' });
  }
  return [...found.values()];
}

/** ttyS2 before ttyS10. */
function compareTtyNames(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
