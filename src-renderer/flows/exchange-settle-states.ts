import { assign } from 'xstate';
import { refusalIn, rejectionIn, succeeded, valueIn } from './flow-types';
import { exchangeSetup } from './exchange-machine-steps';
import { tenderInputSchema } from '../../shared/orders/tenders';
import { addTender, cartItems, removeTender } from './sell-cart';

/**
 * Pricing the exchange (credit, new total, fee, difference) and settling the difference: a
 * payment to collect, money going back as the policy says, or nothing.
 */
export const settlingStates = {
  quoting: exchangeSetup.createStateConfig({
    invoke: {
      id: 'quoteExchange',
      src: 'quoteExchange',
      input: ({ context }) => ({
        order: context.order,
        returnTicketIds: context.selected,
        items: cartItems(context),
        actorRole: context.staff.role,
        cartId: context.cartId,
      }),
      onDone: [
        {
          guard: succeeded,
          target: 'settling',
          actions: assign({
            quote: valueIn,
            tenders: [],
            approver: null,
          }),
        },
        {
          target: 'choosingReplacement.idle',
          actions: assign({ error: refusalIn }),
        },
      ],
      onError: { target: 'choosingReplacement.idle', actions: assign({ error: rejectionIn }) },
    },
  }),
  settling: exchangeSetup.createStateConfig({
    on: {
      'TENDER.ADD': [
        {
          guard: ({ context, event }) =>
            context.quote?.settlement === 'collect' &&
            tenderInputSchema.safeParse(event.tender).success,
          actions: assign({
            tenders: ({ context, event }) => addTender(context.tenders, event.tender),
            error: null,
          }),
        },
        {
          actions: assign({
            error: { code: 'invalid_argument', message: 'Check the payment details.' },
          }),
        },
      ],
      'TENDER.CASH': {
        guard: ({ context, event }) =>
          context.quote?.settlement === 'collect' && event.tendered.amount > 0,
        actions: assign({
          tenders: ({ context, event }) =>
            addTender(context.tenders, { kind: 'cash', tendered: event.tendered }),
          error: null,
        }),
      },
      'TENDER.REMOVE': {
        actions: assign({
          tenders: ({ context, event }) => removeTender(context.tenders, event.index),
        }),
      },
      CONFIRM: [
        { guard: 'settled', target: 'approval', actions: 'clearError' },
        {
          actions: assign({
            error: { code: 'not_settled', message: 'Settle the difference first.' },
          }),
        },
      ],
      BACK: { target: 'choosingReplacement.idle', actions: assign({ quote: null, tenders: [] }) },
    },
  }),
};
