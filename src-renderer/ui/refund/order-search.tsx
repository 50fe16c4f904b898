import { findQueryOf } from '../../app/order-flow-actors';
import type { RoutedScan, ScanVerdict } from '../../devices/scan-router';
import { ticketVerdict } from '../../devices/scan-router';
import type { FindQuery, OrderFoundEvent } from '../../flows/order-lookup';
import type { ScannedOrder } from '../../scan';
import { useScanFlow, useScanning } from '../scan-context';
import { useText } from '../use-text';

/** The receipt barcode holds `R-<terminal>-<number>`; the search field shows `<terminal>-<number>`. */
function receiptText(data: string): string {
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

/**
 * Scans on the refund and exchange screens. The router has already checked a ticket code
 * (signature, store, status); a receipt is looked up here by its number. The order found goes
 * to the screen's flow as ORDER.FOUND (`open`, which never waits on the flow), and the verdict
 * is the scan layer's: a refusal in words, or "order opened". The code shows in the search
 * field, as if typed.
 */
export function useOrderScans(
  flowId: 'refund' | 'exchange',
  setSearchText: (text: string) => void,
  open: (event: OrderFoundEvent) => boolean,
): void {
  const scanning = useScanning();
  const text = useText();
  useScanFlow(flowId, ['ticket', 'receipt'], async (scan: RoutedScan): Promise<ScanVerdict> => {
    const base = { flow: flowId, kind: scan.kind, data: scan.data };
    const typed = scan.kind === 'receipt' ? receiptText(scan.data) : scan.data;
    setSearchText(typed);
    const notFound: ScanVerdict = {
      ...base,
      outcome: 'rejected',
      code: 'order_not_found',
      message: `No order for ${typed}.`,
    };
    const busy: ScanVerdict = {
      ...base,
      outcome: 'rejected',
      code: 'flow_busy',
      message: text('ui.flow.busy'),
    };
    const opened: ScanVerdict = {
      ...base,
      outcome: 'accepted',
      code: 'order_opened',
      message: 'Order opened.',
    };
    if (scan.kind === 'receipt') {
      const found = (await scanning?.findReceipt(scan.data)) ?? null;
      if (found === null) return notFound;
      return open(orderFound(found, null)) ? opened : busy;
    }
    const verdict = scan.ticket;
    if (verdict === undefined) return notFound;
    // Forged, unknown issuer, used, not on this terminal…: nothing opens; the verdict says why.
    if (!('scanned' in verdict)) return ticketVerdict(flowId, scan.data, verdict);
    const { order, receipt, ticket } = verdict.scanned;
    if (order === null || receipt === null) return notFound;
    // Only a genuine, still valid ticket is preselected; a refunded one just opens its order.
    const genuine = verdict.code === 'genuine';
    if (!open(orderFound({ order, receipt }, genuine ? ticket.ticketId : null))) return busy;
    return genuine ? opened : ticketVerdict(flowId, scan.data, verdict);
  });
}

/** Type a receipt number, a name, or paste a ticket code; scans fill the same field. */
export function OrderSearch({
  value,
  onChange,
  onSearch,
}: {
  readonly value: string;
  readonly onChange: (text: string) => void;
  readonly onSearch: (query: FindQuery) => void;
}) {
  const text = useText();
  return (
    <form
      className="find-order"
      onSubmit={(e) => {
        e.preventDefault();
        const query = findQueryOf(value);
        if (query !== null) onSearch(query);
      }}
    >
      <label>
        {text('ui.refund.search')}
        <input
          value={value}
          placeholder={text('refund.find')}
          autoFocus
          onChange={(e) => onChange(e.target.value)}
        />
      </label>
      <button type="submit">{text('ui.refund.searchButton')}</button>
    </form>
  );
}
