import type { CatalogIndex } from '../../shared/catalog/catalog';
import type { Role } from '../../shared/catalog/roles';
import { tenderBalances } from '../../shared/commands/refund';
import type { OrderView } from '../../shared/orders/order-view';
import {
  evaluate,
  type PolicyEvaluation,
  type PolicyTicket,
} from '../../shared/refund-policy/evaluate';
import { err, ok, type Result } from '../../shared/util/result';

export interface EvaluateRefundInput {
  /** Null only if the flow lost its order (a bug): answered with not_found. */
  readonly order: OrderView | null;
  readonly ticketIds: readonly string[];
  readonly actorRole: Role;
}

export type EvaluateRefundErrorCode = 'not_found' | 'invalid_argument';

/**
 * The refund screen's policy decision for the chosen tickets: the same `evaluate` call, on
 * the same inputs, that the domain `refund` command makes, so what the cashier reads out is
 * what the commit will do. Pure; the refund machine runs it through its `evaluateRefund` actor.
 */
export function evaluateRefund(
  catalog: CatalogIndex,
  input: EvaluateRefundInput,
  nowMs: number,
): Result<PolicyEvaluation, EvaluateRefundErrorCode> {
  const { order } = input;
  if (!order) return err('not_found', 'Load the order first.');
  if (input.ticketIds.length === 0)
    return err('invalid_argument', 'Choose at least one ticket to refund.');
  const tickets: PolicyTicket[] = [];
  let policy: PolicyEvaluation['policyId'] | null = null;
  for (const id of input.ticketIds) {
    const view = order.tickets.find((t) => t.ticket.ticketId === id);
    if (!view) return err('not_found', `Ticket ${id} is not part of this order.`);
    const key = `${view.ticket.policy.id}@${view.ticket.policy.version}`;
    if (policy !== null && policy !== key) {
      return err(
        'invalid_argument',
        'These tickets were sold under different refund policies: refund them separately.',
      );
    }
    policy = key;
    const performance = catalog.performance(view.ticket.performanceId);
    if (!performance)
      return err('not_found', `Performance ${view.ticket.performanceId} is not in the catalog.`);
    tickets.push({
      ticketId: id,
      tierId: view.ticket.tierId,
      price: view.ticket.price,
      bookingFee: view.ticket.bookingFee,
      status: view.status,
      performance: { startsAt: performance.startsAt, status: performance.status },
    });
  }
  const first = order.tickets.find((t) => t.ticket.ticketId === input.ticketIds[0]);
  if (!first) return err('not_found', 'The ticket is not part of this order.');
  return ok(
    evaluate(first.ticket.policy, tickets, nowMs, {
      tenders: tenderBalances(order),
      actorRole: input.actorRole,
    }),
  );
}
