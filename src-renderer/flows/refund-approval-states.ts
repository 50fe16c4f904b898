import { assign } from 'xstate';
import { hasRole } from '../../shared/catalog/roles';
import { approvalMissing, pinEntered, verifyPinInput } from './approval-steps';
import { refusalIn, rejectionIn, succeeded, valueIn } from './flow-types';
import { refundSetup } from './refund-machine-steps';

/**
 * The supervisor's approval when the policy, or the domain at commit, needs a higher role than
 * the cashier's. Entered on every CONTINUE; passes straight through when no approval is needed.
 */
export const approvalStates = {
  approval: refundSetup.createStateConfig({
    // Entered on every CONTINUE: passes straight through when no approval is needed.
    always: {
      guard: ({ context }) =>
        context.forcedApprovalRole === null &&
        context.plan !== null &&
        (hasRole(context.staff.role, context.plan.requiredRole) || context.approver !== null),
      target: 'committing',
    },
    on: {
      'APPROVAL.SUBMIT': [
        {
          guard: ({ event }) => pinEntered(event),
          target: 'verifyingPin',
          actions: 'clearError',
        },
        { actions: assign({ error: approvalMissing('refund') }) },
      ],
      // Back to the decision, saying why the refund did not go through.
      'APPROVAL.CANCEL': {
        target: 'reviewing',
        actions: assign({
          error: ({ context }) => {
            const role = context.forcedApprovalRole ?? context.plan?.requiredRole;
            return {
              code: 'approval_required',
              message: 'Nothing was refunded: this refund needs a supervisor to approve it.',
              ...(role !== undefined ? { details: { requiredRole: role } } : {}),
            };
          },
        }),
      },
    },
  }),
  verifyingPin: refundSetup.createStateConfig({
    invoke: {
      id: 'verifyApprover',
      src: 'verifyApprover',
      input: ({ context, event }) =>
        verifyPinInput(
          event,
          context.forcedApprovalRole ?? context.plan?.requiredRole ?? 'manager',
          context.staff,
        ),
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
