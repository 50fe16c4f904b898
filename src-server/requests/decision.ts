import type { CatalogIndex } from '../../shared/catalog/catalog';
import type { Role } from '../../shared/catalog/roles';
import { planRefund, refundPaidOut, type RefundPlan } from '../../shared/commands/plan-refund';
import type { OrderView } from '../../shared/orders/order-view';
import { sum } from '../../shared/money/money';
import type { RefundMethod } from '../../shared/refund-policy/evaluate';
import type { Decision } from '../../shared/requests/contract';
import { err, ok, type Result } from '../../shared/util/result';

/**
 * A customer's request decided by THE refund rule (`planRefund`, shared with the tills): the
 * customer acts with a self-service terminal's authority (`kiosk`: within policy and the
 * limits a cashier has, never an approval). Approved at once only when the policy refunds
 * every ticket, nobody's approval is needed and the money can go back without a person —
 * to the card it was paid with, or as a credit voucher. Everything else goes to a person.
 */
export type PaidBy = 'card' | 'cash' | 'voucher' | 'mixed';

export function paidByOf(order: OrderView): PaidBy {
  const kinds = new Set(order.tenders.map((t) => t.tender.kind));
  if (kinds.size !== 1) return 'mixed';
  return [...kinds][0]!;
}

/** What the customer asks: original payment or a voucher. A cash purchase's "original" is cash. */
export function methodFor(order: OrderView, asked: 'original_tender' | 'voucher'): RefundMethod {
  return asked === 'original_tender' && paidByOf(order) === 'cash' ? 'cash' : asked;
}

export interface RequestDecision {
  readonly plan: RefundPlan;
  readonly decision: Decision;
}

export interface DecideInput {
  readonly order: OrderView;
  readonly catalog: CatalogIndex;
  readonly ticketIds: readonly string[];
  readonly asked: 'original_tender' | 'voucher';
  readonly nowMs: number;
  /** `kiosk` for the customer; the manager's role when a manager approves after review. */
  readonly actorRole?: Role;
  readonly actorId?: string;
  /** A manager's approval of a request outside the windows: the policy's own override. */
  readonly override?: { readonly reason: string; readonly refundBp?: number };
}

export function decideRequest(
  input: DecideInput,
): Result<RequestDecision, 'not_found' | 'invalid_argument'> {
  const method = methodFor(input.order, input.asked);
  const planned = planRefund(
    {
      order: input.order,
      catalog: input.catalog,
      // The server holds no till's settings: no own-sale rule (nobody on staff sold it to
      // the customer here) and no offline cap (the server is the online view). Cash goes out
      // in the venue's coins, as at every till (till.ts takes the same from the venue).
      settings: cashRoundingOf(input.catalog),
      actorRole: input.actorRole ?? 'kiosk',
      actorStaffId: input.actorId ?? 'customer-service',
      nowMs: input.nowMs,
    },
    {
      ticketIds: input.ticketIds,
      method,
      ...(input.override ? { override: input.override } : {}),
    },
  );
  if (!planned.ok) return err(planned.error.code, planned.error.message);
  const plan = planned.value;
  const paidBy = paidByOf(input.order);
  // The provider refunds one card payment per request: an order paid with two cards (or a
  // mix of tenders) is paid back at the box office, where the till splits it over the tenders.
  const oneCard = paidBy === 'card' && input.order.tenders.length === 1;
  const atBoxOffice = method === 'cash' || (method === 'original_tender' && !oneCard);
  const noPerson = (method === 'original_tender' && oneCard) || method === 'voucher';
  const codes: string[] = plan.reasons.map((r) => r.code);
  if (plan.refusal) codes.push(`refusal:${plan.refusal.code}`);
  if (plan.approvalNeeded) codes.push('approval_needed');
  if (method === 'cash') codes.push('cash_purchase');
  if (atBoxOffice && method !== 'cash') codes.push('paid_back_at_box_office');
  const withinPolicy =
    plan.refusal === null && plan.anyRefundable && refundPaidOut(plan, method) !== null;
  const outcome: Decision['outcome'] =
    withinPolicy && !plan.approvalNeeded && noPerson
      ? 'approved'
      : !plan.anyRefundable && plan.overrideOffer === null
        ? 'refused'
        : 'review';
  return ok({
    plan,
    decision: {
      outcome,
      // What the customer is paid (signed into a cash code): the till's own measure.
      amount: refundPaidOut(plan, method) ?? plan.payable,
      asked: sum(
        input.order.currency,
        plan.chosen.flatMap((t) => [t.ticket.price, t.ticket.bookingFee]),
      ),
      fees: plan.fees,
      retained: plan.retained,
      method,
      collectAtBoxOffice: atBoxOffice,
      codes: [...new Set(codes)],
      summary: plan.summary,
    },
  });
}

/** The venue's smallest coin from its catalog: cash refunds are rounded down to it. */
function cashRoundingOf(catalog: CatalogIndex): { cashRoundingIncrement?: number } {
  const increment = catalog.venue.cashRoundingIncrement;
  return increment !== undefined ? { cashRoundingIncrement: increment } : {};
}
