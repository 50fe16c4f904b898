import { useState, type ReactNode } from 'react';
import type { ApprovalBinding } from '../../../shared/commands/approval';
import { requestApproval, type ApprovalToken } from '../../app/approval-service';
import { pinEntered } from '../../flows/approval-steps';
import { toFlowError, type FlowError } from '../../flows/flow-types';
import { FlowApprovalDialog } from '../refund/flow-approval-dialog';
import { useTill } from '../till-context';
import type { useOnce } from './use-once';

export interface ApprovalRequest {
  /** What the domain asked an approval for (main's token is bound to it). */
  readonly binding: ApprovalBinding;
  /** What is being approved, in the till's language, shown to the supervisor. */
  readonly why: string;
  /** The refused action again, now with main's token; it shows its own outcome. */
  readonly retry: (approval: ApprovalToken) => Promise<void>;
}

/**
 * A supervisor's approval in place, for the shift screen's actions the domain refused for want
 * of one. `ask` opens the approval dialog; a PIN that passes the check runs the same action
 * again with that approver (the domain journals the approval with it), a refused PIN keeps the
 * dialog open saying why, and cancel closes it with nothing written. `once` is the screen's own
 * one-action-at-a-time guard, so an approval never runs alongside another click.
 */
export function useApproval(once: ReturnType<typeof useOnce>): {
  readonly ask: (request: ApprovalRequest) => void;
  readonly dialog: ReactNode;
} {
  const till = useTill();
  const [request, setRequest] = useState<ApprovalRequest | null>(null);
  const [error, setError] = useState<FlowError | null>(null);
  const [checking, setChecking] = useState(false);

  const ask = (r: ApprovalRequest) => {
    setError(null);
    setRequest(r);
  };

  const submit = (staffId: string, pin: string) =>
    once(async () => {
      if (request === null) return;
      // An empty field is refused here, so it never costs a lockout attempt.
      if (!pinEntered({ staffId, pin })) {
        setError({ code: 'approval_required', message: 'A supervisor must enter their PIN.' });
        return;
      }
      setChecking(true);
      const checked = await requestApproval(till, { staffId, pin, binding: request.binding });
      setChecking(false);
      if (!checked.ok) return setError(toFlowError(checked.error));
      setRequest(null);
      setError(null);
      await request.retry(checked.value);
    });

  const dialog =
    request === null ? null : (
      <FlowApprovalDialog
        binding={request.binding}
        why={request.why}
        error={error}
        checking={checking}
        onSubmit={(staffId, pin) => void submit(staffId, pin)}
        onCancel={() => {
          setRequest(null);
          setError(null);
        }}
      />
    );
  return { ask, dialog };
}
