import { assign } from 'xstate';
import { refusalIn, rejectionIn, succeeded } from './flow-types';
import type { OrderFoundEvent } from './order-lookup';
import { firstMatch, matchesIn, oneMatch, searchFailure, severalMatches } from './order-lookup';
import { refundable, refundSetup } from './refund-machine-steps';

/** The context an order found by a scan opens with: nothing chosen, nothing evaluated yet. */
const openedByScan = (event: OrderFoundEvent) => ({
  matches: [event.match],
  orderId: event.order.orderId,
  order: event.order,
  preselect: event.ticketId,
  selected: [],
  method: null,
  approver: null,
  evaluation: null,
  error: null,
});

/**
 * Finding the order to refund: a scanned ticket, a receipt number or a customer search, then the
 * order as it stands. A scanned ticket arrives chosen and evaluated; otherwise nothing is chosen,
 * so a refund never covers a ticket the cashier did not pick.
 */
export const findingOrderStates = {
  finding: refundSetup.createStateConfig({
    on: {
      FIND: {
        target: 'searching',
        actions: assign({ query: ({ event }) => event.query, error: null }),
      },
      // Found and verified by the scan layer: no search; a still valid scanned ticket is
      // chosen and evaluated here, once, as a ticket picked by hand would be.
      'ORDER.FOUND': [
        {
          guard: ({ event }) =>
            event.ticketId !== null && refundable(event.order).includes(event.ticketId),
          target: 'evaluating',
          actions: assign(({ event }) => ({
            ...openedByScan(event),
            selected: event.ticketId === null ? [] : [event.ticketId],
          })),
        },
        { target: 'reviewing', actions: assign(({ event }) => openedByScan(event)) },
      ],
    },
  }),
  searching: refundSetup.createStateConfig({
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
            return {
              matches: matchesIn({ event }),
              orderId: m?.orderId ?? null,
              preselect: m?.ticketId ?? null,
            };
          }),
        },
        {
          guard: severalMatches,
          target: 'choosingOrder',
          actions: assign({ matches: matchesIn }),
        },
        {
          target: 'finding',
          actions: assign({
            error: searchFailure(
              'No order matches. Check the receipt number or scan the ticket again.',
            ),
          }),
        },
      ],
      onError: { target: 'finding', actions: assign({ error: rejectionIn }) },
    },
  }),
  choosingOrder: refundSetup.createStateConfig({
    on: {
      'ORDER.PICK': {
        guard: ({ context, event }) => context.matches.some((m) => m.orderId === event.orderId),
        target: 'loadingOrder',
        actions: assign({ orderId: ({ event }) => event.orderId, preselect: null }),
      },
      BACK: 'finding',
    },
  }),
  loadingOrder: refundSetup.createStateConfig({
    invoke: {
      id: 'loadOrder',
      src: 'loadOrder',
      input: ({ context }) => ({ orderId: context.orderId ?? '' }),
      onDone: [
        {
          // A scanned ticket: the customer named it, so its decision shows at once.
          guard: ({ context, event }) =>
            event.output.ok &&
            context.preselect !== null &&
            refundable(event.output.value).includes(context.preselect),
          target: 'evaluating',
          actions: assign(({ context, event }) => ({
            order: event.output.ok ? event.output.value : null,
            selected: context.preselect !== null ? [context.preselect] : [],
            method: null,
            approver: null,
            plan: null,
          })),
        },
        {
          // Found by receipt or name: the cashier picks the tickets (partial refunds).
          guard: succeeded,
          target: 'reviewing',
          actions: assign(({ event }) => ({
            order: event.output.ok ? event.output.value : null,
            selected: [],
            method: null,
            approver: null,
            plan: null,
          })),
        },
        {
          target: 'finding',
          actions: assign({ error: refusalIn }),
        },
      ],
      onError: { target: 'finding', actions: assign({ error: rejectionIn }) },
    },
  }),
};
