import { useEffect, useState } from 'react';
import type { Role } from '../../../shared/catalog/roles';
import { hasRole } from '../../../shared/catalog/roles';
import { staffList } from '../../app/shift-service';
import type { FlowError } from '../../flows/flow-types';
import type { StaffSummary } from '../../store';
import { ErrorBanner } from '../error-banner';
import { PinPad } from '../pin-pad';
import { useTill } from '../till-context';
import { useText } from '../use-text';
import { shownFlowError } from './flow-error';

/**
 * A supervisor approves on the spot with their PIN, for a flow in its `approval` state or an
 * action the shift screen was refused (shift/use-approval). The dialog only collects who and
 * the PIN: verifyApprover (flows/store-actors) checks it (PBKDF2 with lockout, role, not the
 * person asking), and its error shows here, in words, until it passes.
 */
export function FlowApprovalDialog({
  requiredRole,
  requestedBy,
  why,
  error,
  checking,
  onSubmit,
  onCancel,
}: {
  readonly requiredRole: Role;
  readonly requestedBy: string;
  /** What is being approved, when the dialog's caller has more to say than the role. */
  readonly why?: string;
  readonly error: FlowError | null;
  /** The PIN is being checked: no second submit. */
  readonly checking: boolean;
  readonly onSubmit: (staffId: string, pin: string) => void;
  readonly onCancel: () => void;
}) {
  const till = useTill();
  const text = useText();
  const [people, setPeople] = useState<StaffSummary[]>([]);
  const [who, setWho] = useState('');
  const [pin, setPin] = useState('');

  useEffect(() => {
    let live = true;
    void staffList(till).then((all) => {
      if (!live) return;
      const able = all.filter(
        (s) => s.id !== requestedBy && s.role !== 'kiosk' && hasRole(s.role, requiredRole),
      );
      setPeople(able);
      setWho((current) => (able.some((p) => p.id === current) ? current : (able[0]?.id ?? '')));
    });
    return () => {
      live = false;
    };
  }, [till, requiredRole, requestedBy]);

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="approval-title">
      <div className="dialog">
        <h2 id="approval-title">{text('ui.approval.title')}</h2>
        {why !== undefined ? <p>{why}</p> : null}
        <p>{text('ui.approval.explain', { role: text(`staff.role.${requiredRole}`) })}</p>
        <ErrorBanner error={error ? shownFlowError(text, error) : null} />
        <label>
          {text('ui.approval.who')}
          <select value={who} onChange={(e) => setWho(e.target.value)}>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({text(`staff.role.${p.role}`)})
              </option>
            ))}
          </select>
        </label>
        <PinPad
          label={text('staff.supervisorPin')}
          value={pin}
          onChange={setPin}
          onSubmit={() => {
            if (checking) return;
            onSubmit(who, pin);
            // The PIN never stays on screen, right or wrong.
            setPin('');
          }}
          submitLabel={text('ui.approval.approve')}
        />
        <button type="button" onClick={onCancel} disabled={checking}>
          {text('common.cancel')}
        </button>
      </div>
    </div>
  );
}
