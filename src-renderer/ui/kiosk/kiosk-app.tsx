import './kiosk.css';
import { useEffect, useState } from 'react';
import type { Actor } from '../../../shared/commands/types';
import type { StaffSummary } from '../../../shared/ipc/staff';
import type { CardTerminal } from '../../app/card-terminal';
import { startKioskSession } from '../../app/kiosk-session';
import type { PrintOutcome } from '../../app/print-service';
import type { CompletedSale } from '../../app/sale-service';
import type { Locale } from '../../i18n';
import { useTill } from '../till-context';
import { useText } from '../use-text';
import { KioskCustomerFlow } from './kiosk-customer-flow';
import { DEFAULT_KIOSK_TIMINGS, type KioskTimings } from './kiosk-timings';
import { KioskExitDialog, StaffCorner } from './kiosk-exit';

/**
 * The self-service kiosk (issue 15): what a kiosk window shows instead of the cashier screens.
 * It runs as the kiosk's own identity (app/kiosk-session.ts); a manager's PIN (checked by
 * main) behind a hidden 3 s press on the top-left corner leaves it for the cashier screens.
 */
export function KioskApp({
  terminal,
  print,
  onLeave,
  timings = DEFAULT_KIOSK_TIMINGS,
}: {
  readonly terminal: CardTerminal;
  readonly print: (sale: CompletedSale, locale: Locale) => Promise<PrintOutcome>;
  readonly onLeave: (manager: StaffSummary) => void;
  readonly timings?: KioskTimings;
}) {
  const till = useTill();
  const text = useText();
  const [actor, setActor] = useState<Actor | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [exiting, setExiting] = useState(false);

  useEffect(() => {
    let live = true;
    void startKioskSession(till).then((r) => {
      if (!live) return;
      if (r.ok) setActor(r.value);
      else
        setRefusal(
          r.error.code === 'cashier_shift_open' ? text('kiosk.oos.shift') : text.tr.error(r.error),
        );
    });
    return () => {
      live = false;
    };
    // The session is started once per till; a language switch must not start it again.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- text only words the refusal
  }, [till]);

  const corner = <StaffCorner onHeld={() => setExiting(true)} />;
  const exit = exiting ? (
    <KioskExitDialog onLeft={onLeave} onCancel={() => setExiting(false)} />
  ) : null;
  return (
    <main className="kiosk" aria-label={text('kiosk.label')}>
      {corner}
      {actor !== null ? (
        <KioskCustomerFlow actor={actor} terminal={terminal} print={print} timings={timings} />
      ) : refusal !== null ? (
        <section className="kiosk-screen" aria-labelledby="kiosk-oos-title">
          <div className="kiosk-top">
            <h1 id="kiosk-oos-title">{text('kiosk.oos.title')}</h1>
            <p role="alert">{refusal}</p>
          </div>
        </section>
      ) : (
        <p role="status">{text('kiosk.loading')}</p>
      )}
      {exit}
    </main>
  );
}
