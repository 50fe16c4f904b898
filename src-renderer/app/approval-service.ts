import { roleSchema, type Role } from '../../shared/catalog/roles';
import type { Actor, Approver } from '../../shared/commands/types';
import type { FlowResult, VerifyPinErrorCode } from '../flows/flow-types';
import { verifyApprover } from '../flows/store-actors';
import type { Till } from './till';

/**
 * The role a domain refusal waits for, when the refusal is a want of approval: `authorise`
 * (shared/commands/guards.ts) answers `approval_required` with `{ requiredRole }`. Any other
 * refusal, or one without a role it names, is final: null, and the screen shows it as it is.
 */
export function approvalAskedFor(error: {
  readonly code: string;
  readonly details?: unknown;
}): Role | null {
  if (error.code !== 'approval_required') return null;
  const d = error.details;
  if (typeof d !== 'object' || d === null || !('requiredRole' in d)) return null;
  const role = roleSchema.safeParse(d.requiredRole);
  return role.success ? role.data : null;
}

/**
 * A supervisor's PIN for `requestedBy`'s action on this till, through the same check the
 * refund and exchange flows use (someone else, PBKDF2 with lockout, the role). Nothing is
 * journalled: the caller retries its action with the approver, and the domain writes the
 * approval entry with it.
 */
export function checkApprover(
  till: Till,
  requestedBy: Actor,
  requiredRole: Role,
  entry: { readonly staffId: string; readonly pin: string },
): Promise<FlowResult<Approver, VerifyPinErrorCode>> {
  return verifyApprover(till.store.db, till.ports.clock, {
    staffId: entry.staffId,
    pin: entry.pin,
    requiredRole,
    requestedBy,
  });
}
