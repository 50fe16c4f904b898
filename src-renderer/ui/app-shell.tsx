import type { ReactNode } from 'react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PrintOutcome } from '../app/print-service';
import type { CompletedSale } from '../app/sale-service';
import type { Locale } from '../i18n';
import { actorOf, signOut } from '../app/shift-service';
import type { StaffSummary } from '../../shared/ipc/staff';
import { ExchangeScreen } from './exchange/exchange-screen';
import { HelpOverlay } from './help-overlay';
import { CustomerLookup } from './customer-lookup';
import { isLookupKey } from '../app/customer-lookup';
import { LoginScreen } from './login-screen';
import { OnScreenPerformanceProvider } from './on-screen-performance';
import { RefundScreen } from './refund/refund-screen';
import { SellScreen } from './sell/sell-screen';
import { ShiftScreen } from './shift/shift-screen';
import type { Screen } from './shortcuts';
import { useShortcuts } from './shortcuts';
import { StatusBar } from './status-bar';
import { useTill, useTillVersion } from './till-context';
import { useText } from './use-text';

const NAV: readonly {
  screen: Screen;
  key: 'nav.sell' | 'nav.refund' | 'nav.exchange' | 'nav.shift';
  shortcut: string;
}[] = [
  { screen: 'sell', key: 'nav.sell', shortcut: 'F1' },
  { screen: 'refund', key: 'nav.refund', shortcut: 'F2' },
  { screen: 'exchange', key: 'nav.exchange', shortcut: 'F3' },
  { screen: 'shift', key: 'nav.shift', shortcut: 'F9' },
];

export interface AppShellProps {
  /** Staff the journal says is signed in (a reload keeps the cashier signed in). */
  readonly initialStaff: StaffSummary | null;
  readonly onPrintSale?: (sale: CompletedSale, locale: Locale) => Promise<PrintOutcome>;
  /**
   * The last scan's verdict. It gets a row of its own between the header and the screen, so
   * the screen shrinks (its lists scroll inside) rather than the page growing past the window.
   */
  readonly banner?: ReactNode;
}

export function AppShell({ initialStaff, onPrintSale, banner }: AppShellProps) {
  const till = useTill();
  useTillVersion();
  const text = useText();
  const [staff, setStaff] = useState<StaffSummary | null>(initialStaff);
  const [screen, setScreen] = useState<Screen>(till.state().shift ? 'sell' : 'shift');
  const [help, setHelp] = useState(false);
  const [signedOutWhy, setSignedOutWhy] = useState<string | null>(null);
  useStaffStillListed(staff, (gone) => {
    setStaff(null);
    setSignedOutWhy(
      gone.role === null
        ? text('ui.login.removed', { name: gone.name })
        : text('ui.login.roleChanged', { name: gone.name, role: text(`staff.role.${gone.role}`) }),
    );
  });
  // Bumped by Esc: the screen remounts, dropping whatever was half-entered (not the saved cart).
  const [resetKey, setResetKey] = useState(0);

  const onScreen = useCallback((s: Screen) => {
    setHelp(false);
    setScreen(s);
  }, []);
  const onEscape = useCallback(() => {
    setHelp((open) => {
      if (!open) setResetKey((k) => k + 1);
      return false;
    });
  }, []);
  const onHelp = useCallback(() => setHelp(true), []);
  useShortcuts({ onScreen, onEscape, onHelp });
  const [lookup, setLookup] = useLookupKey(staff !== null);

  if (staff === null) {
    return (
      <div className="app">
        <header className="app-header">
          <h1>{text('app.title')}</h1>
        </header>
        <div className="app-banner">{banner}</div>
        <main>
          <LoginScreen
            notice={signedOutWhy}
            onSignedIn={(s) => {
              setSignedOutWhy(null);
              setStaff(s);
              setScreen(till.state().shift ? 'sell' : 'shift');
            }}
          />
        </main>
        <StatusBar staff={null} />
      </div>
    );
  }

  const actor = actorOf(staff);
  const needsShift = till.state().shift === null && screen !== 'shift';
  return (
    <OnScreenPerformanceProvider>
      <div className="app">
        <header className="app-header">
          <h1>{text('app.title')}</h1>
          <nav aria-label={text('ui.nav.label')}>
            {NAV.map((n) => (
              <button
                key={n.screen}
                type="button"
                aria-current={screen === n.screen ? 'page' : undefined}
                aria-keyshortcuts={n.shortcut}
                onClick={() => setScreen(n.screen)}
              >
                {text(n.key)} <kbd>{n.shortcut}</kbd>
              </button>
            ))}
          </nav>
          <button
            type="button"
            aria-keyshortcuts="Control+F"
            // The words, then the key it shows (the visible text is part of the name).
            aria-label={`${text('customers.shortcut')} Ctrl+F`}
            title={text('customers.shortcut')}
            onClick={() => setLookup(true)}
          >
            <kbd>Ctrl+F</kbd>
          </button>
          <button type="button" aria-label={text('ui.help.open')} onClick={() => setHelp(true)}>
            ?
          </button>
          <button
            type="button"
            onClick={() => {
              void signOut(till, actor).then(() => setStaff(null));
            }}
          >
            {text('staff.signOut')}
          </button>
        </header>
        <div className="app-banner">{banner}</div>
        <main key={`${screen}-${resetKey}`}>
          {needsShift ? (
            <div role="alert" className="error-banner">
              {text('ui.shift.needShift')}{' '}
              <button type="button" onClick={() => setScreen('shift')}>
                {text('ui.shift.goToShift')}
              </button>
            </div>
          ) : screen === 'sell' ? (
            <SellScreen actor={actor} {...(onPrintSale ? { onPrint: onPrintSale } : {})} />
          ) : screen === 'refund' ? (
            <RefundScreen actor={actor} />
          ) : screen === 'exchange' ? (
            <ExchangeScreen actor={actor} />
          ) : (
            <ShiftScreen actor={actor} />
          )}
        </main>
        <StatusBar staff={staff} />
        {help ? <HelpOverlay onClose={() => setHelp(false)} /> : null}
        {lookup ? <CustomerLookup onClose={() => setLookup(false)} /> : null}
      </div>
    </OnScreenPerformanceProvider>
  );
}

/**
 * A manager's new staff list (main took it from the server) can leave out, or change the role
 * of, whoever is signed in here: they are signed out at once (journalled like any sign-out), so
 * a removed cashier cannot go on selling, nor a demoted one keep a manager's rights.
 */
function useStaffStillListed(
  staff: StaffSummary | null,
  onGone: (gone: { readonly name: string; readonly role: StaffSummary['role'] | null }) => void,
): void {
  const till = useTill();
  const onGoneRef = useRef(onGone);
  onGoneRef.current = onGone;
  useEffect(() => {
    if (staff === null) return;
    let live = true;
    const check = async () => {
      const list = await till.staff.list();
      const now = list.find((s) => s.id === staff.id);
      if (!live || (now !== undefined && now.role === staff.role)) return;
      // An empty list is main not answering, not a venue without staff.
      if (list.length === 0) return;
      const signedOut = await signOut(till, actorOf(staff));
      if (!live || !signedOut.ok) return;
      onGoneRef.current({ name: staff.name, role: now?.role ?? null });
    };
    const stop = till.staff.onChanged(() => void check());
    return () => {
      live = false;
      stop();
    };
  }, [till, staff]);
}

/**
 * The customer look-up's key (Ctrl+F on any screen of a signed-in cashier, also while typing;
 * the browser's own find is held back): [open, set]. The dialog closes itself on Esc.
 */
function useLookupKey(enabled: boolean): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (isLookupKey(e)) {
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
  return [open && enabled, setOpen];
}
