import type { SnapshotFrom } from 'xstate';
import type { Actor } from '../../../shared/commands';
import type { CustomerFlowKind } from '../order-flow/customer-screen';
import { CustomerScreen } from '../order-flow/customer-screen';
import type { RefundActorRef } from './refund-flow';
import { canStartOver, endFlow, RefundFlow } from './refund-flow';

const refundKind: CustomerFlowKind<RefundActorRef, SnapshotFrom<RefundActorRef>> = {
  flowId: 'refund',
  title: 'ui.refund.title',
  Flow: RefundFlow,
  canStartOver,
  endFlow,
};

/**
 * The refund screen: one refund flow per customer — find the order, read out the policy
 * decision, choose tickets and method, a supervisor's PIN when the policy asks, commit, print
 * the voucher. All of that state is the refund machine's (see RefundFlow); the customer at
 * the window is CustomerScreen's.
 */
export function RefundScreen({ actor }: { readonly actor: Actor }) {
  return <CustomerScreen actor={actor} kind={refundKind} />;
}
