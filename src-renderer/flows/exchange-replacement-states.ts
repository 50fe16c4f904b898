import { assign } from 'xstate';
import { rejectionIn, succeeded, toFlowError } from './flow-types';
import { exchangeSetup } from './exchange-machine-steps';
import { addSeats, hasSeat, heldSeats, removeSeat, setGaQuantity } from './sell-cart';

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
              guard: succeeded,
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
                error: event.output.ok ? null : toFlowError(event.output.error),
              })),
            },
          ],
          onError: {
            target: 'idle',
            actions: assign({ holdRequest: null, error: rejectionIn }),
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
  }),
};
