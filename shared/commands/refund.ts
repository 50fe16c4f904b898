import { z } from 'zod';
import type { CatalogIndex } from '../catalog/catalog';
import {
  draft,
  REFUND_REASONS,
  type RefundedTicket,
  type RefundPayload,
} from '../journal/entry-types';
import { describeMoney, sum } from '../money/money';
import { taxBreakdown } from '../money/tax';
import { freeTextSchema } from '../orders/card';
import { uuidV7Schema } from '../orders/ids';
import type { OrderView } from '../orders/order-view';
import { planPayouts, payoutsTotal } from '../orders/payouts';
import { approvalCodeSchema } from '../orders/tenders';
import type { PolicyEvaluation } from '../refund-policy/evaluate';
import { strictAssert } from '../util/assert';
import { err, ok } from '../util/result';
import {
  authorise,
  type Authorisation,
  forbidKioskCash,
  parseInput,
  requireSession,
  requireSameMode,
  requireShift,
  staffRef,
} from './guards';
import type { TerminalSettings } from './settings';
import { planRefund, refundCashRounding, type RefundPlan } from './plan-refund';
import {
  cashCodeRefusal,
  legacyCodeAmount,
  cashCodeInputSchema,
  decideByCashCode,
  type CashCodeStanding,
} from './cash-code-refund';
import { nextReceiptNo, type TerminalState } from './terminal-state';
import {
  approverSchema,
  type Actor,
  type CommandOutput,
  type CommandPorts,
  type CommandResult,
} from './types';

export interface RefundState {
  readonly terminal: TerminalState;
  readonly settings: TerminalSettings;
  /** For performance start times and status (cancelled / postponed). */
  readonly catalog: CatalogIndex;
  /** The order as it stands (projectOrder over its journal entries and scans). */
  readonly order: OrderView;
  /** Offline, refunding another window's sale (see `offlineCapRefusal`). */
  readonly otherWindowOffline?: boolean;
  /** A scanned cash-collection code, verified genuine, with the order's recorded refunds. */
  readonly cashCode?: CashCodeStanding;
}

export const refundInputSchema = z.object({
  orderId: uuidV7Schema,
  ticketIds: z.array(uuidV7Schema).min(1, 'Choose at least one ticket to refund.').max(100),
  method: z.enum(['original_tender', 'cash', 'voucher']),
  reasonCode: z.enum(REFUND_REASONS),
  note: freeTextSchema(500).optional(),
  /** Refund after the last window as an exception: needs the policy's role and a reason. */
  override: z
    .object({
      reason: freeTextSchema(500, 5),
      refundBp: z.number().int().min(1).max(10_000).optional(),
    })
    .optional(),
  /** Approval codes from the card terminal, per original card tender. */
  cardApprovals: z.record(z.string(), approvalCodeSchema).optional(),
  /** The terminal port's referenced-refund payment ids, per original card tender (kiosk). */
  cardRefundPayments: z.record(z.string(), z.uuid()).optional(),
  approver: approverSchema.optional(),
  /** Paying out a cash-collection code the server signed (see cash-code-refund.ts). */
  cashCode: cashCodeInputSchema.optional(),
});

export type RefundInput = z.input<typeof refundInputSchema>;

export interface RefundOutput extends CommandOutput {
  readonly refund: RefundPayload;
  readonly evaluation: PolicyEvaluation;
  /** The decision the refund committed: the same `planRefund` the screen showed. */
  readonly plan: RefundPlan;
}

/**
 * Refunds some or all tickets of an order under the policy snapshotted on them at sale time.
 * The policy decides amounts, fees, methods and who must approve; the money goes back over
 * the order's own tenders and never more than is left on each.
 */
export function refund(
  state: RefundState,
  input: unknown,
  actor: Actor,
  ports: CommandPorts,
): CommandResult<RefundOutput> {
  const parsed = parseInput(refundInputSchema, input);
  if (!parsed.ok) return parsed;
  const session = requireSession(state.terminal, actor);
  if (!session.ok) return session;
  const shift = requireShift(state.terminal);
  if (!shift.ok) return shift;
  const req = parsed.value;
  const { order } = state;
  if (req.orderId !== order.orderId)
    return err('invalid_argument', 'The tickets are from a different order than the one loaded.');
  const mode = requireSameMode(order, shift.value);
  if (!mode.ok) return mode;
  if (req.method === 'cash') {
    const kiosk = forbidKioskCash(actor, 'pay out cash');
    if (!kiosk.ok) return kiosk;
  }

  const nowMs = ports.clock();
  let code = null;
  if (req.cashCode !== undefined) {
    const decided = decideByCashCode(
      state.cashCode,
      { ...req, cashCode: req.cashCode },
      shift.value,
      state.terminal.terminalId,
      nowMs,
    );
    if (!decided.ok) return decided;
    code = decided.value;
  }
  // A code is the server's decision, made by a manager at its issue time: the till plans the
  // refund as of then and with that authority, so the same planRefund gives the same amount.
  // The offline cap does not apply: the server checked the order when it issued the code, and
  // a second payout elsewhere is caught on sync as a reconciliation exception.
  const planned = planRefund(
    {
      order,
      catalog: state.catalog,
      settings: state.settings,
      actorRole: code ? 'manager' : actor.role,
      actorStaffId: actor.staffId,
      nowMs: code ? code.decidedAtMs : nowMs,
      otherWindowOffline: code ? false : (state.otherWindowOffline ?? false),
    },
    {
      ticketIds: req.ticketIds,
      method: req.method,
      override: code ? code.override : req.override,
    },
  );
  if (!planned.ok) return planned;
  const plan = planned.value;
  // A code is paid exactly as signed, or refused in words that say what to do.
  const codeRefusal = code ? cashCodeRefusal(code, plan) : null;
  if (codeRefusal) return codeRefusal;
  if (plan.refusal) return err(plan.refusal.code, plan.refusal.message, plan.refusal.details);

  const at = new Date(nowMs).toISOString();
  const refundId = ports.ids();
  const { override, policy } = plan;
  const evaluation: PolicyEvaluation = plan;
  // The code carries the server manager's approval; otherwise the policy's role decides.
  const auth = code
    ? ok<Authorisation>({})
    : authorise(
        actor,
        req.approver,
        plan.requiredRole,
        {
          action: override ? 'refund_after_deadline' : 'refund',
          subjectId: order.orderId,
          what: `a refund of ${describeMoney(plan.total)}${override ? ' after the deadline' : ''}`,
          reason: override?.reason ?? req.note,
          amount: plan.total,
        },
        ports,
        at,
      );
  if (!auth.ok) return auth;

  const bonus = plan.bonus;
  const payouts = planPayouts(plan.payable, req.method, order.tenders, {
    newId: ports.ids,
    voucherBonus: bonus,
    ...refundCashRounding(order, state.settings),
    cardApprovals: req.cardApprovals,
    cardRefundPayments: req.cardRefundPayments,
  });
  // The payouts are the ones the plan measured (refundPaidOut): a code's amount to the unit.
  strictAssert(
    code === null ||
      payoutsTotal(order.currency, payouts).amount === code.amount.amount ||
      legacyCodeAmount(code, plan),
    'refund: the cash code payout differs from its planned amount',
  );
  const tickets: RefundedTicket[] = evaluation.tickets.map((e, i) => {
    const t = plan.chosen[i]!.ticket;
    return {
      ticketId: t.ticketId,
      performanceId: t.performanceId,
      tierId: t.tierId,
      price: t.price,
      bookingFee: t.bookingFee,
      taxRateBp: t.taxRateBp,
      refundBp: e.refundBp,
      fee: e.fee,
      bookingFeeReturned: e.bookingFeeReturned,
      amount: e.amount,
      retained: e.retained,
    };
  });
  const rounding = sum(
    order.currency,
    payouts.flatMap((p) => (p.kind === 'cash' ? [p.rounding] : [])),
  );
  const payload: RefundPayload = {
    refundId,
    receiptNo: nextReceiptNo(state.terminal),
    orderId: order.orderId,
    shiftId: shift.value.shiftId,
    staff: staffRef(actor),
    ...(auth.value.approvedBy ? { approvedBy: auth.value.approvedBy } : {}),
    reasonCode: req.reasonCode,
    ...(req.note ? { note: req.note } : {}),
    method: req.method,
    ...(override ? { overrideReason: override.reason } : {}),
    policy: { id: policy.id, version: policy.version },
    tickets,
    payouts,
    total: evaluation.total,
    shortfall: plan.shortfall,
    fees: evaluation.fees,
    retained: evaluation.retained,
    bonus,
    rounding,
    taxes: taxBreakdown(tickets.map((t) => ({ gross: t.amount, rateBp: t.taxRateBp }))),
    training: shift.value.training,
    ...(code ? { cashCode: code.ref } : {}),
  };
  return ok({
    refund: payload,
    evaluation,
    plan,
    drafts: [
      ...(auth.value.approvalDraft ? [auth.value.approvalDraft] : []),
      draft('refund', at, payload),
    ],
  });
}

/** Kept where callers have always found it; the one definition is beside `planRefund`. */
export { tenderBalances } from './plan-refund';
