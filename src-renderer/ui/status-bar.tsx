import { useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/ipc/contract';
import type { PrinterState } from '../../shared/ipc/printer';
import { formatReceiptNumber } from '../../shared/orders/receipt-number';
import type { Locale } from '../i18n';
import { LOCALES, useLocale } from '../i18n';
import type { StaffSummary } from '../../shared/ipc/staff';
import { useContractClient } from '../transport/client-context';
import { LeaseStatus } from './lease-status';
import { timeOrDateTime } from './short-time';
import { StatusItem } from './status-item';
import { SyncStatus } from './sync-status';
import { useTill, useTillVersion } from './till-context';
import { useText } from './use-text';

/**
 * Always visible: server connection and sync queue (`sync-status.tsx`), printer, scanner, shift, who is signed in and
 * the language. Each item is its own status region so a screen reader (and a test) can read it.
 * Two lines of small text in the height the language switch's 44 px touch target takes anyway:
 * at 1280×800 every item is read in full in en, uk and zh (one line cut them to "Sca…").
 */
export function StatusBar({ staff }: { readonly staff: StaffSummary | null }) {
  const till = useTill();
  // Re-render after every commit: shift and last receipt are read from the till below.
  useTillVersion();
  const client = useContractClient();
  const text = useText();
  const { locale, setLocale } = useLocale();
  const [printer, setPrinter] = useState<PrinterState | 'checking' | 'failed'>('checking');
  const [scanner, setScanner] = useState<boolean | null>(null);
  const [info, setInfo] = useState<AppInfo | null>(null);

  useEffect(() => {
    let live = true;
    void client.call('app.info', {}).then((r) => {
      if (live && r.ok) setInfo(r.value);
    });
    void client.call('printer.status', {}).then((r) => {
      if (live) setPrinter(r.ok ? r.value.state : 'failed');
    });
    // Each serial port's last known state; the scanner is ready when any port is connected.
    const ports = new Map<string, string>();
    const showScanner = () => setScanner([...ports.values()].some((st) => st === 'connected'));
    void client.call('scanner.status', {}).then((r) => {
      if (!live) return;
      // Events that arrived while the call was on its way are newer; keep them.
      if (r.ok) for (const p of r.value.ports) if (!ports.has(p.path)) ports.set(p.path, p.state);
      showScanner();
    });
    const offScanner = client.on('scanner.status', (p) => {
      ports.set(p.path, p.state);
      showScanner();
    });
    const offPrinter = client.on('printer.status', (s) => setPrinter(s.state));
    return () => {
      live = false;
      offPrinter();
      offScanner();
    };
  }, [client]);

  const printerText = (() => {
    switch (printer) {
      case 'ready':
        return text('status.printer.ready');
      case 'paper_out':
        return text('status.printer.paperOut');
      case 'cover_open':
        return text('status.printer.coverOpen');
      case 'offline':
        return text('status.printer.offline');
      case 'unconfigured':
        return text('ui.status.printerUnconfigured');
      case 'checking':
        return text('ui.status.printerChecking');
      case 'error':
      case 'failed':
        return text('ui.status.printerError');
    }
  })();
  const state = till.state();
  const shift = state.shift;

  return (
    <footer className="status-bar" aria-label={text('ui.status.label')}>
      <div className="status-rows">
        {/* First line: the server, the queue and its age, the lease — what sync is doing. */}
        <div className="status-row">
          <SyncStatus />
          <LeaseStatus />
          <StatusItem
            name={text('ui.status.name.version')}
            className="version"
            words={
              info !== null
                ? text('ui.status.version', {
                    version: info.version,
                    platform: info.platform,
                    transport: info.transport,
                    kiosk: info.kiosk ? 'yes' : 'no',
                  })
                : text('ui.app.connecting')
            }
          />
        </div>
        {/* Second line: the devices at the window and who sells on which shift. */}
        <div className="status-row">
          <StatusItem
            name={text('ui.status.name.printer')}
            words={printerText}
            className={printer === 'ready' ? 'ok' : 'warn'}
          />
          <StatusItem
            name={text('ui.status.name.scanner')}
            words={scanner ? text('status.scanner.ready') : text('status.scanner.offline')}
          />
          <StatusItem
            name={text('ui.status.name.shift')}
            className="keep"
            words={
              shift
                ? text('status.shift.open', {
                    number: shift.shiftId.slice(-6),
                    time: timeOrDateTime(text.tr, shift.openedAt, till.ports.clock()),
                  })
                : text('status.shift.closed')
            }
          />
          <StatusItem
            name={text('ui.status.name.staff')}
            className="keep"
            words={staff ? text('status.staff', { name: staff.name }) : text('ui.status.staffNone')}
          />
          {state.lastReceiptNo > 0 ? (
            <StatusItem
              name={text('ui.status.name.lastReceipt')}
              words={text('ui.status.receipts', {
                receipt: formatReceiptNumber(till.terminalId, state.lastReceiptNo),
              })}
            />
          ) : null}
          {/* A demo till says so on every screen: its sales, staff and events are made up. The
              badge is the word alone; what it means is in its tooltip. */}
          {till.demo ? (
            <span
              role="status"
              aria-label={text('ui.status.name.demo')}
              className="demo-badge"
              title={`${text('status.demoBadge')} ${text('status.demo')}`}
            >
              <strong>{text('status.demoBadge')}</strong>
            </span>
          ) : null}
          {/* Practice must never pass for real sales: a badge no one at the window can miss, its
              word alone (like DEMO's) so the line still fits; what it means is in its tooltip. */}
          {state.training ? (
            <span
              role="status"
              aria-label={text('ui.status.name.training')}
              className="training-badge"
              title={`${text('status.trainingBadge')} ${text('status.training')}`}
            >
              <strong>{text('status.trainingBadge')}</strong>
            </span>
          ) : null}
        </div>
      </div>
      <label className="locale">
        {/* The select's own name; on screen the language names say what it is. */}
        <span className="visually-hidden">{text('locale.label')}</span>
        <select value={locale} onChange={(e) => void setLocale(e.target.value as Locale)}>
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {text(`locale.${l}`)}
            </option>
          ))}
        </select>
      </label>
    </footer>
  );
}
