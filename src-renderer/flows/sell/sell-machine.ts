/**
 * The sell flow, UI-agnostic (XState v5). The React screens send events and read context.
 *
 * States (snapshot.value):
 *   pickingPerformance        choose a performance (PERFORMANCE.PICK)
 *   shopping.idle             build the cart: GA quantities, seats, promo code, customer
 *   shopping.holding          holding seats (holdSeats actor: chosen seats or best available)
 *   shopping.releasing        releasing a deselected seat (releaseSeats actor)
 *   shopping.replacing        best available: releasing this performance's seats before the hold
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
import { assign } from 'xstate';
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
import { refusalIn, rejectionIn, succeeded, valueIn } from '../flow-types';
import {
  removeSeat,
  setSeatConcession,
  addTender,
  quoteInput,
  removeTender,
  heldSeats,
  sellRequest,
  seatsHere,
} from '../sell-cart';
import { cartOpen, sellSetup } from './sell-steps';
import { tenderInputSchema } from '../../../shared/orders/tenders';
import { tenderSummary } from '../tender-math';

/**
 * Choosing the performance and building the cart: seats are held as they are picked and let go
 * when unpicked; any change to the cart drops the quote, so checkout always prices it afresh.
 */
const shoppingStates = {
  pickingPerformance: sellSetup.createStateConfig({
    on: {
      'PERFORMANCE.PICK': {
        target: 'shopping',
        actions: [
          assign({ performanceId: ({ event }) => event.performanceId, error: null }),
          'touch',
        ],
      },
      ...cartOpen,
    },
  }),
  shopping: sellSetup.createStateConfig({
    initial: 'idle',
    on: cartOpen,
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
            actions: [assign({ ga: gaWithQuantity, quote: null, error: null }), 'touch'],
          },
          'SEATS.SELECT': {
            guard: canHoldChosen,
            target: 'holding',
            actions: [assign({ holdRequest: chosenSeatsHold, error: null }), 'touch'],
          },
          // Best available REPLACES the seats chosen at this performance: they are let go
          // first (replacing), then the best block is held, so the cart never grows past it.
          'SEATS.BEST_AVAILABLE': [
            {
              guard: ({ context, event }) =>
                canHoldBest({ context, event }) &&
                seatsHere(context.seats, context.performanceId).length > 0,
              target: 'replacing',
              actions: [
                assign({
                  holdRequest: bestAvailableHold,
                  pendingRelease: ({ context }) =>
                    heldSeats(seatsHere(context.seats, context.performanceId)),
                  seats: ({ context }) =>
                    context.seats.filter((l) => l.performanceId !== context.performanceId),
                  quote: null,
                  error: null,
                }),
                'touch',
              ],
            },
            {
              guard: canHoldBest,
              target: 'holding',
              actions: [assign({ holdRequest: bestAvailableHold, error: null }), 'touch'],
            },
          ],
          'SEAT.DESELECT': {
            guard: inCart,
            target: 'releasing',
            actions: [
              assign({
                seats: ({ context, event }) => removeSeat(context.seats, event),
                pendingRelease: deselected,
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
          input: holdInput,
          onDone: [
            {
              guard: succeeded,
              target: 'idle',
              // A new seat changes the price: the quote is taken again at checkout.
              actions: assign((args) => {
                const held = seatsHeld(args);
                return held ? { ...held, quote: null } : {};
              }),
            },
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
          // A failed release is harmless: the hold lapses at its `until` on its own.
          onDone: { target: 'idle', actions: assign({ pendingRelease: [] }) },
          onError: { target: 'idle', actions: assign({ pendingRelease: [] }) },
        },
      },
    },
  }),
};

/**
 * Checkout: pricing the cart, taking the payment and the last look before the sale is
 * committed. A refused quote goes back to the cart with the reason on screen.
 */
const checkoutStates = {
  quoting: sellSetup.createStateConfig({
    invoke: {
      id: 'quoteCart',
      src: 'quoteCart',
      input: ({ context }) => quoteInput(context),
      onDone: [
        {
          guard: succeeded,
          target: 'tender',
          actions: assign({ quote: valueIn, tenders: [] }),
        },
        { target: 'shopping.idle', actions: assign({ error: refusalIn }) },
      ],
      onError: { target: 'shopping.idle', actions: assign({ error: rejectionIn }) },
    },
    on: { CANCEL: { target: 'releasingAll', actions: assign({ outcome: 'cancelled' }) } },
  }),
  tender: sellSetup.createStateConfig({
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
      ...cartOpen,
    },
  }),
  confirming: sellSetup.createStateConfig({
    on: {
      CONFIRM: { target: 'committing', actions: 'clearError' },
      BACK: { target: 'tender', actions: 'touch' },
      ...cartOpen,
    },
  }),
};

/**
 * Committing the sale and printing it, or letting every held seat go when the cart is cancelled
 * or abandoned. A printer failure never undoes the sale.
 */
const commitStates = {
  committing: sellSetup.createStateConfig({
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
          guard: succeeded,
          target: 'printing',
          actions: assign({ sale: valueIn }),
        },
        {
          guard: cartProblem,
          target: 'shopping.idle',
          actions: [assign({ error: refusalIn, tenders: [], quote: null }), 'touch'],
        },
        {
          target: 'confirming',
          actions: [assign({ error: refusalIn }), 'touch'],
        },
      ],
      onError: {
        target: 'confirming',
        actions: [assign({ error: rejectionIn }), 'touch'],
      },
    },
  }),
  printing: sellSetup.createStateConfig({
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
          guard: succeeded,
          target: 'done',
          actions: assign({ print: valueIn, printError: null }),
        },
        { target: 'printFailed', actions: assign({ printError: refusalIn }) },
      ],
      onError: { target: 'printFailed', actions: assign({ printError: rejectionIn }) },
    },
  }),
  printFailed: sellSetup.createStateConfig({
    on: {
      'PRINT.RETRY': 'printing',
      'PRINT.SKIP': 'done',
    },
  }),
  releasingAll: sellSetup.createStateConfig({
    entry: 'stopTimer',
    invoke: {
      id: 'releaseAll',
      src: 'releaseSeats',
      input: ({ context }) => ({ cartId: context.cartId, seats: heldSeats(context.seats) }),
      onDone: { target: 'cancelled', actions: assign({ seats: [] }) },
      // Holds lapse on their own; a cancelled cart must not get stuck on a failed release.
      onError: { target: 'cancelled', actions: assign({ seats: [] }) },
    },
  }),
};

export const DEFAULT_CART_TIMEOUT_MS = 10 * 60_000;

export const sellMachine = sellSetup.createMachine({
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
    ...shoppingStates,
    ...checkoutStates,
    ...commitStates,
    done: { type: 'final', entry: [assign({ outcome: 'completed' }), 'stopTimer'] },
    cancelled: { type: 'final' },
  },
});

export type SellMachine = typeof sellMachine;
