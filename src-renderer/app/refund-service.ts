import type { CommandErrorCode, RefundInput } from '../../shared/commands';
import { refund, tenderBalances } from '../../shared/commands';
import type { Actor, Approver } from '../../shared/commands/types';
import type { RefundPayload } from '../../shared/journal/entry-types';
import type { OrderView } from '../../shared/orders/order-view';
import type { PolicyEvaluation, PolicyTicket } from '../../shared/refund-policy/evaluate';
import { evaluate } from '../../shared/refund-policy/evaluate';
import type { Result } from '../../shared/util/result';
import { err, ok } from '../../shared/util/result';
import type { StoreErrorCode } from '../store';
import { projectRefund } from './order-service';
import type { Till } from './till';

/**
 * The policy decision for the chosen tickets, for the screen to show before anything is
 * committed; the refund command re-evaluates the same way when it commits.
 */
export function previewRefund(
  till: Till,
  order: OrderView,
  ticketIds: readonly string[],
  actor: Actor,
): PolicyEvaluation | null {
  const chosen = order.tickets.filter((t) => ticketIds.includes(t.ticket.ticketId));
  const first = chosen[0];
  if (first === undefined) return null;
  const tickets: PolicyTicket[] = [];
  for (const v of chosen) {
    const performance = till.catalog.performance(v.ticket.performanceId);
    if (performance === undefined) return null;
    tickets.push({
      ticketId: v.ticket.ticketId,
      tierId: v.ticket.tierId,
      price: v.ticket.price,
      bookingFee: v.ticket.bookingFee,
      status: v.status,
      performance: { startsAt: performance.startsAt, status: performance.status },
    });
  }
  return evaluate(first.ticket.policy, tickets, till.ports.clock(), {
    tenders: tenderBalances(order),
    actorRole: actor.role,
  });
}

export async function commitRefund(
  till: Till,
  order: OrderView,
  input: Omit<RefundInput, 'orderId'>,
  actor: Actor,
  approver?: Approver,
): Promise<Result<RefundPayload, CommandErrorCode | StoreErrorCode>> {
  let payload: RefundPayload | undefined;
  const committed = await till.commit<CommandErrorCode>(
    (terminal) => {
      const result = refund(
        { terminal, settings: till.settings, catalog: till.catalog, order },
        { ...input, orderId: order.orderId, ...(approver ? { approver } : {}) },
        actor,
        till.ports,
      );
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
