import type { SnapshotFrom } from 'xstate';
import type { Actor } from '../../../shared/commands';
import type { CustomerFlowKind } from '../order-flow/customer-screen';
import { CustomerScreen } from '../order-flow/customer-screen';
import type { ExchangeActorRef } from './exchange-flow';
import { canStartOver, endFlow, ExchangeFlow } from './exchange-flow';

const exchangeKind: CustomerFlowKind<ExchangeActorRef, SnapshotFrom<ExchangeActorRef>> = {
  flowId: 'exchange',
  title: 'ui.exchange.title',
  Flow: ExchangeFlow,
  canStartOver,
  // Lets the old flow's held seats go before the next customer's flow starts.
  endFlow,
};

/**
 * The exchange screen: one exchange flow per customer, all of whose state is the exchange
 * machine's (see ExchangeFlow); the customer at the window is CustomerScreen's.
 */
export function ExchangeScreen({ actor }: { readonly actor: Actor }) {
  return <CustomerScreen actor={actor} kind={exchangeKind} />;
}
