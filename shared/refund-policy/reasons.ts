import type { Role } from '../catalog/roles';
import { describeMoney, type Money } from '../money/money';
import type { RefundedOnline } from './evaluation-types';

/**
 * Why a refund comes out as it does. The code is what the UI localises; the English sentence
 * is what a cashier can read to the customer today; params carry the numbers for both.
 */
export type ReasonCode =
  | 'window_full'
  | 'window_partial'
  | 'window_closed'
  | 'performance_started'
  | 'performance_cancelled'
  | 'performance_postponed'
  | 'tier_non_refundable'
  | 'ticket_used'
  | 'ticket_already_refunded'
  | 'ticket_refunded_online'
  | 'ticket_voided'
  | 'ticket_exchanged'
  | 'currency_mismatch'
  | 'override_after_deadline'
  | 'fee_percent'
  | 'fee_fixed_per_ticket'
  | 'fee_order_share'
  | 'fees_waived'
  | 'fee_exceeds_refund'
  | 'booking_fee_returned'
  | 'booking_fee_kept'
  | 'approval_required'
  | 'cash_only_for_cash_purchases'
  | 'cash_limit'
  | 'cash_paid_less'
  | 'cash_not_allowed'
  | 'original_tender_not_allowed'
  | 'original_tender_exhausted'
  | 'voucher_bonus'
  | 'voucher_not_allowed';

export type ReasonParams = Readonly<Record<string, string | number>>;

export interface Reason {
  readonly code: ReasonCode;
  readonly params: ReasonParams;
  readonly message: string;
}

export function reason(code: ReasonCode, params: ReasonParams, message: string): Reason {
  return { code, params, message };
}

const m = describeMoney;

export function percentText(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const frac = bp % 100;
  return frac === 0
    ? `${whole} %`
    : `${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')} %`;
}

/** "3 days" / "50 hours" / "45 minutes": how far away the performance is, as people say it. */
export function durationText(hours: number): string {
  if (hours >= 48) return `${Math.floor(hours / 24)} days`;
  if (hours >= 1) {
    const h = Math.floor(hours);
    return h === 1 ? '1 hour' : `${h} hours`;
  }
  const minutes = Math.max(0, Math.floor(hours * 60));
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

function hoursText(hours: number): string {
  if (hours % 24 === 0 && hours >= 48) return `${hours / 24} days`;
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

export const reasons = {
  window(refundBp: number, hoursLeft: number, minHoursBefore: number): Reason {
    const params = { refundBp, hoursLeft: Math.floor(hoursLeft), minHoursBefore };
    const left = durationText(hoursLeft);
    return refundBp === 10_000
      ? reason(
          'window_full',
          params,
          `Full refund: the performance is ${left} away (full refunds until ${hoursText(minHoursBefore)} before).`,
        )
      : reason(
          'window_partial',
          params,
          `${percentText(refundBp)} refund: the performance is ${left} away (this rate applies until ${hoursText(minHoursBefore)} before).`,
        );
  },
  windowClosed(hoursLeft: number, lastMinHoursBefore: number | null): Reason {
    if (hoursLeft <= 0) {
      return reason(
        'performance_started',
        { hoursLeft: 0 },
        'No refund: the performance has already started.',
      );
    }
    return lastMinHoursBefore === null || lastMinHoursBefore <= 0
      ? reason(
          'window_closed',
          { hoursLeft: Math.floor(hoursLeft) },
          'No refund: this ticket is not refundable under its policy.',
        )
      : reason(
          'window_closed',
          { hoursLeft: Math.floor(hoursLeft), closedHoursBefore: lastMinHoursBefore },
          `No refund: refunds closed ${hoursText(lastMinHoursBefore)} before the performance, which is ${durationText(hoursLeft)} away.`,
        );
  },
  status(status: 'cancelled' | 'postponed', refundBp: number): Reason {
    const what = refundBp === 10_000 ? 'Full refund' : `${percentText(refundBp)} refund`;
    return reason(
      status === 'cancelled' ? 'performance_cancelled' : 'performance_postponed',
      { refundBp },
      `${what}: the performance was ${status}.`,
    );
  },
  tierNonRefundable(tierId: string): Reason {
    return reason(
      'tier_non_refundable',
      { tierId },
      `No refund: ${tierId} tickets are non-refundable.`,
    );
  },
  ticketStatus(status: 'used' | 'refunded' | 'voided' | 'exchanged'): Reason {
    switch (status) {
      case 'used':
        return reason('ticket_used', {}, 'No refund: this ticket has already been used to enter.');
      case 'refunded':
        return reason(
          'ticket_already_refunded',
          {},
          'No refund: this ticket has already been refunded.',
        );
      case 'voided':
        return reason('ticket_voided', {}, 'No refund: this ticket was voided.');
      case 'exchanged':
        return reason(
          'ticket_exchanged',
          {},
          'No refund: this ticket was exchanged for another one.',
        );
    }
  },
  /** The server paid it back for a customer's request (date: the payout's day, YYYY-MM-DD). */
  refundedOnline(online: RefundedOnline): Reason {
    const date = online.at.slice(0, 10);
    return reason(
      'ticket_refunded_online',
      { date, request: online.request },
      `No refund: refunded online on ${date}, request ${online.request}.`,
    );
  },
  currencyMismatch(ticket: Money, policyCurrency: string): Reason {
    return reason(
      'currency_mismatch',
      { ticketCurrency: ticket.currency, policyCurrency },
      `No refund here: the ticket was paid in ${ticket.currency} but its policy is in ${policyCurrency}.`,
    );
  },
  override(refundBp: number, role: Role): Reason {
    return reason(
      'override_after_deadline',
      { refundBp, role },
      `${percentText(refundBp)} refund after the deadline as an exception: a ${role} must approve it with a reason.`,
    );
  },
  feePercent(fee: Money, bp: number, base: Money, clampedTo: 'min' | 'max' | null): Reason {
    const note =
      clampedTo === null ? '' : clampedTo === 'min' ? ', the minimum fee' : ', the maximum fee';
    return reason(
      'fee_percent',
      { fee: fee.amount, bp, base: base.amount, clamped: clampedTo ?? '' },
      `Cancellation fee ${m(fee)} (${percentText(bp)} of ${m(base)}${note}).`,
    );
  },
  feeFixed(fee: Money): Reason {
    return reason('fee_fixed_per_ticket', { fee: fee.amount }, `Refund fee ${m(fee)} per ticket.`);
  },
  feeOrderShare(share: Money, orderFee: Money): Reason {
    return reason(
      'fee_order_share',
      { fee: share.amount, orderFee: orderFee.amount },
      `This ticket's share of the ${m(orderFee)} per-refund fee: ${m(share)}.`,
    );
  },
  feesWaived(): Reason {
    return reason('fees_waived', {}, 'No refund fees: the venue changed the performance.');
  },
  feeExceedsRefund(base: Money): Reason {
    return reason(
      'fee_exceeds_refund',
      { base: base.amount },
      `Nothing to refund: the fees are as large as the refundable ${m(base)}.`,
    );
  },
  bookingFee(fee: Money, returned: boolean): Reason {
    return returned
      ? reason(
          'booking_fee_returned',
          { fee: fee.amount },
          `The booking fee of ${m(fee)} is returned.`,
        )
      : reason(
          'booking_fee_kept',
          { fee: fee.amount },
          `The booking fee of ${m(fee)} is not refundable.`,
        );
  },
  approval(role: Role, total: Money, limit: Money | null): Reason {
    return reason(
      'approval_required',
      { role, total: total.amount, limit: limit?.amount ?? '' },
      limit === null
        ? `A ${role} must approve this refund of ${m(total)}.`
        : `A ${role} must approve this refund: ${m(total)} is over the ${m(limit)} limit.`,
    );
  },
  cashOnlyForCash(): Reason {
    return reason(
      'cash_only_for_cash_purchases',
      {},
      'Cash refunds are only for purchases paid in cash.',
    );
  },
  cashLimit(limit: Money): Reason {
    return reason(
      'cash_limit',
      { limit: limit.amount },
      `Cash refunds are limited to ${m(limit)}.`,
    );
  },
  cashPaidLess(paid: Money): Reason {
    return reason(
      'cash_paid_less',
      { paid: paid.amount },
      `Only ${m(paid)} of this order was paid in cash: refund the rest to the original payment or as a voucher.`,
    );
  },
  cashNotAllowed(): Reason {
    return reason('cash_not_allowed', {}, 'This policy does not allow cash refunds.');
  },
  originalNotAllowed(): Reason {
    return reason(
      'original_tender_not_allowed',
      {},
      'This policy does not refund to the original payment.',
    );
  },
  originalExhausted(max: Money): Reason {
    return reason(
      'original_tender_exhausted',
      { max: max.amount },
      `Only ${m(max)} is left to refund to the original payment.`,
    );
  },
  voucherBonus(bonus: Money, bp: number, value: Money): Reason {
    return reason(
      'voucher_bonus',
      { bonus: bonus.amount, bp, value: value.amount },
      `A credit voucher adds ${percentText(bp)} (${m(bonus)}): the voucher is worth ${m(value)}.`,
    );
  },
  voucherNotAllowed(): Reason {
    return reason('voucher_not_allowed', {}, 'This policy does not offer credit vouchers.');
  },
};
