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
  readonly description: string;
  readonly quantity: number;
  readonly unitPrice: SlipMoney;
  readonly total: SlipMoney;
  /** basis points: 2000 = 20 % */
  readonly taxRate: number;
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
  /** e.g. "Hamlet · Stalls A12" */
  readonly label: string;
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
  readonly expiresAt: string;
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
