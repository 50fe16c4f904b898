import type { CatalogIndex } from '../catalog/catalog';
import { hasRole, higherRole, type Role } from '../catalog/roles';
import { describeMoney, money, zero, type Money } from '../money/money';
import type { OrderView, TicketView } from '../orders/order-view';
import { planPayouts, type PayoutOptions } from '../orders/payouts';
import {
  evaluate,
  type MethodOption,
  type PolicyEvaluation,
  type PolicyTicket,
  type RefundMethod,
  type TenderBalance,
} from '../refund-policy/evaluate';
import type { RefundPolicy } from '../refund-policy/policy-schema';
import { err, ok, type Err, type Result } from '../util/result';
import type { TerminalSettings } from './settings';
import type { CommandErrorCode } from './types';

/** What a refund is asked for: the chosen tickets and, once the cashier has picked them, how. */
export interface RefundRequest {
  readonly ticketIds: readonly string[];
  /** Absent while the cashier is still choosing: the plan then judges every method. */
  readonly method?: RefundMethod | undefined;
  /** Refund after the last window as an exception (needs the policy's role and a reason). */
  readonly override?: { readonly reason: string; readonly refundBp?: number | undefined };
}

export interface RefundPlanContext {
  readonly order: OrderView;
  /** For performance start times and status (cancelled / postponed). */
  readonly catalog: CatalogIndex;
  readonly settings: Pick<
    TerminalSettings,
    'cashRoundingIncrement' | 'ownSaleRefundApprovalAbove' | 'offlineRefundOfOtherWindowsUpTo'
  >;
  /**
   * This window cannot reach the server and another window sold the order: it cannot know
   * whether the ticket was refunded there meanwhile, so the venue's offline cap applies.
   */
  readonly otherWindowOffline?: boolean;
  readonly actorRole: Role;
  /** Who refunds: a cashier refunding her own sale above the venue's amount needs a second person. */
  readonly actorStaffId: string;
  /** The clock reading the decision is made at (epoch ms). */
  readonly nowMs: number;
}

/** One way to pay the refund out, as the commit would do it. */
export interface PlannedMethod extends MethodOption {
  /**
   * What the customer receives this way: the order's tenders can give back `payable`; cash
   * payouts round down to the smallest coin; a voucher adds its bonus.
   */
  readonly paidOut: Money;
}

/** Why the commit would refuse this refund, in the command's own error code and words. */
export type RefundRefusal = Err<'not_refundable' | 'limit_exceeded'>['error'];

/**
 * Everything a refund of these tickets will do, decided once: the policy evaluation (with the
 * cash-rounding allowance), which methods can pay it, what each pays out, the shortfall the
 * tenders cannot cover, who must approve, and — when the commit would refuse — why.
 */
export interface RefundPlan extends PolicyEvaluation {
  readonly policy: RefundPolicy;
  /** The chosen tickets, in the order asked for. */
  readonly chosen: readonly TicketView[];
  readonly methods: readonly PlannedMethod[];
  /** Left to give back on the order's tenders. */
  readonly left: Money;
  /** total − what the tenders hold, when cash was rounded down at sale (≤ the allowance). */
  readonly shortfall: Money;
  /** total − shortfall: what leaves the till (before cash payouts round down). */
  readonly payable: Money;
  /** Minor units the sale's cash rounding took off: a refund may fall short by this much. */
  readonly roundingAllowance: number;
  /** The actor's role is below `requiredRole`: someone must approve. */
  readonly approvalNeeded: boolean;
  /**
   * The actor sold this order and the refund is above the venue's own-sale amount: a second
   * person (a supervisor or above) must approve, whatever the policy allows a cashier.
   */
  readonly ownSale: boolean;
  /** The override that stands: only when the policy needed one for these tickets. */
  readonly override: RefundRequest['override'] | undefined;
  readonly method: RefundMethod | null;
  /** The voucher bonus when the chosen method is a voucher, else zero. */
  readonly bonus: Money;
  /** Null: the commit goes ahead (approval aside). */
  readonly refusal: RefundRefusal | null;
  /**
   * The exception the policy allows for these tickets when they are refused only because the
   * last refund window has closed (or the performance has started): who may give it and up to
   * what share. Null when no override is asked for is possible (non-refundable tier, used
   * ticket, a policy without `afterDeadline`) or one is already applied.
   */
  readonly overrideOffer: { readonly role: Role; readonly maxRefundBp: number } | null;
}

/**
 * What the customer is paid for the plan's tickets by `method`: what the order's tenders give
 * back (`payable`), cash rounded down to the venue's smallest coin, a voucher with its bonus —
 * exactly what the commit's payouts hand over. Null when `method` cannot pay this refund.
 * The one measure of a refund's amount: the server decides (and signs into a cash code) this
 * figure, and the till pays a code only when its own plan comes to the same.
 */
export function refundPaidOut(plan: RefundPlan, method: RefundMethod): Money | null {
  const option = plan.methods.find((m) => m.method === method);
  return option?.available === true ? option.paidOut : null;
}

/** Reasons an after-deadline override can lift (see the policy's `approvals.afterDeadline`). */
const DEADLINE_REASONS: ReadonlySet<string> = new Set(['window_closed', 'performance_started']);

export type RefundPlanErrorCode = Extract<CommandErrorCode, 'not_found' | 'invalid_argument'>;

/**
 * The one refund decision. The `refund` command commits exactly this plan; the refund screen
 * shows it before anything is committed; a scan verdict may ask it too. Pure: the order, the
 * catalog, the settings and the clock reading come in, nothing is read from elsewhere.
 */
export function planRefund(
  ctx: RefundPlanContext,
  req: RefundRequest,
): Result<RefundPlan, RefundPlanErrorCode> {
  const { order } = ctx;
  if (req.ticketIds.length === 0)
    return err('invalid_argument', 'Choose at least one ticket to refund.');
  if (new Set(req.ticketIds).size !== req.ticketIds.length)
    return err('invalid_argument', 'A ticket is listed twice.');
  const chosen: TicketView[] = [];
  for (const id of req.ticketIds) {
    const v = order.tickets.find((t) => t.ticket.ticketId === id);
    if (!v) return err('not_found', `Ticket ${id} is not part of this order.`);
    chosen.push(v);
  }
  const policy = chosen[0]!.ticket.policy;
  if (
    chosen.some(
      (v) => v.ticket.policy.id !== policy.id || v.ticket.policy.version !== policy.version,
    )
  ) {
    return err(
      'invalid_argument',
      'These tickets were sold under different refund policies: refund them separately.',
    );
  }
  const policyTickets: PolicyTicket[] = [];
  for (const v of chosen) {
    const performance = ctx.catalog.performance(v.ticket.performanceId);
    if (!performance)
      return err('not_found', `Performance ${v.ticket.performanceId} is not in the catalog.`);
    policyTickets.push({
      ticketId: v.ticket.ticketId,
      tierId: v.ticket.tierId,
      price: v.ticket.price,
      bookingFee: v.ticket.bookingFee,
      status: v.status,
      performance: { startsAt: performance.startsAt, status: performance.status },
      ...(v.refundedOnline ? { refundedOnline: v.refundedOnline } : {}),
    });
  }

  const currency = order.currency;
  const roundingAllowance = Math.max(0, -order.rounding.amount);
  const evaluation = evaluate(policy, policyTickets, ctx.nowMs, {
    tenders: tenderBalances(order),
    override: req.override,
    actorRole: ctx.actorRole,
    roundingAllowance,
  });
  // An order whose cash was rounded down at sale holds a few units less than its tickets are
  // worth; a refund then pays back what is there, never more.
  const leftUnits = order.tenders.reduce((n, b) => n + b.paid.amount - b.refunded.amount, 0);
  const shortfallUnits = Math.max(0, evaluation.total.amount - leftUnits);
  const exhausted = shortfallUnits > roundingAllowance;
  const payable = money(evaluation.total.amount - shortfallUnits, currency);
  const left = money(leftUnits, currency);
  const exhaustedRefusal: RefundRefusal = {
    code: 'not_refundable',
    message: `Only ${describeMoney(left)} of this order is left to refund.`,
  };

  const methods = evaluation.methods.map((m): PlannedMethod => ({
    ...m,
    // The tenders cannot cover the total: no method can, whatever the policy allows.
    available: m.available && !exhausted,
    paidOut: m.available && !exhausted ? paidOut(m, payable, order, ctx.settings) : zero(currency),
  }));
  const method = req.method ?? null;
  const option = method === null ? undefined : evaluation.methods.find((m) => m.method === method);
  const refusal =
    refusalOf(evaluation, option, method, exhausted ? exhaustedRefusal : null) ??
    offlineCapRefusal(ctx, evaluation.total);
  const ownSale = ownSaleNeedsSecondPerson(ctx, evaluation.total);
  const requiredRole = ownSale
    ? higherRole(evaluation.requiredRole, 'supervisor')
    : evaluation.requiredRole;

  return ok({
    ...evaluation,
    policy,
    chosen,
    methods,
    left,
    shortfall: money(shortfallUnits, currency),
    payable,
    roundingAllowance,
    requiredRole,
    approvalNeeded: evaluation.anyRefundable && !hasRole(ctx.actorRole, requiredRole),
    ownSale,
    override: evaluation.reasonRequired ? req.override : undefined,
    method,
    bonus: method === 'voucher' ? (option?.bonus ?? zero(currency)) : zero(currency),
    refusal,
    overrideOffer: overrideOfferFor(policy, evaluation, req),
  });
}

/**
 * The override the policy offers: every refused ticket is refused for its deadline alone, and
 * the policy names who may refund after it. One function, so the screen never guesses.
 */
function overrideOfferFor(
  policy: RefundPolicy,
  evaluation: PolicyEvaluation,
  req: RefundRequest,
): RefundPlan['overrideOffer'] {
  const after = policy.approvals.afterDeadline;
  if (after === null || req.override !== undefined || evaluation.allRefundable) return null;
  const refused = evaluation.tickets.filter((t) => !t.refundable);
  const lifted = refused.every(
    (t) => t.reasons.length > 0 && t.reasons.every((r) => DEADLINE_REASONS.has(r.code)),
  );
  return lifted && after.maxRefundBp > 0
    ? { role: after.role, maxRefundBp: after.maxRefundBp }
    : null;
}

/**
 * The own-sale rule: refunding a sale you sold yourself, above the venue's amount, takes a
 * second person. One function, so the refund screen's plan and the commit's agree.
 */
function ownSaleNeedsSecondPerson(ctx: RefundPlanContext, total: Money): boolean {
  const above = ctx.settings.ownSaleRefundApprovalAbove;
  return (
    above !== undefined &&
    ctx.order.sale.staff.staffId === ctx.actorStaffId &&
    total.amount > above.amount
  );
}

/**
 * The offline cap (issue 12): a window cut off from the server refunds another window's sale
 * only up to the venue's amount. One function, so the screen's plan and the commit's agree.
 */
export function offlineCapRefusal(
  ctx: Pick<RefundPlanContext, 'settings' | 'otherWindowOffline'>,
  total: Money,
): RefundRefusal | null {
  const cap = ctx.settings.offlineRefundOfOtherWindowsUpTo;
  if (ctx.otherWindowOffline !== true || cap === undefined || total.amount <= cap.amount) {
    return null;
  }
  return {
    code: 'limit_exceeded',
    message:
      cap.amount === 0
        ? 'This till is offline and this ticket was sold at another window: refund it when the till is back online.'
        : `This till is offline and this ticket was sold at another window: offline refunds of other windows' sales go up to ${describeMoney(cap)}. Refund it when the till is back online.`,
    details: { max: cap, offline: true },
  };
}

/** The command's checks in the command's order: tickets, then the method, then the tenders. */
function refusalOf(
  evaluation: PolicyEvaluation,
  option: MethodOption | undefined,
  method: RefundMethod | null,
  exhausted: RefundRefusal | null,
): RefundRefusal | null {
  if (!evaluation.allRefundable) {
    const bad = evaluation.tickets.filter((t) => !t.refundable);
    const last = bad[0]?.reasons[bad[0].reasons.length - 1];
    return {
      code: 'not_refundable',
      message: last?.message ?? evaluation.summary,
      details: {
        tickets: bad.map((t) => ({ ticketId: t.ticketId, reasons: t.reasons.map((r) => r.code) })),
      },
    };
  }
  if (method !== null && option !== undefined && !option.available) {
    return {
      code: 'limit_exceeded',
      message: option.reason?.message ?? `This refund cannot be paid ${method}.`,
      details: { max: option.max },
    };
  }
  return exhausted;
}

/**
 * What the customer receives by `m`, worked out by the same payout planner the commit runs.
 * The planner names new vouchers with ids; the preview only needs amounts, so a throwaway
 * id source stands in for the real one here.
 */
function paidOut(
  m: MethodOption,
  payable: Money,
  order: OrderView,
  settings: RefundPlanContext['settings'],
): Money {
  const bonus =
    m.method === 'voucher' ? (m.bonus ?? zero(payable.currency)) : zero(payable.currency);
  const payouts = planPayouts(payable, m.method, order.tenders, {
    newId: () => 'preview',
    voucherBonus: bonus,
    ...refundCashRounding(order, settings),
  });
  let units = 0;
  for (const p of payouts) units += p.amount.amount + (p.kind === 'voucher' ? p.bonus.amount : 0);
  return money(units, payable.currency);
}

/**
 * How a refund of `order` rounds its cash: down to the venue's smallest coin, after adding
 * what the order's earlier cash refunds rounded off (read from their entries), so refunds one
 * at a time lose the customer less than one coin over the order. The preview and the commit
 * both take it from here.
 */
export function refundCashRounding(
  order: OrderView,
  settings: RefundPlanContext['settings'],
): Pick<PayoutOptions, 'cashIncrement' | 'cashCarry'> {
  return {
    cashIncrement: settings.cashRoundingIncrement,
    cashCarry: order.cashRefundCarry.amount,
  };
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
