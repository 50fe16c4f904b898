/**
 * The exchange flow, UI-agnostic (XState v5).
 *
 * States (snapshot.value):
 *   finding → searching → (choosingOrder) → loadingOrder   as in the refund flow
 *   choosingTickets           TICKET.TOGGLE the tickets going back; CONTINUE
 *   choosingReplacement.idle  PERFORMANCE.PICK, PERFORMANCE.CHANGE (releases the seats held),
 *                             SEATS.SELECT, SEATS.BEST_AVAILABLE, SEAT.DESELECT,
 *                             GA.SET_QUANTITY; QUOTE; BACK to the tickets
 *   choosingReplacement.holding / .releasing   holdSeats / releaseSeats actors
 *   quoting                   quoteExchange actor: credit, new total, fee, difference
 *   settling                  context.quote (the domain's ExchangeQuote: credit, newTotal, fee,
 *                             difference, settlement, payBackAs, summary). settlement 'collect':
 *                             take payment (TENDER.ADD / TENDER.CASH / TENDER.REMOVE); 'pay_back':
 *                             goes back as quote.payBackAs (the policy decides); 'even': nothing.
 *                             CONFIRM
 *   approval → verifyingPin   when quote.requiredRole is above the cashier (APPROVAL.SUBMIT)
 *   committing                commitExchange actor: one atomic journal entry (old tickets void,
 *                             new ones issued, difference and fee settled)
 *   printing / printFailed    printExchange actor; a printer failure never undoes the exchange
 *   releasingAll              CANCEL: releases the held replacement seats
 *   done | cancelled          final; output { outcome, exchange }
 *
 * Actors to `.provide()`: findOrders, loadOrder, holdSeats, releaseSeats, quoteExchange,
 * verifyApprover, commitExchange, printExchange.
 */
import { assign } from 'xstate';
import { approvalStates } from './exchange-approval-states';
import { commitStates } from './exchange-commit-states';
import { findingOrderStates } from './exchange-finding-states';
import { exchangeSetup } from './exchange-machine-steps';
import { replacementStates } from './exchange-replacement-states';
import { settlingStates } from './exchange-settle-states';

export const exchangeMachine = exchangeSetup.createMachine({
  id: 'exchange',
  context: ({ input }) => ({
    cartId: input.cartId,
    staff: input.staff,
    cashIncrement: input.cashIncrement,
    query: null,
    matches: [],
    orderId: null,
    order: null,
    preselect: null,
    selected: [],
    performanceId: null,
    seats: [],
    ga: [],
    holdRequest: null,
    pendingRelease: [],
    notTogether: false,
    quote: null,
    tenders: [],
    approver: null,
    error: null,
    exchange: null,
    print: null,
    printError: null,
    outcome: null,
  }),
  output: ({ context }) => ({
    outcome: context.outcome ?? 'cancelled',
    exchange: context.exchange,
  }),
  initial: 'finding',
  on: { CANCEL: { target: '.releasingAll', actions: assign({ outcome: 'cancelled' }) } },
  states: {
    ...findingOrderStates,
    ...replacementStates,
    ...settlingStates,
    ...approvalStates,
    ...commitStates,
    done: { type: 'final', entry: assign({ outcome: 'completed' }) },
    cancelled: { type: 'final' },
  },
});

export type ExchangeMachine = typeof exchangeMachine;
