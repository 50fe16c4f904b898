import { useEffect, type Ref } from 'react';
import { scanFlowLeft } from '../scan-flow-left';
import { findQueryOf } from '../../app/order-flow-actors';
import { orderScanVerdict, receiptText } from '../../app/scanning';
import type { RoutedScan, ScanVerdict } from '../../devices/scan-router';
import type { FindQuery, OrderFoundEvent } from '../../flows/order-lookup';
import { useScanFlow, useScanning } from '../scan-context';
import { useText } from '../use-text';

/**
 * Scans on the refund and exchange screens, while the screen is mounted: the scan layer's
 * verdict (app/scanning `orderScanVerdict`), the order it found sent to the screen's flow
 * through `open`, and the code shown in the search field, as if typed.
 */
export function useOrderScans(
  flowId: 'refund' | 'exchange',
  setSearchText: (text: string) => void,
  open: (event: OrderFoundEvent) => boolean,
): void {
  const scanning = useScanning();
  const text = useText();
  // Leaving the screen: the verdict of a scan it took goes too.
  useEffect(() => () => scanFlowLeft(flowId), [flowId]);
  useScanFlow(flowId, ['ticket', 'receipt'], (scan: RoutedScan): Promise<ScanVerdict> | null => {
    if (scanning === null) return null;
    setSearchText(scan.kind === 'receipt' ? receiptText(scan.data) : scan.data);
    return orderScanVerdict(flowId, scan, {
      open,
      findReceipt: scanning.findReceipt,
      busyMessage: text('ui.flow.busy'),
    });
  });
}

/** Type a receipt number, a name, or paste a ticket code; scans fill the same field. */
export function OrderSearch({
  value,
  onChange,
  onSearch,
  inputRef,
}: {
  readonly inputRef?: Ref<HTMLInputElement>;
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
          ref={inputRef}
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
