import type { CommandErrorCode } from '../../shared/commands';
import {
  closeShift,
  login,
  logout,
  openShift,
  setTrainingMode,
  xReport,
} from '../../shared/commands';
import type { Actor } from '../../shared/commands/types';
import type { DomainEntry } from '../../shared/journal/entry-types';
import type { Money } from '../../shared/money';
import type { ShiftReport } from '../../shared/shift/report';
import { tallyOf } from '../../shared/shift/tally';
import type { Result } from '../../shared/util/result';
import { err, ok } from '../../shared/util/result';
import type { IpcErrorCode } from '../../shared/ipc/errors';
import type { StaffSummary } from '../../shared/ipc/staff';
import type { StoreErrorCode } from '../store';
import { journalOfShift, readTail, toStoreError } from '../store';
import { approvedCommand, type ApprovalErrorCode, type ApprovalToken } from './approval-service';
import type { Till } from './till';

export type SignInErrorCode = IpcErrorCode | StoreErrorCode | CommandErrorCode;

export function actorOf(staff: StaffSummary): Actor {
  return { staffId: staff.id, role: staff.role };
}

/** Names and roles, from main's staff list (the page keeps none). */
export function staffList(till: Till): Promise<StaffSummary[]> {
  return till.staff.list();
}

/**
 * Signs a member of staff in: main checks the PIN (with its lockout), then a `login` entry is
 * journalled with the role main gave. Whoever the journal says is still signed in is signed
 * out first — the person at the window has just proved who they are.
 */
export async function signIn(
  till: Till,
  staffId: string,
  pin: string,
): Promise<Result<StaffSummary, SignInErrorCode>> {
  const checked = await till.staff.signIn(staffId, pin);
  if (!checked.ok) return checked;
  const session = till.state().session;
  if (session !== null && session.staffId === staffId) return checked;
  if (session !== null) {
    const out = await till.commit<CommandErrorCode>((terminal) => {
      const r = logout(terminal, session, till.ports);
      return r.ok ? ok(r.value.drafts) : r;
    });
    if (!out.ok) return out;
  }
  const committed = await till.commit<CommandErrorCode>((terminal) => {
    const r = login(terminal, { staff: actorOf(checked.value) }, till.ports);
    return r.ok ? ok(r.value.drafts) : r;
  });
  return committed.ok ? checked : committed;
}

export async function signOut(
  till: Till,
  actor: Actor,
): Promise<Result<void, CommandErrorCode | StoreErrorCode>> {
  const committed = await till.commit<CommandErrorCode>((terminal) => {
    const r = logout(terminal, actor, till.ports);
    return r.ok ? ok(r.value.drafts) : r;
  });
  return committed.ok ? ok(undefined) : committed;
}

export async function startShift(
  till: Till,
  actor: Actor,
  float: Money,
): Promise<Result<void, CommandErrorCode | StoreErrorCode>> {
  const committed = await till.commit<CommandErrorCode>((terminal) => {
    const r = openShift({ terminal, settings: till.settings }, { float }, actor, till.ports);
    return r.ok ? ok(r.value.drafts) : r;
  });
  return committed.ok ? ok(undefined) : committed;
}

/**
 * Switches training mode (between shifts only; a supervisor approves): from the next shift on,
 * sales, refunds and voids take the training receipt sequence and stay out of real reports.
 */
export async function switchTrainingMode(
  till: Till,
  actor: Actor,
  enabled: boolean,
  approval?: ApprovalToken,
): Promise<Result<void, CommandErrorCode | ApprovalErrorCode | StoreErrorCode>> {
  const run = approvedCommand(till, approval, (terminal, approver) =>
    setTrainingMode(terminal, { enabled, ...(approver ? { approver } : {}) }, actor, till.ports),
  );
  const committed = await till.commit<CommandErrorCode | ApprovalErrorCode>(async (terminal) => {
    const r = await run(terminal);
    return r.ok ? ok(r.value.drafts) : r;
  });
  return committed.ok ? ok(undefined) : committed;
}

/**
 * The open shift's entries, from its shift_open on, read by the store's `[shiftId+seq]`
 * index: an X or Z report costs the shift's size, not the journal's.
 */
export async function shiftEntries(till: Till): Promise<DomainEntry[]> {
  const shift = till.state().shift;
  if (shift === null) return [];
  const entries = await journalOfShift(till.store.db, till.terminalId, shift.shiftId);
  const start = entries.findIndex((e) => e.type === 'shift_open');
  return start < 0 ? [] : entries.slice(start);
}

/**
 * The X report from the running tally the store keeps with its checkpoint (read fresh, so a
 * commit from another window of this till counts): one row, however long the shift.
 */
export async function currentXReport(
  till: Till,
): Promise<Result<ShiftReport, CommandErrorCode | StoreErrorCode>> {
  let tail;
  try {
    tail = await readTail(till.store.db, till.terminalId);
  } catch (e) {
    return toStoreError(e, 'unavailable');
  }
  return xReport(
    { terminal: tail.state, settings: till.settings, shiftTally: tail.shift },
    till.ports,
  );
}

export async function endShift(
  till: Till,
  actor: Actor,
  counted: Money,
  note?: string,
  approval?: ApprovalToken,
): Promise<Result<ShiftReport, CommandErrorCode | ApprovalErrorCode | StoreErrorCode>> {
  // The Z report is tallied from the shift's journal entries, not from the running tally kept
  // with the checkpoint: the journal is the hash-chained record a Z must agree with.
  const entries = await shiftEntries(till);
  const shiftTally = entries.length > 0 ? tallyOf(entries) : null;
  let report: ShiftReport | undefined;
  const run = approvedCommand(till, approval, (terminal, approver) =>
    closeShift(
      { terminal, settings: till.settings, shiftTally },
      { counted, ...(note ? { note } : {}), ...(approver ? { approver } : {}) },
      actor,
      till.ports,
    ),
  );
  const committed = await till.commit<CommandErrorCode | ApprovalErrorCode>(async (terminal) => {
    const r = await run(terminal);
    if (!r.ok) return r;
    report = r.value.report;
    return ok(r.value.drafts);
  });
  if (!committed.ok) return committed;
  return report ? ok(report) : err('invalid_state', 'The shift was not closed.');
}
