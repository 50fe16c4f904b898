import { assign, setup } from 'xstate';
import type {
  CommittedExchange,
  ExchangeCommitInput,
  ExchangeContext,
  ExchangeEvent,
  ExchangeFlowInput,
  ExchangeOutput,
  ExchangePrintInput,
  ExchangeQuote,
  ExchangeQuoteErrorCode,
  ExchangeQuoteInput,
} from './exchange-types';
import { approvalActors } from '../approval-steps';
import { notProvided, type FlowResult, type PrintOutcome } from '../flow-types';
import { orderLookupActors } from '../order-lookup';
import { cartItems } from '../sell-cart';
import type { HoldActorResult, HoldSeatsInput, ReleaseSeatsInput } from '../sell/sell-types';
import { tenderSummary } from '../tender-math';

/**
 * The exchange machine's vocabulary: its types, injected actors, named guards and actions, and the
 * small rules its states share. The state groups in exchange-machine.ts are built with
 * `exchangeSetup.createStateConfig`, so they are typed exactly as if written inside the machine.
 */

function settled(ctx: ExchangeContext): boolean {
  const q = ctx.quote;
  if (!q) return false;
  return q.settlement !== 'collect' || tenderSummary(q.due, ctx.tenders, ctx.cashIncrement).settled;
}

export const exchangeSetup = setup({
  types: {
    context: {} as ExchangeContext,
    events: {} as ExchangeEvent,
    input: {} as ExchangeFlowInput,
    output: {} as ExchangeOutput,
  },
  actors: {
    ...orderLookupActors,
    holdSeats: notProvided<HoldActorResult, HoldSeatsInput>('holdSeats'),
    releaseSeats: notProvided<void, ReleaseSeatsInput>('releaseSeats'),
    quoteExchange: notProvided<
      FlowResult<ExchangeQuote, ExchangeQuoteErrorCode>,
      ExchangeQuoteInput
    >('quoteExchange'),
    ...approvalActors,
    commitExchange: notProvided<FlowResult<CommittedExchange, string>, ExchangeCommitInput>(
      'commitExchange',
    ),
    printExchange: notProvided<FlowResult<PrintOutcome, string>, ExchangePrintInput>(
      'printExchange',
    ),
  },
  guards: {
    settled: ({ context }) => settled(context),
    // The commit is tried first; the PIN dialog opens only for the binding the domain asked for.
    approved: ({ context }) =>
      context.quote !== null && (context.approvalBinding === null || context.approver !== null),
    hasReplacement: ({ context }) => cartItems(context).length > 0,
  },
  actions: {
    clearError: assign({ error: null }),
  },
});
