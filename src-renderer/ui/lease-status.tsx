import { useEffect, useState } from 'react';
import { leaseSummary } from '../inventory/lease-keeper';
import { useTill } from './till-context';
import { useText } from './use-text';

type Summary = Awaited<ReturnType<typeof leaseSummary>>;

/**
 * The status bar's lease item (issue 12): what this window may still sell on its own if the
 * network goes — seats and standing places left of its leases, and when the first lease
 * ends. Shown only while the till holds a lease (an enrolled till, online at some point).
 */
export function LeaseStatus() {
  const till = useTill();
  const text = useText();
  const [summary, setSummary] = useState<Summary | null>(null);
  useEffect(() => {
    let live = true;
    const read = () =>
      void leaseSummary(till.store.db, till.terminalId, till.ports.clock()).then(
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
  }, [till]);
  if (summary === null || summary.expiresAt === null) return null;
  return (
    <span role="status" aria-label="Lease at this window">
      {text('status.lease', {
        seats: summary.seats,
        ga: summary.ga,
        time: new Date(summary.expiresAt),
      })}
    </span>
  );
}
