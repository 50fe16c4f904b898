import { assign } from 'xstate';
import { refusalIn, rejectionIn, succeeded, valueIn } from './flow-types';
import { refundSetup, roleIn } from './refund-machine-steps';

/**
 * Committing the refund, showing the order as it now stands and printing the voucher. From
 * `committing` on, CANCEL is ignored: the money has moved or is moving.
 */
export const commitStates = {
  committing: refundSetup.createStateConfig({
    on: { CANCEL: {} },
    invoke: {
      id: 'commitRefund',
      src: 'commitRefund',
      input: ({ context }) => ({
        staff: context.staff,
        refund: {
          orderId: context.order?.orderId ?? '',
          ticketIds: context.selected,
          method: context.method ?? 'voucher',
          reasonCode: context.reasonCode,
          ...(context.note !== null ? { note: context.note } : {}),
          ...(Object.keys(context.cardApprovals).length > 0
            ? { cardApprovals: context.cardApprovals }
            : {}),
          ...(context.approver !== null ? { approver: context.approver } : {}),
        },
      }),
      onDone: [
        {
          guard: succeeded,
          target: 'refreshingOrder',
          actions: assign({ refund: valueIn, error: null }),
        },
        {
          // The domain enforces approvals too: if it asks, ask for a PIN (again).
          guard: ({ event }) => !event.output.ok && event.output.error.code === 'approval_required',
          target: 'approval',
          actions: assign({
            approver: null,
            forcedApprovalRole: ({ event }) =>
              event.output.ok ? null : roleIn(event.output.error.details),
            error: refusalIn,
          }),
        },
        {
          target: 'reviewing',
          actions: assign({ approver: null, error: refusalIn }),
        },
      ],
      onError: { target: 'reviewing', actions: assign({ approver: null, error: rejectionIn }) },
    },
  }),
  refreshingOrder: refundSetup.createStateConfig({
    on: { CANCEL: {} },
    invoke: {
      id: 'reloadOrder',
      src: 'loadOrder',
      input: ({ context }) => ({ orderId: context.order?.orderId ?? '' }),
      onDone: {
        target: 'printing',
        actions: assign(({ context, event }) => ({
          order: event.output.ok ? event.output.value : context.order,
          selected: [],
        })),
      },
      // The refund is committed whatever happens here: only the view stays as it was.
      onError: { target: 'printing' },
    },
  }),
  printing: refundSetup.createStateConfig({
    on: { CANCEL: {} },
    invoke: {
      id: 'printRefund',
      src: 'printRefund',
      input: ({ context }) => ({
        orderId: context.order?.orderId ?? '',
        refund: context.refund ?? {
          refundId: '',
          receiptNo: 0,
          total: { amount: 0, currency: 'UAH' },
          method: 'voucher',
        },
      }),
      onDone: [
        {
          guard: succeeded,
          target: 'done',
          actions: assign({ print: valueIn }),
        },
        {
          target: 'printFailed',
          actions: assign({ printError: refusalIn }),
        },
      ],
      onError: { target: 'printFailed', actions: assign({ printError: rejectionIn }) },
    },
  }),
  printFailed: refundSetup.createStateConfig({
    on: { CANCEL: {}, 'PRINT.RETRY': 'printing', 'PRINT.SKIP': 'done' },
  }),
};
