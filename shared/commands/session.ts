import { z } from 'zod';
import { draft } from '../journal/entry-types';
import { err, ok } from '../util/result';
import { authorise, parseInput, requireSession, staffRef, nowIso } from './guards';
import type { TerminalState } from './terminal-state';
import {
  actorSchema,
  approverSchema,
  type Actor,
  type CommandOutput,
  type CommandPorts,
  type CommandResult,
} from './types';

/** `staff` has already proved who they are (PIN checked by the caller). */
export function login(
  state: TerminalState,
  input: unknown,
  ports: CommandPorts,
): CommandResult<CommandOutput> {
  const parsed = parseInput(z.object({ staff: actorSchema }), input);
  if (!parsed.ok) return parsed;
  const { staff } = parsed.value;
  if (state.session) {
    return state.session.staffId === staff.staffId
      ? err('invalid_state', `${staff.staffId} is already logged in.`)
      : err(
          'invalid_state',
          `${state.session.staffId} is still logged in on this terminal; they must log out first.`,
        );
  }
  return ok({ drafts: [draft('login', nowIso(ports), { staff: staffRef(staff) })] });
}

export function logout(
  state: TerminalState,
  actor: Actor,
  ports: CommandPorts,
): CommandResult<CommandOutput> {
  const session = requireSession(state, actor);
  if (!session.ok) return session;
  return ok({ drafts: [draft('logout', nowIso(ports), { staff: staffRef(actor) })] });
}

const trainingInputSchema = z.object({ enabled: z.boolean(), approver: approverSchema.optional() });

/**
 * Training mode: practice sales and refunds that never count (own receipt numbers, no Z
 * number, left out of real reports). Switched by a supervisor, and only between shifts so a
 * shift is wholly real or wholly practice.
 */
export function setTrainingMode(
  state: TerminalState,
  input: unknown,
  actor: Actor,
  ports: CommandPorts,
): CommandResult<CommandOutput> {
  const parsed = parseInput(trainingInputSchema, input);
  if (!parsed.ok) return parsed;
  const session = requireSession(state, actor);
  if (!session.ok) return session;
  const { enabled, approver } = parsed.value;
  if (state.shift) return err('invalid_state', 'Close the shift before switching training mode.');
  if (state.training === enabled)
    return err('invalid_state', `Training mode is already ${enabled ? 'on' : 'off'}.`);
  const at = nowIso(ports);
  const auth = authorise(
    actor,
    approver,
    'supervisor',
    { action: 'training_mode', subjectId: state.terminalId, what: 'switching training mode' },
    ports,
    at,
  );
  if (!auth.ok) return auth;
  return ok({
    drafts: [
      ...(auth.value.approvalDraft ? [auth.value.approvalDraft] : []),
      draft('training_mode', at, { enabled, staff: staffRef(actor) }),
    ],
  });
}
