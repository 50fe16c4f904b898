import type { AppliedAdjustment } from '../pricing/price-ticket';
import { add, multiply, type Money } from '../money/money';
import type { RefundPolicy } from '../refund-policy/policy-schema';

/** A ticket as sold: what it is for, what was paid, its signed code and its refund policy. */
export interface TicketRecord {
  readonly ticketId: string;
  readonly orderId: string;
  readonly performanceId: string;
  readonly eventId: string;
  readonly tierId: string;
  readonly seatId?: string;
  /** VAT-inclusive price paid for the ticket (after discounts). */
  readonly price: Money;
  readonly bookingFee: Money;
  readonly taxRateBp: number;
  /** Tier price before adjustments, and the adjustments, for receipts and reports. */
  readonly base: Money;
  readonly adjustments: readonly AppliedAdjustment[];
  readonly concessionId?: string;
  readonly checkId: boolean;
  readonly promoCode?: string;
  /** Signed ticket code (what the QR carries). */
  readonly code: string;
  readonly issuedAt: string;
  /**
   * The refund policy in force when the ticket was sold, copied in full: a later policy change
   * never reaches a ticket already sold, and a ticket synced from another terminal carries the
   * rules it was sold under.
   */
  readonly policy: RefundPolicy;
}

/** Receipt line: tickets of one tier at one price for one performance. */
export interface OrderLine {
  readonly performanceId: string;
  readonly tierId: string;
  readonly quantity: number;
  readonly unitPrice: Money;
  readonly unitBookingFee: Money;
  readonly total: Money;
  readonly taxRateBp: number;
  readonly ticketIds: readonly string[];
}

export function buildLines(tickets: readonly TicketRecord[]): OrderLine[] {
  const groups = new Map<string, TicketRecord[]>();
  for (const t of tickets) {
    const key = `${t.performanceId}|${t.tierId}|${t.price.amount}|${t.bookingFee.amount}|${t.taxRateBp}`;
    const g = groups.get(key);
    if (g) g.push(t);
    else groups.set(key, [t]);
  }
  return [...groups.values()].map((g) => {
    const first = g[0]!;
    return {
      performanceId: first.performanceId,
      tierId: first.tierId,
      quantity: g.length,
      unitPrice: first.price,
      unitBookingFee: first.bookingFee,
      total: multiply(add(first.price, first.bookingFee), g.length),
      taxRateBp: first.taxRateBp,
      ticketIds: g.map((t) => t.ticketId),
    };
  });
}
