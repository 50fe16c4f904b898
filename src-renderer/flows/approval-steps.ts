import type { Role } from '../../shared/catalog/roles';
import type { ExchangeEvent } from './exchange/exchange-types';
import {
  notProvided,
  type FlowError,
  type FlowResult,
  type FlowStaff,
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
 */
export function verifyPinInput(
  event: RefundEvent | ExchangeEvent,
  requiredRole: Role,
  requestedBy: FlowStaff,
): VerifyPinInput {
  return {
    staffId: event.type === 'APPROVAL.SUBMIT' ? event.staffId : '',
    pin: event.type === 'APPROVAL.SUBMIT' ? event.pin : '',
    requiredRole,
    requestedBy,
  };
}

/** An approval submitted without a staff id or PIN. */
export const approvalMissing = (subject: 'refund' | 'exchange'): FlowError => ({
  code: 'approval_required',
  message: `A supervisor must enter their PIN to approve this ${subject}.`,
});
