import type { CashState } from '../../shared/commands';
import { drop, noSale, paidIn, paidOut } from '../../shared/commands';
import type { Actor, CommandErrorCode } from '../../shared/commands/types';
import { approvedCommand, type ApprovalErrorCode, type ApprovalToken } from './approval-service';
import type { ContractClient } from '../../shared/ipc/client';
import type { Money } from '../../shared/money';
import type { ShiftTally } from '../../shared/shift/tally';
import type { Result } from '../../shared/util/result';
import { err, ok } from '../../shared/util/result';
import type { JournalEntry } from '../../shared/journal/chain';
import type { StoreErrorCode } from '../store';
import type { DrawerOutcome } from './journal-anchor';
import { openDrawerFor } from './journal-anchor';
import type { Till } from './till';

export type CashMovementKind = 'paid_in' | 'paid_out' | 'drop';

const COMMANDS = { paid_in: paidIn, paid_out: paidOut, drop } as const;

/**
 * Paid in, paid out or a drop to the safe: one journal entry (plus the supervisor's approval
 * entry when the domain asks for one) through the till's one strict commit path. The domain
 * checks the role, the limit and what the drawer holds; the shift's entries are read here so
 * a drop can never take out more than the journal says is in the drawer.
 */
export async function recordCashMovement(
  till: Till,
  actor: Actor,
  kind: CashMovementKind,
  amount: Money,
  reason: string,
  approval?: ApprovalToken,
): Promise<Result<JournalEntry, CommandErrorCode | ApprovalErrorCode | StoreErrorCode>> {
  // The tally kept with the store's checkpoint, at the same point as `terminal` (set by the
  // commit before the command runs).
  let shiftTally: ShiftTally | null = null;
  const run = approvedCommand(till, approval, (terminal, approver) => {
    const state: CashState = { terminal, settings: till.settings, shiftTally };
    return COMMANDS[kind](
      state,
      { amount, reason, ...(approver ? { approver } : {}) },
      actor,
      till.ports,
    );
  });
  const committed = await till.commit<CommandErrorCode | ApprovalErrorCode>(
    async (terminal, ctx) => {
      shiftTally = ctx.shift;
      const r = await run(terminal);
      return r.ok ? ok(r.value.drafts) : r;
    },
  );
  if (!committed.ok) return committed;
  const entry = committed.value.entries.find((e) => e.type === kind);
  return entry ? ok(entry) : err('invalid_state', 'The cash movement was not recorded.');
}

export type NoSaleOutcome = DrawerOutcome;

/**
 * Opens the drawer without a sale: the `no_sale` entry is committed first (a drawer never
 * opens unrecorded) and reported to main, which then opens the drawer for that entry once.
 */
export async function openDrawerNoSale(
  till: Till,
  client: ContractClient,
  actor: Actor,
  reason: string,
): Promise<
  Result<{ entry: JournalEntry; outcome: NoSaleOutcome }, CommandErrorCode | StoreErrorCode>
> {
  const committed = await till.commit<CommandErrorCode>((terminal, ctx) => {
    const r = noSale(
      { terminal, settings: till.settings, shiftTally: ctx.shift },
      { reason },
      actor,
      till.ports,
    );
    return r.ok ? ok(r.value.drafts) : r;
  });
  if (!committed.ok) return committed;
  const entry = committed.value.entries.find((e) => e.type === 'no_sale');
  if (!entry) return err('invalid_state', 'The no-sale opening was not recorded.');
  return ok({ entry, outcome: await drawerAfterCommit(till, client, entry) });
}

/**
 * The drawer opening for a committed cash-moving entry: the one the till asked main for once
 * main accepted the entry, or (none started, e.g. a retry after a failure) a new request
 * naming the entry. Main refuses an entry it did not record, or one it already opened for.
 */
export function drawerAfterCommit(
  till: Till,
  client: ContractClient,
  entry: Pick<JournalEntry, 'terminalId' | 'seq'>,
): Promise<DrawerOutcome> {
  return till.drawerFor(entry) ?? openDrawerFor(client, entry);
}

/** A retry after a failed opening (the printer was unreachable): names the same entry. */
export function kickDrawer(
  client: ContractClient,
  entry: Pick<JournalEntry, 'terminalId' | 'seq'>,
): Promise<NoSaleOutcome> {
  return openDrawerFor(client, entry);
}
