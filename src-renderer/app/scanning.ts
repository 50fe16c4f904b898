import type {
  IncomingScan,
  ScanRouter,
  ScanSourceClient,
  ScanVerdict,
} from '../devices/scan-router';
import { connectScanSources, createScanRouter } from '../devices/scan-router';
import type { ScannedOrder, TicketScanner } from '../scan';
import { createTicketScanner, loadTerminalKeyRing, lookupScannedReceipt } from '../scan';
import type { CatalogIndex } from '../../shared/catalog/catalog';
import type { KeyRing } from '../../shared/tickets/key-ring';
import { createKeyRing } from '../../shared/tickets/key-ring';
import type { BoxOfficeDb } from '../store';
import type { Till } from './till';

/**
 * The app's one scan router, fed by the serial scanner (main's `scanner.scan` events) and the
 * keyboard wedge. Every ticket code gets the ticket scanner's verdict in the router, before
 * any screen sees it; screens register their own handlers while mounted (see ui/scan-context),
 * and with none taking a scan the router's idle answer shows the ticket's status in words.
 */
export interface Scanning {
  readonly router: ScanRouter;
  /** The ticket scanner, also used for a ticket code typed or pasted into the order search. */
  readonly tickets: TicketScanner;
  /** The order a scanned receipt barcode names in this terminal's store, or null. */
  findReceipt(code: string): Promise<ScannedOrder | null>;
  stop(): void;
}

export interface StartScanningOptions {
  readonly till: Till;
  readonly client: ScanSourceClient;
  /** Every verdict, whichever flow gave it: the app shows the ones a cashier must read. */
  readonly onVerdict: (verdict: ScanVerdict, scan: IncomingScan) => void;
}

async function terminalKeyRing(till: Till): Promise<KeyRing> {
  const loaded = await loadTerminalKeyRing(till.store.db);
  if (loaded.ok) return loaded.value;
  // No usable keys: every ticket then reads as "unknown issuer", which is the honest answer.
  const empty = createKeyRing([]);
  if (empty.ok) return empty.value;
  throw new Error(`An empty key ring could not be made: ${empty.error.message}`);
}

export interface ScanPathDeps {
  readonly db: BoxOfficeDb;
  readonly catalog: CatalogIndex;
  readonly keyRing: KeyRing;
  readonly onVerdict?: StartScanningOptions['onVerdict'];
}

/**
 * The scan path over a store (see "Scan path" in docs/ARCHITECTURE.md): the ticket scanner
 * the router asks for every ticket code, the router, and the receipt lookup the order screens
 * use. Exported apart from the scan sources so the scan benchmark times this very path.
 */
export function createScanPath(deps: ScanPathDeps): Omit<Scanning, 'stop'> {
  const tickets = createTicketScanner({
    db: deps.db,
    catalog: deps.catalog,
    keyRing: deps.keyRing,
  });
  const router = createScanRouter({
    checkTicket: (code) => tickets.scan(code),
    ...(deps.onVerdict !== undefined ? { onVerdict: deps.onVerdict } : {}),
  });
  return { router, tickets, findReceipt: (code) => lookupScannedReceipt(deps.db, code) };
}

export async function startScanning(options: StartScanningOptions): Promise<Scanning> {
  const { till, client } = options;
  const parts = createScanPath({
    db: till.store.db,
    catalog: till.catalog,
    keyRing: await terminalKeyRing(till),
    onVerdict: options.onVerdict,
  });
  let disconnect: (() => void) | null = null;
  let stopped = false;
  connectScanSources({ router: parts.router, client }).then(
    (off) => {
      if (stopped) off();
      else disconnect = off;
    },
    // Without sources there is nothing to route; screens still work by hand.
    () => undefined,
  );
  return {
    ...parts,
    stop() {
      stopped = true;
      disconnect?.();
    },
  };
}
