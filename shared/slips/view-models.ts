import type { SlipColumns, SlipLocale } from './document';
import type { SlipMoney } from './money-format';

/**
 * Plain inputs of the layouts. The app maps domain objects (orders, refunds, shift figures)
 * onto these; layouts never reach into the domain, so they stay printable from any process.
 * Instants are ISO strings, shown in the venue's time zone; money is integer minor units.
 */

export interface SlipSetup {
  readonly locale: SlipLocale;
  readonly columns: SlipColumns;
  readonly timeZone: string;
}

export interface VenueHeader {
  readonly name: string;
  readonly address: readonly string[];
  readonly taxId?: string;
}

export type TenderMethod = 'cash' | 'card' | 'voucher';

export interface ReceiptLine {
  /** the event's name */
  readonly description: string;
  /** the performance's start (ISO instant), printed in the venue's time zone */
  readonly startsAt?: string;
  /** the price tier's name */
  readonly tier?: string;
  /** seat names, one per ticket; empty or absent for general admission */
  readonly seats?: readonly SeatRef[];
  readonly quantity: number;
  /**
   * One ticket's price. With `adjustments` it is the tier price before them; with
   * `unitBookingFee` the fee is not in it (it prints on its own line, as the sell screen shows).
   */
  readonly unitPrice: SlipMoney;
  /** discounts (negative) and surcharges per ticket: promo code, concession, demand */
  readonly adjustments?: readonly PriceAdjustmentLine[];
  readonly unitBookingFee?: SlipMoney;
  /** quantity × (unitPrice + adjustments + unitBookingFee): what the line costs */
  readonly total: SlipMoney;
  /** basis points: 2000 = 20 % */
  readonly taxRate: number;
}

export interface PriceAdjustmentLine {
  /** the rule's label, or the promo code for a promo */
  readonly label: string;
  readonly promoCode?: string;
  /** signed change to one ticket's price */
  readonly unitAmount: SlipMoney;
}

export interface TaxByRate {
  readonly rate: number;
  readonly net: SlipMoney;
  readonly tax: SlipMoney;
}

export interface TenderLine {
  readonly method: TenderMethod;
  readonly amount: SlipMoney;
  /** cash only: what the customer handed over */
  readonly tendered?: SlipMoney;
  /** card only: never more than these two */
  readonly cardLast4?: string;
  readonly approvalCode?: string;
  /** voucher only */
  readonly voucherCode?: string;
}

export interface TicketCode {
  /** e.g. "Hamlet · 22/11/2026, 19:00" */
  readonly label: string;
  /** a second line, e.g. "Premium stalls · Stalls, row 3, seat 10" */
  readonly detail?: string;
  /** the signed code, printed as a QR */
  readonly code: string;
}

export interface SaleReceiptView extends SlipSetup {
  readonly venue: VenueHeader;
  readonly receiptNo: string;
  readonly terminal: string;
  readonly cashier: string;
  readonly issuedAt: string;
  readonly lines: readonly ReceiptLine[];
  readonly taxes: readonly TaxByRate[];
  readonly total: SlipMoney;
  readonly tenders: readonly TenderLine[];
  readonly change?: SlipMoney;
  /** cash rounding of the total (paid − total), when not zero */
  readonly rounding?: SlipMoney;
  readonly tickets: readonly TicketCode[];
  readonly copy?: boolean;
}

export interface SeatRef {
  readonly section: string;
  readonly row: string;
  readonly seat: string;
}

export interface TicketView extends SlipSetup {
  readonly venue: VenueHeader;
  readonly eventTitle: string;
  readonly performanceStartsAt: string;
  /** null for general admission */
  readonly seat: SeatRef | null;
  readonly tier: string;
  readonly price: SlipMoney;
  readonly ticketNo: string;
  readonly code: string;
  readonly copy?: boolean;
}

export interface RefundedTicket {
  readonly label: string;
  readonly amount: SlipMoney;
  /** the performance's start (ISO instant) */
  readonly startsAt?: string;
  /** null for general admission */
  readonly seat?: SeatRef | null;
  readonly tier?: string;
  /** How the amount comes about; its lines add up to `amount` (checked by the layout). */
  readonly breakdown?: RefundBreakdown;
}

/** One refunded ticket's figures, as the refund policy decided them (planRefund / evaluate). */
export interface RefundBreakdown {
  readonly price: SlipMoney;
  readonly bookingFee: SlipMoney;
  /** the refund fee (≥ 0) */
  readonly fee: SlipMoney;
  /** the booking fee the venue keeps (≥ 0) */
  readonly bookingFeeKept: SlipMoney;
  /** the part of the price outside the refund window (≥ 0) */
  readonly notRefundable: SlipMoney;
}

export interface RefundVoucherView extends SlipSetup {
  readonly venue: VenueHeader;
  readonly refundNo: string;
  readonly originalReceiptNo: string;
  readonly terminal: string;
  readonly cashier: string;
  readonly issuedAt: string;
  readonly tickets: readonly RefundedTicket[];
  readonly fee: SlipMoney;
  readonly amount: SlipMoney;
  readonly method: TenderMethod;
  /** where the money went when it is not all one method (each payout) */
  readonly payouts?: readonly { readonly method: TenderMethod; readonly amount: SlipMoney }[];
  /** voucher bonus on top, cash rounding on what left the drawer, unpaid sale rounding */
  readonly bonus?: SlipMoney;
  readonly rounding?: SlipMoney;
  readonly shortfall?: SlipMoney;
  /** a refund reason code (printed in the slip's language) or, for older callers, text */
  readonly reason: string;
  readonly approver?: string;
  /** identifies the refund when scanned (refund id or signed code) */
  readonly refundCode: string;
  readonly copy?: boolean;
}

export interface CreditVoucherView extends SlipSetup {
  readonly venue: VenueHeader;
  readonly code: string;
  readonly balance: SlipMoney;
  readonly issuedAt: string;
  /** absent: the venue sets no expiry, and the slip says nothing of one */
  readonly expiresAt?: string;
  readonly copy?: boolean;
}

export interface TenderTotal {
  readonly method: TenderMethod;
  /** how many payments, when the source counts them (a shift report's tenders do not) */
  readonly count?: number;
  readonly amount: SlipMoney;
}

export interface ShiftReportView extends SlipSetup {
  readonly kind: 'X' | 'Z';
  readonly venue: VenueHeader;
  /** Z reports are numbered sequentially per terminal */
  readonly zNumber?: number;
  readonly terminal: string;
  readonly cashier: string;
  readonly openedAt: string;
  readonly printedAt: string;
  readonly sales: { readonly count: number; readonly amount: SlipMoney };
  readonly refunds: { readonly count: number; readonly amount: SlipMoney };
  readonly exchanges: { readonly count: number; readonly amount: SlipMoney };
  readonly net: SlipMoney;
  readonly taxes: readonly TaxByRate[];
  readonly tenders: readonly TenderTotal[];
  readonly openingFloat: SlipMoney;
  readonly paidIn: SlipMoney;
  readonly paidOut: SlipMoney;
  readonly noSaleOpens: number;
  readonly expectedCash: SlipMoney;
  /** Z only: blind count at close */
  readonly countedCash?: SlipMoney;
  readonly overShort?: SlipMoney;
  readonly copy?: boolean;
  /** Optional detail a shift report shows when the source has it (older views print without). */
  readonly refundsByReason?: readonly {
    /** a refund reason code, worded by the slip's labels */
    readonly reason: string;
    readonly count: number;
    readonly amount: SlipMoney;
  }[];
  readonly voids?: { readonly count: number; readonly amount: SlipMoney };
  readonly fees?: {
    readonly booking: SlipMoney;
    readonly refund: SlipMoney;
    readonly exchange: SlipMoney;
  };
  readonly drops?: SlipMoney;
}

/** A ticket on an exchange receipt: what it is for and what it counts for. */
export interface ExchangeTicketLine {
  readonly event: string;
  readonly startsAt: string;
  /** null for general admission */
  readonly seat: SeatRef | null;
  readonly tier: string;
  /** returned: the credit it gives; issued: its price */
  readonly amount: SlipMoney;
}

/** An exchange: old tickets voided, new ones issued, and how the difference was settled. */
export interface ExchangeReceiptView extends SlipSetup {
  readonly venue: VenueHeader;
  readonly receiptNo: string;
  readonly originalReceiptNo: string;
  readonly terminal: string;
  readonly cashier: string;
  readonly approver?: string;
  readonly issuedAt: string;
  readonly returned: readonly ExchangeTicketLine[];
  readonly issued: readonly ExchangeTicketLine[];
  readonly credit: SlipMoney;
  readonly newTotal: SlipMoney;
  readonly fee: SlipMoney;
  /** newTotal + fee − credit: > 0 the customer paid it, < 0 it went back */
  readonly difference: SlipMoney;
  readonly tenders: readonly TenderLine[];
  readonly change?: SlipMoney;
  readonly rounding?: SlipMoney;
  readonly payouts: readonly { readonly method: TenderMethod; readonly amount: SlipMoney }[];
  readonly copy?: boolean;
}
