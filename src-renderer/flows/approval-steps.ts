import { approvalBindingSchema, type ApprovalBinding } from '../../shared/commands/approval';
import type { ExchangeEvent } from './exchange/exchange-types';
import {
  notProvided,
  type FlowError,
  type FlowResult,
  type VerifiedApprover,
  type VerifyPinErrorCode,
  type VerifyPinInput,
} from './flow-types';
import type { RefundEvent } from './refund/refund-types';

/**
 * The supervisor approval both the refund and the exchange flow ask for when the policy needs a
 * higher role than the cashier's. Each machine keeps its own `approval`/`verifyingPin` states
 * (typed by its own `setup`); what they share is here: when a PIN entry is worth checking, what
 * the check is asked, and what the cashier is told when it is not.
 */

/** The PIN check both flows declare; the app provides the real one. */
export const approvalActors = {
  verifyApprover: notProvided<FlowResult<VerifiedApprover, VerifyPinErrorCode>, VerifyPinInput>(
    'verifyApprover',
  ),
};

/** Both fields filled in: an empty one is refused here, so it never costs a lockout attempt. */
export const pinEntered = (entry: { readonly staffId: string; readonly pin: string }): boolean =>
  entry.pin.trim() !== '' && entry.staffId.trim() !== '';

/**
 * The `verifyApprover` actor's input. It runs on entering `verifyingPin`, so `event` is the
 * APPROVAL.SUBMIT that led there; any other event asks with empty credentials, which fail.
 * `binding` is what the domain asked an approval for (see approvalBindingIn): main issues the
 * token for exactly that.
 */
export function verifyPinInput(
  event: RefundEvent | ExchangeEvent,
  binding: ApprovalBinding | null,
): VerifyPinInput {
  return {
    staffId: event.type === 'APPROVAL.SUBMIT' ? event.staffId : '',
    pin: event.type === 'APPROVAL.SUBMIT' ? event.pin : '',
    binding,
  };
}

/** The binding a commit actor's refusal asks an approval for, or null (see approvalBindingIn). */
export const approvalAskedIn = (output: FlowResult<unknown>): ApprovalBinding | null =>
  output.ok ? null : approvalBindingIn(output.error);

/**
 * The binding a domain refusal waits for an approval of (authorise's `approval_required`
 * details), or null when the refusal is final: any other code, or details without a binding.
 */
export function approvalBindingIn(error: {
  readonly code: string;
  readonly details?: unknown;
}): ApprovalBinding | null {
  if (error.code !== 'approval_required') return null;
  const d = error.details;
  if (typeof d !== 'object' || d === null || !('binding' in d)) return null;
  const binding = approvalBindingSchema.safeParse(d.binding);
  return binding.success ? binding.data : null;
}

/** An approval submitted without a staff id or PIN. */
export const approvalMissing = (subject: 'refund' | 'exchange'): FlowError => ({
  code: 'approval_required',
  message: `A supervisor must enter their PIN to approve this ${subject}.`,
});
