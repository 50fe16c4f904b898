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
    const session = state.session;
    const committed = await till.commit<CommandErrorCode>((terminal) => {
      const out = session === null ? null : logout(terminal, session, till.ports);
      if (out !== null && !out.ok) return out;
      // The logout's effect on the session is folded by the commit; log in from a cleared one.
      const r = login({ ...terminal, session: null }, { staff: KIOSK_ACTOR }, till.ports);
      if (!r.ok) return r;
      return ok([...(out?.value.drafts ?? []), ...r.value.drafts]);
    });
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
 * Leaving kiosk mode: a manager's PIN, checked by main (with its lockout) — the role is
 * main's answer, not the page's guess. The kiosk signs out and the manager is signed in
 * (both journalled), so the cashier screens open under a person, never under the kiosk.
 */
export async function leaveKioskMode(
  till: Till,
  staffId: string,
  pin: string,
): Promise<Result<StaffSummary, IpcErrorCode | CommandErrorCode | StoreErrorCode | 'forbidden'>> {
  const checked = await till.staff.signIn(staffId, pin);
  if (!checked.ok) return checked;
  if (checked.value.role !== 'manager') {
    return err('forbidden', 'Only a manager can leave kiosk mode.');
  }
  const session = till.state().session;
  const committed = await till.commit<CommandErrorCode>((terminal) => {
    const out = session === null ? null : logout(terminal, session, till.ports);
    if (out !== null && !out.ok) return out;
    const r = login(
      { ...terminal, session: null },
      { staff: { staffId: checked.value.id, role: checked.value.role } },
      till.ports,
    );
    if (!r.ok) return r;
    return ok([...(out?.value.drafts ?? []), ...r.value.drafts]);
  });
  return committed.ok ? checked : committed;
}
