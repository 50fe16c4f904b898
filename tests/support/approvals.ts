import type { Approver } from '../../shared/commands/approval';
import type { Actor } from '../../shared/commands/types';
import type { ApprovalGrant } from '../../shared/ipc/staff';
import type { Result } from '../../shared/util/result';
import { approvalAskedFor } from '../../src-renderer/app/approval-service';
import type { Till } from '../../src-renderer/app/till';

/** The binding a refused command asked an approval for; throws when it asked none. */
export function bindingOf(refused: Result<unknown, string>) {
  const binding = refused.ok ? null : approvalAskedFor(refused.error);
  if (binding === null) throw new Error(`Not an approval request: ${JSON.stringify(refused)}`);
  return binding;
}

/**
 * For the pure domain tests: `who` as the approver of what `refused` asked for, as the app
 * passes it once main has redeemed a token (the domain itself never talks to main).
 */
export function approvedAs(
  refused: Result<unknown, string>,
  who: Actor,
  tokenId = 'apr-test-token-1',
): Approver {
  return { ...who, tokenId, binding: bindingOf(refused) };
}

/** For till tests: `staffId` types `pin` for what `refused` asked; main's grant, or throws. */
export async function grantFor(
  till: Pick<Till, 'staff'>,
  refused: Result<unknown, string>,
  staffId: string,
  pin: string,
): Promise<ApprovalGrant> {
  const granted = await till.staff.approve(staffId, pin, bindingOf(refused));
  if (!granted.ok) throw new Error(`main refused the approval: ${granted.error.message}`);
  return granted.value;
}

/**
 * Runs a till action; if the domain asks for an approval, `staffId` types `pin` (main issues
 * the token for what was asked) and the action runs again with main's grant, as the screens do.
 */
export async function withApproval<T, C extends string>(
  till: Pick<Till, 'staff'>,
  approver: { readonly staffId: string; readonly pin: string },
  attempt: (grant?: ApprovalGrant) => Promise<Result<T, C>>,
): Promise<Result<T, C>> {
  const first = await attempt();
  if (first.ok || approvalAskedFor(first.error) === null) return first;
  return attempt(await grantFor(till, first, approver.staffId, approver.pin));
}

/**
 * For the pure domain tests: runs a command; if it asks for an approval, runs it again with
 * `who` as the approver of exactly what it asked (as the app does once main redeemed a token).
 */
export function approving<R extends Result<unknown, string>>(
  who: Actor,
  run: (approver?: Approver) => R,
): R {
  const first = run();
  if (first.ok || approvalAskedFor(first.error) === null) return first;
  return run(approvedAs(first, who));
}

/** `approving` for the commands that sign tickets (asynchronous). */
export async function approvingAsync<R extends Result<unknown, string>>(
  who: Actor,
  run: (approver?: Approver) => Promise<R>,
): Promise<R> {
  const first = await run();
  if (first.ok || approvalAskedFor(first.error) === null) return first;
  return run(approvedAs(first, who));
}
