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
} from './cart-steps';
import { refusalIn, rejectionIn, succeeded } from './flow-types';
import { removeSeat, setSeatConcession } from './sell-cart';
import { cartOpen, sellSetup } from './sell-machine-steps';

/**
 * Choosing the performance and building the cart: seats are held as they are picked and let go
 * when unpicked; any change to the cart drops the quote, so checkout always prices it afresh.
 */
export const shoppingStates = {
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
          'SEATS.BEST_AVAILABLE': {
            guard: canHoldBest,
            target: 'holding',
            actions: [assign({ holdRequest: bestAvailableHold, error: null }), 'touch'],
          },
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
