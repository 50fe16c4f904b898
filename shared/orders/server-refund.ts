import { z } from 'zod';
import { moneySchema, type Money } from '../money/money';
import type { PayoutSource, TenderBalanceView } from './payouts';

/**
 * A refund the central server paid itself for a customer's request (issue 14): a card refund
 * through the payment provider or a credit voucher issued, recorded in the server's own
 * hash-chained ledger (`server_ledger`), never in any till's journal. Tills learn it from the
 * pull and fold it into the order as an order event, so the one refund decision (planRefund)
 * and the door scan see its tickets as refunded — and say where and when.
 */
export const serverRefundSchema = z.strictObject({
  /** The row's place in the venue's server ledger (gapless, commit order): the pull's cursor. */
  seq: z.number().int().min(1),
  kind: z.enum(['card_refund', 'voucher_issued']),
  requestId: z.string().min(1).max(64),
  orderId: z.string().min(1).max(64),
  ticketIds: z.array(z.string().min(1).max(64)).min(1),
  /** When the server recorded the payout (ISO 8601). */
  at: z.iso.datetime({ offset: true }),
  /** What reached the customer (the voucher's value when one was issued). */
  amount: moneySchema,
  /** The order's tenders the money came out of (empty on rows recorded before this field). */
  sources: z.array(z.strictObject({ tenderId: z.string().min(1).max(64), amount: moneySchema })),
  /** The voucher's code when one was issued: redeemable at any till as a tender. */
  voucherCode: z.string().min(4).max(64).optional(),
});
export type ServerRefund = z.infer<typeof serverRefundSchema>;

/** How a request is named to people: "R-" and the first 8 characters of its id, upper case. */
export function requestLabel(requestId: string): string {
  return `R-${requestId.slice(0, 8).toUpperCase()}`;
}

/**
 * Which of the order's tenders a server payout comes out of: a card refund from the card it
 * was paid with, a voucher from the tenders in order, each up to what is left on it. Never
 * more than is left in total (a voucher's bonus is the venue's, not the order's).
 */
export function serverRefundSources(
  kind: ServerRefund['kind'],
  amount: Money,
  tenders: readonly TenderBalanceView[],
): PayoutSource[] {
  const open = tenders.filter(
    (b) =>
      b.paid.amount - b.refunded.amount > 0 &&
      (kind === 'voucher_issued' || b.tender.kind === 'card'),
  );
  const sources: PayoutSource[] = [];
  let rest = amount.amount;
  for (const b of open) {
    if (rest <= 0) break;
    const take = Math.min(rest, b.paid.amount - b.refunded.amount);
    sources.push({
      tenderId: b.tender.tenderId,
      amount: { amount: take, currency: amount.currency },
    });
    rest -= take;
  }
  return sources;
}
