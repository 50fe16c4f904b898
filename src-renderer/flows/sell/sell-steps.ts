import { assign, enqueueActions, setup } from 'xstate';
import { notProvided } from '../flow-types';
import { ticketCount } from '../sell-cart';
import type {
  CommitActorResult,
  HoldActorResult,
  HoldSeatsInput,
  PrintActorResult,
  QuoteActorResult,
  QuoteCartInput,
  ReleaseSeatsInput,
  SellCommitInput,
  SellContext,
  SellEvent,
  SellFlowInput,
  SellOutput,
  SellPrintInput,
} from './sell-types';
import { tenderSummary } from '../tender-math';

/**
 * The sell machine's vocabulary: its types, injected actors, named guards and actions, and the
 * transitions its states share. The state groups in sell-machine.ts are built with
 * `sellSetup.createStateConfig`, so they are typed exactly as if written inside the machine.
 */

const ABANDON_TIMER = 'cart-abandon';

export const sellSetup = setup({
  types: {
    context: {} as SellContext,
    events: {} as SellEvent,
    input: {} as SellFlowInput,
    output: {} as SellOutput,
  },
  actors: {
    quoteCart: notProvided<QuoteActorResult, QuoteCartInput>('quoteCart'),
    holdSeats: notProvided<HoldActorResult, HoldSeatsInput>('holdSeats'),
    releaseSeats: notProvided<void, ReleaseSeatsInput>('releaseSeats'),
    commitSale: notProvided<CommitActorResult, SellCommitInput>('commitSale'),
    printSale: notProvided<PrintActorResult, SellPrintInput>('printSale'),
  },
  guards: {
    hasPerformance: ({ context }) => context.performanceId !== null,
    hasItems: ({ context }) => ticketCount(context) > 0,
    settled: ({ context }) =>
      context.quote !== null &&
      tenderSummary(context.quote.total, context.tenders, context.cashIncrement).settled,
  },
  actions: {
    /** Any cashier action restarts the idle timer. */
    touch: enqueueActions(({ enqueue, context }) => {
      enqueue.cancel(ABANDON_TIMER);
      enqueue.raise({ type: 'CART.ABANDON' }, { id: ABANDON_TIMER, delay: context.timeoutMs });
      enqueue.assign({ lastActivityAt: Date.now() });
    }),
    stopTimer: enqueueActions(({ enqueue }) => enqueue.cancel(ABANDON_TIMER)),
    clearError: assign({ error: null }),
  },
});

/**
 * Wherever the cashier is building or paying for the cart: CANCEL and the idle timer release
 * every held seat, and activity on the cart restarts the timer. Spread last into a state's `on`
 * so its own transitions keep their order.
 */
export const cartOpen = sellSetup.createStateConfig({
  on: {
    CANCEL: { target: 'releasingAll', actions: assign({ outcome: 'cancelled' }) },
    'CART.ABANDON': { target: 'releasingAll', actions: assign({ outcome: 'abandoned' }) },
    'CART.RESUME': { actions: 'touch' },
    'CART.ACTIVITY': { actions: 'touch' },
  },
}).on;
