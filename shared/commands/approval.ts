import { z } from 'zod';
import { hasRole, roleSchema, type Role } from '../catalog/roles';
import { APPROVAL_ACTIONS } from '../journal/entry-schema';
import type { ApprovalAction } from '../journal/entry-types';
import { moneySchema, type Money } from '../money/money';

/**
 * Approvals are decided in main (issue 8 item 5): main checks the approver's PIN and issues a
 * one-time token bound to the action; the commit redeems it with main and gets back who
 * approved. What both sides must agree on lives here: the binding, and the one rule of who may
 * approve (the domain's `authorise` applies it at commit, main at issue and at redemption).
 */

const staffIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, 'Not a valid staff id.');

/**
 * What an approval token is good for: this action, on this subject (the order for a refund,
 * exchange or void; the shift or terminal otherwise; null when the subject only exists once
 * the action commits, as a paid-out's movement id), for this amount, asked by this person,
 * needing at least this role. Main issues a token for exactly one binding and redeems it only
 * for the same one.
 */
export const approvalBindingSchema = z.strictObject({
  action: z.enum(APPROVAL_ACTIONS),
  subjectId: z.string().min(1).max(128).nullable(),
  amount: moneySchema.nullable(),
  requestedBy: staffIdSchema,
  /** Approvals are given by a supervisor or a manager, never asked of a cashier or a kiosk. */
  requiredRole: z.enum(['supervisor', 'manager']),
});
export type ApprovalBinding = z.output<typeof approvalBindingSchema>;

/**
 * A manager's approval of a printer settings change on this terminal (issue 8 item 1): the
 * screen asks for it and main redeems it for the same binding before it touches the device.
 */
export function printerSettingsBinding(terminalId: string, requestedBy: string): ApprovalBinding {
  return {
    action: 'printer_settings',
    subjectId: terminalId,
    amount: null,
    requestedBy,
    requiredRole: 'manager',
  };
}

/** A manager's approval of a scanner settings change on this terminal: as for the printer. */
export function scannerSettingsBinding(terminalId: string, requestedBy: string): ApprovalBinding {
  return { ...printerSettingsBinding(terminalId, requestedBy), action: 'scanner_settings' };
}

/** True when two bindings name the same action, subject, amount, requester and role. */
export function sameBinding(a: ApprovalBinding, b: ApprovalBinding): boolean {
  return (
    a.action === b.action &&
    a.subjectId === b.subjectId &&
    a.requestedBy === b.requestedBy &&
    a.requiredRole === b.requiredRole &&
    sameAmount(a.amount, b.amount)
  );
}

function sameAmount(a: Money | null, b: Money | null): boolean {
  if (a === null || b === null) return a === b;
  return a.amount === b.amount && a.currency === b.currency;
}

/**
 * An approval as the domain accepts it: the approver main checked (by PIN) and the token main
 * redeemed for this binding. The page never makes one up: the app's commit path builds it only
 * from main's answer to `staff.redeemApproval`.
 */
export const approverSchema = z.strictObject({
  staffId: staffIdSchema,
  role: roleSchema,
  tokenId: z.string().min(8).max(64),
  binding: approvalBindingSchema,
});
export type Approver = z.output<typeof approverSchema>;

const ROLE_TEXT: Record<Role, string> = {
  kiosk: 'a self-service kiosk',
  cashier: 'a cashier',
  supervisor: 'a supervisor',
  manager: 'a manager',
};

/**
 * The one rule of who may approve: somebody other than the person asking, whose role is the
 * required one or above (a kiosk never). Null when they may; otherwise the refusal in words.
 */
/**
 * Actions that need a role's authority rather than a second person: a manager confirms her
 * own printer or scanner change with her PIN (a venue with one manager could not set its
 * devices otherwise). Everything that moves money keeps four eyes.
 */
const SELF_APPROVABLE: ReadonlySet<ApprovalAction> = new Set<ApprovalAction>([
  'printer_settings',
  'scanner_settings',
]);

export function approverRefusal(
  requestedBy: string,
  approver: { readonly staffId: string; readonly role: Role; readonly name?: string },
  required: Role,
  action?: ApprovalAction,
): { readonly code: 'forbidden'; readonly message: string } | null {
  if (approver.staffId === requestedBy && !(action !== undefined && SELF_APPROVABLE.has(action))) {
    return {
      code: 'forbidden',
      message: 'You cannot approve your own request; ask another member of staff.',
    };
  }
  if (approver.role === 'kiosk' || !hasRole(approver.role, required)) {
    return {
      code: 'forbidden',
      message: `${approver.name ?? approver.staffId} cannot approve this: it needs ${ROLE_TEXT[required]}.`,
    };
  }
  return null;
}

export function roleText(role: Role): string {
  return ROLE_TEXT[role];
}
