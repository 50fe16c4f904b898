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
import { exchangeSetup } from './exchange-machine-steps';
import { heldSeats, removeSeat } from './sell-cart';

/**
 * Choosing the replacement, built like a sale's cart: seats are held as they are picked and let
 * go when unpicked or when the cashier goes back to the performance list.
 */
export const replacementStates = {
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
          'SEATS.BEST_AVAILABLE': {
            guard: canHoldBest,
            target: 'holding',
            actions: assign({ holdRequest: bestAvailableHold, error: null }),
          },
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
