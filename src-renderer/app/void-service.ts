import { voidSale } from '../../shared/commands';
import type { Actor, CommandErrorCode } from '../../shared/commands/types';
import type { ContractClient } from '../../shared/ipc/client';
import type { JournalEntry } from '../../shared/journal/chain';
import type { VoidPayload } from '../../shared/journal/entry-types';
import type { OrderView } from '../../shared/orders/order-view';
import { markVoid } from '../../shared/slips/copy-mark';
import type { Result } from '../../shared/util/result';
import { err, ok } from '../../shared/util/result';
import type { Locale } from '../i18n';
import type { StoreErrorCode } from '../store';
import type { NoSaleOutcome } from './cash-service';
import { drawerAfterCommit } from './cash-service';
import { projectVoid, reloadOrder } from './order-service';
import { printDocument, saleReceiptDocument, staffNames, type PrintOutcome } from './print-service';
import type { Till } from './till';
import { approvedCommand, type ApprovalErrorCode, type ApprovalToken } from './approval-service';

/**
 * Voiding a sale made by mistake in the current shift (the customer changed their mind before
 * leaving the window): the domain's `voidSale` decides (current shift only, every ticket still
 * valid, a supervisor's approval); this file only commits what it drafts, with the order and
 * its tickets marked voided and the seats back on sale in the same strict transaction, then
 * opens the drawer for the cash given back and prints the void slip.
 */

/**
 * The void rules the domain names in its refusal's details (`rule`), so the screen can say
 * which one in the cashier's language: they have their own `error.*` catalog keys.
 */
export type VoidRuleCode = 'void_other_shift' | 'void_ticket_not_valid';
export type VoidErrorCode = CommandErrorCode | ApprovalErrorCode | StoreErrorCode | VoidRuleCode;

function ruleOf(details: unknown): VoidRuleCode | null {
  if (typeof details !== 'object' || details === null || !('rule' in details)) return null;
  const rule = details.rule;
  return rule === 'void_other_shift' || rule === 'void_ticket_not_valid' ? rule : null;
}

export interface CommittedVoid {
  readonly void: VoidPayload;
  /** The journal entry the void was sealed in: the drawer is kicked naming it. */
  readonly entry: JournalEntry;
}

export async function commitVoid(
  till: Till,
  order: OrderView,
  reason: string,
  actor: Actor,
  approval?: ApprovalToken,
): Promise<Result<CommittedVoid, VoidErrorCode>> {
  let payload: VoidPayload | undefined;
  const run = approvedCommand(till, approval, (terminal, approver) =>
    voidSale(
      { terminal, settings: till.settings, order },
      { orderId: order.orderId, reason, ...(approver ? { approver } : {}) },
      actor,
      till.ports,
    ),
  );
  const committed = await till.commit<CommandErrorCode | ApprovalErrorCode>(
    async (terminal) => {
      const result = await run(terminal);
      if (!result.ok) return result;
      payload = result.value.void;
      return ok(result.value.drafts);
    },
    async ({ db, entries }) => {
      for (const e of entries) if (e.type === 'void') await projectVoid(db, e.payload);
    },
  );
  if (!committed.ok) {
    const rule = ruleOf(committed.error.details);
    return rule === null ? committed : err(rule, committed.error.message, committed.error.details);
  }
  const entry = committed.value.entries.find((e) => e.type === 'void');
  return payload && entry
    ? ok({ void: payload, entry })
    : err('invalid_state', 'The void was not recorded.');
}

/** Voids the order by its id as the store holds it now (the sale-done screen has only the id). */
export async function commitVoidOf(
  till: Till,
  orderId: string,
  reason: string,
  actor: Actor,
  approval?: ApprovalToken,
): Promise<Result<CommittedVoid, VoidErrorCode>> {
  const found = await reloadOrder(till, orderId);
  if (found === null) return err('not_found', `Order ${orderId} is not in this till's store.`);
  return commitVoid(till, found.view, reason, actor, approval);
}

/** Cash goes back to the customer only when the void pays some out in cash. */
export function voidGivesCash(v: VoidPayload): boolean {
  return v.payouts.some((p) => p.kind === 'cash' && p.amount.amount > 0);
}

/** The drawer opening for a committed cash void (main opens once per void entry). */
export function openDrawerForVoid(
  till: Till,
  client: ContractClient,
  entry: Pick<JournalEntry, 'terminalId' | 'seq'>,
): Promise<NoSaleOutcome> {
  return drawerAfterCommit(till, client, entry);
}

/**
 * The void slip: the sale's receipt rebuilt from the stored order, marked VOID and without
 * its ticket codes. A print never opens the drawer; main does, once, for a cash void's entry.
 */
export async function printVoidSlip(
  client: ContractClient,
  till: Till,
  committed: VoidPayload,
  locale: Locale,
): Promise<PrintOutcome> {
  const found = await reloadOrder(till, committed.orderId);
  if (found === null) return { state: 'failed', message: 'The voided order is not in the store.' };
  const { record } = found;
  const names = await staffNames(till);
  return printDocument(client, `void-${committed.voidId}`, (columns) =>
    markVoid(
      saleReceiptDocument(
        till,
        { sale: record.order.sale },
        locale,
        columns,
        { terminalId: record.terminalId, issuedAt: record.at },
        names,
      ),
    ),
  );
}

/**
 * Whether the domain would void this order now, asked of `voidSale` itself (nothing is
 * committed): the screens offer "Void this sale" only then, without a second copy of its
 * rules. A want of approval still counts as voidable — the supervisor is asked on the spot.
 */
export function voidableNow(till: Till, order: OrderView, actor: Actor): boolean {
  const r = voidSale(
    { terminal: till.state(), settings: till.settings, order },
    { orderId: order.orderId, reason: 'preview' },
    actor,
    till.ports,
  );
  return r.ok || r.error.code === 'approval_required';
}
