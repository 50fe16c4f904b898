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
import { assign, setup } from 'xstate';
import { hasRole } from '../../shared/catalog/roles';
import { tenderInputSchema } from '../../shared/orders/tenders';
import type { ExchangeQuoteErrorCode } from './exchange-quote';
import type {
  CommittedExchange,
  ExchangeCommitInput,
  ExchangeContext,
  ExchangeEvent,
  ExchangeFlowInput,
  ExchangeOutput,
  ExchangePrintInput,
  ExchangeQuote,
  ExchangeQuoteInput,
} from './exchange-types';
import {
  notProvided,
  rejectionToError,
  type FlowError,
  type FlowResult,
  type PrintOutcome,
  type VerifiedApprover,
  type VerifyPinErrorCode,
  type VerifyPinInput,
} from './flow-types';
import type {
  FindActorResult,
  FindQuery,
  LoadOrderActorResult,
  LoadOrderInput,
} from './order-lookup';
import {
  addSeats,
  addTender,
  cartItems,
  hasSeat,
  heldSeats,
  removeSeat,
  removeTender,
  setGaQuantity,
} from './sell-cart';
import type { HoldActorResult, HoldSeatsInput, ReleaseSeatsInput } from './sell-types';
import { tenderSummary } from './tender-math';

const errorOf = (e: { code: string; message: string; details?: unknown }): FlowError => ({
  code: e.code,
  message: e.message,
  ...(e.details !== undefined ? { details: e.details } : {}),
});

const CART_PROBLEMS = new Set(['sold_out', 'sales_closed', 'limit_exceeded', 'not_found']);

function settled(ctx: ExchangeContext): boolean {
  const q = ctx.quote;
  if (!q) return false;
  return (
    q.settlement !== 'collect' ||
    tenderSummary(q.difference, ctx.tenders, ctx.cashIncrement).settled
  );
}

export const exchangeMachine = setup({
  types: {
    context: {} as ExchangeContext,
    events: {} as ExchangeEvent,
    input: {} as ExchangeFlowInput,
    output: {} as ExchangeOutput,
  },
  actors: {
    findOrders: notProvided<FindActorResult, FindQuery>('findOrders'),
    loadOrder: notProvided<LoadOrderActorResult, LoadOrderInput>('loadOrder'),
    holdSeats: notProvided<HoldActorResult, HoldSeatsInput>('holdSeats'),
    releaseSeats: notProvided<void, ReleaseSeatsInput>('releaseSeats'),
    quoteExchange: notProvided<
      FlowResult<ExchangeQuote, ExchangeQuoteErrorCode>,
      ExchangeQuoteInput
    >('quoteExchange'),
    verifyApprover: notProvided<FlowResult<VerifiedApprover, VerifyPinErrorCode>, VerifyPinInput>(
      'verifyApprover',
    ),
    commitExchange: notProvided<FlowResult<CommittedExchange, string>, ExchangeCommitInput>(
      'commitExchange',
    ),
    printExchange: notProvided<FlowResult<PrintOutcome, string>, ExchangePrintInput>(
      'printExchange',
    ),
  },
  guards: {
    settled: ({ context }) => settled(context),
    approved: ({ context }) =>
      context.quote !== null &&
      (hasRole(context.staff.role, context.quote.requiredRole) || context.approver !== null),
    hasReplacement: ({ context }) => cartItems(context).length > 0,
  },
  actions: {
    clearError: assign({ error: null }),
  },
}).createMachine({
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
    finding: {
      on: {
        FIND: {
          target: 'searching',
          actions: assign({ query: ({ event }) => event.query, error: null }),
        },
      },
    },
    searching: {
      invoke: {
        id: 'findOrders',
        src: 'findOrders',
        input: ({ context }) => context.query ?? { kind: 'customer', text: '' },
        onDone: [
          {
            guard: ({ event }) => event.output.ok && event.output.value.length === 1,
            target: 'loadingOrder',
            actions: assign(({ event }) => {
              const m = event.output.ok ? event.output.value[0] : undefined;
              return { orderId: m?.orderId ?? null, preselect: m?.ticketId ?? null };
            }),
          },
          {
            guard: ({ event }) => event.output.ok && event.output.value.length > 1,
            target: 'choosingOrder',
            actions: assign({
              matches: ({ event }) => (event.output.ok ? event.output.value : []),
            }),
          },
          {
            target: 'finding',
            actions: assign({
              error: ({ event }) =>
                event.output.ok
                  ? { code: 'not_found', message: 'No order matches.' }
                  : errorOf(event.output.error),
            }),
          },
        ],
        onError: {
          target: 'finding',
          actions: assign({ error: ({ event }) => rejectionToError(event.error) }),
        },
      },
    },
    choosingOrder: {
      on: {
        'ORDER.PICK': {
          guard: ({ context, event }) => context.matches.some((m) => m.orderId === event.orderId),
          target: 'loadingOrder',
          actions: assign({ orderId: ({ event }) => event.orderId }),
        },
        BACK: 'finding',
      },
    },
    loadingOrder: {
      invoke: {
        id: 'loadOrder',
        src: 'loadOrder',
        input: ({ context }) => ({ orderId: context.orderId ?? '' }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
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
            actions: assign({
              error: ({ event }) => (event.output.ok ? null : errorOf(event.output.error)),
            }),
          },
        ],
        onError: {
          target: 'finding',
          actions: assign({ error: ({ event }) => rejectionToError(event.error) }),
        },
      },
    },
    choosingTickets: {
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
    },
    choosingReplacement: {
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
              actions: assign({
                ga: ({ context, event }) =>
                  setGaQuantity(
                    context.ga,
                    context.performanceId ?? '',
                    event.tierId,
                    Math.max(0, Math.floor(event.quantity)),
                  ),
                quote: null,
              }),
            },
            'SEATS.SELECT': {
              guard: ({ context, event }) =>
                context.performanceId !== null && event.seatIds.length > 0,
              target: 'holding',
              actions: assign({
                holdRequest: ({ context, event }) => ({
                  cartId: context.cartId,
                  performanceId: context.performanceId ?? '',
                  tierId: event.tierId,
                  request: { kind: 'seats', seatIds: [...event.seatIds] },
                  includeAccessible: true,
                }),
                error: null,
              }),
            },
            'SEATS.BEST_AVAILABLE': {
              guard: ({ context, event }) =>
                context.performanceId !== null && Number.isInteger(event.count) && event.count > 0,
              target: 'holding',
              actions: assign({
                holdRequest: ({ context, event }) => ({
                  cartId: context.cartId,
                  performanceId: context.performanceId ?? '',
                  tierId: event.tierId,
                  request: { kind: 'best', count: event.count },
                  includeAccessible: event.includeAccessible === true,
                }),
                error: null,
              }),
            },
            'SEAT.DESELECT': {
              guard: ({ context, event }) => hasSeat(context.seats, event),
              target: 'releasing',
              actions: assign({
                seats: ({ context, event }) => removeSeat(context.seats, event),
                pendingRelease: ({ event }) => [
                  { performanceId: event.performanceId, seatId: event.seatId },
                ],
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
            input: ({ context }) =>
              context.holdRequest ?? {
                cartId: context.cartId,
                performanceId: '',
                tierId: '',
                request: { kind: 'seats', seatIds: [] },
                includeAccessible: false,
              },
            onDone: [
              {
                guard: ({ event }) => event.output.ok,
                target: 'idle',
                actions: assign(({ context, event }) => {
                  const req = context.holdRequest;
                  if (!event.output.ok || !req) return {};
                  const held = event.output.value;
                  return {
                    seats: addSeats(
                      context.seats,
                      req.performanceId,
                      req.tierId,
                      held.seatIds,
                      held.until,
                    ),
                    holdRequest: null,
                    notTogether: !held.together,
                  };
                }),
              },
              {
                target: 'idle',
                actions: assign(({ event }) => ({
                  holdRequest: null,
                  error: event.output.ok ? null : errorOf(event.output.error),
                })),
              },
            ],
            onError: {
              target: 'idle',
              actions: assign({
                holdRequest: null,
                error: ({ event }) => rejectionToError(event.error),
              }),
            },
          },
        },
        releasing: {
          invoke: {
            id: 'releaseSeat',
            src: 'releaseSeats',
            input: ({ context }) => ({ cartId: context.cartId, seats: context.pendingRelease }),
            onDone: { target: 'idle', actions: assign({ pendingRelease: [] }) },
            onError: { target: 'idle', actions: assign({ pendingRelease: [] }) },
          },
        },
      },
    },
    quoting: {
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
            guard: ({ event }) => event.output.ok,
            target: 'settling',
            actions: assign({
              quote: ({ event }) => (event.output.ok ? event.output.value : null),
              tenders: [],
              approver: null,
            }),
          },
          {
            target: 'choosingReplacement.idle',
            actions: assign({
              error: ({ event }) => (event.output.ok ? null : errorOf(event.output.error)),
            }),
          },
        ],
        onError: {
          target: 'choosingReplacement.idle',
          actions: assign({ error: ({ event }) => rejectionToError(event.error) }),
        },
      },
    },
    settling: {
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
    },
    approval: {
      always: { guard: 'approved', target: 'committing' },
      on: {
        'APPROVAL.SUBMIT': [
          {
            guard: ({ event }) => event.pin.trim() !== '' && event.staffId.trim() !== '',
            target: 'verifyingPin',
            actions: 'clearError',
          },
          {
            actions: assign({
              error: {
                code: 'approval_required',
                message: 'A supervisor must enter their PIN to approve this exchange.',
              },
            }),
          },
        ],
        'APPROVAL.CANCEL': { target: 'settling', actions: 'clearError' },
      },
    },
    verifyingPin: {
      invoke: {
        id: 'verifyApprover',
        src: 'verifyApprover',
        input: ({ context, event }) => ({
          staffId: event.type === 'APPROVAL.SUBMIT' ? event.staffId : '',
          pin: event.type === 'APPROVAL.SUBMIT' ? event.pin : '',
          requiredRole: context.quote?.requiredRole ?? 'manager',
          requestedBy: context.staff,
        }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'committing',
            actions: assign({
              approver: ({ event }) => (event.output.ok ? event.output.value : null),
            }),
          },
          {
            target: 'approval',
            actions: assign({
              error: ({ event }) => (event.output.ok ? null : errorOf(event.output.error)),
            }),
          },
        ],
        onError: {
          target: 'approval',
          actions: assign({ error: ({ event }) => rejectionToError(event.error) }),
        },
      },
    },
    committing: {
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
            guard: ({ event }) => event.output.ok,
            target: 'printing',
            actions: assign({
              exchange: ({ event }) => (event.output.ok ? event.output.value : null),
            }),
          },
          {
            guard: ({ event }) => !event.output.ok && CART_PROBLEMS.has(event.output.error.code),
            target: 'choosingReplacement.idle',
            actions: assign({
              quote: null,
              tenders: [],
              approver: null,
              error: ({ event }) => (event.output.ok ? null : errorOf(event.output.error)),
            }),
          },
          {
            target: 'settling',
            actions: assign({
              approver: null,
              error: ({ event }) => (event.output.ok ? null : errorOf(event.output.error)),
            }),
          },
        ],
        onError: {
          target: 'settling',
          actions: assign({ approver: null, error: ({ event }) => rejectionToError(event.error) }),
        },
      },
    },
    printing: {
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
            guard: ({ event }) => event.output.ok,
            target: 'done',
            actions: assign({
              print: ({ event }) => (event.output.ok ? event.output.value : null),
            }),
          },
          {
            target: 'printFailed',
            actions: assign({
              printError: ({ event }) => (event.output.ok ? null : errorOf(event.output.error)),
            }),
          },
        ],
        onError: {
          target: 'printFailed',
          actions: assign({ printError: ({ event }) => rejectionToError(event.error) }),
        },
      },
    },
    printFailed: { on: { CANCEL: {}, 'PRINT.RETRY': 'printing', 'PRINT.SKIP': 'done' } },
    releasingAll: {
      on: { CANCEL: {} },
      invoke: {
        id: 'releaseAll',
        src: 'releaseSeats',
        input: ({ context }) => ({ cartId: context.cartId, seats: heldSeats(context.seats) }),
        onDone: { target: 'cancelled', actions: assign({ seats: [] }) },
        onError: { target: 'cancelled', actions: assign({ seats: [] }) },
      },
    },
    done: { type: 'final', entry: assign({ outcome: 'completed' }) },
    cancelled: { type: 'final' },
  },
});

export type ExchangeMachine = typeof exchangeMachine;
