import type { ApprovalBinding, Approver } from '../../shared/commands/approval';
import type { ContractClient } from '../../shared/ipc/client';
import type { IpcErrorCode } from '../../shared/ipc/errors';
import type { ApprovalGrant, StaffSummary } from '../../shared/ipc/staff';
import { err, type Result } from '../../shared/util/result';

/**
 * Who works here and whose PIN is right are main's to say (issue 8 item 5): the page holds no
 * PIN hashes. This is the till's port to main's staff methods (shared/ipc/staff.ts).
 */
export interface StaffAuthority {
  list(): Promise<StaffSummary[]>;
  /**
   * A staff member's display name from main's last staff list (sign-in asks for it), for
   * slips and their on-screen previews, which are laid out synchronously; the id until then.
   */
  displayName(staffId: string): string;
  signIn(staffId: string, pin: string): Promise<Result<StaffSummary, IpcErrorCode>>;
  /** An approver's PIN for this binding: main's one-time token, or why not. */
  approve(
    staffId: string,
    pin: string,
    binding: ApprovalBinding,
  ): Promise<Result<ApprovalGrant, IpcErrorCode>>;
  /** Spends the token for the binding the commit is about to journal; main names the approver. */
  redeem(token: string, binding: ApprovalBinding): Promise<Result<Approver, IpcErrorCode>>;
  /** Main took a newer staff list from the server (list again). Returns the unsubscribe. */
  onChanged(listener: () => void): () => void;
}

export function staffAuthority(client: ContractClient): StaffAuthority {
  let names = new Map<string, string>();
  return {
    async list() {
      const r = await client.call('staff.list', {});
      if (!r.ok) return [];
      names = new Map(r.value.staff.map((s) => [s.id, s.name]));
      return r.value.staff;
    },
    displayName: (staffId) => names.get(staffId) ?? staffId,
    signIn: (staffId, pin) => client.call('staff.signIn', { staffId, pin }),
    approve: (staffId, pin, binding) => client.call('staff.approve', { staffId, pin, binding }),
    redeem: (token, binding) => client.call('staff.redeemApproval', { token, binding }),
    onChanged: (listener) => client.on('staff.changed', () => listener()),
  };
}

/** A till opened without main (a bare store in a tool): nobody signs in, nothing is approved. */
export const noStaffAuthority: StaffAuthority = {
  list: () => Promise.resolve([]),
  displayName: (staffId) => staffId,
  signIn: () => Promise.resolve(refused()),
  approve: () => Promise.resolve(refused()),
  redeem: () => Promise.resolve(refused()),
  onChanged: () => () => undefined,
};

function refused() {
  return err(
    'unavailable' as const,
    'Staff are checked by the till service, which is not connected.',
  );
}
