import type {
  IncomingScan,
  ScanRouter,
  ScanSourceClient,
  ScanVerdict,
} from '../devices/scan-router';
import type { RoutedScan } from '../devices/scan-router';
import { connectScanSources, createScanRouter, ticketVerdict } from '../devices/scan-router';
import type { OrderFoundEvent } from '../flows/order-lookup';
import type { ScannedOrder, TicketScanner } from '../scan';
import { createTicketScanner, loadTerminalKeyRing, lookupScannedReceipt } from '../scan';
import type { CatalogIndex } from '../../shared/catalog/catalog';
import type { Ed25519Backend } from '../../shared/crypto/ed25519';
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
  readonly findReceipt: (code: string) => Promise<ScannedOrder | null>;
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
  // The page's log: a ring that does not load makes every ticket "unknown issuer".
  console.warn(`The ticket key ring did not load: ${loaded.error.message}`);
  // No usable keys: every ticket then reads as "unknown issuer", which is the honest answer.
  const empty = createKeyRing([]);
  if (empty.ok) return empty.value;
  throw new Error(`An empty key ring could not be made: ${empty.error.message}`);
}

export interface ScanPathDeps {
  readonly db: BoxOfficeDb;
  readonly catalog: CatalogIndex;
  readonly keyRing: KeyRing;
  /** Reads the key ring again (an unknown issuer is checked once more against it). */
  readonly reloadKeyRing?: () => Promise<KeyRing>;
  /** The Ed25519 backend; WebCrypto (with its @noble/curves fallback) by default. */
  readonly verifier?: Ed25519Backend;
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
    ...(deps.reloadKeyRing !== undefined ? { reloadKeyRing: deps.reloadKeyRing } : {}),
    ...(deps.verifier !== undefined ? { verifier: deps.verifier } : {}),
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
    reloadKeyRing: () => terminalKeyRing(till),
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

/** The receipt barcode holds `R-<terminal>-<number>`; the search field shows `<terminal>-<number>`. */
export function receiptText(data: string): string {
  return data.startsWith('R-') ? data.slice(2) : data;
}

/** An order a scan found, as the event its flow opens it with. */
function orderFound(found: ScannedOrder, ticketId: string | null): OrderFoundEvent {
  const { order, receipt } = found;
  return {
    type: 'ORDER.FOUND',
    order,
    ticketId,
    match: {
      orderId: order.orderId,
      receiptNo: receipt.receiptNumber,
      at: receipt.at,
      total: receipt.total,
      terminalId: receipt.terminalId,
      ...(order.sale.customerId !== undefined ? { customerId: order.sale.customerId } : {}),
      ...(ticketId !== null ? { ticketId } : {}),
    },
  };
}

/** What an order screen's scan handler needs from the screen. */
export interface OrderScanPorts {
  /** Hands the order to the screen's flow; false when the flow is saving (nothing sent). */
  readonly open: (event: OrderFoundEvent) => boolean;
  readonly findReceipt: Scanning['findReceipt'];
  /** The sentence for "finish the transaction first", in the cashier's language. */
  readonly busyMessage: string;
}

/**
 * A scan on the refund or exchange screen → the order it names goes to the screen's flow
 * (ORDER.FOUND, which the flow evaluates) and the cashier's verdict comes back at once: a
 * refusal in words (forged, used, not on this terminal…), or "order opened". The router has
 * already checked a ticket code; a receipt is looked up here by its number. Never waits on
 * the flow.
 */
export async function orderScanVerdict(
  flow: 'refund' | 'exchange',
  scan: RoutedScan,
  ports: OrderScanPorts,
): Promise<ScanVerdict> {
  const base = { flow, kind: scan.kind, data: scan.data };
  const notFound: ScanVerdict = {
    ...base,
    outcome: 'rejected',
    code: 'order_not_found',
    message: `No order for ${receiptText(scan.data)}.`,
  };
  const busy: ScanVerdict = {
    ...base,
    outcome: 'rejected',
    code: 'flow_busy',
    message: ports.busyMessage,
  };
  const opened: ScanVerdict = {
    ...base,
    outcome: 'accepted',
    code: 'order_opened',
    message: 'Order opened.',
  };
  if (scan.kind !== 'ticket') {
    const found = await ports.findReceipt(scan.data);
    if (found === null) return notFound;
    return ports.open(orderFound(found, null)) ? opened : busy;
  }
  const verdict = scan.ticket;
  if (verdict === undefined) return notFound;
  // Forged, unknown issuer, used, not on this terminal…: nothing opens; the verdict says why.
  if (!('scanned' in verdict)) return ticketVerdict(flow, scan.data, verdict);
  const { order, receipt, ticket } = verdict.scanned;
  if (order === null || receipt === null) return notFound;
  // Only a genuine, still valid ticket is preselected; a refunded one just opens its order,
  // and the verdict says why nothing is ticked.
  const genuine = verdict.code === 'genuine';
  if (!ports.open(orderFound({ order, receipt }, genuine ? ticket.ticketId : null))) return busy;
  return genuine ? opened : ticketVerdict(flow, scan.data, verdict);
}
