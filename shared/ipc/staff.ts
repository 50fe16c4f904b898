import { z } from 'zod';
import { roleSchema } from '../catalog/roles';
import { approvalBindingSchema, approverSchema } from '../commands/approval';
import { defineEvents, defineMethods, event, method } from './define';

/**
 * Staff, PINs and approvals are main's (issue 8 item 5). The page asks; main holds the staff
 * list with the PIN hashes, checks every PIN with a lockout on its own monotonic clock, and
 * issues and redeems the one-time approval tokens. No method here returns a PIN or a hash.
 *
 * Refusals use these codes (shared/ipc/errors.ts): `unknown_staff`, `wrong_pin` (details
 * `{attemptsLeft}`), `locked` (details `{lockedUntil}`, for the message only), `forbidden`
 * (not allowed to approve this), `approval_invalid` (a token main did not issue, already used,
 * expired, or for another action).
 */

const staffIdSchema = z.string().min(1).max(40);

/** A PIN as typed: digits only, so nothing else ever reaches the hash. */
export const pinSchema = z.string().regex(/^\d{4,8}$/, 'A PIN is 4 to 8 digits.');

export const staffSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
});
export type StaffSummary = z.infer<typeof staffSummarySchema>;

export const approvalGrantSchema = z.object({
  /** Random and single-use: the page hands it back once, at the commit. */
  token: z.string(),
  /** Who approved, for the screen to say so. */
  approver: staffSummarySchema,
  /** How long the token stays good, on main's monotonic clock. */
  expiresInMs: z.number().int().nonnegative(),
});
export type ApprovalGrant = z.infer<typeof approvalGrantSchema>;

export const staffMethods = defineMethods({
  /** Names and roles for the sign-in and approval screens. */
  'staff.list': method(z.strictObject({}), z.object({ staff: z.array(staffSummarySchema) })),
  /** Checks a PIN for sign-in (with lockout); the page then journals the login. */
  'staff.signIn': method(
    z.strictObject({ staffId: staffIdSchema, pin: pinSchema }),
    staffSummarySchema,
  ),
  /**
   * An approver types their PIN for this binding: main checks the PIN (same lockout), that
   * they may approve it (approverRefusal) and issues a token for exactly this binding.
   */
  'staff.approve': method(
    z.strictObject({ staffId: staffIdSchema, pin: pinSchema, binding: approvalBindingSchema }),
    approvalGrantSchema,
  ),
  /**
   * The commit redeems the token for the binding it is about to journal: main answers with
   * the approver it checked and the token id the approval entry records; the token is spent.
   */
  'staff.redeemApproval': method(
    z.strictObject({ token: z.string().min(1).max(128), binding: approvalBindingSchema }),
    approverSchema,
  ),
});

export const staffEvents = defineEvents({
  /**
   * Main took a newer staff list from the server: the sign-in and approval screens read
   * `staff.list` again. It carries no names (the page asks), so it can never carry a hash.
   */
  'staff.changed': event(z.strictObject({ version: z.number().int().min(0) })),
});
