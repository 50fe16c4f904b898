import type { CommandErrorCode, RefundInput } from '../../shared/commands';
import { refund } from '../../shared/commands';
import type { Actor } from '../../shared/commands/types';
import { approvedCommand, type ApprovalErrorCode, type ApprovalToken } from './approval-service';
import type { RefundPayload } from '../../shared/journal/entry-types';
import type { OrderView } from '../../shared/orders/order-view';
import type { Result } from '../../shared/util/result';
import { err, ok } from '../../shared/util/result';
import type { StoreErrorCode } from '../store';
import { projectRefund } from './order-service';
import type { Till } from './till';

export async function commitRefund(
  till: Till,
  order: OrderView,
  input: Omit<RefundInput, 'orderId'>,
  actor: Actor,
  approval?: ApprovalToken,
): Promise<Result<RefundPayload, CommandErrorCode | ApprovalErrorCode | StoreErrorCode>> {
  let payload: RefundPayload | undefined;
  const run = approvedCommand(till, approval, (terminal, approver) =>
    refund(
      { terminal, settings: till.settings, catalog: till.catalog, order },
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
