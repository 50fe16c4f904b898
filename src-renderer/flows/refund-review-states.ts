import { assign } from 'xstate';
import { refusalIn, rejectionIn, succeeded } from './flow-types';
import { methodAvailable, refundable, refundSetup, toggled } from './refund-machine-steps';

/**
 * Choosing what to refund and how: each ticket ticked or unticked asks the refund policy again
 * (`evaluating`, the domain's `planRefund`), and `reviewing` shows its decision, the method, the reason and the card
 * terminal's approval codes until CONTINUE.
 */
export const reviewingStates = {
  evaluating: refundSetup.createStateConfig({
    on: {
      // A cashier ticking several boxes quickly: each tick restarts the decision, none is lost.
      'TICKET.TOGGLE': [
        {
          guard: ({ context, event }) =>
            context.selected.length === 1 && context.selected[0] === event.ticketId,
          target: 'reviewing',
          actions: assign({ selected: [], plan: null, error: null }),
        },
        {
          guard: ({ context, event }) =>
            context.order !== null && refundable(context.order).includes(event.ticketId),
          target: 'evaluating',
          reenter: true,
          actions: assign({ selected: toggled, error: null }),
        },
      ],
    },
    invoke: {
      id: 'planRefund',
      src: 'planRefund',
      input: ({ context }) => ({
        order: context.order,
        ticketIds: context.selected,
        actorRole: context.staff.role,
      }),
      onDone: [
        {
          guard: succeeded,
          target: 'reviewing',
          actions: assign(({ context, event }) => {
            if (!event.output.ok) return {};
            const plan = event.output.value;
            // Keep the cashier's method if it still works; else offer the first that does.
            const method = methodAvailable(plan, context.method)
              ? context.method
              : (plan.methods.find((m) => m.available)?.method ?? null);
            return { plan, method, approver: null, forcedApprovalRole: null };
          }),
        },
        {
          target: 'reviewing',
          actions: assign({ plan: null, error: refusalIn }),
        },
      ],
      onError: {
        target: 'reviewing',
        actions: assign({ plan: null, error: rejectionIn }),
      },
    },
  }),
  reviewing: refundSetup.createStateConfig({
    on: {
      'TICKET.TOGGLE': [
        {
          // The last ticket unticked: no decision to show, and nothing to complain about yet.
          guard: ({ context, event }) =>
            context.selected.length === 1 && context.selected[0] === event.ticketId,
          actions: assign({ selected: [], plan: null, error: null }),
        },
        {
          guard: ({ context, event }) =>
            context.order !== null && refundable(context.order).includes(event.ticketId),
          target: 'evaluating',
          actions: assign({ selected: toggled, error: null }),
        },
      ],
      'METHOD.CHOOSE': [
        {
          guard: ({ context, event }) => methodAvailable(context.plan, event.method),
          actions: assign({ method: ({ event }) => event.method, error: null }),
        },
        {
          actions: assign({
            error: ({ context, event }) => {
              const reason = context.plan?.methods.find((m) => m.method === event.method)?.reason;
              return {
                code: 'method_not_allowed',
                message: reason?.message ?? 'The policy does not allow this refund method.',
              };
            },
          }),
        },
      ],
      'CARD.APPROVAL': {
        actions: assign({
          cardApprovals: ({ context, event }) => ({
            ...context.cardApprovals,
            [event.tenderId]: event.approvalCode.trim(),
          }),
        }),
      },
      'REASON.SET': {
        actions: assign({
          reasonCode: ({ event }) => event.reasonCode,
          note: ({ event }) => event.note ?? null,
        }),
      },
      CONTINUE: [
        { guard: 'canRefund', target: 'approval', reenter: true },
        {
          actions: assign({
            error: ({ context }) => {
              if (context.selected.length === 0)
                return {
                  code: 'nothing_selected',
                  message: 'Choose at least one ticket to refund.',
                };
              const refusal = context.plan?.refusal;
              if (refusal) return { code: refusal.code, message: refusal.message };
              return {
                code: 'method_not_allowed',
                message: 'Choose a refund method the policy allows.',
              };
            },
          }),
        },
      ],
      BACK: {
        target: 'finding',
        actions: assign({ order: null, plan: null, selected: [], orderId: null }),
      },
    },
  }),
};
