import { hasRole, higherRole } from '../catalog/roles';
import { split } from '../money/allocate';
import { add, describeMoney, min, money, zero, type Money } from '../money/money';
import { percentOf } from '../money/percent';
import { strictAssert } from '../util/assert';
import type { RefundFees, RefundPolicy, RefundWindow } from './policy-schema';
import type {
  EvaluateContext,
  MethodOption,
  PolicyEvaluation,
  PolicyTicket,
  TicketEvaluation,
} from './evaluation-types';
import { reasons, type Reason } from './reasons';
import { methodOptions, roleForAmount } from './refund-methods';

export type * from './evaluation-types';
export { roleForAmount } from './refund-methods';

const HOUR_MS = 3_600_000;

interface Classified {
  readonly ticket: PolicyTicket;
  readonly eligible: boolean;
  readonly refundBp: number;
  /** null: fees waived (cancelled/postponed). */
  readonly fees: RefundFees | null;
  readonly returnBookingFee: boolean;
  readonly overridden: boolean;
  readonly reasons: Reason[];
}

/**
 * Applies a refund policy to tickets at instant `now`. Pure and allocation-light: the window
 * engine runs on every keystroke of a refund screen and at ≥ 200k evaluations per second.
 */
export function evaluate(
  policy: RefundPolicy,
  tickets: readonly PolicyTicket[],
  now: string | number,
  ctx: EvaluateContext = {},
): PolicyEvaluation {
  const nowMs = typeof now === 'number' ? now : parseInstant(now);
  const currency = policy.currency;
  const overrideRole =
    ctx.override && policy.approvals.afterDeadline ? policy.approvals.afterDeadline.role : null;

  // Plain loops and no closures: this runs at hundreds of thousands of calls per second.
  const n = tickets.length;
  const classified: Classified[] = new Array<Classified>(n);
  let feePayers = 0;
  for (let i = 0; i < n; i++) {
    const c = classify(policy, tickets[i]!, nowMs, ctx);
    classified[i] = c;
    if (c.eligible && c.fees !== null) feePayers++;
  }
  // The per-refund fee is split over the tickets that pay fees, so the parts add up exactly.
  const orderFee = policy.fees.fixedPerOrder;
  const shares =
    orderFee && orderFee.amount > 0 && feePayers > 0 ? split(orderFee, feePayers) : null;
  let nextShare = 0;

  let total = 0;
  let fees = 0;
  let retained = 0;
  let allRefundable = n > 0;
  let anyRefundable = false;
  let overrideUsed = false;
  const evaluations: TicketEvaluation[] = new Array<TicketEvaluation>(n);
  for (let i = 0; i < n; i++) {
    const c = classified[i]!;
    const share =
      shares !== null && c.eligible && c.fees !== null ? shares[nextShare++] : undefined;
    const e = price(c, share, orderFee);
    evaluations[i] = e;
    if (e.refundable) {
      anyRefundable = true;
      total += e.amount.amount;
      fees += e.fee.amount;
      retained += e.retained.amount;
      if (e.overridden) overrideUsed = true;
    } else {
      allRefundable = false;
    }
  }

  const totalMoney = money(total, currency);
  const orderReasons: Reason[] = [];
  const { role: amountRole, limitBelow } = roleForAmount(policy, total);
  let requiredRole = amountRole;
  if (overrideUsed && overrideRole) requiredRole = higherRole(requiredRole, overrideRole);
  if (ctx.actorRole && anyRefundable && !hasRole(ctx.actorRole, requiredRole)) {
    orderReasons.push(
      reasons.approval(
        requiredRole,
        totalMoney,
        requiredRole === amountRole && limitBelow !== null ? money(limitBelow, currency) : null,
      ),
    );
  }
  const methods = methodOptions(policy, totalMoney, ctx.tenders, ctx.roundingAllowance ?? 0);
  for (const option of methods) if (option.reason) orderReasons.push(option.reason);

  const feesMoney = money(fees, currency);
  return {
    policyId: policy.id,
    policyVersion: policy.version,
    currency,
    tickets: evaluations,
    allRefundable,
    anyRefundable,
    total: totalMoney,
    fees: feesMoney,
    retained: money(retained, currency),
    methods,
    requiredRole,
    reasonRequired: overrideUsed,
    reasons: orderReasons,
    summary: summarise(evaluations, anyRefundable, totalMoney, feesMoney, methods),
  };
}

function classified(
  ticket: PolicyTicket,
  eligible: boolean,
  refundBp: number,
  fees: RefundFees | null,
  returnBookingFee: boolean,
  overridden: boolean,
  rs: Reason[],
): Classified {
  return { ticket, eligible, refundBp, fees, returnBookingFee, overridden, reasons: rs };
}

function classify(
  policy: RefundPolicy,
  t: PolicyTicket,
  nowMs: number,
  ctx: EvaluateContext,
): Classified {
  if (t.price.currency !== policy.currency || t.bookingFee.currency !== policy.currency) {
    return classified(t, false, 0, null, false, false, [
      reasons.currencyMismatch(t.price, policy.currency),
    ]);
  }
  if (t.status !== 'valid') {
    const why =
      t.status === 'refunded' && t.refundedOnline !== undefined
        ? reasons.refundedOnline(t.refundedOnline)
        : reasons.ticketStatus(t.status);
    return classified(t, false, 0, null, false, false, [why]);
  }
  const perfStatus = t.performance.status;
  if (perfStatus === 'cancelled' || perfStatus === 'postponed') {
    const o = policy[perfStatus];
    const rs = [reasons.status(perfStatus, o.refundBp)];
    if (o.waiveFees) rs.push(reasons.feesWaived());
    const eligible = o.refundBp > 0 || o.returnBookingFee;
    return classified(
      t,
      eligible,
      o.refundBp,
      o.waiveFees ? null : feesFor(policy, t.tierId),
      o.returnBookingFee,
      false,
      rs,
    );
  }
  const tierOverride = overrideFor(policy, t.tierId);
  if (tierOverride?.nonRefundable || policy.nonRefundableTierIds.includes(t.tierId)) {
    return classified(t, false, 0, null, false, false, [reasons.tierNonRefundable(t.tierId)]);
  }
  const windows = tierOverride?.windows ?? policy.windows;
  const fees = tierOverride?.fees ?? policy.fees;
  const returnBookingFee = fees.bookingFee === 'returned';
  const startMs = parseInstant(t.performance.startsAt);
  const hoursLeft = (startMs - nowMs) / HOUR_MS;
  const window = hoursLeft > 0 ? findWindow(windows, hoursLeft) : undefined;
  if (window && window.refundBp > 0) {
    return classified(t, true, window.refundBp, fees, returnBookingFee, false, [
      reasons.window(window.refundBp, hoursLeft, window.minHoursBefore),
    ]);
  }
  const after = policy.approvals.afterDeadline;
  if (ctx.override && after) {
    const bp = Math.min(ctx.override.refundBp ?? after.maxRefundBp, after.maxRefundBp);
    return classified(t, bp > 0, bp, fees, returnBookingFee, true, [
      reasons.windowClosed(hoursLeft, lastPositiveWindow(windows)),
      reasons.override(bp, after.role),
    ]);
  }
  return classified(t, false, 0, null, false, false, [
    reasons.windowClosed(hoursLeft, lastPositiveWindow(windows)),
  ]);
}

function overrideFor(
  policy: RefundPolicy,
  tierId: string,
): RefundPolicy['tierOverrides'][number] | undefined {
  const list = policy.tierOverrides;
  for (let i = 0; i < list.length; i++) if (list[i]!.tierId === tierId) return list[i];
  return undefined;
}

const instants = new Map<string, number>();

/** Date.parse with a small memo: the same few performance start times come up again and again. */
function parseInstant(iso: string): number {
  let ms = instants.get(iso);
  if (ms === undefined) {
    ms = Date.parse(iso);
    strictAssert(Number.isFinite(ms), `evaluate: bad instant ${iso}`);
    if (instants.size >= 4096) instants.clear();
    instants.set(iso, ms);
  }
  return ms;
}

function feesFor(policy: RefundPolicy, tierId: string): RefundFees {
  return overrideFor(policy, tierId)?.fees ?? policy.fees;
}

/** Windows run from earliest to latest; the first one still open is the one in force. */
function findWindow(windows: readonly RefundWindow[], hoursLeft: number): RefundWindow | undefined {
  for (const w of windows) if (hoursLeft >= w.minHoursBefore) return w;
  return undefined;
}

function lastPositiveWindow(windows: readonly RefundWindow[]): number | null {
  let last: number | null = null;
  for (const w of windows) if (w.refundBp > 0) last = w.minHoursBefore;
  return last;
}

function price(
  c: Classified,
  orderShare: Money | undefined,
  orderFee: Money | undefined,
): TicketEvaluation {
  const t = c.ticket;
  const currency = t.price.currency;
  const none = zero(currency);
  const full = add(t.price, t.bookingFee);
  if (!c.eligible) {
    return {
      ticketId: t.ticketId,
      refundable: false,
      refundBp: c.refundBp,
      base: none,
      fee: none,
      bookingFeeReturned: none,
      amount: none,
      retained: full,
      overridden: c.overridden,
      reasons: c.reasons,
    };
  }
  // The reasons array is this call's own (made in classify), so it is extended in place.
  const rs = c.reasons;
  const base = percentOf(t.price, c.refundBp, { rounding: 'half_even' });
  let fee = 0;
  const f = c.fees;
  if (f?.percent && f.percent.bp > 0) {
    const raw = percentOf(base, f.percent.bp, { rounding: 'half_even' });
    const { min: lo, max: hi } = f.percent;
    const clamped = lo && raw.amount < lo.amount ? lo : hi && raw.amount > hi.amount ? hi : raw;
    const clampedTo = clamped === raw ? null : clamped === lo ? 'min' : 'max';
    fee += clamped.amount;
    rs.push(reasons.feePercent(clamped, f.percent.bp, base, clampedTo));
  }
  if (f?.fixedPerTicket && f.fixedPerTicket.amount > 0) {
    fee += f.fixedPerTicket.amount;
    rs.push(reasons.feeFixed(f.fixedPerTicket));
  }
  if (orderShare && orderFee && orderShare.amount > 0) {
    fee += orderShare.amount;
    rs.push(reasons.feeOrderShare(orderShare, orderFee));
  }
  // A fee never takes more than the refundable part of the ticket price.
  const feeMoney = min(money(fee, currency), base);
  const bookingFeeReturned = c.returnBookingFee ? t.bookingFee : none;
  if (t.bookingFee.amount > 0) rs.push(reasons.bookingFee(t.bookingFee, c.returnBookingFee));
  const amount = money(base.amount - feeMoney.amount + bookingFeeReturned.amount, currency);
  const refundable = amount.amount > 0;
  if (!refundable) rs.push(reasons.feeExceedsRefund(base));
  return {
    ticketId: t.ticketId,
    refundable,
    refundBp: c.refundBp,
    base,
    fee: refundable ? feeMoney : none,
    bookingFeeReturned: refundable ? bookingFeeReturned : none,
    amount: refundable ? amount : none,
    retained: refundable ? money(full.amount - amount.amount, currency) : full,
    overridden: c.overridden,
    reasons: rs,
  };
}

function summarise(
  tickets: readonly TicketEvaluation[],
  anyRefundable: boolean,
  total: Money,
  fees: Money,
  methods: readonly MethodOption[],
): string {
  if (!anyRefundable) {
    const first = tickets[0]?.reasons[0];
    return first ? first.message : 'Nothing to refund.';
  }
  let n = 0;
  for (const t of tickets) if (t.refundable) n++;
  const ways: string[] = [];
  for (const o of methods) {
    if (!o.available || o.max.amount <= 0) continue;
    ways.push(
      o.method === 'original_tender'
        ? 'to the original payment'
        : o.method === 'cash'
          ? 'in cash'
          : `as a ${describeMoney(o.voucherValue ?? o.max)} credit voucher`,
    );
  }
  const feeText = fees.amount > 0 ? ` after ${describeMoney(fees)} in fees` : '';
  const howText = ways.length > 0 ? ` ${joinOr(ways)}` : '';
  const skipped = tickets.length - n;
  const skippedText =
    skipped > 0 ? ` ${skipped} of the ${tickets.length} tickets cannot be refunded.` : '';
  return `Refund ${describeMoney(total)} for ${n} ticket${n === 1 ? '' : 's'}${feeText}${howText}.${skippedText}`;
}

function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items.length === 1 ? items[0]! : '';
  let out = items[0]!;
  for (let i = 1; i < items.length - 1; i++) out += `, ${items[i]!}`;
  return `${out} or ${items[items.length - 1]!}`;
}
