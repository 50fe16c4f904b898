import { assign } from 'xstate';
import { refusalIn, rejectionIn, succeeded } from './flow-types';
import { firstMatch, matchesIn, oneMatch, searchFailure, severalMatches } from './order-lookup';
import { exchangeSetup } from './exchange-machine-steps';

/**
 * Finding the order and choosing the tickets that go back. A scanned ticket arrives chosen.
 */
export const findingOrderStates = {
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
