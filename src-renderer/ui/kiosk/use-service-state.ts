import { useEffect, useState } from 'react';
import type { PaymentTerminalState } from '../../../shared/ipc/payment';
import type { PrinterState } from '../../../shared/ipc/printer';
import type { CardTerminal } from '../../app/card-terminal';
import {
  outOfServiceCauses,
  PRINTER_GRACE_MS,
  type OutOfServiceCause,
} from '../../app/kiosk-service-state';
import { useSyncSnapshot } from '../sync-context';
import { useTill } from '../till-context';
import { useContractClient } from '../../transport/client-context';

/** How often the sync age is looked at again (it changes with the clock, not by an event). */
const RECHECK_MS = 5_000;

/**
 * What keeps the kiosk out of service now: main's printer and card terminal states (asked at
 * once, then followed by their events) and the sync client's queue.
 */
export function useOutOfService(
  terminal: CardTerminal,
  maxSyncBehindMs: number,
): readonly OutOfServiceCause[] {
  const client = useContractClient();
  const till = useTill();
  const sync = useSyncSnapshot();
  const [printer, setPrinterState] = useState<{
    readonly state: PrinterState | 'failed' | null;
    readonly since: number | null;
  }>({ state: null, since: null });
  const [card, setCard] = useState<PaymentTerminalState['state'] | 'failed' | null>(null);
  const [now, setNow] = useState(() => till.ports.clock());

  useEffect(() => {
    let live = true;
    // A new state starts its own clock; the same state heard again keeps the old one. Past the
    // grace the rule is asked again (the clock tick alone would come up to 5 s late).
    let graceTimer: ReturnType<typeof setTimeout> | undefined;
    const setPrinter = (state: PrinterState | 'failed') => {
      setPrinterState((was) => {
        if (was.state === state) return was;
        clearTimeout(graceTimer);
        graceTimer = setTimeout(() => setNow(till.ports.clock()), PRINTER_GRACE_MS + 50);
        return { state, since: was.state === null ? null : till.ports.clock() };
      });
    };
    void client.call('printer.status', {}).then((r) => {
      if (live) setPrinter(r.ok ? r.value.state : 'failed');
    });
    void terminal.terminal().then((r) => {
      if (live) setCard(r.ok ? r.value.state : 'failed');
    });
    const offPrinter = client.on('printer.status', (s) => setPrinter(s.state));
    const offCard = terminal.onTerminal((s) => setCard(s.state));
    const tick = setInterval(() => setNow(till.ports.clock()), RECHECK_MS);
    return () => {
      live = false;
      offPrinter();
      offCard();
      clearInterval(tick);
      clearTimeout(graceTimer);
    };
  }, [client, terminal, till]);

  return outOfServiceCauses({
    printer: printer.state,
    printerSince: printer.since,
    terminal: card,
    sync: { blocked: sync.blocked !== null, oldestQueuedAt: sync.oldestQueuedAt },
    now,
    maxSyncBehindMs,
  });
}
