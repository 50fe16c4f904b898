import type { ScanEventPayload, ScannerStatus } from '../../shared/ipc/scanner';
import type { ScanKind, ScanPattern } from '../../shared/scanning/classify-scan';
import { classifyScan, DEFAULT_SCAN_PATTERNS } from '../../shared/scanning/classify-scan';
import type { ScanFormat } from '../../shared/scanning/normalise-scan';
import { normaliseScan } from '../../shared/scanning/normalise-scan';
import type { Result } from '../../shared/util/result';
import type { TicketScanVerdict } from '../scan';
import { isUntrustedCode } from '../scan';
import { attachKeyboardWedge } from './keyboard-wedge';
import type { AttachedWedge, AttachWedgeOptions } from './keyboard-wedge';

/**
 * Sends every scan — serial (via the contract's `scanner.scan` event) or keyboard wedge — to
 * the flow the cashier is in: sell takes vouchers and promo codes, refund/exchange open the
 * order of a ticket or receipt, and with no flow open a ticket scan shows its status. A ticket
 * code is checked here, once, before any flow sees it (`checkTicket`: signature, store,
 * status), so every flow receives the verdict rather than the raw code. Flows register a
 * handler on a stack; the newest, highest-priority one sees a scan first and may pass it on.
 * The router waits on a flow's handler only; handlers answer at once and never wait on a
 * screen's state machine.
 *
 * Whatever arrives — noise, a forged code, a flow that throws — the caller gets a verdict
 * object to show, never an exception.
 */
export interface IncomingScan {
  readonly source: 'serial' | 'wedge' | 'manual';
  readonly data: string;
  readonly port?: string | undefined;
  readonly at: string;
}

export interface RoutedScan extends IncomingScan {
  /** Normalised data (what the flow should look up). */
  readonly data: string;
  readonly kind: ScanKind;
  /** A ticket code's verdict (kind 'ticket' only), made before any flow is asked. */
  readonly ticket?: TicketScanVerdict;
}

export type VerdictOutcome = 'accepted' | 'rejected' | 'malformed' | 'ignored' | 'error';

export interface ScanVerdict {
  readonly outcome: VerdictOutcome;
  /** The flow that decided: a registered flow id, 'idle', or 'router' (malformed input). */
  readonly flow: string;
  readonly kind: ScanKind;
  readonly data: string;
  /** Stable code for the UI to localise and tests to assert, e.g. 'ticket_used'. */
  readonly code: string;
  /** An English sentence a cashier can read out (localised later by `code`). */
  readonly message: string;
  /** The ticket verdict this scan verdict reports, when it reports one. */
  readonly ticket?: TicketScanVerdict;
  readonly details?: unknown;
}

/** What a flow returns: its verdict, or null to let the next flow on the stack (or idle) try. */
export type FlowScanHandler = (
  scan: RoutedScan,
) => ScanVerdict | null | Promise<ScanVerdict | null>;

export interface FlowRegistration {
  readonly id: string;
  /** Higher first; equal priorities: the most recently registered first (a stack). */
  readonly priority?: number;
  /** Kinds this flow wants; others skip it without calling the handler. All when absent. */
  readonly accepts?: readonly ScanKind[];
  readonly handle: FlowScanHandler;
}

export interface ScanRouterOptions {
  /** A ticket code → the till's verdict on it (the app's ticket scanner); never rejects. */
  readonly checkTicket: (code: string) => Promise<TicketScanVerdict>;
  readonly patterns?: readonly ScanPattern[];
  readonly format?: ScanFormat;
  /** Told about every verdict (status bar, audio cue, log). */
  readonly onVerdict?: (verdict: ScanVerdict, scan: IncomingScan) => void;
}

export interface ScanRouter {
  /** Returns the function that removes this registration (call it when the flow closes). */
  register(flow: FlowRegistration): () => void;
  /** Routes one scan; scans are handled one at a time in arrival order. Never rejects. */
  route(scan: IncomingScan): Promise<ScanVerdict>;
  /** Ids of the registered flows, first-asked first. */
  activeFlows(): string[];
}

interface Entry extends FlowRegistration {
  readonly seq: number;
}

/** A ticket verdict as the router's verdict: accepted only when genuine. */
export function ticketVerdict(flow: string, data: string, v: TicketScanVerdict): ScanVerdict {
  return {
    outcome: v.code === 'genuine' ? 'accepted' : isUntrustedCode(v.code) ? 'malformed' : 'rejected',
    flow,
    kind: v.code === 'malformed' ? 'unknown' : 'ticket',
    data,
    code: `ticket_${v.code}`,
    message: v.message,
    ticket: v,
  };
}

export function createScanRouter(options: ScanRouterOptions): ScanRouter {
  const patterns = options.patterns ?? DEFAULT_SCAN_PATTERNS;
  let flows: Entry[] = [];
  let seq = 0;
  let queue: Promise<unknown> = Promise.resolve();

  function ordered(): Entry[] {
    return [...flows].sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0) || b.seq - a.seq);
  }

  function idle(scan: RoutedScan): ScanVerdict {
    // With no flow open a ticket shows its status (genuine, used, forged…), nothing more.
    if (scan.ticket !== undefined) return ticketVerdict('idle', scan.data, scan.ticket);
    return {
      flow: 'idle',
      kind: scan.kind,
      data: scan.data,
      outcome: 'ignored',
      code: scan.kind === 'unknown' ? 'unrecognised_code' : 'no_flow_for_kind',
      message:
        scan.kind === 'unknown'
          ? 'This code is not one the box office uses.'
          : `A ${scan.kind} code is used during a sale or a refund; open one first.`,
    };
  }

  async function decide(scan: IncomingScan): Promise<ScanVerdict> {
    const normalised = normaliseScan(scan.data, options.format);
    if (!normalised.ok) {
      return {
        outcome: 'malformed',
        flow: 'router',
        kind: 'unknown',
        data: scan.data,
        code: normalised.error.code,
        message: normalised.error.message,
      };
    }
    const classified = classifyScan(normalised.value, patterns);
    const { data, kind } = classified;
    let routed: RoutedScan = { ...scan, data, kind };
    if (kind === 'ticket') {
      try {
        routed = { ...routed, ticket: await options.checkTicket(data) };
      } catch (cause) {
        return failure('router', routed, cause);
      }
    }
    for (const flow of ordered()) {
      if (flow.accepts && !flow.accepts.includes(routed.kind)) continue;
      try {
        const verdict = await flow.handle(routed);
        if (verdict) return verdict;
      } catch (cause) {
        return failure(flow.id, routed, cause);
      }
    }
    return idle(routed);
  }

  return {
    register(flow) {
      const entry: Entry = { ...flow, seq: seq++ };
      flows.push(entry);
      return () => {
        flows = flows.filter((f) => f !== entry);
      };
    },
    route(scan) {
      const run = queue.then(() => decide(scan));
      queue = run.catch(() => undefined);
      return run.then((verdict) => {
        try {
          options.onVerdict?.(verdict, scan);
        } catch {
          // A broken status-bar listener must not turn a verdict into a rejection.
        }
        return verdict;
      });
    },
    activeFlows: () => ordered().map((f) => f.id),
  };
}

function failure(flow: string, scan: RoutedScan, cause: unknown): ScanVerdict {
  return {
    outcome: 'error',
    flow,
    kind: scan.kind,
    data: scan.data,
    code: 'handler_failed',
    message: 'That scan could not be processed. Scan it again, or enter the code by hand.',
    details: { cause: cause instanceof Error ? cause.message : String(cause) },
  };
}

/** The slice of the contract client the scan sources need (easy to fake in unit tests). */
export interface ScanSourceClient {
  call(
    method: 'scanner.status',
    args: Record<string, never>,
  ): Promise<Result<ScannerStatus, string>>;
  on(event: 'scanner.scan', listener: (payload: ScanEventPayload) => void): () => void;
}

export interface ScanSourcesOptions {
  readonly router: ScanRouter;
  readonly client: ScanSourceClient;
  /** Attaches the wedge; defaults to the real DOM adapter on `window`. */
  readonly attachWedge?: (options: AttachWedgeOptions) => AttachedWedge;
}

/**
 * Feeds both scanner kinds into the router: serial scans arrive as `scanner.scan` events from
 * main; the wedge is attached in this window with the settings main stores (skipped when the
 * settings turn it off or cannot be read — serial scanning still works then).
 * Returns the function that disconnects both.
 */
export async function connectScanSources(options: ScanSourcesOptions): Promise<() => void> {
  const { router, client } = options;
  const route = (scan: IncomingScan): void => {
    // route() never rejects; the verdict reaches the UI through onVerdict.
    void router.route(scan);
  };
  const offSerial = client.on('scanner.scan', (payload) => route(payload));
  let wedge: AttachedWedge | null = null;
  const status = await client.call('scanner.status', {});
  if (status.ok && status.value.wedge.enabled) {
    const attach =
      options.attachWedge ?? ((o: AttachWedgeOptions) => attachKeyboardWedge(window, o));
    wedge = attach({ options: status.value.wedge, onScan: route });
  }
  return () => {
    offSerial();
    wedge?.detach();
  };
}
