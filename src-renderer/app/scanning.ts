import type {
  IncomingScan,
  ScanRouter,
  ScanSourceClient,
  ScanVerdict,
} from '../devices/scan-router';
import { connectScanSources, createScanRouter } from '../devices/scan-router';
import type { TicketScanner, TicketScanVerdict } from '../scan';
import { createTicketScanner, isUntrustedCode, loadTerminalKeyRing } from '../scan';
import type { KeyRing } from '../../shared/tickets/key-ring';
import { createKeyRing } from '../../shared/tickets/key-ring';
import { verifyTicketCode } from '../../shared/tickets/verify-ticket';
import type { Till } from './till';

/**
 * The app's one scan router, fed by the serial scanner (main's `scanner.scan` events) and the
 * keyboard wedge. Screens register their own handlers while mounted (see ui/scan-context);
 * with none taking a scan, the idle flow here runs the full ticket scanner (signature, store,
 * refund policy) so the cashier always gets a verdict in words.
 */
export interface Scanning {
  readonly router: ScanRouter;
  readonly tickets: TicketScanner;
  stop(): void;
}

export interface StartScanningOptions {
  readonly till: Till;
  readonly client: ScanSourceClient;
  /** Every verdict, whichever flow gave it: the app shows the ones a cashier must read. */
  readonly onVerdict: (verdict: ScanVerdict, scan: IncomingScan) => void;
}

/** Registered below every screen: it only sees what no screen took. */
const IDLE_PRIORITY = -1_000_000;

/** The ticket scanner's verdict as a router verdict; `details` keeps the full ticket verdict. */
export function ticketVerdict(flow: string, data: string, v: TicketScanVerdict): ScanVerdict {
  return {
    outcome: v.code === 'genuine' ? 'accepted' : isUntrustedCode(v.code) ? 'malformed' : 'rejected',
    flow,
    kind: v.code === 'malformed' ? 'unknown' : 'ticket',
    data,
    code: `ticket_${v.code}`,
    message: v.message,
    details: v,
  };
}

async function terminalKeyRing(till: Till): Promise<KeyRing> {
  const loaded = await loadTerminalKeyRing(till.store.db);
  if (loaded.ok) return loaded.value;
  // No usable keys: every ticket then reads as "unknown issuer", which is the honest answer.
  const empty = createKeyRing([]);
  if (empty.ok) return empty.value;
  throw new Error(`An empty key ring could not be made: ${empty.error.message}`);
}

export async function startScanning(options: StartScanningOptions): Promise<Scanning> {
  const { till, client } = options;
  const keyRing = await terminalKeyRing(till);
  const tickets = createTicketScanner({
    db: till.store.db,
    catalog: till.catalog,
    keyRing,
    clock: till.ports.clock,
  });
  const router = createScanRouter({
    // Only reached if the idle flow below is gone; it then still says genuine or not.
    verifyTicket: (code) =>
      verifyTicketCode(code, {
        keyRing,
        backend: 'webcrypto',
        isTicketRevoked: () => false,
        isTicketUsed: () => false,
      }),
    onVerdict: options.onVerdict,
  });
  const offIdle = router.register({
    id: 'idle',
    priority: IDLE_PRIORITY,
    // Anything that is not a receipt, voucher or promo shape may be a damaged ticket: the
    // ticket scanner says "not a ticket" in words rather than "unknown code".
    accepts: ['ticket', 'unknown'],
    handle: async (scan) => ticketVerdict('idle', scan.data, await tickets.scan(scan.data)),
  });
  let disconnect: (() => void) | null = null;
  let stopped = false;
  connectScanSources({ router, client }).then(
    (off) => {
      if (stopped) off();
      else disconnect = off;
    },
    // Without sources there is nothing to route; screens still work by hand.
    () => undefined,
  );
  return {
    router,
    tickets,
    stop() {
      stopped = true;
      offIdle();
      disconnect?.();
    },
  };
}
