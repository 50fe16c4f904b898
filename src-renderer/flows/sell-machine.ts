/**
 * The sell flow, UI-agnostic (XState v5). The React screens send events and read context.
 *
 * States (snapshot.value):
 *   pickingPerformance        choose a performance (PERFORMANCE.PICK)
 *   shopping.idle             build the cart: GA quantities, seats, promo code, customer
 *   shopping.holding          holding seats (holdSeats actor: chosen seats or best available)
 *   shopping.releasing        releasing a deselected seat (releaseSeats actor)
 *   quoting                   pricing the cart + purchase limits (quoteCart actor)
 *   tender                    taking payment: cash (quick cash, change due), card, voucher, split
 *   confirming                last look; CONFIRM commits
 *   committing                commitSale actor: domain `sell` + the store's one commit path
 *   printing                  printSale actor: printer.print through the contract
 *   printFailed               the sale IS committed; PRINT.RETRY or PRINT.SKIP
 *   releasingAll              cancel/abandon: releases every held seat (releaseSeats actor)
 *   done | cancelled          final; output { outcome, sale }
 *
 * Events: PERFORMANCE.PICK {performanceId} · PERFORMANCE.CHANGE · GA.SET_QUANTITY {tierId,
 * quantity, concessionId?} · SEATS.SELECT {tierId, seatIds} · SEATS.BEST_AVAILABLE {tierId,
 * count, includeAccessible?} · SEAT.DESELECT {performanceId, seatId} · SEAT.CONCESSION
 * {performanceId, seatId, concessionId|null} · PROMO.SET {code|null} · CUSTOMER.SET
 * {customerId|null} · CHECKOUT · TENDER.ADD {tender} · TENDER.CASH {tendered} · TENDER.REMOVE
 * {index} · TENDER.CLEAR · TENDER.DONE · BACK · CONFIRM · PRINT.RETRY · PRINT.SKIP · CANCEL ·
 * CART.ABANDON (raised by the idle timer) · CART.RESUME (after restoring a persisted cart) ·
 * CART.ACTIVITY (the cashier is working on the cart outside the flow, e.g. typing a payment:
 * restarts the idle timer; send it at most every few seconds).
 *
 * Actors to `.provide()`: quoteCart, holdSeats, releaseSeats, commitSale, printSale. Each
 * resolves to a result envelope; context.error carries a refusal ({code, message}).
 * Selectors for the screens: `tenderSummary(context.quote.total, context.tenders, …)` and
 * `quickCashAmounts(…)` in tender-math.ts.
 */
import { assign, enqueueActions, setup } from 'xstate';
import { tenderInputSchema } from '../../shared/orders/tenders';
import { notProvided, rejectionToError, toFlowError } from './flow-types';
import {
  addSeats,
  addTender,
  hasSeat,
  heldSeats,
  quoteInput,
  removeSeat,
  removeTender,
  sellRequest,
  setGaQuantity,
  setSeatConcession,
  ticketCount,
} from './sell-cart';
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
import { tenderSummary } from './tender-math';

export const DEFAULT_CART_TIMEOUT_MS = 10 * 60_000;
const ABANDON_TIMER = 'cart-abandon';

/** Commit refusals that mean the cart itself must change (go back to it), not the payment. */
const CART_PROBLEMS = new Set(['sold_out', 'sales_closed', 'limit_exceeded', 'not_found']);

export const sellMachine = setup({
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
}).createMachine({
  id: 'sell',
  context: ({ input }) => ({
    cartId: input.cartId,
    staff: input.staff,
    performanceId: null,
    seats: [],
    ga: [],
    promoCode: null,
    customerId: null,
    quote: null,
    tenders: [],
    cashIncrement: input.cashIncrement,
    holdRequest: null,
    pendingRelease: [],
    error: null,
    notTogether: false,
    sale: null,
    print: null,
    printError: null,
    outcome: null,
    lastActivityAt: Date.now(),
    timeoutMs: input.timeoutMs ?? DEFAULT_CART_TIMEOUT_MS,
  }),
  output: ({ context }) => ({ outcome: context.outcome ?? 'cancelled', sale: context.sale }),
  initial: 'pickingPerformance',
  entry: 'touch',
  states: {
    pickingPerformance: {
      on: {
        'PERFORMANCE.PICK': {
          target: 'shopping',
          actions: [
            assign({ performanceId: ({ event }) => event.performanceId, error: null }),
            'touch',
          ],
        },
        CANCEL: { target: 'releasingAll', actions: assign({ outcome: 'cancelled' }) },
        'CART.ABANDON': { target: 'releasingAll', actions: assign({ outcome: 'abandoned' }) },
        'CART.RESUME': { actions: 'touch' },
        'CART.ACTIVITY': { actions: 'touch' },
      },
    },
    shopping: {
      initial: 'idle',
      on: {
        CANCEL: { target: 'releasingAll', actions: assign({ outcome: 'cancelled' }) },
        'CART.ABANDON': { target: 'releasingAll', actions: assign({ outcome: 'abandoned' }) },
        'CART.RESUME': { actions: 'touch' },
        'CART.ACTIVITY': { actions: 'touch' },
      },
      states: {
        idle: {
          on: {
            'PERFORMANCE.PICK': {
              actions: [
                assign({ performanceId: ({ event }) => event.performanceId, error: null }),
                'touch',
              ],
            },
            'PERFORMANCE.CHANGE': { target: '#sell.pickingPerformance', actions: 'touch' },
            'GA.SET_QUANTITY': {
              guard: 'hasPerformance',
              actions: [
                assign({
                  ga: ({ context, event }) =>
                    setGaQuantity(
                      context.ga,
                      context.performanceId ?? '',
                      event.tierId,
                      Math.max(0, Math.floor(event.quantity)),
                      event.concessionId,
                    ),
                  quote: null,
                  error: null,
                }),
                'touch',
              ],
            },
            'SEATS.SELECT': {
              guard: ({ context, event }) =>
                context.performanceId !== null && event.seatIds.length > 0,
              target: 'holding',
              actions: [
                assign({
                  holdRequest: ({ context, event }) => ({
                    cartId: context.cartId,
                    performanceId: context.performanceId ?? '',
                    tierId: event.tierId,
                    request: { kind: 'seats', seatIds: [...event.seatIds] },
                    includeAccessible: true,
                  }),
                  error: null,
                }),
                'touch',
              ],
            },
            'SEATS.BEST_AVAILABLE': {
              guard: ({ context, event }) =>
                context.performanceId !== null && Number.isInteger(event.count) && event.count > 0,
              target: 'holding',
              actions: [
                assign({
                  holdRequest: ({ context, event }) => ({
                    cartId: context.cartId,
                    performanceId: context.performanceId ?? '',
                    tierId: event.tierId,
                    request: { kind: 'best', count: event.count },
                    includeAccessible: event.includeAccessible === true,
                  }),
                  error: null,
                }),
                'touch',
              ],
            },
            'SEAT.DESELECT': {
              guard: ({ context, event }) => hasSeat(context.seats, event),
              target: 'releasing',
              actions: [
                assign({
                  seats: ({ context, event }) => removeSeat(context.seats, event),
                  pendingRelease: ({ event }) => [
                    { performanceId: event.performanceId, seatId: event.seatId },
                  ],
                  quote: null,
                  error: null,
                }),
                'touch',
              ],
            },
            'SEAT.CONCESSION': {
              actions: [
                assign({
                  seats: ({ context, event }) =>
                    setSeatConcession(context.seats, event, event.concessionId),
                  quote: null,
                }),
                'touch',
              ],
            },
            'PROMO.SET': {
              actions: [
                assign({
                  promoCode: ({ event }) =>
                    event.code === null || event.code.trim() === ''
                      ? null
                      : event.code.trim().toUpperCase(),
                  quote: null,
                }),
                'touch',
              ],
            },
            'CUSTOMER.SET': {
              actions: [
                assign({
                  customerId: ({ event }) =>
                    event.customerId === null || event.customerId.trim() === ''
                      ? null
                      : event.customerId.trim(),
                  quote: null,
                }),
                'touch',
              ],
            },
            CHECKOUT: [
              { guard: 'hasItems', target: '#sell.quoting', actions: ['clearError', 'touch'] },
              {
                actions: assign({
                  error: { code: 'empty_cart', message: 'Add at least one ticket.' },
                }),
              },
            ],
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
                    quote: null,
                  };
                }),
              },
              {
                target: 'idle',
                actions: assign(({ event }) => ({
                  holdRequest: null,
                  error: event.output.ok ? null : toFlowError(event.output.error),
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
            // A failed release is harmless: the hold lapses at its `until` on its own.
            onDone: { target: 'idle', actions: assign({ pendingRelease: [] }) },
            onError: { target: 'idle', actions: assign({ pendingRelease: [] }) },
          },
        },
      },
    },
    quoting: {
      invoke: {
        id: 'quoteCart',
        src: 'quoteCart',
        input: ({ context }) => quoteInput(context),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'tender',
            actions: assign({
              quote: ({ event }) => (event.output.ok ? event.output.value : null),
              tenders: [],
            }),
          },
          {
            target: 'shopping.idle',
            actions: assign({
              error: ({ event }) => (event.output.ok ? null : toFlowError(event.output.error)),
            }),
          },
        ],
        onError: {
          target: 'shopping.idle',
          actions: assign({ error: ({ event }) => rejectionToError(event.error) }),
        },
      },
      on: { CANCEL: { target: 'releasingAll', actions: assign({ outcome: 'cancelled' }) } },
    },
    tender: {
      on: {
        'TENDER.ADD': [
          {
            guard: ({ event }) => tenderInputSchema.safeParse(event.tender).success,
            actions: [
              assign({
                tenders: ({ context, event }) => addTender(context.tenders, event.tender),
                error: null,
              }),
              'touch',
            ],
          },
          {
            actions: assign({
              error: ({ event }) => {
                const issue = tenderInputSchema.safeParse(event.tender).error?.issues[0];
                const card =
                  issue?.code === 'custom' &&
                  (issue.params as { issue?: string } | undefined)?.issue !== undefined;
                return {
                  code: card ? 'card_number_rejected' : 'invalid_argument',
                  message: issue?.message ?? 'Check the payment details.',
                };
              },
            }),
          },
        ],
        'TENDER.CASH': {
          guard: ({ event }) =>
            Number.isSafeInteger(event.tendered.amount) && event.tendered.amount > 0,
          actions: [
            assign({
              tenders: ({ context, event }) =>
                addTender(context.tenders, { kind: 'cash', tendered: event.tendered }),
              error: null,
            }),
            'touch',
          ],
        },
        'TENDER.REMOVE': {
          actions: [
            assign({ tenders: ({ context, event }) => removeTender(context.tenders, event.index) }),
            'touch',
          ],
        },
        'TENDER.CLEAR': { actions: [assign({ tenders: [] }), 'touch'] },
        'TENDER.DONE': [
          { guard: 'settled', target: 'confirming', actions: ['clearError', 'touch'] },
          {
            actions: assign({
              error: ({ context }) => {
                const s = context.quote
                  ? tenderSummary(context.quote.total, context.tenders, context.cashIncrement)
                  : null;
                return {
                  code: s?.problem?.code ?? 'underpaid',
                  message: s?.problem?.message ?? 'Take the payment first.',
                };
              },
            }),
          },
        ],
        BACK: {
          target: 'shopping.idle',
          actions: [assign({ tenders: [], quote: null, error: null }), 'touch'],
        },
        CANCEL: { target: 'releasingAll', actions: assign({ outcome: 'cancelled' }) },
        'CART.ABANDON': { target: 'releasingAll', actions: assign({ outcome: 'abandoned' }) },
        'CART.RESUME': { actions: 'touch' },
        'CART.ACTIVITY': { actions: 'touch' },
      },
    },
    confirming: {
      on: {
        CONFIRM: { target: 'committing', actions: 'clearError' },
        BACK: { target: 'tender', actions: 'touch' },
        CANCEL: { target: 'releasingAll', actions: assign({ outcome: 'cancelled' }) },
        'CART.ABANDON': { target: 'releasingAll', actions: assign({ outcome: 'abandoned' }) },
        'CART.RESUME': { actions: 'touch' },
        'CART.ACTIVITY': { actions: 'touch' },
      },
    },
    committing: {
      // The cashier is waiting on the commit: an idle timer must not fire under it.
      entry: 'stopTimer',
      invoke: {
        id: 'commitSale',
        src: 'commitSale',
        input: ({ context }) => ({
          cartId: context.cartId,
          staff: context.staff,
          sell: sellRequest(context),
        }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'printing',
            actions: assign({ sale: ({ event }) => (event.output.ok ? event.output.value : null) }),
          },
          {
            guard: ({ event }) => !event.output.ok && CART_PROBLEMS.has(event.output.error.code),
            target: 'shopping.idle',
            actions: [
              assign({
                error: ({ event }) => (event.output.ok ? null : toFlowError(event.output.error)),
                tenders: [],
                quote: null,
              }),
              'touch',
            ],
          },
          {
            target: 'confirming',
            actions: [
              assign({
                error: ({ event }) => (event.output.ok ? null : toFlowError(event.output.error)),
              }),
              'touch',
            ],
          },
        ],
        onError: {
          target: 'confirming',
          actions: [assign({ error: ({ event }) => rejectionToError(event.error) }), 'touch'],
        },
      },
    },
    printing: {
      invoke: {
        id: 'printSale',
        src: 'printSale',
        input: ({ context }) => ({
          cartId: context.cartId,
          sale: context.sale ?? {
            orderId: '',
            receiptNo: 0,
            total: { amount: 0, currency: 'UAH' },
            change: { amount: 0, currency: 'UAH' },
            checkId: false,
            tenderKinds: [],
          },
        }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'done',
            actions: assign({
              print: ({ event }) => (event.output.ok ? event.output.value : null),
              printError: null,
            }),
          },
          {
            target: 'printFailed',
            actions: assign({
              printError: ({ event }) => (event.output.ok ? null : toFlowError(event.output.error)),
            }),
          },
        ],
        onError: {
          target: 'printFailed',
          actions: assign({ printError: ({ event }) => rejectionToError(event.error) }),
        },
      },
    },
    printFailed: {
      on: {
        'PRINT.RETRY': 'printing',
        'PRINT.SKIP': 'done',
      },
    },
    releasingAll: {
      entry: 'stopTimer',
      invoke: {
        id: 'releaseAll',
        src: 'releaseSeats',
        input: ({ context }) => ({ cartId: context.cartId, seats: heldSeats(context.seats) }),
        onDone: { target: 'cancelled', actions: assign({ seats: [] }) },
        // Holds lapse on their own; a cancelled cart must not get stuck on a failed release.
        onError: { target: 'cancelled', actions: assign({ seats: [] }) },
      },
    },
    done: { type: 'final', entry: [assign({ outcome: 'completed' }), 'stopTimer'] },
    cancelled: { type: 'final' },
  },
});

export type SellMachine = typeof sellMachine;
