/**
 * The refund flow, UI-agnostic (XState v5).
 *
 * States (snapshot.value):
 *   finding         scan a ticket, type a receipt number or search a customer (FIND)
 *   searching       findOrders actor; one match loads it, several go to choosingOrder
 *   choosingOrder   ORDER.PICK {orderId}
 *   loadingOrder    loadOrder actor (the order as it stands: OrderView). A scanned ticket comes
 *                   preselected and evaluated; otherwise nothing is chosen yet (reviewing with
 *                   no evaluation), so a refund never covers a ticket the cashier did not pick
 *   evaluating      evaluateRefund actor: the policy decision for the chosen tickets
 *   reviewing       context.evaluation: per-ticket amounts, fee, reasons and `summary` (the
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
 * Actors to `.provide()`: findOrders, loadOrder, evaluateRefund, verifyApprover, commitRefund,
 * printRefund.
 */
import { assign, setup } from 'xstate';
import { hasRole, ROLES, type Role } from '../../shared/catalog/roles';
import type { OrderView } from '../../shared/orders/order-view';
import type { PolicyEvaluation, RefundMethod } from '../../shared/refund-policy/evaluate';
import {
  notProvided,
  rejectionToError,
  type FlowError,
  type FlowResult,
  type PrintOutcome,
  type VerifiedApprover,
  type VerifyPinErrorCode,
  type VerifyPinInput,
} from './flow-types';
import type {
  FindActorResult,
  FindQuery,
  LoadOrderActorResult,
  LoadOrderInput,
} from './order-lookup';
import type { EvaluateRefundErrorCode, EvaluateRefundInput } from './refund-evaluator';
import type {
  CommittedRefund,
  RefundCommitInput,
  RefundContext,
  RefundEvent,
  RefundFlowInput,
  RefundOutput,
  RefundPrintInput,
} from './refund-types';

export type * from './refund-types';

const errorOf = (e: { code: string; message: string; details?: unknown }): FlowError => ({
  code: e.code,
  message: e.message,
  ...(e.details !== undefined ? { details: e.details } : {}),
});

/** The role an `approval_required` refusal names (domain details.requiredRole), else supervisor. */
function roleIn(details: unknown): Role {
  const r =
    typeof details === 'object' && details !== null
      ? (details as { requiredRole?: unknown }).requiredRole
      : undefined;
  return ROLES.find((x) => x === r) ?? 'supervisor';
}

/** Valid tickets: the ones a refund can take. */
const refundable = (order: OrderView): string[] =>
  order.tickets.filter((t) => t.status === 'valid').map((t) => t.ticket.ticketId);

const toggled = ({
  context,
  event,
}: {
  context: RefundContext;
  event: { readonly ticketId: string };
}): string[] =>
  context.selected.includes(event.ticketId)
    ? context.selected.filter((t) => t !== event.ticketId)
    : [...context.selected, event.ticketId];

function methodAvailable(ev: PolicyEvaluation | null, method: RefundMethod | null): boolean {
  return (
    ev !== null && method !== null && ev.methods.some((m) => m.method === method && m.available)
  );
}

export const refundMachine = setup({
  types: {
    context: {} as RefundContext,
    events: {} as RefundEvent,
    input: {} as RefundFlowInput,
    output: {} as RefundOutput,
  },
  actors: {
    findOrders: notProvided<FindActorResult, FindQuery>('findOrders'),
    loadOrder: notProvided<LoadOrderActorResult, LoadOrderInput>('loadOrder'),
    evaluateRefund: notProvided<
      FlowResult<PolicyEvaluation, EvaluateRefundErrorCode>,
      EvaluateRefundInput
    >('evaluateRefund'),
    verifyApprover: notProvided<FlowResult<VerifiedApprover, VerifyPinErrorCode>, VerifyPinInput>(
      'verifyApprover',
    ),
    commitRefund: notProvided<FlowResult<CommittedRefund, string>, RefundCommitInput>(
      'commitRefund',
    ),
    printRefund: notProvided<FlowResult<PrintOutcome, string>, RefundPrintInput>('printRefund'),
  },
  guards: {
    canRefund: ({ context }) =>
      context.selected.length > 0 &&
      context.evaluation !== null &&
      context.evaluation.allRefundable &&
      methodAvailable(context.evaluation, context.method),
    needsApproval: ({ context }) =>
      context.evaluation !== null &&
      !hasRole(context.staff.role, context.evaluation.requiredRole) &&
      context.approver === null,
  },
  actions: {
    clearError: assign({ error: null }),
  },
}).createMachine({
  id: 'refund',
  context: ({ input }) => ({
    staff: input.staff,
    query: null,
    matches: [],
    orderId: null,
    order: null,
    preselect: null,
    selected: [],
    evaluation: null,
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
    finding: {
      on: {
        FIND: {
          target: 'searching',
          actions: assign({ query: ({ event }) => event.query, error: null }),
        },
      },
    },
    searching: {
      invoke: {
        id: 'findOrders',
        src: 'findOrders',
        input: ({ context }) => context.query ?? { kind: 'customer', text: '' },
        onDone: [
          {
            guard: ({ event }) => event.output.ok && event.output.value.length === 1,
            target: 'loadingOrder',
            actions: assign(({ event }) => {
              const m = event.output.ok ? event.output.value[0] : undefined;
              return {
                matches: event.output.ok ? event.output.value : [],
                orderId: m?.orderId ?? null,
                preselect: m?.ticketId ?? null,
              };
            }),
          },
          {
            guard: ({ event }) => event.output.ok && event.output.value.length > 1,
            target: 'choosingOrder',
            actions: assign({
              matches: ({ event }) => (event.output.ok ? event.output.value : []),
            }),
          },
          {
            target: 'finding',
            actions: assign({
              error: ({ event }) =>
                event.output.ok
                  ? {
                      code: 'not_found',
                      message:
                        'No order matches. Check the receipt number or scan the ticket again.',
                    }
                  : errorOf(event.output.error),
            }),
          },
        ],
        onError: {
          target: 'finding',
          actions: assign({ error: ({ event }) => rejectionToError(event.error) }),
        },
      },
    },
    choosingOrder: {
      on: {
        'ORDER.PICK': {
          guard: ({ context, event }) => context.matches.some((m) => m.orderId === event.orderId),
          target: 'loadingOrder',
          actions: assign({ orderId: ({ event }) => event.orderId, preselect: null }),
        },
        BACK: 'finding',
      },
    },
    loadingOrder: {
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
              evaluation: null,
            })),
          },
          {
            // Found by receipt or name: the cashier picks the tickets (partial refunds).
            guard: ({ event }) => event.output.ok,
            target: 'reviewing',
            actions: assign(({ event }) => ({
              order: event.output.ok ? event.output.value : null,
              selected: [],
              method: null,
              approver: null,
              evaluation: null,
            })),
          },
          {
            target: 'finding',
            actions: assign({
              error: ({ event }) => (event.output.ok ? null : errorOf(event.output.error)),
            }),
          },
        ],
        onError: {
          target: 'finding',
          actions: assign({ error: ({ event }) => rejectionToError(event.error) }),
        },
      },
    },
    evaluating: {
      on: {
        // A cashier ticking several boxes quickly: each tick restarts the decision, none is lost.
        'TICKET.TOGGLE': [
          {
            guard: ({ context, event }) =>
              context.selected.length === 1 && context.selected[0] === event.ticketId,
            target: 'reviewing',
            actions: assign({ selected: [], evaluation: null, error: null }),
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
        id: 'evaluateRefund',
        src: 'evaluateRefund',
        input: ({ context }) => ({
          order: context.order,
          ticketIds: context.selected,
          actorRole: context.staff.role,
        }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'reviewing',
            actions: assign(({ context, event }) => {
              if (!event.output.ok) return {};
              const evaluation = event.output.value;
              // Keep the cashier's method if it still works; else offer the first that does.
              const method = methodAvailable(evaluation, context.method)
                ? context.method
                : (evaluation.methods.find((m) => m.available)?.method ?? null);
              return { evaluation, method, approver: null, forcedApprovalRole: null };
            }),
          },
          {
            target: 'reviewing',
            actions: assign({
              evaluation: null,
              error: ({ event }) => (event.output.ok ? null : errorOf(event.output.error)),
            }),
          },
        ],
        onError: {
          target: 'reviewing',
          actions: assign({
            evaluation: null,
            error: ({ event }) => rejectionToError(event.error),
          }),
        },
      },
    },
    reviewing: {
      on: {
        'TICKET.TOGGLE': [
          {
            // The last ticket unticked: no decision to show, and nothing to complain about yet.
            guard: ({ context, event }) =>
              context.selected.length === 1 && context.selected[0] === event.ticketId,
            actions: assign({ selected: [], evaluation: null, error: null }),
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
            guard: ({ context, event }) => methodAvailable(context.evaluation, event.method),
            actions: assign({ method: ({ event }) => event.method, error: null }),
          },
          {
            actions: assign({
              error: ({ context, event }) => {
                const reason = context.evaluation?.methods.find(
                  (m) => m.method === event.method,
                )?.reason;
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
                const ev = context.evaluation;
                if (ev && !ev.allRefundable) return { code: 'not_refundable', message: ev.summary };
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
          actions: assign({ order: null, evaluation: null, selected: [], orderId: null }),
        },
      },
    },
    approval: {
      // Entered on every CONTINUE: passes straight through when no approval is needed.
      always: {
        guard: ({ context }) =>
          context.forcedApprovalRole === null &&
          context.evaluation !== null &&
          (hasRole(context.staff.role, context.evaluation.requiredRole) ||
            context.approver !== null),
        target: 'committing',
      },
      on: {
        'APPROVAL.SUBMIT': [
          {
            guard: ({ event }) => event.pin.trim() !== '' && event.staffId.trim() !== '',
            target: 'verifyingPin',
            actions: 'clearError',
          },
          {
            actions: assign({
              error: {
                code: 'approval_required',
                message: 'A supervisor must enter their PIN to approve this refund.',
              },
            }),
          },
        ],
        // Back to the decision, saying why the refund did not go through.
        'APPROVAL.CANCEL': {
          target: 'reviewing',
          actions: assign({
            error: ({ context }) => {
              const role = context.forcedApprovalRole ?? context.evaluation?.requiredRole;
              return {
                code: 'approval_required',
                message: 'Nothing was refunded: this refund needs a supervisor to approve it.',
                ...(role !== undefined ? { details: { requiredRole: role } } : {}),
              };
            },
          }),
        },
      },
    },
    verifyingPin: {
      invoke: {
        id: 'verifyApprover',
        src: 'verifyApprover',
        input: ({ context, event }) => ({
          staffId: event.type === 'APPROVAL.SUBMIT' ? event.staffId : '',
          pin: event.type === 'APPROVAL.SUBMIT' ? event.pin : '',
          requiredRole: context.forcedApprovalRole ?? context.evaluation?.requiredRole ?? 'manager',
          requestedBy: context.staff,
        }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'committing',
            actions: assign({
              approver: ({ event }) => (event.output.ok ? event.output.value : null),
            }),
          },
          {
            target: 'approval',
            actions: assign({
              error: ({ event }) => (event.output.ok ? null : errorOf(event.output.error)),
            }),
          },
        ],
        onError: {
          target: 'approval',
          actions: assign({ error: ({ event }) => rejectionToError(event.error) }),
        },
      },
    },
    committing: {
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
            guard: ({ event }) => event.output.ok,
            target: 'refreshingOrder',
            actions: assign({
              refund: ({ event }) => (event.output.ok ? event.output.value : null),
              error: null,
            }),
          },
          {
            // The domain enforces approvals too: if it asks, ask for a PIN (again).
            guard: ({ event }) =>
              !event.output.ok && event.output.error.code === 'approval_required',
            target: 'approval',
            actions: assign({
              approver: null,
              forcedApprovalRole: ({ event }) =>
                event.output.ok ? null : roleIn(event.output.error.details),
              error: ({ event }) => (event.output.ok ? null : errorOf(event.output.error)),
            }),
          },
          {
            target: 'reviewing',
            actions: assign({
              approver: null,
              error: ({ event }) => (event.output.ok ? null : errorOf(event.output.error)),
            }),
          },
        ],
        onError: {
          target: 'reviewing',
          actions: assign({ approver: null, error: ({ event }) => rejectionToError(event.error) }),
        },
      },
    },
    refreshingOrder: {
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
    },
    printing: {
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
            guard: ({ event }) => event.output.ok,
            target: 'done',
            actions: assign({
              print: ({ event }) => (event.output.ok ? event.output.value : null),
            }),
          },
          {
            target: 'printFailed',
            actions: assign({
              printError: ({ event }) => (event.output.ok ? null : errorOf(event.output.error)),
            }),
          },
        ],
        onError: {
          target: 'printFailed',
          actions: assign({ printError: ({ event }) => rejectionToError(event.error) }),
        },
      },
    },
    printFailed: {
      on: { CANCEL: {}, 'PRINT.RETRY': 'printing', 'PRINT.SKIP': 'done' },
    },
    done: { type: 'final', entry: assign({ outcome: 'completed' }) },
    cancelled: { type: 'final', entry: assign({ outcome: 'cancelled' }) },
  },
});

export type RefundMachine = typeof refundMachine;
