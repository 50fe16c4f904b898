import { useEffect, useState } from 'react';
import type { Approver } from '../../shared/commands';
import type { Role } from '../../shared/catalog/roles';
import { hasRole } from '../../shared/catalog/roles';
import { approverFor, staffList } from '../app/shift-service';
import type { StaffSummary } from '../store';
import type { ShownError } from './error-banner';
import { ErrorBanner } from './error-banner';
import { PinPad } from './pin-pad';
import { useTill } from './till-context';
import { useText } from './use-text';

/**
 * A supervisor approves on the spot with their PIN. The PIN is checked here (with lockout);
 * the domain then checks the role and that the approver is not the person asking.
 */
export function ApprovalDialog({
  requiredRole,
  requestedBy,
  onApproved,
  onCancel,
}: {
  readonly requiredRole: Role;
  readonly requestedBy: string;
  readonly onApproved: (approver: Approver) => void;
  readonly onCancel: () => void;
}) {
  const till = useTill();
  const text = useText();
  const [people, setPeople] = useState<StaffSummary[]>([]);
  const [who, setWho] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<ShownError | null>(null);

  useEffect(() => {
    void staffList(till).then((all) => {
      const able = all.filter(
        (s) => s.id !== requestedBy && s.role !== 'kiosk' && hasRole(s.role, requiredRole),
      );
      setPeople(able);
      setWho(able[0]?.id ?? '');
    });
  }, [till, requiredRole, requestedBy]);

  const approve = async () => {
    const r = await approverFor(till, who, pin);
    setPin('');
    if (!r.ok) return setError(r.error);
    onApproved(r.value);
  };

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="approval-title">
      <div className="dialog">
        <h2 id="approval-title">{text('ui.approval.title')}</h2>
        <p>{text('ui.approval.explain', { role: text(`staff.role.${requiredRole}`) })}</p>
        <ErrorBanner error={error} onDismiss={() => setError(null)} />
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
          onSubmit={() => void approve()}
          submitLabel={text('ui.approval.approve')}
        />
        <button type="button" onClick={onCancel}>
          {text('common.cancel')}
        </button>
      </div>
    </div>
  );
}
