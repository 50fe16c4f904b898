import { setTimeout as sleep } from 'node:timers/promises';
import type { PrinterConfig, PrinterStatus } from '../../shared/ipc/printer';
import {
  DEFAULT_PRINTED_JOB_RETENTION_DAYS,
  type TerminalConfig,
} from '../../shared/ipc/terminal-config';
import { markCopy, markDemo } from '../../shared/slips/copy-mark';
import { err, ok, type Result } from '../../shared/util/result';
import type { CallContext, PrinterHandlers } from '../services/handlers';
import { consoleLogger, type Logger } from '../services/logger';
import { createQuarantine, type Quarantine } from '../services/quarantine';
import { osDeviceCatalog, type DeviceCatalog } from './device-catalog';
import {
  createPrinterDeviceGate,
  refuseEveryChange,
  type DeviceChange,
  type DeviceChangeApproval,
} from './printer-device-gate';
import { DrawerLog } from './drawer-log';
import { DrawerRateLimit } from './drawer-rate-limit';
import { SlipEncoder } from './escpos-encoder';
import {
  linkFactoryFor,
  loadSavedPrinterConfig,
  printerConfigFromTerminal,
  savePrinterConfig,
} from './printer-config';
import type { LinkFactory } from './printer-link';
import { failureStatus, inSession, type PrinterSession, type SendError } from './printer-protocol';
import { drawerKick } from './printer-status';
import { PrintQueue, type PrintJobRecord } from './print-queue';
import { createGlyphSource } from './raster-font';

/** What the foundation's ConfigStore offers; the service follows it until `printer.configure`. */
export interface TerminalConfigSource {
  get(): TerminalConfig;
  onChange(listener: (config: TerminalConfig) => void): () => void;
}

export interface PrinterServiceTiming {
  /** how long a job may take to print before we call it failed and retry */
  readonly jobTimeoutMs: number;
  /** status probe interval while waiting for a job's completion receipt */
  readonly probeMs: number;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  /** how long printer.print waits for paper before answering `queued` */
  readonly printWaitMs: number;
}

export interface PrinterServiceOptions {
  readonly dataDir: string;
  readonly events: { emit(name: 'printer.status', payload: PrinterStatus): void };
  readonly config: PrinterConfig | TerminalConfigSource;
  /** a full Unifont .hex for raster glyphs beyond Latin/Cyrillic (Debian: `unifont`) */
  readonly rasterFontPath?: string;
  readonly timing?: Partial<PrinterServiceTiming>;
  readonly now?: () => Date;
  /** what serial ports and USB printers exist; the OS by default */
  readonly devices?: DeviceCatalog;
  readonly logger?: Logger;
  /** days a printed job stays in the queue folder (a venue setting); 30 by default */
  readonly printedJobRetentionDays?: number;
  /** where damaged files read at start go; `<data>/quarantine` by default */
  readonly quarantine?: Quarantine;
  /** who may change the printer: a manager's token main redeems; no change passes without */
  readonly approveDeviceChange?: DeviceChangeApproval;
  /** a demo till (a launch option): every new job gets the DEMO line at its top */
  readonly demo?: boolean;
  /**
   * Which journal entries the drawer may open for: main's journal anchor. Without one the
   * drawer never opens (issue 8 item 3).
   */
  readonly drawerGate?: DrawerGate;
  /** the drawer's rate limit; ≤ 1 open per 2 s and ≤ 10 a minute by default */
  readonly drawerRateLimit?: DrawerRateLimit;
}

/** Says whether an entry (terminal, seq) is recorded and moves cash; the anchor implements it. */
export interface DrawerGate {
  cashEntry(ref: {
    readonly terminalId: string;
    readonly seq: number;
  }): Result<unknown, 'forbidden'>;
}

export interface PrinterService {
  readonly handlers: PrinterHandlers;
  close(): Promise<void>;
}

const DEFAULT_TIMING: PrinterServiceTiming = {
  jobTimeoutMs: 30_000,
  probeMs: 250,
  retryBaseMs: 500,
  retryMaxMs: 30_000,
  printWaitMs: 4_000,
};

type DrawerOutcome = 'opened' | 'already_opened' | 'failed';

const DAY_MS = 24 * 60 * 60 * 1000;

function isConfigSource(c: PrinterServiceOptions['config']): c is TerminalConfigSource {
  return typeof (c as TerminalConfigSource).get === 'function';
}

/**
 * Printing, status and the cash drawer behind the contract. Jobs go to the durable queue
 * first and print from there, one conversation with the printer at a time; a printer that is
 * off, out of paper or open never blocks a sale — the job waits and prints when it is back.
 */
export function createPrinterService(opts: PrinterServiceOptions): PrinterService {
  const timing = { ...DEFAULT_TIMING, ...opts.timing };
  const now = opts.now ?? (() => new Date());
  const glyphs = createGlyphSource(opts.rasterFontPath ?? '/usr/share/unifont/unifont.hex');
  const devices = opts.devices ?? osDeviceCatalog();
  const quarantine =
    opts.quarantine ?? createQuarantine(opts.dataDir, opts.logger ?? consoleLogger);
  const logger = opts.logger ?? consoleLogger;
  const rateLimit = opts.drawerRateLimit ?? new DrawerRateLimit();
  const gate = createPrinterDeviceGate({
    dataDir: opts.dataDir,
    devices,
    logger,
    approve: opts.approveDeviceChange ?? refuseEveryChange,
  });
  let config: PrinterConfig | null = null;
  let links: LinkFactory | null = null;
  let encoder: SlipEncoder | null = null;
  let queue: PrintQueue | null = null;
  let drawerLog: DrawerLog | null = null;
  let status: Omit<PrinterStatus, 'queued'> = { state: 'unconfigured', paperNearEnd: false };
  let lastEmitted = '';
  let closed = false;
  let pollTimer: NodeJS.Timeout | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let pruneTimer: NodeJS.Timeout | null = null;
  let chain: Promise<unknown> = Promise.resolve();
  let pumping: Promise<void> | null = null;
  let pumpAgain = false;
  let processCounter = 0;
  const waiters = new Map<string, Set<() => void>>();
  const unsubscribe: (() => void)[] = [];

  /** One conversation with the printer at a time: TCP printers accept one connection. */
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = chain.then(fn, fn);
    chain = run.catch(() => undefined);
    return run;
  }

  function emitStatus(): void {
    const payload: PrinterStatus = { ...status, queued: queue?.pending().length ?? 0 };
    const key = JSON.stringify(payload);
    if (key === lastEmitted) return;
    lastEmitted = key;
    opts.events.emit('printer.status', payload);
  }

  function setStatus(next: Omit<PrinterStatus, 'queued'>): void {
    status = next;
    emitStatus();
  }

  function applyConfig(next: PrinterConfig): void {
    config = next;
    links = linkFactoryFor(next);
    encoder = new SlipEncoder({
      driver: next.driver,
      cyrillic: next.cyrillic,
      chinese: next.chinese,
      glyphs,
    });
    if (pollTimer) clearInterval(pollTimer);
    pollTimer = null;
    if (!links) {
      setStatus({ state: 'unconfigured', paperNearEnd: false, message: 'No printer is set up.' });
      return;
    }
    pollTimer = setInterval(() => void pollStatus(), next.statusPollMs);
    pollTimer.unref();
  }

  function withSession<T>(
    fn: (s: PrinterSession) => Promise<Result<T, SendError>>,
  ): Promise<Result<T, SendError | 'not_configured'>> {
    return inSession(links, fn);
  }

  let polling: Promise<void> | null = null;

  /** At most one poll in flight: a slow or dead printer must not pile polls up in the queue. */
  function pollStatus(): Promise<void> {
    polling ??= doPoll().finally(() => {
      polling = null;
    });
    return polling;
  }

  async function doPoll(): Promise<void> {
    if (closed || !links || pumping) return;
    await exclusive(async () => {
      const result = await withSession(async (s) => (s.canRead ? s.status(1500) : ok(null)));
      if (!result.ok) setStatus(failureStatus(result.error.code, result.error.message));
      else if (result.value) setStatus(result.value);
      else setStatus({ state: 'ready', paperNearEnd: false });
    });
    if (status.state === 'ready' && (queue?.pending().length ?? 0) > 0) pump();
  }

  function nextProcessId(): string {
    processCounter = (processCounter + 1) % 10_000;
    return String(processCounter).padStart(4, '0');
  }

  async function printOne(
    job: PrintJobRecord,
  ): Promise<Result<void, SendError | 'not_configured'>> {
    const enc = encoder;
    if (!enc) return err('not_configured', 'No printer is set up.');
    let bytes: Buffer;
    try {
      bytes = enc.encode(job.document).bytes;
    } catch (error) {
      return err('internal', `Job ${job.jobId} could not be encoded: ${String(error)}`);
    }
    return exclusive(() =>
      withSession(async (s) => {
        if (s.canRead) {
          const before = await s.status(1500);
          if (!before.ok) return before;
          if (before.value.state !== 'ready') {
            const code =
              before.value.state === 'paper_out' || before.value.state === 'cover_open'
                ? before.value.state
                : 'device_offline';
            return err(code, before.value.message ?? before.value.state);
          }
        }
        return s.sendJob(bytes, nextProcessId(), {
          timeoutMs: timing.jobTimeoutMs,
          pollMs: timing.probeMs,
        });
      }),
    );
  }

  function notifyPrinted(jobId: string): void {
    for (const wake of waiters.get(jobId) ?? []) wake();
    waiters.delete(jobId);
  }

  function scheduleRetry(attempts: number): void {
    if (closed || retryTimer) return;
    const delay = Math.min(timing.retryMaxMs, timing.retryBaseMs * 2 ** Math.min(10, attempts));
    retryTimer = setTimeout(() => {
      retryTimer = null;
      pump();
    }, delay);
    retryTimer.unref();
  }

  /** Prints queued jobs oldest first; stops at the first failure and retries with backoff. */
  function pump(): void {
    if (closed) return;
    if (pumping) {
      pumpAgain = true;
      return;
    }
    pumping = (async () => {
      do {
        pumpAgain = false;
        for (const job of queue?.pending() ?? []) {
          if (closed) return;
          const result = await printOne(job);
          if (result.ok) {
            await queue?.markPrinted(job.jobId);
            if (status.state !== 'ready')
              setStatus({ state: 'ready', paperNearEnd: status.paperNearEnd });
            emitStatus();
            notifyPrinted(job.jobId);
            continue;
          }
          await queue?.markAttempt(job.jobId, result.error.code);
          scheduleRetry(job.attempts + 1);
          // A job we cannot encode must not hold up the receipts queued behind it.
          if (result.error.code === 'internal') continue;
          setStatus(failureStatus(result.error.code, result.error.message));
          return;
        }
      } while (pumpAgain);
    })()
      .catch((error: unknown) => {
        // e.g. a full disk while recording a job: it stays queued and is tried again later
        setStatus({
          state: 'error',
          paperNearEnd: false,
          message: `Print queue: ${String(error)}`,
        });
        scheduleRetry(5);
      })
      .finally(() => {
        pumping = null;
      });
  }

  function waitPrinted(jobId: string, ms: number): Promise<boolean> {
    if (queue?.get(jobId)?.state === 'printed') return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        waiters.get(jobId)?.delete(done);
        resolve(queue?.get(jobId)?.state === 'printed');
      }, ms);
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const set = waiters.get(jobId) ?? new Set();
      set.add(done);
      waiters.set(jobId, set);
    });
  }

  /** Drawer openings go one at a time, so the rate limit spaces them instead of racing them. */
  let drawerQueue: Promise<unknown> = Promise.resolve();
  function inDrawerTurn<T>(fn: () => Promise<T>): Promise<T> {
    const run = drawerQueue.then(fn);
    drawerQueue = run.catch(() => undefined);
    return run;
  }

  async function openDrawer(key: string): Promise<DrawerOutcome> {
    const log = drawerLog;
    const cfg = config;
    if (!log || !cfg) return 'failed';
    if (!(await log.claim(key, now()))) return 'already_opened';
    const kick = drawerKick(cfg.driver, cfg.drawer);
    const sent = await exclusive(() =>
      withSession((s) =>
        s.sendJob(kick, nextProcessId(), { timeoutMs: 5000, pollMs: timing.probeMs }),
      ),
    );
    if (sent.ok) return 'opened';
    // Only a printer we never reached provably did not take the kick; anything else may still
    // open the drawer later (a real printer holds data while out of paper), so it stays claimed.
    if (sent.error.code === 'device_offline' || sent.error.code === 'not_configured') {
      await log.release(key, now());
    }
    return 'failed';
  }

  /** Retention, at start and daily: printed jobs older than the venue's period are deleted. */
  async function prunePrinted(): Promise<void> {
    const days = opts.printedJobRetentionDays ?? DEFAULT_PRINTED_JOB_RETENTION_DAYS;
    const cutoff = new Date(now().getTime() - days * DAY_MS);
    const pruned = await queue?.prunePrinted(cutoff).catch((cause: unknown) => {
      logger.warn('Pruning printed jobs failed; will try again tomorrow', String(cause));
      return 0;
    });
    if (pruned) logger.info(`Deleted ${pruned} printed job(s) older than ${days} days`);
  }

  function fromTerminal(terminal: TerminalConfig): Promise<PrinterConfig> {
    return gate.admitSaved(printerConfigFromTerminal(terminal), 'the terminal settings');
  }

  async function configure(
    request: { config: PrinterConfig; approval: DeviceChange['approval'] },
    ctx: CallContext,
  ): Promise<
    Result<{ configured: boolean }, 'invalid_argument' | 'forbidden' | 'approval_invalid'>
  > {
    const change = {
      from: config,
      to: request.config,
      caller: ctx.caller,
      approval: request.approval,
    };
    const admitted = await gate.admitChange(change);
    if (!admitted.ok) return admitted;
    // Logged (fsynced) before it takes effect: no printer change without its record.
    await gate.recordChange(change, admitted.value, now());
    await savePrinterConfig(opts.dataDir, request.config);
    applyConfig(request.config);
    void pollStatus();
    return ok({ configured: links !== null });
  }

  const started = (async () => {
    queue = await PrintQueue.open(opts.dataDir, now, quarantine);
    await prunePrinted();
    if (!closed) {
      pruneTimer = setInterval(() => void prunePrinted(), DAY_MS);
      pruneTimer.unref();
    }
    drawerLog = await DrawerLog.open(opts.dataDir);
    const saved = await loadSavedPrinterConfig(opts.dataDir, quarantine);
    const source = opts.config;
    if (saved) applyConfig(await gate.admitSaved(saved, 'the saved printer settings'));
    else if (isConfigSource(source)) applyConfig(await fromTerminal(source.get()));
    else applyConfig(source);
    if (isConfigSource(source)) {
      unsubscribe.push(
        source.onChange((terminal) => {
          void loadSavedPrinterConfig(opts.dataDir).then(async (s) => {
            if (s || closed) return;
            const next = await fromTerminal(terminal);
            if (!closed) applyConfig(next);
          });
        }),
      );
    }
    emitStatus();
    void pollStatus();
  })();

  const handlers: PrinterHandlers = {
    'printer.list': async () => {
      await started;
      return ok({
        printers:
          config && links
            ? [
                {
                  id: config.id,
                  name: config.name,
                  driver: config.driver,
                  columns: config.columns,
                },
              ]
            : [],
      });
    },
    'printer.configure': async (request, ctx) => {
      await started;
      return configure(request, ctx);
    },
    'printer.listDevices': async () => ok({ devices: await devices.list() }),
    'printer.status': async () => {
      await started;
      await pollStatus();
      return ok({ ...status, queued: queue?.pending().length ?? 0 });
    },
    'printer.print': async (request) => {
      await started;
      const q = queue;
      if (!q) return err('internal', 'The print queue did not open.');
      if ('reprintOf' in request) {
        const original = q.get(request.reprintOf);
        if (!original)
          return err('not_found', `There is no print job ${request.reprintOf} to reprint.`);
        await q.enqueue({
          jobId: request.jobId,
          document: markCopy(original.document),
          copy: true,
          reprintOf: original.jobId,
        });
      } else {
        // Main marks demo slips itself: the page cannot print an unmarked one on a demo till.
        const document = opts.demo === true ? markDemo(request.document) : request.document;
        await q.enqueue({ jobId: request.jobId, document, copy: false });
      }
      emitStatus();
      pump();
      const printed = await waitPrinted(request.jobId, timing.printWaitMs);
      return ok({ jobId: request.jobId, state: printed ? 'printed' : 'queued', drawer: 'none' });
    },
    'printer.openDrawer': async (request, ctx) => {
      await started;
      const ref = `${request.terminalId}#${request.seq}`;
      const admitted = opts.drawerGate
        ? opts.drawerGate.cashEntry(request)
        : err('forbidden', 'The drawer stays shut: no journal anchor is running.');
      if (!admitted.ok) return admitted;
      const key = `entry:${request.terminalId}:${request.seq}`;
      if (drawerLog?.has(key)) {
        logger.warn(`Drawer refused for journal entry ${ref}: already opened once (${ctx.caller})`);
        return err(
          'forbidden',
          'The drawer already opened for that entry; it opens once per entry.',
        );
      }
      const turn = await inDrawerTurn(async () => {
        let wait = rateLimit.take();
        // Two recorded entries a moment apart (a paid-out, then a no-sale) each get their
        // opening: the second waits out the spacing here, in turn, rather than being refused
        // and racing the first one's retry. Only the per-minute cap refuses. A loop, not one
        // sleep: a timer may fire a millisecond before the monotonic clock says the spacing is
        // over (Node's timers run on a millisecond loop clock), and one early wake must not
        // turn into "opened many times this minute".
        while (wait > 0 && wait <= rateLimit.spacingMs) {
          await sleep(wait);
          wait = rateLimit.take();
        }
        return wait > 0 ? ({ wait } as const) : ({ outcome: await openDrawer(key) } as const);
      });
      if ('wait' in turn) {
        logger.warn(`Drawer refused for journal entry ${ref}: rate limit (${ctx.caller})`);
        return err(
          'forbidden',
          'The drawer was opened many times this minute. Wait a minute and try again.',
          { retryAfterMs: turn.wait },
        );
      }
      const { outcome } = turn;
      if (outcome === 'already_opened') {
        logger.warn(`Drawer refused for journal entry ${ref}: already opened once (${ctx.caller})`);
        return err(
          'forbidden',
          'The drawer already opened for that entry; it opens once per entry.',
        );
      }
      if (outcome === 'failed')
        return err('device_offline', 'The drawer kick did not reach the printer.');
      logger.info(`Drawer opened for journal entry ${ref}`);
      return ok({ opened: true });
    },
  };

  return {
    handlers,
    async close() {
      closed = true;
      for (const u of unsubscribe) u();
      if (pollTimer) clearInterval(pollTimer);
      if (retryTimer) clearTimeout(retryTimer);
      if (pruneTimer) clearInterval(pruneTimer);
      await started.catch(() => undefined);
      await pumping;
      await chain;
    },
  };
}
