import { useEffect, useState } from 'react';
import { leaseSummary, type LeaseSummary } from '../inventory/lease-keeper';
import { leaseWords } from './lease-words';
import { useOnScreenPerformance } from './on-screen-performance';
import { StatusItem } from './status-item';
import { useTill } from './till-context';
import { useText } from './use-text';

/**
 * The status bar's lease item (issue 12): what this window may still sell on its own if the
 * network goes — of the performance on screen, or of all its leases when none is — and when
 * the first lease ends. Shown only while the till holds a lease (an enrolled till, online at
 * some point).
 */
export function LeaseStatus() {
  const till = useTill();
  const text = useText();
  const performanceId = useOnScreenPerformance();
  const [summary, setSummary] = useState<LeaseSummary | null>(null);
  useEffect(() => {
    let live = true;
    const read = () =>
      void leaseSummary(till.store.db, till.terminalId, till.ports.clock(), performanceId).then(
        (s) => live && setSummary(s),
        () => undefined,
      );
    read();
    const off = till.subscribe(read);
    const id = setInterval(read, 30_000);
    return () => {
      live = false;
      off();
      clearInterval(id);
    };
  }, [till, performanceId]);
  const words = summary === null ? null : leaseWords(text.tr, summary, till.ports.clock());
  if (words === null) return null;
  return <StatusItem name={text('ui.status.name.lease')} words={words} className="keep" />;
}
