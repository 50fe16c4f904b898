import { fromPromise } from 'xstate';
import type { Approver } from '../../shared/commands/approval';
import { approvalBindingIn } from '../flows/approval-steps';
import type { TerminalState } from '../../shared/commands/terminal-state';
import type { ApprovalGrant } from '../../shared/ipc/staff';
import { err, type Result } from '../../shared/util/result';
import type {
  FlowResult,
  VerifiedApprover,
  VerifyPinErrorCode,
  VerifyPinInput,
} from '../flows/flow-types';
import type { Till } from './till';

/**
 * Approvals at the till, decided in main (issue 8 item 5). A command that needs one refuses
 * with `approval_required` and the binding (shared/commands/guards.ts: authorise); the screen
 * asks an approver for their PIN, main checks it and issues a one-time token for that binding
 * (`requestApproval`); the commit hands the token back (`approvedCommand`), main redeems it for
 * the binding the command is about to journal, and only main's answer becomes the approver.
 */

/** The binding a domain refusal waits for an approval of, or null when the refusal is final. */
export const approvalAskedFor = approvalBindingIn;

export type ApprovalErrorCode = 'approval_invalid' | 'forbidden';

/** An approver's PIN for `binding`: main's one-time token, or why not (in words). */
export async function requestApproval(
  till: Pick<Till, 'staff'>,
  entry: VerifyPinInput,
): Promise<FlowResult<VerifiedApprover, VerifyPinErrorCode>> {
  if (entry.binding === null) {
    return err('forbidden', 'There is nothing to approve yet.');
  }
  const granted = await till.staff.approve(entry.staffId, entry.pin, entry.binding);
  if (granted.ok) return granted;
  const { code, message, details } = granted.error;
  const known: VerifyPinErrorCode =
    code === 'wrong_pin' || code === 'locked' || code === 'unknown_staff' || code === 'forbidden'
      ? code
      : code === 'invalid_argument'
        ? 'invalid_pin'
        : 'unavailable';
  return err(known, message, details);
}

/** The flows' PIN check, as the promise actor their machines invoke. */
export function verifyApproverActor(till: Pick<Till, 'staff'>) {
  return fromPromise<FlowResult<VerifiedApprover, VerifyPinErrorCode>, VerifyPinInput>(
    ({ input }) => requestApproval(till, input),
  );
}

/**
 * A command run for the commit with the approval `grant` (if any). The command runs first as
 * it is; if it asks for an approval, the grant's token is redeemed with main for the binding
 * the command asked for, and the command runs again with the approver main names. The token is
 * redeemed at most once (the builder may run again if another window committed): a second run
 * reuses the redeemed approver, which the domain accepts only for the same binding.
 *
 * A page that passes anything but a grant main issued — `{staffId, role}`, an invented, used
 * or expired token, or one for another order, amount or action — gets a refusal and writes
 * nothing.
 */
export function approvedCommand<T, C extends string>(
  till: Pick<Till, 'staff'>,
  grant: Pick<ApprovalGrant, 'token'> | undefined,
  run: (
    terminal: TerminalState,
    approver: Approver | undefined,
  ) => Result<T, C> | Promise<Result<T, C>>,
): (terminal: TerminalState) => Promise<Result<T, C | ApprovalErrorCode>> {
  let redeemed: Approver | undefined;
  return async (terminal) => {
    const first = await run(terminal, redeemed);
    if (first.ok || grant === undefined || redeemed !== undefined) return first;
    const binding = approvalAskedFor(first.error);
    if (binding === null) return first;
    const token: unknown = (grant as { token?: unknown }).token;
    if (typeof token !== 'string' || token === '') {
      return err('approval_invalid', 'This approval was not given by the till. Ask for it again.');
    }
    const r = await till.staff.redeem(token, binding);
    if (!r.ok) {
      return err(r.error.code === 'forbidden' ? 'forbidden' : 'approval_invalid', r.error.message);
    }
    redeemed = r.value;
    return run(terminal, redeemed);
  };
}

/** What a screen hands the commit: the token of main's grant (nothing the page could make up). */
export type ApprovalToken = Pick<ApprovalGrant, 'token'>;
