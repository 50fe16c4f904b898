import { assign } from 'xstate';
import { refusalIn, rejectionIn, succeeded, valueIn } from './flow-types';
import { cartProblem } from './cart-steps';
import { exchangeSetup } from './exchange-machine-steps';
import { cartItems, heldSeats } from './sell-cart';

/**
 * Committing the exchange as one journal entry, printing, and letting the held seats go when the
 * exchange is cancelled. A printer failure never undoes the exchange.
 */
export const commitStates = {
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
          guard: cartProblem,
          target: 'choosingReplacement.idle',
          actions: assign({
            quote: null,
            tenders: [],
            approver: null,
            error: refusalIn,
          }),
        },
        {
          target: 'settling',
          actions: assign({ approver: null, error: refusalIn }),
        },
      ],
      onError: { target: 'settling', actions: assign({ approver: null, error: rejectionIn }) },
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
