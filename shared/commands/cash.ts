import { z } from 'zod';
import { checkDrawerAmount } from './cash-bounds';
import { draft } from '../journal/entry-types';
import { compare, describeMoney, positiveMoneySchema } from '../money/money';
import { freeTextSchema } from '../orders/card';
import type { ShiftTally } from '../shift/tally';
import { expectedCash } from '../shift/tally';
import { err, ok } from '../util/result';
import {
  authorise,
  currencyCheck,
  forbidKioskCash,
  nowIso,
  parseInput,
  requireRole,
  requireSession,
  requireShift,
  staffRef,
} from './guards';
import type { TerminalSettings } from './settings';
import type { TerminalState } from './terminal-state';
import {
  approverSchema,
  type Actor,
  type CommandOutput,
  type CommandPorts,
  type CommandResult,
} from './types';

export interface CashState {
  readonly terminal: TerminalState;
  readonly settings: TerminalSettings;
  /** The open shift's running tally (drops and paid-outs check what is in the drawer). */
  readonly shiftTally: ShiftTally | null;
}

const movementInputSchema = z.object({
  amount: positiveMoneySchema,
  reason: freeTextSchema(200, 3),
  approver: approverSchema.optional(),
});

type MovementType = 'paid_in' | 'paid_out' | 'drop';

function movement(
  type: MovementType,
  state: CashState,
  input: unknown,
  actor: Actor,
  ports: CommandPorts,
): CommandResult<CommandOutput> {
  const parsed = parseInput(movementInputSchema, input);
  if (!parsed.ok) return parsed;
  const session = requireSession(state.terminal, actor);
  if (!session.ok) return session;
  const kiosk = forbidKioskCash(actor, 'move cash');
  if (!kiosk.ok) return kiosk;
  const shift = requireShift(state.terminal);
  if (!shift.ok) return shift;
  const { amount, reason, approver } = parsed.value;
  const bounded = checkDrawerAmount('amount', amount);
  if (!bounded.ok) return bounded;
  const cur = currencyCheck(shift.value.float.currency, amount, 'The amount');
  if (!cur.ok) return cur;
  const at = nowIso(ports);
  const movementId = ports.ids();
  let auth: ReturnType<typeof authorise> = ok({});
  if (type === 'paid_out' && compare(amount, state.settings.paidOutLimit) > 0) {
    auth = authorise(
      actor,
      approver,
      'supervisor',
      {
        action: 'paid_out',
        subjectId: movementId,
        bindSubject: false,
        what: `a paid-out over ${describeMoney(state.settings.paidOutLimit)}`,
        reason,
        amount,
      },
      ports,
      at,
    );
    if (!auth.ok) return auth;
  }
  if (type === 'paid_out' || type === 'drop') {
    const tally = state.shiftTally;
    if (tally?.shiftId !== shift.value.shiftId) {
      return err('invalid_state', 'The shift totals given are not those of the open shift.');
    }
    const inDrawer = expectedCash(tally);
    if (compare(amount, inDrawer) > 0) {
      return err(
        'limit_exceeded',
        `The drawer should hold only ${describeMoney(inDrawer)}; ${describeMoney(amount)} cannot be taken out.`,
        {
          inDrawer,
        },
      );
    }
  }
  const { approvedBy, approvalDraft } = auth.value;
  return ok({
    drafts: [
      ...(approvalDraft ? [approvalDraft] : []),
      draft(type, at, {
        movementId,
        shiftId: shift.value.shiftId,
        staff: staffRef(actor),
        ...(approvedBy ? { approvedBy } : {}),
        amount,
        reason,
        training: shift.value.training,
      }),
    ],
  });
}

/** Cash put into the drawer that is not a sale (more change from the safe). */
export const paidIn = (
  state: CashState,
  input: unknown,
  actor: Actor,
  ports: CommandPorts,
): CommandResult<CommandOutput> => movement('paid_in', state, input, actor, ports);

/** Cash paid out of the drawer for an expense; above the limit a supervisor approves. */
export const paidOut = (
  state: CashState,
  input: unknown,
  actor: Actor,
  ports: CommandPorts,
): CommandResult<CommandOutput> => movement('paid_out', state, input, actor, ports);

/** Cash taken from the drawer to the safe during the shift. */
export const drop = (
  state: CashState,
  input: unknown,
  actor: Actor,
  ports: CommandPorts,
): CommandResult<CommandOutput> => movement('drop', state, input, actor, ports);

const noSaleInputSchema = z.object({ reason: freeTextSchema(200, 3) });

/** Opening the drawer without a sale is allowed, but always journalled with a reason. */
export function noSale(
  state: CashState,
  input: unknown,
  actor: Actor,
  ports: CommandPorts,
): CommandResult<CommandOutput> {
  const parsed = parseInput(noSaleInputSchema, input);
  if (!parsed.ok) return parsed;
  const session = requireSession(state.terminal, actor);
  if (!session.ok) return session;
  const role = requireRole(actor, 'cashier', 'open the cash drawer');
  if (!role.ok) return role;
  const shift = requireShift(state.terminal);
  if (!shift.ok) return shift;
  return ok({
    drafts: [
      draft('no_sale', nowIso(ports), {
        shiftId: shift.value.shiftId,
        staff: staffRef(actor),
        reason: parsed.value.reason,
        training: shift.value.training,
      }),
    ],
  });
}
