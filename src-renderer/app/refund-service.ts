import type { CommandErrorCode, RefundInput } from '../../shared/commands';
import { refund } from '../../shared/commands';
import {
  planRefund,
  type RefundPlan,
  type RefundPlanErrorCode,
  type RefundRequest,
} from '../../shared/commands/plan-refund';
import type { Actor } from '../../shared/commands/types';
import type { CashCodeStanding } from '../../shared/commands/cash-code-refund';
import { approvedCommand, type ApprovalErrorCode, type ApprovalToken } from './approval-service';
import type { RefundPayload } from '../../shared/journal/entry-types';
import type { OrderView } from '../../shared/orders/order-view';
import type { Result } from '../../shared/util/result';
import { err, ok } from '../../shared/util/result';
import type { StoreErrorCode } from '../store';
import { projectRefund } from './order-service';
import type { Till } from './till';

/**
 * Whether this refund is one the offline cap applies to: the till's inventory found the server
 * unreachable at its last request, and another window sold the order. The refund screen's
 * plan and the commit both ask this, so they agree.
 */
export async function otherWindowOffline(
  till: Pick<Till, 'inventory' | 'store' | 'terminalId'>,
  orderId: string,
): Promise<boolean> {
  if (till.inventory.mode() !== 'offline') return false;
  const record = await till.store.db.orders.get(orderId);
  return record !== undefined && record.terminalId !== till.terminalId;
}

/**
 * The domain's one refund decision (`planRefund`) on this till's catalog, settings and clock,
 * with the offline cap applied exactly as the commit will apply it: what the cashier's refund
 * screen and the kiosk read out is what `refund` commits.
 */
export async function planTillRefund(
  till: Pick<Till, 'catalog' | 'settings' | 'ports'>,
  order: OrderView,
  request: RefundRequest,
  actor: Pick<Actor, 'role' | 'staffId'>,
  /** Whether the offline cap applies to an order (see `otherWindowOffline`); never if absent. */
  offline: (orderId: string) => Promise<boolean> = () => Promise.resolve(false),
): Promise<Result<RefundPlan, RefundPlanErrorCode>> {
  return planRefund(
    {
      order,
      catalog: till.catalog,
      settings: till.settings,
      actorRole: actor.role,
      actorStaffId: actor.staffId,
      nowMs: till.ports.clock(),
      otherWindowOffline: await offline(order.orderId),
    },
    request,
  );
}

export async function commitRefund(
  till: Till,
  order: OrderView,
  input: Omit<RefundInput, 'orderId'>,
  actor: Actor,
  approval?: ApprovalToken,
  /** Paying out a verified cash-collection code (see cash-code-service.ts). */
  cashCode?: CashCodeStanding,
): Promise<Result<RefundPayload, CommandErrorCode | ApprovalErrorCode | StoreErrorCode>> {
  let payload: RefundPayload | undefined;
  const offline = await otherWindowOffline(till, order.orderId);
  const run = approvedCommand(till, approval, (terminal, approver) =>
    refund(
      {
        terminal,
        settings: till.settings,
        catalog: till.catalog,
        order,
        otherWindowOffline: offline,
        ...(cashCode ? { cashCode } : {}),
      },
      { ...input, orderId: order.orderId, ...(approver ? { approver } : {}) },
      actor,
      till.ports,
    ),
  );
  const committed = await till.commit<CommandErrorCode | ApprovalErrorCode>(
    async (terminal) => {
      const result = await run(terminal);
      if (!result.ok) return result;
      payload = result.value.refund;
      return ok(result.value.drafts);
    },
    async ({ db, entries }) => {
      for (const e of entries) if (e.type === 'refund') await projectRefund(db, e.payload);
    },
  );
  if (!committed.ok) return committed;
  return payload ? ok(payload) : err('invalid_state', 'The refund was not recorded.');
}
