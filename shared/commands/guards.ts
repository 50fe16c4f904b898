import type { z } from 'zod';
import { hasRole, type Role } from '../catalog/roles';
import { draft, type ApprovalAction, type EntryDraft, type StaffRef } from '../journal/entry-types';
import type { Money } from '../money/money';
import { CARD_NUMBER_ISSUE } from '../orders/card';
import { err, ok, type Result } from '../util/result';
import type { OpenShift, TerminalState } from './terminal-state';
import {
  approverRefusal,
  roleText,
  sameBinding,
  type ApprovalBinding,
  type Approver,
} from './approval';
import type { Actor, CommandErrorCode, CommandPorts } from './types';

/**
 * Validates untrusted input with its schema. The first problem becomes the message, prefixed
 * with the field, and a card number anywhere becomes `card_number_rejected`.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
): Result<z.output<S>, CommandErrorCode> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const issues = parsed.error.issues;
  const card = issues.find(
    (i) =>
      i.code === 'custom' &&
      (i.params as { issue?: string } | undefined)?.issue === CARD_NUMBER_ISSUE,
  );
  const first = card ?? issues[0]!;
  const field = first.path.map(String).join('.');
  return err(
    card ? 'card_number_rejected' : 'invalid_argument',
    field ? `${field}: ${first.message}` : first.message,
    {
      issues: issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    },
  );
}

export function staffRef(actor: Actor): StaffRef {
  return { staffId: actor.staffId, role: actor.role };
}

/** The actor must be the one logged in on this terminal. */
export function requireSession(state: TerminalState, actor: Actor): Result<void, CommandErrorCode> {
  if (!state.session) return err('not_logged_in', 'Log in first.');
  if (state.session.staffId !== actor.staffId || state.session.role !== actor.role) {
    return err(
      'not_logged_in',
      `${state.session.staffId} is logged in on this terminal, not ${actor.staffId}.`,
    );
  }
  return ok(undefined);
}

export function requireShift(state: TerminalState): Result<OpenShift, CommandErrorCode> {
  return state.shift
    ? ok(state.shift)
    : err('shift_not_open', 'Open a shift first (count the float into the drawer).');
}

/**
 * Training mode practises on the real screens, so practice and real orders must never touch:
 * a practice order is refunded, exchanged or voided only in training, a real one only outside
 * it (otherwise a trainee could put a real seat back on sale, or a practice refund pay out).
 */
export function requireSameMode(
  order: { readonly sale: { readonly training: boolean } },
  shift: { readonly training: boolean },
): Result<void, CommandErrorCode> {
  if (order.sale.training === shift.training) return ok(undefined);
  return err(
    'training_mismatch',
    shift.training
      ? 'This is a real order: in training mode only practice orders can be changed.'
      : 'This is a practice order from training mode: it cannot be changed for real.',
  );
}

export function requireRole(
  actor: Actor,
  role: Role,
  what: string,
): Result<void, CommandErrorCode> {
  return hasRole(actor.role, role)
    ? ok(undefined)
    : err('forbidden', `Only ${roleText(role)} or above can ${what}.`, { requiredRole: role });
}

/** Cash needs a drawer and a person at it. */
export function forbidKioskCash(actor: Actor, what: string): Result<void, CommandErrorCode> {
  return actor.role === 'kiosk'
    ? err('forbidden', `A self-service kiosk cannot ${what}; please go to a ticket window.`)
    : ok(undefined);
}

export interface Authorisation {
  readonly approvedBy?: StaffRef;
  readonly approvalDraft?: EntryDraft;
}

export interface ApprovalRequest {
  readonly action: ApprovalAction;
  readonly subjectId: string;
  readonly what: string;
  readonly reason?: string | undefined;
  readonly amount?: Money | undefined;
  /**
   * False when the subject id is made by this very command (a paid-out's movement id): the
   * approval is then bound to the action, amount and requester, not to an id nobody knew when
   * the supervisor typed their PIN.
   */
  readonly bindSubject?: boolean;
}

/** What an approval for this request is bound to (main issues and redeems tokens for it). */
export function approvalBinding(
  actor: Actor,
  required: Role,
  request: ApprovalRequest,
): ApprovalBinding {
  return {
    action: request.action,
    subjectId: request.bindSubject === false ? null : request.subjectId,
    amount: request.amount ?? null,
    requestedBy: actor.staffId,
    requiredRole: required === 'manager' ? 'manager' : 'supervisor',
  };
}

/**
 * Lets the actor do an action that needs `required`: on their own if their role is enough,
 * otherwise with an approver of that role who is somebody else (`approverRefusal`, the rule
 * main applies too) and whose approval main redeemed for this very binding. The approval is
 * journalled as its own entry just before the action, with the token main redeemed.
 */
export function authorise(
  actor: Actor,
  approver: Approver | undefined,
  required: Role,
  request: ApprovalRequest,
  ports: CommandPorts,
  at: string,
): Result<Authorisation, CommandErrorCode> {
  if (hasRole(actor.role, required)) return ok({});
  const binding = approvalBinding(actor, required, request);
  if (!approver) {
    return err(
      'approval_required',
      `${capitalise(roleText(required))} must approve ${request.what}.`,
      { requiredRole: required, binding },
    );
  }
  const refusal = approverRefusal(actor.staffId, approver, required);
  if (refusal) return err(refusal.code, refusal.message, { requiredRole: required });
  if (!sameBinding(approver.binding, binding)) {
    return err(
      'approval_required',
      `This approval was given for something else; ${roleText(required)} must approve ${request.what}.`,
      { requiredRole: required, binding },
    );
  }
  const approvedBy = staffRef(approver);
  return ok({
    approvedBy,
    approvalDraft: draft('approval', at, {
      approvalId: ports.ids(),
      action: request.action,
      subjectId: request.subjectId,
      requestedBy: staffRef(actor),
      approvedBy,
      tokenId: approver.tokenId,
      ...(request.reason !== undefined ? { reason: request.reason } : {}),
      ...(request.amount !== undefined ? { amount: request.amount } : {}),
    }),
  });
}

export function nowIso(ports: CommandPorts): string {
  return new Date(ports.clock()).toISOString();
}

export function currencyCheck(
  expected: Money['currency'],
  m: Money,
  what: string,
): Result<void, CommandErrorCode> {
  return m.currency === expected
    ? ok(undefined)
    : err('currency_mismatch', `${what} must be in ${expected}, not ${m.currency}.`);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
