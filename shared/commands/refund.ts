import { z } from 'zod';
import type { CatalogIndex } from '../catalog/catalog';
import {
  draft,
  REFUND_REASONS,
  type RefundedTicket,
  type RefundPayload,
} from '../journal/entry-types';
import { describeMoney, money, sum, zero } from '../money/money';
import { taxBreakdown } from '../money/tax';
import { freeTextSchema } from '../orders/card';
import { uuidV7Schema } from '../orders/ids';
import type { OrderView, TicketView } from '../orders/order-view';
import { planPayouts } from '../orders/payouts';
import {
  evaluate,
  type PolicyEvaluation,
  type PolicyTicket,
  type TenderBalance,
} from '../refund-policy/evaluate';
import { err, ok } from '../util/result';
import {
  authorise,
  forbidKioskCash,
  parseInput,
  requireSession,
  requireShift,
  staffRef,
} from './guards';
import type { TerminalSettings } from './settings';
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
  cardApprovals: z.record(z.string(), freeTextSchema(12, 2)).optional(),
  approver: approverSchema.optional(),
});

export type RefundInput = z.input<typeof refundInputSchema>;

export interface RefundOutput extends CommandOutput {
  readonly refund: RefundPayload;
  readonly evaluation: PolicyEvaluation;
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
  if (req.method === 'cash') {
    const kiosk = forbidKioskCash(actor, 'pay out cash');
    if (!kiosk.ok) return kiosk;
  }
  if (new Set(req.ticketIds).size !== req.ticketIds.length)
    return err('invalid_argument', 'A ticket is listed twice.');

  const views: TicketView[] = [];
  for (const id of req.ticketIds) {
    const v = order.tickets.find((t) => t.ticket.ticketId === id);
    if (!v) return err('not_found', `Ticket ${id} is not part of this order.`);
    views.push(v);
  }
  const policy = views[0]!.ticket.policy;
  if (
    views.some(
      (v) => v.ticket.policy.id !== policy.id || v.ticket.policy.version !== policy.version,
    )
  ) {
    return err(
      'invalid_argument',
      'These tickets were sold under different refund policies: refund them separately.',
    );
  }
  const policyTickets: PolicyTicket[] = [];
  for (const v of views) {
    const performance = state.catalog.performance(v.ticket.performanceId);
    if (!performance)
      return err('not_found', `Performance ${v.ticket.performanceId} is not in the catalog.`);
    policyTickets.push({
      ticketId: v.ticket.ticketId,
      tierId: v.ticket.tierId,
      price: v.ticket.price,
      bookingFee: v.ticket.bookingFee,
      status: v.status,
      performance: { startsAt: performance.startsAt, status: performance.status },
    });
  }

  const nowMs = ports.clock();
  const evaluation = evaluate(policy, policyTickets, nowMs, {
    tenders: tenderBalances(order),
    override: req.override,
    actorRole: actor.role,
    roundingAllowance: Math.max(0, -order.rounding.amount),
  });
  if (!evaluation.allRefundable) {
    const bad = evaluation.tickets.filter((t) => !t.refundable);
    return err('not_refundable', bad[0]!.reasons[bad[0]!.reasons.length - 1]!.message, {
      tickets: bad.map((t) => ({ ticketId: t.ticketId, reasons: t.reasons.map((r) => r.code) })),
    });
  }
  const option = evaluation.methods.find((m) => m.method === req.method)!;
  if (!option.available) {
    return err(
      'limit_exceeded',
      option.reason?.message ?? `This refund cannot be paid ${req.method}.`,
      { max: option.max },
    );
  }
  // An order whose cash was rounded down at sale holds a few units less than its tickets are
  // worth; a refund then pays back what is there, never more.
  const left = order.tenders.reduce((n, b) => n + b.paid.amount - b.refunded.amount, 0);
  const shortfall = Math.max(0, evaluation.total.amount - left);
  if (shortfall > Math.max(0, -order.rounding.amount)) {
    return err(
      'not_refundable',
      `Only ${describeMoney(money(left, order.currency))} of this order is left to refund.`,
    );
  }

  const at = new Date(nowMs).toISOString();
  const refundId = ports.ids();
  const override = evaluation.reasonRequired ? req.override : undefined;
  const auth = authorise(
    actor,
    req.approver,
    evaluation.requiredRole,
    {
      action: override ? 'refund_after_deadline' : 'refund',
      subjectId: order.orderId,
      what: `a refund of ${describeMoney(evaluation.total)}${override ? ' after the deadline' : ''}`,
      reason: override?.reason ?? req.note,
      amount: evaluation.total,
    },
    ports,
    at,
  );
  if (!auth.ok) return auth;

  const bonus =
    req.method === 'voucher' ? (option.bonus ?? zero(order.currency)) : zero(order.currency);
  const payouts = planPayouts(
    money(evaluation.total.amount - shortfall, order.currency),
    req.method,
    order.tenders,
    {
      newId: ports.ids,
      voucherBonus: bonus,
      cashIncrement: state.settings.cashRoundingIncrement,
      cardApprovals: req.cardApprovals,
    },
  );
  const tickets: RefundedTicket[] = evaluation.tickets.map((e, i) => {
    const t = views[i]!.ticket;
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
    shortfall: money(shortfall, order.currency),
    fees: evaluation.fees,
    retained: evaluation.retained,
    bonus,
    rounding,
    taxes: taxBreakdown(tickets.map((t) => ({ gross: t.amount, rateBp: t.taxRateBp }))),
    training: shift.value.training,
  };
  return ok({
    refund: payload,
    evaluation,
    drafts: [
      ...(auth.value.approvalDraft ? [auth.value.approvalDraft] : []),
      draft('refund', at, payload),
    ],
  });
}

/** Paid and refunded per tender kind, as the policy's method rules look at them. */
export function tenderBalances(order: OrderView): TenderBalance[] {
  const kinds = new Map<TenderBalance['kind'], { paid: number; refunded: number }>();
  for (const b of order.tenders) {
    const k = kinds.get(b.tender.kind) ?? { paid: 0, refunded: 0 };
    k.paid += b.paid.amount;
    k.refunded += b.refunded.amount;
    kinds.set(b.tender.kind, k);
  }
  return [...kinds.entries()].map(([kind, k]) => ({
    kind,
    paid: money(k.paid, order.currency),
    refunded: money(k.refunded, order.currency),
  }));
}
