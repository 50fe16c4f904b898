import { assign, setup } from 'xstate';
import { hasRole } from '../../../shared/catalog/roles';
import type { OrderView } from '../../../shared/orders/order-view';
import type { RefundPlan } from '../../../shared/commands/plan-refund';
import type { RefundMethod } from '../../../shared/refund-policy/evaluate';
import { approvalActors } from '../approval-steps';
import { notProvided, type FlowResult, type PrintOutcome } from '../flow-types';
import { orderLookupActors } from '../order-lookup';
import type {
  CommittedRefund,
  RefundCommitInput,
  RefundContext,
  RefundEvent,
  RefundFlowInput,
  RefundOutput,
  RefundPlanErrorCode,
  RefundPlanInput,
  RefundPrintInput,
} from './refund-types';

/**
 * The refund machine's vocabulary: its types, injected actors, named guards and actions, and the
 * small rules its states share. The state groups in refund-machine.ts are built with
 * `refundSetup.createStateConfig`, so they are typed exactly as if written inside the machine.
 */

/** The shortest reason the refund command takes for an after-deadline override. */
export const OVERRIDE_REASON_MIN = 5;

/** Valid tickets: the ones a refund can take. */
export const refundable = (order: OrderView): string[] =>
  order.tickets.filter((t) => t.status === 'valid').map((t) => t.ticket.ticketId);

export const toggled = ({
  context,
  event,
}: {
  context: RefundContext;
  event: { readonly ticketId: string };
}): string[] =>
  context.selected.includes(event.ticketId)
    ? context.selected.filter((t) => t !== event.ticketId)
    : [...context.selected, event.ticketId];

export function methodAvailable(plan: RefundPlan | null, method: RefundMethod | null): boolean {
  return (
    plan !== null && method !== null && plan.methods.some((m) => m.method === method && m.available)
  );
}

export const refundSetup = setup({
  types: {
    context: {} as RefundContext,
    events: {} as RefundEvent,
    input: {} as RefundFlowInput,
    output: {} as RefundOutput,
  },
  actors: {
    ...orderLookupActors,
    planRefund: notProvided<FlowResult<RefundPlan, RefundPlanErrorCode>, RefundPlanInput>(
      'planRefund',
    ),
    ...approvalActors,
    commitRefund: notProvided<FlowResult<CommittedRefund, string>, RefundCommitInput>(
      'commitRefund',
    ),
    printRefund: notProvided<FlowResult<PrintOutcome, string>, RefundPrintInput>('printRefund'),
  },
  guards: {
    canRefund: ({ context }) =>
      context.selected.length > 0 &&
      context.plan !== null &&
      context.plan.refusal === null &&
      methodAvailable(context.plan, context.method),
    needsApproval: ({ context }) =>
      context.plan !== null &&
      !hasRole(context.staff.role, context.plan.requiredRole) &&
      context.approver === null,
  },
  actions: {
    clearError: assign({ error: null }),
  },
});
