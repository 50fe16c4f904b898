import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { StaffSummary } from '../../../shared/ipc/staff';
import { leaveKioskMode } from '../../app/kiosk-session';
import { PinPad } from '../pin-pad';
import { useContractClient } from '../../transport/client-context';
import { useTill } from '../till-context';
import { useText } from '../use-text';

/** How long a finger must rest on the staff corner before the PIN dialog opens. */
export const EXIT_HOLD_MS = 3_000;

/**
 * The staff corner: an unmarked area at the top left that opens the leave-kiosk dialog after
 * a 3 s press. It is not a control for customers (no role, not focusable): leaving is the
 * PIN's decision, which main makes; the gesture only keeps customers from stumbling on it.
 */
export function StaffCorner({ onHeld }: { readonly onHeld: () => void }) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const cancel = () => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  };
  useEffect(() => cancel, []);
  return (
    <div
      className="kiosk-staff-corner"
      data-testid="kiosk-staff-corner"
      onPointerDown={() => {
        cancel();
        timer.current = setTimeout(onHeld, EXIT_HOLD_MS);
      }}
      onPointerUp={cancel}
      onPointerLeave={cancel}
      onPointerCancel={cancel}
    />
  );
}

/** A manager chooses their name and types their PIN; main checks both. */
export function KioskExitDialog({
  onLeft,
  onCancel,
}: {
  readonly onLeft: (manager: StaffSummary) => void;
  readonly onCancel: () => void;
}) {
  const till = useTill();
  const client = useContractClient();
  const text = useText();
  const [staff, setStaff] = useState<readonly StaffSummary[]>([]);
  const [who, setWho] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void till.staff.list().then((list) => {
      // Only managers are offered; main refuses anyone else anyway.
      if (live) setStaff(list.filter((s) => s.role === 'manager'));
    });
    return () => {
      live = false;
    };
  }, [till]);

  const submit = async () => {
    if (who === null) return;
    const r = await leaveKioskMode(
      till,
      (staffId, typed) => client.call('kiosk.leave', { staffId, pin: typed }),
      who,
      pin,
    );
    setPin('');
    if (r.ok) onLeft(r.value);
    else setProblem(text.tr.error(r.error));
  };

  return (
    <Dialog title={text('kiosk.exit.title')}>
      <div role="group" aria-label={text('kiosk.exit.who')} className="kiosk-languages">
        {staff.map((s) => (
          <button key={s.id} type="button" aria-pressed={who === s.id} onClick={() => setWho(s.id)}>
            {s.name}
          </button>
        ))}
      </div>
      {who !== null ? (
        <PinPad
          label={text('kiosk.exit.pin')}
          value={pin}
          onChange={setPin}
          onSubmit={() => void submit()}
          submitLabel={text('kiosk.exit.submit')}
          autoFocus
        />
      ) : null}
      {problem !== null ? <p role="alert">{problem}</p> : null}
      <button type="button" className="kiosk-secondary" onClick={onCancel}>
        {text('common.cancel')}
      </button>
    </Dialog>
  );
}

function Dialog({ title, children }: { readonly title: string; readonly children: ReactNode }) {
  return (
    <div className="kiosk-overlay">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="kiosk-dialog-title"
        className="kiosk-dialog"
      >
        <h2 id="kiosk-dialog-title">{title}</h2>
        {children}
      </div>
    </div>
  );
}
