import type { CommandErrorCode } from '../../shared/commands';
import { login, logout, openShift } from '../../shared/commands';
import type { Actor } from '../../shared/commands/types';
import type { IpcErrorCode } from '../../shared/ipc/errors';
import type { StaffSummary } from '../../shared/ipc/staff';
import { money } from '../../shared/money';
import { err, ok, type Result } from '../../shared/util/result';
import type { StoreErrorCode } from '../store';
import type { Till } from './till';

/**
 * The kiosk's own identity (issue 15 item 1). Main says at launch that this window is a kiosk
 * (app.info `kiosk: true`); the page then works as the staff role `kiosk`, which the domain
 * commands already restrict: no cash taken or paid out (forbidKioskCash), a zero float, never
 * an approver. Every sale is journalled under it like a cashier's.
 *
 * The domain needs an open shift for a receipt number's shift and the Z report, so the kiosk
 * keeps a shift of its own — with no drawer and a zero float, opened by itself, not by staff.
 */
export const KIOSK_ACTOR: Actor = { staffId: 'kiosk', role: 'kiosk' };

export type KioskSessionErrorCode = CommandErrorCode | StoreErrorCode | 'cashier_shift_open';

const isKiosk = (s: { readonly staffId: string; readonly role: string } | null) =>
  s !== null && s.staffId === KIOSK_ACTOR.staffId && s.role === 'kiosk';

/**
 * Signs the kiosk in and opens its shift, journalling only what is missing (a restart of a
 * kiosk already signed in with its shift open writes nothing). A cashier's shift still open
 * on this terminal is refused: its float is in a drawer the kiosk cannot count or close.
 */
export function startKioskSession(till: Till): Promise<Result<Actor, KioskSessionErrorCode>> {
  // One start per till at a time: React's development mode runs a mount effect twice, and two
  // starts racing would both journal a login (the second then refused as already logged in).
  const running = starting.get(till);
  if (running !== undefined) return running;
  const started = startOnce(till).finally(() => starting.delete(till));
  starting.set(till, started);
  return started;
}

const starting = new WeakMap<Till, Promise<Result<Actor, KioskSessionErrorCode>>>();

async function startOnce(till: Till): Promise<Result<Actor, KioskSessionErrorCode>> {
  const state = till.state();
  if (state.shift !== null && state.shift.staff.role !== 'kiosk') {
    return err(
      'cashier_shift_open',
      'A cashier’s shift is still open on this terminal: close it at the till first.',
    );
  }
  if (!isKiosk(state.session)) {
    const committed = await switchSession(till, KIOSK_ACTOR);
    if (!committed.ok) return committed;
  }
  if (till.state().shift === null) {
    const committed = await till.commit<CommandErrorCode>((terminal) => {
      const r = openShift(
        { terminal, settings: till.settings },
        { float: money(0, till.settings.currency) },
        KIOSK_ACTOR,
        till.ports,
      );
      return r.ok ? ok(r.value.drafts) : r;
    });
    if (!committed.ok) return committed;
  }
  return ok(KIOSK_ACTOR);
}

/**
 * Main's answer to a manager leaving kiosk mode (`kiosk.leave`): main checks the PIN (with its
 * lockout) and the role, and records the change; the page only asks.
 */
export type LeaveKiosk = (
  staffId: string,
  pin: string,
) => Promise<Result<StaffSummary, IpcErrorCode>>;

/**
 * Leaving kiosk mode: a manager's PIN, checked by main — the decision is main's answer, not
 * the page's guess, and main refuses every sign-in while it is a kiosk. Once main has let the
 * manager out, the kiosk signs out and the manager is signed in (both journalled), so the
 * cashier screens open under a person, never under the kiosk.
 */
export async function leaveKioskMode(
  till: Till,
  leave: LeaveKiosk,
  staffId: string,
  pin: string,
): Promise<Result<StaffSummary, IpcErrorCode | CommandErrorCode | StoreErrorCode>> {
  const checked = await leave(staffId, pin);
  if (!checked.ok) return checked;
  const committed = await switchSession(till, {
    staffId: checked.value.id,
    role: checked.value.role,
  });
  return committed.ok ? checked : committed;
}

/**
 * The back office switched kiosk mode off: the kiosk signs out (journalled) and the cashier
 * sign-in opens. Its zero-float shift is left for staff to close, as after a manager's exit.
 */
export async function endKioskSession(
  till: Till,
): Promise<Result<null, CommandErrorCode | StoreErrorCode>> {
  const session = till.state().session;
  if (!isKiosk(session)) return ok(null);
  const committed = await till.commit<CommandErrorCode>((terminal) => {
    const out = logout(terminal, session!, till.ports);
    return out.ok ? ok(out.value.drafts) : out;
  });
  return committed.ok ? ok(null) : committed;
}

/**
 * Whether the page may show the kiosk now that main is a kiosk: not while a person's shift is
 * open and they are still signed in — their float is in a drawer the kiosk cannot count, so
 * the cashier screens stay (saying why) until that shift is closed.
 */
export function kioskWaitsForShift(till: Till): boolean {
  const { shift, session } = till.state();
  return shift !== null && shift.staff.role !== 'kiosk' && session !== null && !isKiosk(session);
}

/**
 * Signs out whoever is signed in and signs `staff` in, in one commit (the logout's effect on
 * the session is folded by the commit, so the login starts from a cleared one). It journals
 * only: whether a person's login stands is main's word (its anchor spends the PIN check's proof).
 */
export function switchSession(till: Till, staff: Actor) {
  const session = till.state().session;
  return till.commit<CommandErrorCode>((terminal) => {
    const out = session === null ? null : logout(terminal, session, till.ports);
    if (out !== null && !out.ok) return out;
    const r = login({ ...terminal, session: null }, { staff }, till.ports);
    if (!r.ok) return r;
    return ok([...(out?.value.drafts ?? []), ...r.value.drafts]);
  });
}
