/**
 * The refund flow, UI-agnostic (XState v5).
 *
 * States (snapshot.value):
 *   finding         scan a ticket, type a receipt number or search a customer (FIND)
 *   searching       findOrders actor; one match loads it, several go to choosingOrder
 *   choosingOrder   ORDER.PICK {orderId}
 *   loadingOrder    loadOrder actor (the order as it stands: OrderView). A scanned ticket comes
 *                   preselected and evaluated; otherwise nothing is chosen yet (reviewing with
 *                   no plan), so a refund never covers a ticket the cashier did not pick
 *   evaluating      planRefund actor: the domain's one refund decision for the chosen tickets
 *   reviewing       context.plan: per-ticket amounts, fee, reasons and `summary` (the
 *                   sentence to read out); TICKET.TOGGLE, METHOD.CHOOSE, REASON.SET, CONTINUE
 *   approval        the policy needs a higher role: APPROVAL.SUBMIT {staffId, pin}
 *   verifyingPin    verifyApprover actor (PBKDF2 check with lockout, role, not oneself)
 *   committing      commitRefund actor: domain `refund` + the store's commit path
 *   refreshingOrder loadOrder again, so the screen shows the order as it now stands (refunded
 *                   tickets no longer choosable); a failure here keeps the old view, nothing more
 *   printing        printRefund actor (refund voucher); printFailed: PRINT.RETRY | PRINT.SKIP
 *   done | cancelled  final; output { outcome, refund }
 *
 * Events: FIND {query} · ORDER.PICK {orderId} · TICKET.TOGGLE {ticketId} · METHOD.CHOOSE
 * {method} · REASON.SET {reasonCode, note?} · CARD.APPROVAL {tenderId, approvalCode} (the
 * card terminal's code for a refund to the original card) · CONTINUE · APPROVAL.SUBMIT {staffId, pin} ·
 * APPROVAL.CANCEL · PRINT.RETRY · PRINT.SKIP · BACK · CANCEL.
 * Actors to `.provide()`: findOrders, loadOrder, planRefund, verifyApprover, commitRefund,
 * printRefund.
 */
import { assign } from 'xstate';
import { approvalStates } from './refund-approval-states';
import { commitStates } from './refund-commit-states';
import { findingOrderStates } from './refund-finding-states';
import { refundSetup } from './refund-machine-steps';
import { reviewingStates } from './refund-review-states';

export type * from './refund-types';

export const refundMachine = refundSetup.createMachine({
  id: 'refund',
  context: ({ input }) => ({
    staff: input.staff,
    query: null,
    matches: [],
    orderId: null,
    order: null,
    preselect: null,
    selected: [],
    plan: null,
    method: null,
    reasonCode: 'customer_request',
    note: null,
    cardApprovals: {},
    approver: null,
    forcedApprovalRole: null,
    error: null,
    refund: null,
    print: null,
    printError: null,
    outcome: null,
  }),
  output: ({ context }) => ({ outcome: context.outcome ?? 'cancelled', refund: context.refund }),
  initial: 'finding',
  on: {
    // Listed here, cancel works in every state that does not override it (committing/printing do).
    CANCEL: { target: '.cancelled' },
  },
  states: {
    ...findingOrderStates,
    ...reviewingStates,
    ...approvalStates,
    ...commitStates,
    done: { type: 'final', entry: assign({ outcome: 'completed' }) },
    cancelled: { type: 'final', entry: assign({ outcome: 'cancelled' }) },
  },
});

export type RefundMachine = typeof refundMachine;
