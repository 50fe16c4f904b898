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
import { refusalIn, rejectionIn, succeeded, valueIn } from '../flow-types';
import { firstMatch, matchesIn, oneMatch, searchFailure, severalMatches } from '../order-lookup';
import { exchangeSetup } from './exchange-steps';
import {
  bestAvailableHold,
  canHoldBest,
  canHoldChosen,
  chosenSeatsHold,
  deselected,
  gaWithQuantity,
  holdInput,
  inCart,
  pendingReleaseInput,
  seatsHeld,
  cartProblem,
} from '../cart-steps';
import { heldSeats, removeSeat, addTender, cartItems, removeTender } from '../sell-cart';
import { tenderInputSchema } from '../../../shared/orders/tenders';
import { approvalAskedIn, approvalMissing, pinEntered, verifyPinInput } from '../approval-steps';

/**
 * Finding the order and choosing the tickets that go back. A scanned ticket arrives chosen.
 */
const findingOrderStates = {
  finding: exchangeSetup.createStateConfig({
    on: {
      FIND: {
        target: 'searching',
        actions: assign({ query: ({ event }) => event.query, error: null }),
      },
      // Found and verified by the scan layer: no search; a still valid scanned ticket is chosen.
      'ORDER.FOUND': {
        target: 'choosingTickets',
        actions: assign(({ event }) => {
          const pre = event.ticketId;
          const valid = event.order.tickets.some(
            (t) => t.ticket.ticketId === pre && t.status === 'valid',
          );
          return {
            matches: [event.match],
            orderId: event.order.orderId,
            order: event.order,
            preselect: pre,
            selected: pre !== null && valid ? [pre] : [],
            error: null,
          };
        }),
      },
    },
  }),
  searching: exchangeSetup.createStateConfig({
    invoke: {
      id: 'findOrders',
      src: 'findOrders',
      input: ({ context }) => context.query ?? { kind: 'customer', text: '' },
      onDone: [
        {
          guard: oneMatch,
          target: 'loadingOrder',
          actions: assign(({ event }) => {
            const m = firstMatch({ event });
            return { orderId: m?.orderId ?? null, preselect: m?.ticketId ?? null };
          }),
        },
        {
          guard: severalMatches,
          target: 'choosingOrder',
          actions: assign({ matches: matchesIn }),
        },
        {
          target: 'finding',
          actions: assign({ error: searchFailure('No order matches.') }),
        },
      ],
      onError: { target: 'finding', actions: assign({ error: rejectionIn }) },
    },
  }),
  choosingOrder: exchangeSetup.createStateConfig({
    on: {
      'ORDER.PICK': {
        guard: ({ context, event }) => context.matches.some((m) => m.orderId === event.orderId),
        target: 'loadingOrder',
        // Picked from a list, not scanned: an earlier scan must not tick a ticket here.
        actions: assign({ orderId: ({ event }) => event.orderId, preselect: null }),
      },
      BACK: 'finding',
    },
  }),
  loadingOrder: exchangeSetup.createStateConfig({
    invoke: {
      id: 'loadOrder',
      src: 'loadOrder',
      input: ({ context }) => ({ orderId: context.orderId ?? '' }),
      onDone: [
        {
          guard: succeeded,
          target: 'choosingTickets',
          actions: assign(({ context, event }) => {
            if (!event.output.ok) return {};
            const order = event.output.value;
            const valid = order.tickets
              .filter((t) => t.status === 'valid')
              .map((t) => t.ticket.ticketId);
            const pre = context.preselect;
            return { order, selected: pre !== null && valid.includes(pre) ? [pre] : [] };
          }),
        },
        {
          target: 'finding',
          actions: assign({ error: refusalIn }),
        },
      ],
      onError: { target: 'finding', actions: assign({ error: rejectionIn }) },
    },
  }),
  choosingTickets: exchangeSetup.createStateConfig({
    on: {
      'TICKET.TOGGLE': {
        guard: ({ context, event }) =>
          context.order?.tickets.some(
            (t) => t.ticket.ticketId === event.ticketId && t.status === 'valid',
          ) === true,
        actions: assign({
          selected: ({ context, event }) =>
            context.selected.includes(event.ticketId)
              ? context.selected.filter((t) => t !== event.ticketId)
              : [...context.selected, event.ticketId],
          quote: null,
        }),
      },
      CONTINUE: [
        {
          guard: ({ context }) => context.selected.length > 0,
          target: 'choosingReplacement',
          actions: 'clearError',
        },
        {
          actions: assign({
            error: { code: 'nothing_selected', message: 'Choose the tickets to exchange.' },
          }),
        },
      ],
      BACK: { target: 'finding', actions: assign({ order: null, selected: [], orderId: null }) },
    },
  }),
};

/**
 * Choosing the replacement, built like a sale's cart: seats are held as they are picked and let
 * go when unpicked or when the cashier goes back to the performance list.
 */
const replacementStates = {
  choosingReplacement: exchangeSetup.createStateConfig({
    initial: 'idle',
    states: {
      idle: {
        on: {
          'PERFORMANCE.PICK': {
            actions: assign({ performanceId: ({ event }) => event.performanceId, error: null }),
          },
          // Back to the performance list: the seats held for this one are let go, so the
          // replacement never mixes two performances by accident.
          'PERFORMANCE.CHANGE': [
            {
              guard: ({ context }) => context.seats.length > 0,
              target: 'releasing',
              actions: assign({
                pendingRelease: ({ context }) => heldSeats(context.seats),
                seats: [],
                ga: [],
                performanceId: null,
                quote: null,
                error: null,
              }),
            },
            { actions: assign({ performanceId: null, ga: [], quote: null, error: null }) },
          ],
          'GA.SET_QUANTITY': {
            guard: ({ context }) => context.performanceId !== null,
            actions: assign({ ga: gaWithQuantity, quote: null }),
          },
          'SEATS.SELECT': {
            guard: canHoldChosen,
            target: 'holding',
            actions: assign({ holdRequest: chosenSeatsHold, error: null }),
          },
          // Best available REPLACES the new seats chosen so far (as on the sell screen): they
          // are let go first, then the best block is held.
          'SEATS.BEST_AVAILABLE': [
            {
              guard: ({ context, event }) =>
                canHoldBest({ context, event }) && context.seats.length > 0,
              target: 'replacing',
              actions: assign({
                holdRequest: bestAvailableHold,
                pendingRelease: ({ context }) => heldSeats(context.seats),
                seats: [],
                quote: null,
                error: null,
              }),
            },
            {
              guard: canHoldBest,
              target: 'holding',
              actions: assign({ holdRequest: bestAvailableHold, error: null }),
            },
          ],
          'SEAT.DESELECT': {
            guard: inCart,
            target: 'releasing',
            actions: assign({
              seats: ({ context, event }) => removeSeat(context.seats, event),
              pendingRelease: deselected,
              quote: null,
            }),
          },
          QUOTE: [
            { guard: 'hasReplacement', target: '#exchange.quoting', actions: 'clearError' },
            {
              actions: assign({
                error: { code: 'empty_cart', message: 'Choose the new seats or places.' },
              }),
            },
          ],
          BACK: '#exchange.choosingTickets',
        },
      },
      holding: {
        invoke: {
          id: 'holdSeats',
          src: 'holdSeats',
          input: holdInput,
          onDone: [
            { guard: succeeded, target: 'idle', actions: assign((args) => seatsHeld(args) ?? {}) },
            { target: 'idle', actions: assign({ holdRequest: null, error: refusalIn }) },
          ],
          onError: { target: 'idle', actions: assign({ holdRequest: null, error: rejectionIn }) },
        },
      },
      replacing: {
        invoke: {
          id: 'releaseForBest',
          src: 'releaseSeats',
          input: pendingReleaseInput,
          // A failed release lapses on its own; the best block is asked for either way.
          onDone: { target: 'holding', actions: assign({ pendingRelease: [] }) },
          onError: { target: 'holding', actions: assign({ pendingRelease: [] }) },
        },
      },
      releasing: {
        invoke: {
          id: 'releaseSeat',
          src: 'releaseSeats',
          input: pendingReleaseInput,
          onDone: { target: 'idle', actions: assign({ pendingRelease: [] }) },
          onError: { target: 'idle', actions: assign({ pendingRelease: [] }) },
        },
      },
    },
  }),
};

/**
 * Pricing the exchange (credit, new total, fee, difference) and settling the difference: a
 * payment to collect, money going back as the policy says, or nothing.
 */
const settlingStates = {
  quoting: exchangeSetup.createStateConfig({
    invoke: {
      id: 'quoteExchange',
      src: 'quoteExchange',
      input: ({ context }) => ({
        order: context.order,
        returnTicketIds: context.selected,
        items: cartItems(context),
        actorRole: context.staff.role,
        cartId: context.cartId,
      }),
      onDone: [
        {
          guard: succeeded,
          target: 'settling',
          actions: assign({
            quote: valueIn,
            tenders: [],
            approver: null,
            approvalBinding: null,
          }),
        },
        {
          target: 'choosingReplacement.idle',
          actions: assign({ error: refusalIn }),
        },
      ],
      onError: { target: 'choosingReplacement.idle', actions: assign({ error: rejectionIn }) },
    },
  }),
  settling: exchangeSetup.createStateConfig({
    on: {
      'TENDER.ADD': [
        {
          guard: ({ context, event }) =>
            context.quote?.settlement === 'collect' &&
            tenderInputSchema.safeParse(event.tender).success,
          actions: assign({
            tenders: ({ context, event }) => addTender(context.tenders, event.tender),
            error: null,
          }),
        },
        {
          actions: assign({
            error: { code: 'invalid_argument', message: 'Check the payment details.' },
          }),
        },
      ],
      'TENDER.CASH': {
        guard: ({ context, event }) =>
          context.quote?.settlement === 'collect' && event.tendered.amount > 0,
        actions: assign({
          tenders: ({ context, event }) =>
            addTender(context.tenders, { kind: 'cash', tendered: event.tendered }),
          error: null,
        }),
      },
      'TENDER.REMOVE': {
        actions: assign({
          tenders: ({ context, event }) => removeTender(context.tenders, event.index),
        }),
      },
      CONFIRM: [
        { guard: 'settled', target: 'approval', actions: 'clearError' },
        {
          actions: assign({
            error: { code: 'not_settled', message: 'Settle the difference first.' },
          }),
        },
      ],
      BACK: { target: 'choosingReplacement.idle', actions: assign({ quote: null, tenders: [] }) },
    },
  }),
};

/** The supervisor's approval when the quote needs a higher role than the cashier's. */
const approvalStates = {
  approval: exchangeSetup.createStateConfig({
    always: { guard: 'approved', target: 'committing' },
    on: {
      'APPROVAL.SUBMIT': [
        {
          guard: ({ event }) => pinEntered(event),
          target: 'verifyingPin',
          actions: 'clearError',
        },
        { actions: assign({ error: approvalMissing('exchange') }) },
      ],
      'APPROVAL.CANCEL': { target: 'settling', actions: 'clearError' },
    },
  }),
  verifyingPin: exchangeSetup.createStateConfig({
    invoke: {
      id: 'verifyApprover',
      src: 'verifyApprover',
      input: ({ context, event }) => verifyPinInput(event, context.approvalBinding),
      onDone: [
        {
          guard: succeeded,
          target: 'committing',
          actions: assign({ approver: valueIn }),
        },
        {
          target: 'approval',
          actions: assign({ error: refusalIn }),
        },
      ],
      onError: { target: 'approval', actions: assign({ error: rejectionIn }) },
    },
  }),
};

/**
 * Committing the exchange as one journal entry, printing, and letting the held seats go when the
 * exchange is cancelled. A printer failure never undoes the exchange.
 */
const commitStates = {
  committing: exchangeSetup.createStateConfig({
    on: { CANCEL: {} },
    invoke: {
      id: 'commitExchange',
      src: 'commitExchange',
      input: ({ context }) => ({
        cartId: context.cartId,
        staff: context.staff,
        exchange: {
          orderId: context.order?.orderId ?? '',
          ticketIds: context.selected,
          items: cartItems(context),
          tenders: context.tenders,
          ...(context.approver !== null ? { approver: context.approver } : {}),
        },
      }),
      onDone: [
        {
          guard: succeeded,
          target: 'printing',
          actions: assign({ exchange: valueIn }),
        },
        {
          // The domain asks for an approval: ask an approver's PIN for what it names.
          guard: ({ event }) => approvalAskedIn(event.output) !== null,
          target: 'approval',
          actions: assign({
            approver: null,
            approvalBinding: ({ event }) => approvalAskedIn(event.output),
            error: null,
          }),
        },
        {
          guard: cartProblem,
          target: 'choosingReplacement.idle',
          actions: assign({
            quote: null,
            tenders: [],
            approver: null,
            approvalBinding: null,
            error: refusalIn,
          }),
        },
        {
          target: 'settling',
          actions: assign({ approver: null, approvalBinding: null, error: refusalIn }),
        },
      ],
      onError: {
        target: 'settling',
        actions: assign({ approver: null, approvalBinding: null, error: rejectionIn }),
      },
    },
  }),
  printing: exchangeSetup.createStateConfig({
    on: { CANCEL: {} },
    invoke: {
      id: 'printExchange',
      src: 'printExchange',
      input: ({ context }) => ({
        cartId: context.cartId,
        exchange: context.exchange ?? {
          exchangeId: '',
          receiptNo: 0,
          difference: { amount: 0, currency: 'UAH' },
          change: { amount: 0, currency: 'UAH' },
        },
      }),
      onDone: [
        {
          guard: succeeded,
          target: 'done',
          actions: assign({ print: valueIn }),
        },
        {
          target: 'printFailed',
          actions: assign({ printError: refusalIn }),
        },
      ],
      onError: { target: 'printFailed', actions: assign({ printError: rejectionIn }) },
    },
  }),
  printFailed: exchangeSetup.createStateConfig({
    on: { CANCEL: {}, 'PRINT.RETRY': 'printing', 'PRINT.SKIP': 'done' },
  }),
  releasingAll: exchangeSetup.createStateConfig({
    on: { CANCEL: {} },
    invoke: {
      id: 'releaseAll',
      src: 'releaseSeats',
      input: ({ context }) => ({ cartId: context.cartId, seats: heldSeats(context.seats) }),
      onDone: { target: 'cancelled', actions: assign({ seats: [] }) },
      onError: { target: 'cancelled', actions: assign({ seats: [] }) },
    },
  }),
};

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
    approvalBinding: null,
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
