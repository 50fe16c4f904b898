import './styles.css';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ScanVerdict } from '../devices/scan-router';
import { I18nProvider } from '../i18n';
import type { VenueFormat } from '../i18n';
import { loadDemoIfEmpty } from '../demo/load-demo';
import type { StaffSummary } from '../../shared/ipc/staff';
import type { Store } from '../store';
import { staffAuthority } from '../app/staff-authority';
import { localePreference } from '../store';
import { useContractClient } from '../transport/client-context';
import { AppShell } from './app-shell';
import { ScanContext } from './scan-context';
import { isShownVerdict, ScanVerdictPanel } from './scan-verdict-panel';
import { TillContext } from './till-context';
import { printSale } from '../app/print-service';
import type { Scanning } from '../app/scanning';
import { startScanning } from '../app/scanning';
import type { Till } from '../app/till';
import { openTill } from '../app/till';
import { createInventorySource } from '../inventory/inventory-source';
import { inventoryThrough } from '../inventory/inventory-port';
import { startLeaseKeeper } from '../inventory/lease-keeper';
import type { RecordsState } from '../app/journal-anchor';
import { anchorThrough } from '../app/journal-anchor';
import { RecordsDamaged } from './records-damaged';
import type { SyncEngine } from '../sync/sync-engine';
import { firstCatalogFromServer } from '../sync/catalog-pull';
import { startSync } from '../sync/sync-engine';
import { syncThrough } from '../sync/sync-port';
import { SyncContext } from './sync-context';
import { KioskApp } from './kiosk/kiosk-app';
import { KioskWaitsForShift, useKioskMode } from './kiosk/kiosk-mode';
import { kioskLocalePreference } from './kiosk/kiosk-locale';
import { kioskTimingsFrom } from './kiosk/kiosk-timings';
import { cardTerminalThrough } from '../app/card-terminal-contract';

type Boot =
  | { readonly kind: 'starting' }
  | {
      readonly kind: 'damaged';
      readonly records: Extract<RecordsState, { kind: 'damaged' }>;
      readonly terminalId: string;
      readonly demo: boolean;
    }
  | { readonly kind: 'failed'; readonly message: string }
  | {
      readonly kind: 'ready';
      readonly till: Till;
      readonly staff: StaffSummary | null;
      /** main launched this window as a self-service kiosk (app.info) */
      readonly kiosk: boolean;
    };

/**
 * The cashier app: asks main which terminal this is and whether it is a demo till, opens the
 * till's store (loading the demo venue on a demo till's first run), then renders the shell in the cashier's remembered language.
 */
export function App() {
  const client = useContractClient();
  const [boot, setBoot] = useState<Boot>({ kind: 'starting' });

  useEffect(() => {
    let live = true;
    let opened: Till | null = null;
    void (async () => {
      // The terminal id is main's (generated on first start, later enrolled); there is no
      // default: a till that guessed one could continue another terminal's journal.
      // Main decides at launch whether this is a demo till; the page only reads it. Without
      // a yes from main it is a venue till: no demo venue, no PINs on the sign-in screen.
      // Both asked at once: each is a round trip to main before the store can open.
      const [config, info] = await Promise.all([
        client.call('config.get', {}),
        client.call('app.info', {}),
      ]);
      if (!config.ok) {
        if (live) setBoot({ kind: 'failed', message: config.error.message });
        return;
      }
      const demo = info.ok && info.value.demo === true;
      const staff = staffAuthority(client);
      const result = await openTill({
        terminalId: config.value.terminalId,
        demo,
        staff,
        // Held against main's journal head before anything else: a damaged store is
        // never seeded and never sells.
        anchor: anchorThrough(client),
        // Seats and GA places from the venue's shared inventory when enrolled (issue 12).
        inventory: (store, terminalId) =>
          createInventorySource({
            port: inventoryThrough(client),
            db: store.db,
            terminalId,
            clock: () => Date.now(),
          }),
        // A venue till's first start takes the venue's catalog from the server.
        seed: demo
          ? (store: Store) => loadDemoIfEmpty(store.db)
          : (store: Store) => firstCatalogFromServer(store.db, syncThrough(client)),
      });
      if (!result.ok) {
        if (!live) return;
        const records = result.error.details as RecordsState | undefined;
        if (result.error.code === 'records_damaged' && records?.kind === 'damaged') {
          setBoot({ kind: 'damaged', records, terminalId: config.value.terminalId, demo });
        } else {
          setBoot({ kind: 'failed', message: result.error.message });
        }
        return;
      }
      opened = result.value;
      const session = opened.state().session;
      // Who is still signed in, by name, from main's staff list (the page keeps none).
      const signedIn = session
        ? ((await staff.list()).find((s) => s.id === session.staffId) ?? null)
        : null;
      const kiosk = info.ok && info.value.kiosk;
      if (live) setBoot({ kind: 'ready', till: opened, staff: signedIn, kiosk });
      else opened.close();
    })();
    return () => {
      live = false;
      opened?.close();
    };
  }, [client]);

  if (boot.kind === 'starting') {
    return (
      <main className="boot">
        <p role="status">Starting the till…</p>
      </main>
    );
  }
  if (boot.kind === 'failed') {
    return (
      <main className="boot">
        <p role="alert">The till could not start: {boot.message}</p>
      </main>
    );
  }
  if (boot.kind === 'damaged') {
    return <RecordsDamaged state={boot.records} terminalId={boot.terminalId} demo={boot.demo} />;
  }
  return <ReadyApp till={boot.till} staff={boot.staff} kiosk={boot.kiosk} />;
}

function ReadyApp({
  till,
  staff,
  kiosk,
}: {
  readonly till: Till;
  readonly staff: StaffSummary | null;
  readonly kiosk: boolean;
}) {
  const client = useContractClient();
  // Kiosk mode is main's (the launch flag or the back office's switch; left only with a
  // manager's PIN that main checks): the page follows main's `kiosk.mode` events.
  const mode = useKioskMode(till, kiosk);
  const venue = useMemo<VenueFormat>(
    () => ({ currency: till.catalog.venue.currency, timeZone: till.catalog.venue.timeZone }),
    [till],
  );
  // A kiosk remembers no customer's language: each one starts on the attract screen's default.
  const preference = useMemo(
    () => (kiosk ? kioskLocalePreference() : localePreference(till.store.db, till.terminalId)),
    [till, kiosk],
  );
  const [scanning, setScanning] = useState<Scanning | null>(null);
  const [verdict, setVerdict] = useState<ScanVerdict | null>(null);
  const dismissVerdict = useCallback(() => setVerdict(null), []);
  // Main refusing a report mid-shift turns the till to the records-damaged screen.
  const [records, setRecords] = useState<RecordsState>(() => till.records());
  useEffect(() => till.subscribe(() => setRecords(till.records())), [till]);

  // One sync client per open till: it pushes after every commit and pulls on the server's
  // feed events; what it applies from other tills refreshes the screens.
  const [sync, setSync] = useState<SyncEngine | null>(null);
  // Bumped when the venue's ticket keys change: the scanner then reloads its key ring.
  const [keysVersion, setKeysVersion] = useState(0);
  useEffect(() => {
    // Leases for offline selling, sized while online (issue 12); a till not enrolled has none.
    const leases = startLeaseKeeper({
      port: inventoryThrough(client),
      db: till.store.db,
      terminalId: till.terminalId,
      catalog: () => till.catalog,
      clock: till.ports.clock,
      onAvailability: (id, answer) => till.inventory.noteAvailability(id, answer),
      onRound: (round) => {
        if (round.toppedUp + round.returned > 0) till.changed();
      },
      onError: (e) => console.error('The till’s leases could not be kept', e),
    });
    const engine = startSync({
      db: till.store.db,
      terminalId: till.terminalId,
      port: syncThrough(client),
      onApplied: () => till.changed(),
      onKeysChanged: () => setKeysVersion((v) => v + 1),
      onCatalog: () => till.reloadCatalog(),
      // Back online: once what was sold offline is pushed (the server must know those places
      // are sold before the rest of a lease goes back), the leases are swapped for fresh ones.
      onReconnect: () => {
        void engine.idle().then(() => leases.nudge({ settle: engine.snapshot().queued === 0 }));
      },
    });
    const offCommits = till.subscribe(() => engine.nudge('push'));
    // A seat hold or lease request that found the server gone (or back) says so at once: the
    // engine asks the server itself, so the status bar agrees with the seat map within a
    // request rather than at its next poll.
    const offMode = till.inventory.onModeChange((mode) => {
      if (mode === 'offline') engine.nudge('pull');
      if (mode === 'online') engine.nudge('all');
    });
    setSync(engine);
    return () => {
      offCommits();
      offMode();
      engine.stop();
      leases.stop();
    };
  }, [till, client]);

  // One router per app, for as long as the till is open.
  useEffect(() => {
    let live = true;
    let started: Scanning | null = null;
    void startScanning({
      till,
      client,
      onVerdict: (v) => setVerdict(isShownVerdict(v) ? v : null),
    }).then((s) => {
      started = s;
      if (live) setScanning(s);
      else s.stop();
    });
    return () => {
      live = false;
      started?.stop();
    };
  }, [till, client, keysVersion]);

  const cardTerminal = useMemo(() => cardTerminalThrough(client), [client]);
  const kioskTimings = useMemo(() => kioskTimingsFrom(window.location.search), []);

  if (records.kind === 'damaged') {
    return <RecordsDamaged state={records} terminalId={till.terminalId} demo={till.demo} />;
  }
  return (
    <TillContext.Provider value={till}>
      <I18nProvider venue={venue} preference={preference}>
        <SyncContext.Provider value={sync}>
          <ScanContext.Provider value={scanning}>
            {mode.shown === 'kiosk' ? (
              <KioskApp
                terminal={cardTerminal}
                timings={kioskTimings}
                print={(sale, locale) => printSale(client, till, sale, locale)}
                onLeave={mode.left}
              />
            ) : (
              <AppShell
                key={mode.shellKey}
                initialStaff={mode.shellKey === 0 ? staff : mode.leftBy}
                onPrintSale={(sale, locale) => printSale(client, till, sale, locale)}
                banner={
                  <>
                    {mode.waitsForShift ? <KioskWaitsForShift /> : null}
                    <ScanVerdictPanel verdict={verdict} onDismiss={dismissVerdict} />
                  </>
                }
              />
            )}
          </ScanContext.Provider>
        </SyncContext.Provider>
      </I18nProvider>
    </TillContext.Provider>
  );
}
