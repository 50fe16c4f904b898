import { useState } from 'react';
import type { FoundOrder } from '../../app/order-service';
import { findOrders, reloadOrder } from '../../app/order-service';
import { ticketVerdict } from '../../app/scanning';
import type { RoutedScan, ScanVerdict } from '../../devices/scan-router';
import { useScanFlow, useScanning } from '../scan-context';
import { useTill } from '../till-context';
import { useText } from '../use-text';

/** The receipt barcode holds `R-<terminal>-<number>`; the search takes `<terminal>-<number>`. */
function receiptQuery(data: string): string {
  return data.startsWith('R-') ? data.slice(2) : data;
}

/**
 * Scan a ticket or a receipt (serial or wedge, through the app's scan router), or type a
 * receipt number or a name. `ticketId` is the scanned ticket, for the screen to preselect.
 */
export function FindOrder({
  onFound,
  flowId = 'find-order',
}: {
  readonly onFound: (order: FoundOrder | null, query: string, ticketId?: string) => void;
  /** The scan router's name for the screen this search is on (refund, exchange). */
  readonly flowId?: string;
}) {
  const till = useTill();
  const text = useText();
  const scanning = useScanning();
  const [query, setQuery] = useState('');

  useScanFlow(flowId, ['ticket', 'receipt'], async (scan: RoutedScan): Promise<ScanVerdict> => {
    const base = { flow: flowId, kind: scan.kind, data: scan.data };
    if (scan.kind === 'ticket' && scanning !== null) {
      setQuery(scan.data);
      // The signature first: a forged code must not open anybody's order.
      const v = await scanning.tickets.scan(scan.data);
      if (!('scanned' in v)) return ticketVerdict(flowId, scan.data, v);
      const order = await reloadOrder(till, v.scanned.record.orderId);
      onFound(order, scan.data, v.code === 'genuine' ? v.scanned.ticket.ticketId : undefined);
      return order === null || v.code !== 'genuine'
        ? ticketVerdict(flowId, scan.data, v)
        : { ...base, outcome: 'accepted', code: 'order_opened', message: v.message };
    }
    const q = scan.kind === 'receipt' ? receiptQuery(scan.data) : scan.data;
    setQuery(q);
    const order = (await findOrders(till, q))[0] ?? null;
    onFound(order, q);
    return order !== null
      ? { ...base, outcome: 'accepted', code: 'order_opened', message: 'Order opened.' }
      : { ...base, outcome: 'rejected', code: 'order_not_found', message: `No order for ${q}.` };
  });

  return (
    <form
      className="find-order"
      onSubmit={(e) => {
        e.preventDefault();
        void findOrders(till, query).then((found) => onFound(found[0] ?? null, query));
      }}
    >
      <label>
        {text('ui.refund.search')}
        <input
          value={query}
          placeholder={text('refund.find')}
          autoFocus
          onChange={(e) => setQuery(e.target.value)}
        />
      </label>
      <button type="submit">{text('ui.refund.searchButton')}</button>
    </form>
  );
}
