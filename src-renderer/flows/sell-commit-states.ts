import { assign } from 'xstate';
import { cartProblem } from './cart-steps';
import { refusalIn, rejectionIn, succeeded, valueIn } from './flow-types';
import { heldSeats, sellRequest } from './sell-cart';
import { sellSetup } from './sell-machine-steps';

/**
 * Committing the sale and printing it, or letting every held seat go when the cart is cancelled
 * or abandoned. A printer failure never undoes the sale.
 */
export const commitStates = {
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
