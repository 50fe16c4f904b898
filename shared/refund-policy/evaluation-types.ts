import type { Role } from '../catalog/roles';
import type { PerformanceStatus } from '../catalog/schemas';
import type { Currency } from '../money/currency';
import type { Money } from '../money/money';
import type { Reason } from './reasons';

/** What `evaluate` takes and gives: the refund policy engine's vocabulary. */

export type TicketStatus = 'valid' | 'used' | 'refunded' | 'voided' | 'exchanged';
export type TenderKind = 'cash' | 'card' | 'voucher';

/** What the engine needs to know about one ticket being considered for a refund. */
export interface PolicyTicket {
  readonly ticketId: string;
  readonly tierId: string;
  /** What was paid for the ticket itself (VAT-inclusive, after discounts). */
  readonly price: Money;
  readonly bookingFee: Money;
  readonly status: TicketStatus;
  readonly performance: { readonly startsAt: string; readonly status: PerformanceStatus };
  /** Refunded by the central server for a customer's request: when, and which request. */
  readonly refundedOnline?: RefundedOnline | undefined;
}

/** A server payout of a ticket, as the refusal names it ("Refunded online on …, request R-…"). */
export interface RefundedOnline {
  /** ISO 8601 */
  readonly at: string;
  /** The request's label, e.g. R-1A2B3C4D */
  readonly request: string;
}

/** One tender kind of the original order: what was paid with it and already given back. */
export interface TenderBalance {
  readonly kind: TenderKind;
  readonly paid: Money;
  readonly refunded: Money;
}

export interface EvaluateContext {
  /** The original order's tenders; without them methods are judged on the policy alone. */
  readonly tenders?: readonly TenderBalance[] | undefined;
  /** Asking to refund after the last window as an exception (needs a role and a reason). */
  readonly override?:
    { readonly reason: string; readonly refundBp?: number | undefined } | undefined;
  /** Who is asking; when given, an approval reason is added if their role is not enough. */
  readonly actorRole?: Role | undefined;
  /**
   * Minor units the order's tenders took less than its value because cash was rounded down
   * at sale: paying back to the tenders may fall short of the total by this much.
   */
  readonly roundingAllowance?: number | undefined;
}

export interface TicketEvaluation {
  readonly ticketId: string;
  readonly refundable: boolean;
  /** Share of the price refundable before fees (10 000 = all of it). */
  readonly refundBp: number;
  readonly base: Money;
  readonly fee: Money;
  readonly bookingFeeReturned: Money;
  /** base − fee + bookingFeeReturned; zero when not refundable. */
  readonly amount: Money;
  /** price + bookingFee − amount: what the venue keeps when this ticket is refunded. */
  readonly retained: Money;
  readonly overridden: boolean;
  readonly reasons: readonly Reason[];
}

export type RefundMethod = 'original_tender' | 'cash' | 'voucher';

export interface MethodOption {
  readonly method: RefundMethod;
  /** True when this method can pay out the whole total. */
  readonly available: boolean;
  /** The most this method can pay out for this refund. */
  readonly max: Money;
  /** Voucher only: the bonus on top, and what the voucher is worth. */
  readonly bonus?: Money;
  readonly voucherValue?: Money;
  readonly reason?: Reason;
}

export interface PolicyEvaluation {
  readonly policyId: string;
  readonly policyVersion: number;
  readonly currency: Currency;
  readonly tickets: readonly TicketEvaluation[];
  readonly allRefundable: boolean;
  readonly anyRefundable: boolean;
  /** Sum over refundable tickets. */
  readonly total: Money;
  readonly fees: Money;
  readonly retained: Money;
  readonly methods: readonly MethodOption[];
  /** The lowest role that may give this refund on its own. */
  readonly requiredRole: Role;
  readonly reasonRequired: boolean;
  readonly reasons: readonly Reason[];
  /** One English sentence for the cashier to read out. */
  readonly summary: string;
}
