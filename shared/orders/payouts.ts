import { allocate } from '../money/allocate';
import { roundCash } from '../money/cash-rounding';
import { money, zero, type Money } from '../money/money';
import type { RefundMethod } from '../refund-policy/evaluate';
import { strictAssert } from '../util/assert';
import type { IdSource } from './ids';
import type { TenderRecord } from './tenders';

/** A tender of the order and how much of it is still refundable. */
export interface TenderBalanceView {
  readonly tender: TenderRecord;
  readonly paid: Money;
  readonly refunded: Money;
}

export interface PayoutSource {
  readonly tenderId: string;
  readonly amount: Money;
}

/**
 * Money going back to the customer. Every payout names the original tenders it comes out of,
 * so "never more back than was paid, per tender" can be checked from the journal alone.
 */
export type Payout =
  | {
      readonly kind: 'cash';
      readonly amount: Money;
      readonly sources: readonly PayoutSource[];
      readonly rounding: Money;
    }
  | {
      readonly kind: 'card';
      readonly amount: Money;
      readonly sources: readonly PayoutSource[];
      readonly last4: string;
      readonly approvalCode?: string;
      /** the terminal port's id of the referenced refund that paid this back (kiosk refunds) */
      readonly paymentId?: string;
    }
  | {
      readonly kind: 'voucher';
      readonly amount: Money;
      readonly sources: readonly PayoutSource[];
      readonly voucherId: string;
      /** Extra value the venue adds for taking a voucher instead of money (not from the order). */
      readonly bonus: Money;
    };

export interface PayoutOptions {
  readonly newId: IdSource;
  readonly voucherBonus?: Money | undefined;
  readonly cashIncrement?: number | undefined;
  /**
   * Minor units earlier cash refunds of the order owed but rounded off (`cashRefundCarry`):
   * added before this cash payout rounds down, so refunds one by one pay what one refund of
   * them all would. Refunds only; other payouts round on their own.
   */
  readonly cashCarry?: number | undefined;
  /** Approval codes from the card terminal for card refunds, by original tender id. */
  readonly cardApprovals?: Readonly<Record<string, string>> | undefined;
  /** The terminal port's refund payment ids for card refunds, by original tender id. */
  readonly cardRefundPayments?: Readonly<Record<string, string>> | undefined;
}

const remaining = (b: TenderBalanceView): number => b.paid.amount - b.refunded.amount;

/**
 * Splits `amount` over the order's tenders and turns the parts into payouts:
 * - original_tender: in proportion to what is left on each tender, paid back the way it came
 *   (cash as cash, each card to its card, vouchers as a new voucher);
 * - cash: from cash tenders first, then any other tender, all paid out as cash;
 * - voucher: in proportion, all as one new credit voucher.
 * No tender ever gives back more than is left on it; the caller has checked `amount` fits.
 */
export function planPayouts(
  amount: Money,
  method: RefundMethod,
  balances: readonly TenderBalanceView[],
  options: PayoutOptions,
): Payout[] {
  const currency = amount.currency;
  const open = balances.filter((b) => remaining(b) > 0);
  const available = open.reduce((n, b) => n + remaining(b), 0);
  strictAssert(
    amount.amount >= 0 && amount.amount <= available,
    'refund exceeds what is left on the tenders',
  );
  if (amount.amount === 0) return [];

  let parts: Money[];
  if (method === 'cash') {
    const ordered = [...open].sort((a, b) => rank(a) - rank(b));
    let left = amount.amount;
    const byTender = new Map<TenderBalanceView, number>();
    for (const b of ordered) {
      const take = Math.min(left, remaining(b));
      byTender.set(b, take);
      left -= take;
    }
    parts = open.map((b) => money(byTender.get(b) ?? 0, currency));
  } else {
    parts = allocate(amount, open.map(remaining));
  }
  const sources = open
    .map((b, i): PayoutSource => ({ tenderId: b.tender.tenderId, amount: parts[i]! }))
    .filter((s) => s.amount.amount > 0);

  if (method === 'voucher') {
    return [
      {
        kind: 'voucher',
        amount,
        sources,
        voucherId: options.newId(),
        bonus: options.voucherBonus ?? zero(currency),
      },
    ];
  }
  if (method === 'cash') return [cashPayout(sources, options)];

  const payouts: Payout[] = [];
  const cashSources: PayoutSource[] = [];
  const voucherSources: PayoutSource[] = [];
  for (const s of sources) {
    const tender = open.find((b) => b.tender.tenderId === s.tenderId)!.tender;
    if (tender.kind === 'card') {
      const code = options.cardApprovals?.[tender.tenderId];
      const refundPayment = options.cardRefundPayments?.[tender.tenderId];
      payouts.push({
        kind: 'card',
        amount: s.amount,
        sources: [s],
        last4: tender.last4,
        ...(code ? { approvalCode: code } : {}),
        ...(refundPayment !== undefined ? { paymentId: refundPayment } : {}),
      });
    } else if (tender.kind === 'cash') {
      cashSources.push(s);
    } else {
      voucherSources.push(s);
    }
  }
  if (cashSources.length > 0) payouts.push(cashPayout(cashSources, options));
  if (voucherSources.length > 0) {
    const total = voucherSources.reduce((n, s) => n + s.amount.amount, 0);
    payouts.push({
      kind: 'voucher',
      amount: money(total, currency),
      sources: voucherSources,
      voucherId: options.newId(),
      bonus: zero(currency),
    });
  }
  return payouts;
}

function rank(b: TenderBalanceView): number {
  return b.tender.kind === 'cash' ? 0 : b.tender.kind === 'voucher' ? 1 : 2;
}

/**
 * Cash goes out in coins that exist: the amount handed over is rounded down (so the drawer
 * never pays out more than the order holds) and the difference is recorded. With a carry,
 * what is rounded down is this payout plus what earlier ones rounded off: the n-th cash
 * refund pays roundDown(owed by refunds 1..n) − paid by refunds 1..n−1, so its rounding may
 * be positive (the carried units reaching a coin) while the order's stays within one coin.
 */
function cashPayout(
  sources: PayoutSource[],
  options: Pick<PayoutOptions, 'cashIncrement' | 'cashCarry'>,
): Payout {
  const first = sources[0];
  strictAssert(first !== undefined, 'cash payout without sources');
  const currency = first.amount.currency;
  const owed = sources.reduce((n, s) => n + s.amount.amount, 0);
  const carry = options.cashCarry ?? 0;
  const { rounded } = roundCash(money(owed + carry, currency), options.cashIncrement, 'down');
  return {
    kind: 'cash',
    amount: rounded,
    sources,
    rounding: money(rounded.amount - owed, currency),
  };
}

export function payoutsTotal(currency: Money['currency'], payouts: readonly Payout[]): Money {
  return money(
    payouts.reduce((n, p) => n + p.amount.amount, 0),
    currency,
  );
}
