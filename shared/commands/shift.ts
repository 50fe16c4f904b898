import { z } from 'zod';
import { checkDrawerAmount } from './cash-bounds';
import { draft } from '../journal/entry-types';
import { abs, compare, describeMoney, nonNegativeMoneySchema } from '../money/money';
import { freeTextSchema } from '../orders/card';
import { reportFromTally, type ShiftReport } from '../shift/report';
import type { ShiftTally } from '../shift/tally';
import { err, ok } from '../util/result';
import {
  authorise,
  currencyCheck,
  parseInput,
  requireSession,
  requireShift,
  staffRef,
  nowIso,
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

export interface ShiftState {
  readonly terminal: TerminalState;
  readonly settings: TerminalSettings;
}

export interface ShiftCloseState extends ShiftState {
  /**
   * The open shift's running tally: the store's (kept with its checkpoint) for an X report,
   * or `tallyOf` the shift's journal entries for the Z report.
   */
  readonly shiftTally: ShiftTally | null;
}

const openInputSchema = z.object({ float: nonNegativeMoneySchema });

export function openShift(
  state: ShiftState,
  input: unknown,
  actor: Actor,
  ports: CommandPorts,
): CommandResult<CommandOutput & { shiftId: string }> {
  const parsed = parseInput(openInputSchema, input);
  if (!parsed.ok) return parsed;
  const session = requireSession(state.terminal, actor);
  if (!session.ok) return session;
  if (state.terminal.shift)
    return err('shift_already_open', 'A shift is already open on this terminal; close it first.');
  const { float } = parsed.value;
  const cur = currencyCheck(state.settings.currency, float, 'The float');
  if (!cur.ok) return cur;
  const bounded = checkDrawerAmount('float', float);
  if (!bounded.ok) return bounded;
  if (actor.role === 'kiosk' && float.amount !== 0) {
    return err('invalid_argument', 'A self-service kiosk has no cash drawer: its float is zero.');
  }
  const shiftId = ports.ids();
  return ok({
    shiftId,
    drafts: [
      draft('shift_open', nowIso(ports), {
        shiftId,
        staff: staffRef(actor),
        float,
        training: state.terminal.training,
      }),
    ],
  });
}

function wrongTally(): CommandResult<never> {
  return err('invalid_state', 'The shift totals given are not those of the open shift.');
}

/** The X report: where the shift stands now, without closing it. */
export function xReport(state: ShiftCloseState, ports: CommandPorts): CommandResult<ShiftReport> {
  const shift = requireShift(state.terminal);
  if (!shift.ok) return shift;
  const tally = state.shiftTally;
  if (tally?.shiftId !== shift.value.shiftId) return wrongTally();
  return ok(reportFromTally(tally, { kind: 'X', generatedAt: nowIso(ports) }));
}

const closeInputSchema = z.object({
  /** Blind count: what is in the drawer, counted before the expected figure is shown. */
  counted: nonNegativeMoneySchema,
  note: freeTextSchema(500).optional(),
  approver: approverSchema.optional(),
});

/**
 * Closes the shift with a Z report and the next Z number. A count that is off by more than
 * the tolerance needs a supervisor and a note, so over/short never passes unexplained.
 */
export function closeShift(
  state: ShiftCloseState,
  input: unknown,
  actor: Actor,
  ports: CommandPorts,
): CommandResult<CommandOutput & { report: ShiftReport }> {
  const parsed = parseInput(closeInputSchema, input);
  if (!parsed.ok) return parsed;
  const session = requireSession(state.terminal, actor);
  if (!session.ok) return session;
  const shift = requireShift(state.terminal);
  if (!shift.ok) return shift;
  const { counted, note, approver } = parsed.value;
  const cur = currencyCheck(shift.value.float.currency, counted, 'The counted cash');
  if (!cur.ok) return cur;
  const bounded = checkDrawerAmount('counted', counted);
  if (!bounded.ok) return bounded;
  const tally = state.shiftTally;
  if (tally?.shiftId !== shift.value.shiftId) return wrongTally();
  const training = shift.value.training;
  const zNumber = training ? null : state.terminal.lastZNumber + 1;
  const at = nowIso(ports);
  const report = reportFromTally(tally, {
    kind: 'Z',
    generatedAt: at,
    zNumber,
    counted,
  });
  const overShort = report.overShort!;
  let approvedBy;
  let approval;
  if (compare(abs(overShort), state.settings.overShortTolerance) > 0) {
    if (!note) {
      return err(
        'invalid_argument',
        `The drawer is ${overShort.amount > 0 ? 'over' : 'short'} by ${describeMoney(abs(overShort))}: add a note saying why.`,
        { overShort, field: 'note' },
      );
    }
    const auth = authorise(
      actor,
      approver,
      'supervisor',
      {
        action: 'shift_close_over_short',
        subjectId: shift.value.shiftId,
        what: `closing ${describeMoney(overShort)} over/short`,
        reason: note,
        amount: overShort,
      },
      ports,
      at,
    );
    if (!auth.ok) return auth;
    approvedBy = auth.value.approvedBy;
    approval = auth.value.approvalDraft;
  }
  return ok({
    report,
    drafts: [
      ...(approval ? [approval] : []),
      draft('shift_close', at, {
        shiftId: shift.value.shiftId,
        staff: staffRef(actor),
        ...(approvedBy ? { approvedBy } : {}),
        zNumber,
        counted,
        expected: report.cash.expected,
        overShort,
        ...(note ? { note } : {}),
        report,
        training,
      }),
    ],
  });
}
