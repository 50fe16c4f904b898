import type { Role } from '../catalog/roles';
import type { Money } from '../money/money';
import type { TaxLine } from '../money/tax';
import type { Payout } from '../orders/payouts';
import type { OrderLine, TicketRecord } from '../orders/records';
import type { TenderRecord } from '../orders/tenders';
import type { RefundMethod } from '../refund-policy/evaluate';
import type { ShiftReport } from '../shift/report';
import type { JournalDraft, JournalEntry } from './chain';

/**
 * What each journal entry type carries. Every money or inventory change on a terminal is one
 * of these, appended through chain.ts. Payloads hold finished facts (amounts already computed,
 * policy already applied), so replaying the journal never re-runs business rules that may
 * have changed since.
 */

/** A member of staff (or a kiosk) as recorded in the journal. */
export interface StaffRef {
  readonly staffId: string;
  readonly role: Role;
}

/** Why money went back to a customer: shift reports group refunds by this. */
export const REFUND_REASONS = [
  'customer_request',
  'performance_cancelled',
  'performance_postponed',
  'duplicate_purchase',
  'wrong_ticket',
  'accessibility',
  'venue_issue',
  'other',
] as const;
export type RefundReasonCode = (typeof REFUND_REASONS)[number];

/** Whether a stored string (a request's `reason_code`) is one of the refund reasons. */
export const isRefundReason = (code: string): code is RefundReasonCode =>
  (REFUND_REASONS as readonly string[]).includes(code);

export interface SaleTotals {
  readonly tickets: Money;
  readonly bookingFees: Money;
  /** tickets + bookingFees: what the order costs. */
  readonly total: Money;
  /** Cash rounding (paid − total). */
  readonly rounding: Money;
  /** What the tenders took: total + rounding. */
  readonly paid: Money;
  readonly change: Money;
  readonly taxes: readonly TaxLine[];
}

export interface SalePayload {
  readonly orderId: string;
  readonly receiptNo: number;
  readonly shiftId: string;
  readonly staff: StaffRef;
  readonly customerId?: string;
  readonly lines: readonly OrderLine[];
  readonly tickets: readonly TicketRecord[];
  readonly tenders: readonly TenderRecord[];
  readonly totals: SaleTotals;
  readonly training: boolean;
}

export interface RefundedTicket {
  readonly ticketId: string;
  readonly performanceId: string;
  readonly tierId: string;
  readonly price: Money;
  readonly bookingFee: Money;
  readonly taxRateBp: number;
  readonly refundBp: number;
  readonly fee: Money;
  readonly bookingFeeReturned: Money;
  /** What this ticket gives back. */
  readonly amount: Money;
  /** price + bookingFee − amount: kept by the venue. */
  readonly retained: Money;
}

export interface RefundPayload {
  readonly refundId: string;
  readonly receiptNo: number;
  readonly orderId: string;
  readonly shiftId: string;
  readonly staff: StaffRef;
  readonly approvedBy?: StaffRef;
  readonly reasonCode: RefundReasonCode;
  readonly note?: string;
  readonly method: RefundMethod;
  /** Set when refunded after the policy's last window as an exception. */
  readonly overrideReason?: string;
  readonly policy: { readonly id: string; readonly version: number };
  readonly tickets: readonly RefundedTicket[];
  readonly payouts: readonly Payout[];
  /** Σ ticket amounts. The payouts' sources add up to total − shortfall. */
  readonly total: Money;
  /**
   * Owed but not paid back because the order took less than its value when its cash was
   * rounded down at sale (a 12.44 order paid with 12.40): never more than that rounding.
   */
  readonly shortfall: Money;
  readonly fees: Money;
  readonly retained: Money;
  /** Voucher bonus added on top (not from the order). */
  readonly bonus: Money;
  /**
   * Cash rounding on what left the drawer: what went out − what was owed. ≤ 0 on its own;
   * positive when units earlier cash refunds of the order rounded off reach a coin (the
   * carry, see `refundCashRounding`). Over an order's cash refunds, Σ is within one coin.
   */
  readonly rounding: Money;
  /** Tax contained in the refunded amounts, per rate (positive numbers). */
  readonly taxes: readonly TaxLine[];
  readonly training: boolean;
  /**
   * A payout of a cash-collection code the server signed (issue 14 item 3): the refund
   * request it settles, the key that signed it, and where and when it was paid — so any till
   * that holds this entry refuses the code a second time in those words.
   */
  readonly cashCode?: CashCodeRef;
}

export interface CashCodeRef {
  readonly requestId: string;
  readonly keyId: string;
  readonly terminalId: string;
  readonly paidAt: string;
}

export interface ReturnedTicket {
  readonly ticketId: string;
  readonly performanceId: string;
  readonly tierId: string;
  /** What the old ticket counts for towards the new ones (its price; booking fees stay kept). */
  readonly credit: Money;
  readonly bookingFee: Money;
  readonly taxRateBp: number;
}

export interface ExchangePayload {
  readonly exchangeId: string;
  readonly receiptNo: number;
  readonly orderId: string;
  readonly shiftId: string;
  readonly staff: StaffRef;
  readonly approvedBy?: StaffRef;
  readonly returned: readonly ReturnedTicket[];
  readonly issued: readonly TicketRecord[];
  readonly credit: Money;
  readonly newTotal: Money;
  readonly fee: Money;
  /** newTotal + fee − credit: positive, the customer pays; negative, the venue pays back. */
  readonly difference: Money;
  /** Collected from the customer when the difference is positive. */
  readonly tenders: readonly TenderRecord[];
  readonly change: Money;
  /** Paid back when the difference is negative. */
  readonly payouts: readonly Payout[];
  /** Cash rounding on the money collected (paid − difference); payouts carry their own. */
  readonly rounding: Money;
  /** Tax effect per rate: tax of the issued tickets and fee minus that of the returned ones. */
  readonly taxes: readonly TaxLine[];
  readonly training: boolean;
}

/** A whole sale reversed within its shift (mistake at the window), with a supervisor. */
export interface VoidPayload {
  readonly voidId: string;
  readonly receiptNo: number;
  readonly orderId: string;
  readonly voidedReceiptNo: number;
  readonly shiftId: string;
  readonly staff: StaffRef;
  readonly approvedBy?: StaffRef;
  readonly reason: string;
  readonly tickets: readonly { readonly ticketId: string; readonly performanceId: string }[];
  readonly payouts: readonly Payout[];
  readonly total: Money;
  readonly taxes: readonly TaxLine[];
  readonly training: boolean;
}

/** Paid-in, paid-out and drops (cash moved from the drawer to the safe). */
export interface CashMovementPayload {
  readonly movementId: string;
  readonly shiftId: string;
  readonly staff: StaffRef;
  readonly approvedBy?: StaffRef;
  readonly amount: Money;
  readonly reason: string;
  readonly training: boolean;
}

export interface NoSalePayload {
  readonly shiftId: string;
  readonly staff: StaffRef;
  readonly reason: string;
  readonly training: boolean;
}

export interface ShiftOpenPayload {
  readonly shiftId: string;
  readonly staff: StaffRef;
  /** Cash counted into the drawer at the start. */
  readonly float: Money;
  readonly training: boolean;
}

export interface ShiftClosePayload {
  readonly shiftId: string;
  readonly staff: StaffRef;
  readonly approvedBy?: StaffRef;
  /** Sequential per terminal; null for a training shift (training never takes a Z number). */
  readonly zNumber: number | null;
  readonly counted: Money;
  readonly expected: Money;
  readonly overShort: Money;
  readonly note?: string;
  readonly report: ShiftReport;
  readonly training: boolean;
}

export type ApprovalAction =
  | 'refund'
  | 'refund_after_deadline'
  | 'exchange'
  | 'void'
  | 'paid_out'
  | 'shift_close_over_short'
  | 'training_mode'
  /** a printer settings change: main redeems it itself and logs it in its own device log */
  | 'printer_settings'
  /** a scanner settings change (which serial ports main reads): as for the printer */
  | 'scanner_settings';

export interface ApprovalPayload {
  readonly approvalId: string;
  readonly action: ApprovalAction;
  /** The order, shift or movement the approval is for. */
  readonly subjectId: string;
  readonly requestedBy: StaffRef;
  readonly approvedBy: StaffRef;
  /**
   * The one-time token main issued after checking the approver's PIN and redeemed for this
   * action. Absent on entries written before approvals moved to main (issue 8 item 5).
   */
  readonly tokenId?: string;
  readonly reason?: string;
  readonly amount?: Money;
}

export interface SessionPayload {
  readonly staff: StaffRef;
}

export interface TrainingModePayload {
  readonly enabled: boolean;
  readonly staff: StaffRef;
}

/**
 * A ticket let in at the door: scanned, genuine, and admitted by a member of staff. From then
 * on it is "used" on every till (the feed carries the entry): a second scan says so, and the
 * refund policy refuses it ("already used to enter").
 */
export interface AdmissionPayload {
  readonly ticketId: string;
  readonly orderId: string;
  readonly performanceId: string;
  readonly staff: StaffRef;
}

export interface EntryPayloads {
  sale: SalePayload;
  refund: RefundPayload;
  exchange: ExchangePayload;
  void: VoidPayload;
  paid_in: CashMovementPayload;
  paid_out: CashMovementPayload;
  drop: CashMovementPayload;
  no_sale: NoSalePayload;
  shift_open: ShiftOpenPayload;
  shift_close: ShiftClosePayload;
  approval: ApprovalPayload;
  login: SessionPayload;
  logout: SessionPayload;
  training_mode: TrainingModePayload;
  admission: AdmissionPayload;
}

export type EntryType = keyof EntryPayloads;

export const ENTRY_TYPES: readonly EntryType[] = [
  'sale',
  'refund',
  'exchange',
  'void',
  'paid_in',
  'paid_out',
  'drop',
  'no_sale',
  'shift_open',
  'shift_close',
  'approval',
  'login',
  'logout',
  'training_mode',
  'admission',
];

/** A draft of any domain entry type, discriminated by `type`. */
export type EntryDraft = { [K in EntryType]: JournalDraft<K, EntryPayloads[K]> }[EntryType];

/** A sealed domain entry. */
export type DomainEntry = { [K in EntryType]: JournalEntry<K, EntryPayloads[K]> }[EntryType];

/** What projections and reports read: drafts and sealed entries both fit. */
export type EntryLike = {
  [K in EntryType]: { readonly type: K; readonly at: string; readonly payload: EntryPayloads[K] };
}[EntryType];

/**
 * The payload schema version each type is written at now (entry-schema.ts holds the schemas).
 * Kept here, beside the payloads, so a change to a payload and its version go together.
 */
export const CURRENT_ENTRY_VERSION = 1;

export function draft<K extends EntryType>(
  type: K,
  at: string,
  payload: EntryPayloads[K],
): JournalDraft<K, EntryPayloads[K]> {
  return { type, at, v: CURRENT_ENTRY_VERSION, payload };
}
