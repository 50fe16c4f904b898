import type { SlipLocale } from './document';
import { labelsEn } from './labels-en';
import { labelsUk } from './labels-uk';
import { labelsZh } from './labels-zh';

/** Every word a slip prints. Layouts take words only from here, so a slip is in one language. */
export interface SlipLabels {
  readonly receipt: string;
  readonly receiptNo: string;
  readonly terminal: string;
  readonly cashier: string;
  readonly taxId: string;
  readonly date: string;
  readonly qtyTimes: string;
  readonly subtotal: string;
  readonly total: string;
  readonly taxesByRate: string;
  readonly taxNet: string;
  readonly tax: string;
  readonly vatIncluded: string;
  readonly tender: { readonly cash: string; readonly card: string; readonly voucher: string };
  readonly tendered: string;
  readonly change: string;
  readonly cardApproval: string;
  readonly tickets: string;
  readonly ticket: string;
  readonly performance: string;
  readonly section: string;
  readonly row: string;
  readonly seat: string;
  readonly generalAdmission: string;
  readonly tier: string;
  readonly price: string;
  readonly refundVoucher: string;
  readonly refundNo: string;
  readonly originalReceipt: string;
  readonly refundedTickets: string;
  readonly fee: string;
  readonly refundAmount: string;
  readonly method: string;
  readonly reason: string;
  readonly approvedBy: string;
  readonly customerSignature: string;
  readonly creditVoucher: string;
  readonly voucherCode: string;
  readonly balance: string;
  readonly validUntil: string;
  readonly xReport: string;
  readonly zReport: string;
  readonly zNumber: string;
  /** The Z's signed journal head: its short code, then the entry seq it covers */
  readonly journalCode: string;
  readonly journalEntry: string;
  readonly shiftOpened: string;
  readonly printedAt: string;
  /** On a copy of a report, instead of printedAt: the time is the report's, not the copy's */
  readonly reportMadeAt: string;
  readonly sales: string;
  readonly refunds: string;
  readonly exchanges: string;
  readonly net: string;
  readonly byTender: string;
  readonly openingFloat: string;
  readonly paidIn: string;
  readonly paidOut: string;
  readonly noSaleOpens: string;
  readonly expectedCash: string;
  readonly countedCash: string;
  readonly overShort: string;
  readonly notClosed: string;
  readonly voids: string;
  readonly drops: string;
  readonly fees: string;
  readonly bookingFees: string;
  readonly refundFees: string;
  readonly exchangeFees: string;
  readonly refundsByReason: string;
  /** refund reason codes (the journal's) in this language; an unknown code prints as is */
  readonly refundReason: Readonly<Record<string, string>>;
  readonly copy: string;
  /** the mark on a voided sale's slip */
  readonly void: string;
  /** the line at the top of every slip a demo till prints */
  readonly demo: string;
  readonly thankYou: string;
  /** "Stalls, row 7, seat 10" in this language */
  readonly seatLine: (section: string, row: string, seat: string) => string;
  readonly ticketPrice: string;
  readonly bookingFee: string;
  readonly promoCode: string;
  readonly cashRounding: string;
  readonly refundFee: string;
  readonly bookingFeeKept: string;
  readonly notRefundable: string;
  readonly toRefund: string;
  readonly voucherBonus: string;
  readonly saleRoundingKept: string;
  readonly paidBack: string;
  readonly exchangeReceipt: string;
  readonly returnedTickets: string;
  readonly newTickets: string;
  readonly creditForReturned: string;
  readonly newTicketsTotal: string;
  readonly exchangeFee: string;
  readonly toPay: string;
  readonly toPayBack: string;
  readonly nothingToPay: string;
}

const LABELS: Record<SlipLocale, SlipLabels> = { en: labelsEn, uk: labelsUk, zh: labelsZh };

export function slipLabels(locale: SlipLocale): SlipLabels {
  return LABELS[locale];
}
