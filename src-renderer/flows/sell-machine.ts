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
import { assign } from 'xstate';
import { checkoutStates } from './sell-checkout-states';
import { commitStates } from './sell-commit-states';
import { sellSetup } from './sell-machine-steps';
import { shoppingStates } from './sell-shopping-states';

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
