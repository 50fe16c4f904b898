import { useCallback, useEffect, useState } from 'react';
import type { StaffSummary } from '../../../shared/ipc/staff';
import { endKioskSession, kioskWaitsForShift } from '../../app/kiosk-session';
import type { Till } from '../../app/till';
import { useContractClient } from '../../transport/client-context';
import { useText } from '../use-text';

export interface KioskModeView {
  /** Which app the page shows now. */
  readonly shown: 'kiosk' | 'cashier';
  /** Main is a kiosk, but a person's shift is still open here: the cashier screens stay. */
  readonly waitsForShift: boolean;
  /** Who left kiosk mode (signed in on the cashier screens); null after the back office's off. */
  readonly leftBy: StaffSummary | null;
  /** Changes each time the cashier screens open anew (0: as the till started). */
  readonly shellKey: number;
  /** Main let a manager out (kiosk.leave answered, the manager's login journalled). */
  readonly left: (manager: StaffSummary) => void;
}

/**
 * The page's side of main's kiosk mode (issue 15 item 1). Main decides; the page follows its
 * `kiosk.mode` events without a restart: switched on → the kiosk, once no person's shift is
 * open and signed in (else the cashier screens say so until it is closed); switched off by the
 * back office → the kiosk signs out and the cashier sign-in opens. A manager's exit is
 * main's answer to `kiosk.leave`, which the exit dialog hands to `left`.
 */
export function useKioskMode(till: Till, launchedAsKiosk: boolean): KioskModeView {
  const client = useContractClient();
  const [mainKiosk, setMainKiosk] = useState(launchedAsKiosk);
  // A till that starts as a kiosk with a person still signed in on an open shift (switched
  // while it was off) opens the cashier screens first, so that shift can be closed.
  const [shown, setShown] = useState<'kiosk' | 'cashier'>(() =>
    launchedAsKiosk && !kioskWaitsForShift(till) ? 'kiosk' : 'cashier',
  );
  const [waitsForShift, setWaitsForShift] = useState(false);
  const [leftBy, setLeftBy] = useState<StaffSummary | null>(null);
  const [shellKey, setShellKey] = useState(0);

  useEffect(
    () =>
      client.on('kiosk.mode', (mode) => {
        // A manager's exit reaches the page as the dialog's answer (`left`), after the login.
        if (mode.kiosk || mode.reason !== 'manager_exit') setMainKiosk(mode.kiosk);
      }),
    [client],
  );

  // Switched on: the kiosk as soon as no person's shift stands in the way.
  useEffect(() => {
    if (!mainKiosk || shown === 'kiosk') {
      setWaitsForShift(false);
      return;
    }
    const check = () => {
      const waits = kioskWaitsForShift(till);
      setWaitsForShift(waits);
      if (!waits) setShown('kiosk');
    };
    check();
    return till.subscribe(check);
  }, [mainKiosk, shown, till]);

  // Switched off by the back office: the kiosk signs out, the cashier sign-in opens.
  useEffect(() => {
    if (mainKiosk || shown !== 'kiosk') return;
    let live = true;
    void endKioskSession(till).then((r) => {
      if (!r.ok) console.error('The kiosk could not sign out', r.error);
      if (!live) return;
      setLeftBy(null);
      setShellKey((k) => k + 1);
      setShown('cashier');
    });
    return () => {
      live = false;
    };
  }, [mainKiosk, shown, till]);

  const left = useCallback((manager: StaffSummary) => {
    setMainKiosk(false);
    setLeftBy(manager);
    setShellKey((k) => k + 1);
    setShown('cashier');
  }, []);

  return { shown, waitsForShift, leftBy, shellKey, left };
}

/** Above the cashier screens while the back office's kiosk switch waits for the shift. */
export function KioskWaitsForShift() {
  const text = useText();
  return (
    <p role="status" className="error-banner">
      {text('kiosk.switch.waitsForShift')}
    </p>
  );
}
