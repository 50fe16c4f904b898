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
import { refusalIn, rejectionIn, succeeded, valueIn } from '../flow-types';
import type { OrderFoundEvent } from '../order-lookup';
import { firstMatch, matchesIn, oneMatch, searchFailure, severalMatches } from '../order-lookup';
import {
  OVERRIDE_REASON_MIN,
  refundable,
  refundSetup,
  methodAvailable,
  toggled,
} from './refund-steps';
import { approvalAskedIn, approvalMissing, pinEntered, verifyPinInput } from '../approval-steps';

/** The context an order found by a scan opens with: nothing chosen, nothing evaluated yet. */
const openedByScan = (event: OrderFoundEvent) => ({
  matches: [event.match],
  orderId: event.order.orderId,
  order: event.order,
  preselect: event.ticketId,
  selected: [],
  method: null,
  methodPicked: false,
  approver: null,
  evaluation: null,
  error: null,
});

/**
 * Finding the order to refund: a scanned ticket, a receipt number or a customer search, then the
 * order as it stands. A scanned ticket arrives chosen and evaluated; otherwise nothing is chosen,
 * so a refund never covers a ticket the cashier did not pick.
 */
const findingOrderStates = {
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
            methodPicked: false,
            approver: null,
            approvalBinding: null,
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
            methodPicked: false,
            approver: null,
            approvalBinding: null,
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

/**
 * Choosing what to refund and how: each ticket ticked or unticked asks the refund policy again
 * (`evaluating`, the domain's `planRefund`), and `reviewing` shows its decision, the method, the reason and the card
 * terminal's approval codes until CONTINUE.
 */
const reviewingStates = {
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
        actorStaffId: context.staff.staffId,
        ...(context.override !== null ? { override: context.override } : {}),
      }),
      onDone: [
        {
          guard: succeeded,
          target: 'reviewing',
          actions: assign(({ context, event }) => {
            if (!event.output.ok) return {};
            const plan = event.output.value;
            // Keep the method the cashier picked if it still works; a method the screen chose
            // for her (the only one left a moment ago) gives way to the plan's first choice
            // again — else a voucher forced by one ticket stays on after it is unticked.
            const method =
              context.methodPicked && methodAvailable(plan, context.method)
                ? context.method
                : (plan.methods.find((m) => m.available)?.method ?? null);
            return { plan, method, approver: null, approvalBinding: null };
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
          actions: assign({ method: ({ event }) => event.method, methodPicked: true, error: null }),
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
      // The exception the plan offers (plan.overrideOffer): asked again with the reason given,
      // so the decision shown is the one the commit makes (and the approval it needs).
      'OVERRIDE.SET': {
        guard: ({ context, event }) =>
          context.selected.length > 0 &&
          ((context.plan?.overrideOffer ?? null) !== null || context.override !== null) &&
          event.reason.trim().length >= OVERRIDE_REASON_MIN,
        target: 'evaluating',
        actions: assign({
          override: ({ event }) => ({ reason: event.reason.trim() }),
          error: null,
        }),
      },
      'OVERRIDE.CLEAR': {
        guard: ({ context }) => context.override !== null && context.selected.length > 0,
        target: 'evaluating',
        actions: assign({ override: null, error: null }),
      },
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

/**
 * The supervisor's approval when the policy, or the domain at commit, needs a higher role than
 * the cashier's. Entered on every CONTINUE; passes straight through when no approval is needed.
 */
const approvalStates = {
  approval: refundSetup.createStateConfig({
    // Entered on every CONTINUE: the commit is tried first, and only the binding the domain
    // then asks an approval for (approvalBinding) opens the PIN dialog, so main's token is
    // issued for exactly what the commit will journal.
    always: {
      guard: ({ context }) =>
        context.plan !== null && (context.approvalBinding === null || context.approver !== null),
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
            const role = context.approvalBinding?.requiredRole ?? context.plan?.requiredRole;
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
      input: ({ context, event }) => verifyPinInput(event, context.approvalBinding),
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

/**
 * Committing the refund, showing the order as it now stands and printing the voucher. From
 * `committing` on, CANCEL is ignored: the money has moved or is moving.
 */
const commitStates = {
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
          ...(context.override !== null ? { override: context.override } : {}),
        },
      }),
      onDone: [
        {
          guard: succeeded,
          target: 'refreshingOrder',
          actions: assign({ refund: valueIn, error: null }),
        },
        {
          // The domain asks for an approval: ask an approver's PIN for what it names.
          guard: ({ event }) => approvalAskedIn(event.output) !== null,
          target: 'approval',
          actions: assign({
            approver: null,
            approvalBinding: ({ event }) => approvalAskedIn(event.output),
            error: null,
          }),
        },
        {
          target: 'reviewing',
          actions: assign({ approver: null, approvalBinding: null, error: refusalIn }),
        },
      ],
      onError: {
        target: 'reviewing',
        actions: assign({ approver: null, approvalBinding: null, error: rejectionIn }),
      },
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
    methodPicked: false,
    reasonCode: 'customer_request',
    note: null,
    cardApprovals: {},
    override: null,
    approver: null,
    approvalBinding: null,
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
