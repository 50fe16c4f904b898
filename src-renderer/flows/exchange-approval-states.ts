import { assign } from 'xstate';
import { approvalMissing, pinEntered, verifyPinInput } from './approval-steps';
import { refusalIn, rejectionIn, succeeded, valueIn } from './flow-types';
import { exchangeSetup } from './exchange-machine-steps';

/** The supervisor's approval when the quote needs a higher role than the cashier's. */
export const approvalStates = {
  approval: exchangeSetup.createStateConfig({
    always: { guard: 'approved', target: 'committing' },
    on: {
      'APPROVAL.SUBMIT': [
        {
          guard: ({ event }) => pinEntered(event),
          target: 'verifyingPin',
          actions: 'clearError',
        },
        { actions: assign({ error: approvalMissing('exchange') }) },
      ],
      'APPROVAL.CANCEL': { target: 'settling', actions: 'clearError' },
    },
  }),
  verifyingPin: exchangeSetup.createStateConfig({
    invoke: {
      id: 'verifyApprover',
      src: 'verifyApprover',
      input: ({ context, event }) =>
        verifyPinInput(event, context.quote?.requiredRole ?? 'manager', context.staff),
      onDone: [
        {
          guard: succeeded,
          target: 'committing',
          actions: assign({ approver: valueIn }),
        },
        {
          target: 'approval',
          actions: assign({ error: refusalIn }),
        },
      ],
      onError: { target: 'approval', actions: assign({ error: rejectionIn }) },
    },
  }),
};
