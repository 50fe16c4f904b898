import { assign } from 'xstate';
import { tenderInputSchema } from '../../shared/orders/tenders';
import { refusalIn, rejectionIn, succeeded, valueIn } from './flow-types';
import { addTender, quoteInput, removeTender } from './sell-cart';
import { cartOpen, sellSetup } from './sell-machine-steps';
import { tenderSummary } from './tender-math';

/**
 * Checkout: pricing the cart, taking the payment and the last look before the sale is
 * committed. A refused quote goes back to the cart with the reason on screen.
 */
export const checkoutStates = {
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
