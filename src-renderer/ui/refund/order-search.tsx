import { findQueryOf } from '../../app/order-flow-actors';
import { ticketVerdict } from '../../app/scanning';
import type { RoutedScan, ScanVerdict } from '../../devices/scan-router';
import type { FlowError } from '../../flows/flow-types';
import type { FindQuery } from '../../flows/order-lookup';
import { useScanFlow, useScanning } from '../scan-context';
import { useText } from '../use-text';
import { verdictOf } from './flow-error';

/** What a search sent to a flow came to, for the scan verdict. */
export type FindOutcome =
  | { readonly kind: 'opened'; readonly preselected: boolean }
  | { readonly kind: 'refused'; readonly error: FlowError | null }
  /** The flow is saving or printing: the scan is refused rather than dropping that work. */
  | { readonly kind: 'busy' };

/** The receipt barcode holds `R-<terminal>-<number>`; the search field shows `<terminal>-<number>`. */
function receiptText(data: string): string {
  return data.startsWith('R-') ? data.slice(2) : data;
}

/**
 * Scans on the refund and exchange screens: a ticket or a receipt (serial or wedge, through
 * the app's scan router) goes to the screen's flow as a FIND, and the verdict follows from
 * what the flow did with it. The code shows in the search field, as if typed.
 */
export function useOrderScans(
  flowId: 'refund' | 'exchange',
  setSearchText: (text: string) => void,
  find: (query: FindQuery) => Promise<FindOutcome>,
): void {
  const scanning = useScanning();
  const text = useText();
  useScanFlow(flowId, ['ticket', 'receipt'], async (scan: RoutedScan): Promise<ScanVerdict> => {
    const base = { flow: flowId, kind: scan.kind, data: scan.data };
    const typed = scan.kind === 'receipt' ? receiptText(scan.data) : scan.data;
    setSearchText(typed);
    const query: FindQuery =
      scan.kind === 'ticket'
        ? { kind: 'ticket_code', code: scan.data }
        : (findQueryOf(typed) ?? { kind: 'customer', text: typed });
    const out = await find(query);
    if (out.kind === 'busy')
      return { ...base, outcome: 'rejected', code: 'flow_busy', message: text('ui.flow.busy') };
    if (out.kind === 'refused') {
      const verdict = verdictOf(out.error);
      if (verdict !== null) return ticketVerdict(flowId, scan.data, verdict);
      if (out.error === null || out.error.code === 'not_found')
        return {
          ...base,
          outcome: 'rejected',
          code: 'order_not_found',
          message: `No order for ${typed}.`,
        };
      return { ...base, outcome: 'rejected', code: out.error.code, message: out.error.message };
    }
    // A ticket that opened its order but was not preselected (refunded, exchanged…): say why.
    if (scan.kind === 'ticket' && !out.preselected && scanning !== null)
      return ticketVerdict(flowId, scan.data, await scanning.tickets.scan(scan.data));
    return { ...base, outcome: 'accepted', code: 'order_opened', message: 'Order opened.' };
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
