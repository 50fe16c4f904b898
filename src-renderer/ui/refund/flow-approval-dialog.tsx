import { useEffect, useState } from 'react';
import { approverRefusal, type ApprovalBinding } from '../../../shared/commands/approval';
import { staffList } from '../../app/shift-service';
import type { FlowError } from '../../flows/flow-types';
import type { StaffSummary } from '../../../shared/ipc/staff';
import { ErrorBanner } from '../error-banner';
import { PinPad } from '../pin-pad';
import { useTill } from '../till-context';
import { useText } from '../use-text';
import { shownFlowError } from './flow-error';

/**
 * A supervisor approves on the spot with their PIN, for a flow in its `approval` state or an
 * action a screen was refused (shift/use-approval). The dialog only collects who and the PIN for
 * the domain's `binding`: main checks the PIN (with its lockout), that this person may approve
 * it, and issues the one-time token; its refusal shows here, in words, until it passes. Nobody
 * is preselected: the approver picks their own name.
 */
export function FlowApprovalDialog({
  binding,
  why,
  error,
  checking,
  onSubmit,
  onCancel,
}: {
  /** What is to be approved, as the domain asked for it. */
  readonly binding: ApprovalBinding;
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
  const { requiredRole, requestedBy, action } = binding;

  useEffect(() => {
    let live = true;
    void staffList(till).then((all) => {
      if (!live) return;
      const able = all.filter(
        (s) => approverRefusal(requestedBy, { ...s, staffId: s.id }, requiredRole, action) === null,
      );
      setPeople(able);
      setWho((current) => (able.some((p) => p.id === current) ? current : ''));
    });
    return () => {
      live = false;
    };
  }, [till, requiredRole, requestedBy, action]);

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="approval-title">
      <div className="dialog">
        <h2 id="approval-title">{text('ui.approval.title')}</h2>
        {/* One sentence on what is asked: the caller's own, or the role it needs. */}
        <p>{why ?? text('ui.approval.explain', { role: text(`staff.role.${requiredRole}`) })}</p>
        <ErrorBanner error={error ? shownFlowError(text, error) : null} next="ui.approval.next" />
        <label>
          {text('ui.approval.who')}
          <select value={who} onChange={(e) => setWho(e.target.value)}>
            <option value="" disabled>
              {text('ui.approval.choose')}
            </option>
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
