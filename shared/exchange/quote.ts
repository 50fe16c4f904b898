import type { Performance } from '../catalog/schemas';
import type { Role } from '../catalog/roles';
import type { ReturnedTicket } from '../journal/entry-types';
import { add, describeMoney, money, sum, zero, type Money } from '../money/money';
import type { TaxLine } from '../money/tax';
import { taxBreakdown } from '../money/tax';
import type { TicketRecord } from '../orders/records';
import type { PricedTicket } from '../pricing/price-ticket';
import { roleForAmount, type TicketStatus } from '../refund-policy/evaluate';
import type { RefundPolicy } from '../refund-policy/policy-schema';
import { durationText } from '../refund-policy/reasons';
import { err, ok, type Result } from '../util/result';

export interface ExchangeOld {
  readonly ticket: TicketRecord;
  readonly status: TicketStatus;
  readonly performance: Performance;
}

export interface ExchangeNew {
  readonly performance: Performance;
  readonly priced: PricedTicket;
}

export interface ExchangeQuote {
  readonly policy: RefundPolicy;
  readonly returned: readonly ReturnedTicket[];
  readonly credit: Money;
  /** What the new tickets cost (no new booking fee: the old one stands in for it). */
  readonly newTotal: Money;
  readonly fee: Money;
  /** newTotal − credit: what the new tickets cost more (> 0) or less (< 0), fee apart. */
  readonly priceDifference: Money;
  /**
   * priceDifference + fee: what settles the exchange. > 0 the customer pays it, < 0 the venue
   * pays it back. The journal's `difference` records this amount.
   */
  readonly due: Money;
  readonly settlement: 'collect' | 'pay_back' | 'even';
  /** How a negative difference goes back: to the original payment or as a credit voucher. */
  readonly payBackAs: 'original_tender' | 'voucher' | null;
  /** Lowest role that may pay the difference back alone (cashier-level for upgrades). */
  readonly requiredRole: Role;
  readonly taxes: readonly TaxLine[];
  readonly summary: string;
}

export type ExchangeErrorCode = 'not_exchangeable' | 'invalid_argument';

const HOUR_MS = 3_600_000;

/**
 * Prices an exchange of `old` tickets for `replacements` at `nowMs` under the exchange rules
 * snapshotted on the old tickets: each old ticket must still be valid, its performance far
 * enough away (unless the venue cancelled or postponed it, which also waives the fee), and the
 * new performances in the same event when the policy says so.
 */
export function quoteExchange(
  old: readonly ExchangeOld[],
  replacements: readonly ExchangeNew[],
  nowMs: number,
): Result<ExchangeQuote, ExchangeErrorCode> {
  if (old.length === 0 || replacements.length === 0) {
    return err(
      'invalid_argument',
      'An exchange needs at least one ticket to return and one to issue.',
    );
  }
  const policy = old[0]!.ticket.policy;
  if (
    old.some((o) => o.ticket.policy.id !== policy.id || o.ticket.policy.version !== policy.version)
  ) {
    return err(
      'invalid_argument',
      'These tickets were sold under different policies: exchange them separately.',
    );
  }
  const rules = policy.exchange;
  const currency = policy.currency;
  const refused = exchangeRefusal(old, nowMs);
  if (refused !== null) return err(refused.code, refused.message);
  let fee = zero(currency);
  for (const o of old) {
    const venueChanged =
      o.performance.status === 'cancelled' || o.performance.status === 'postponed';
    if (!venueChanged && rules.feePerTicket) fee = add(fee, rules.feePerTicket);
    if (rules.sameEventOnly) {
      const other = replacements.find((r) => !replacementAllowed(o, r.performance));
      if (other)
        return err(
          'not_exchangeable',
          'This ticket can only be exchanged for another performance of the same event.',
        );
    }
  }
  for (const r of replacements) {
    if (r.priced.price.currency !== currency) {
      return err(
        'invalid_argument',
        `The new tickets are priced in ${r.priced.price.currency}, the old ones in ${currency}.`,
      );
    }
  }

  const returned: ReturnedTicket[] = old.map((o) => ({
    ticketId: o.ticket.ticketId,
    performanceId: o.ticket.performanceId,
    tierId: o.ticket.tierId,
    credit: o.ticket.price,
    bookingFee: o.ticket.bookingFee,
    taxRateBp: o.ticket.taxRateBp,
  }));
  const credit = sum(
    currency,
    returned.map((r) => r.credit),
  );
  const newTotal = sum(
    currency,
    replacements.map((r) => r.priced.price),
  );
  const priceDifference = money(newTotal.amount - credit.amount, currency);
  const due = money(priceDifference.amount + fee.amount, currency);
  const settlement = due.amount > 0 ? 'collect' : due.amount < 0 ? 'pay_back' : 'even';
  let payBackAs: ExchangeQuote['payBackAs'] = null;
  if (settlement === 'pay_back') {
    if (rules.downgrade === 'not_allowed') {
      return err('not_exchangeable', 'This policy does not allow exchanging for cheaper tickets.');
    }
    payBackAs = rules.downgrade === 'refund' ? 'original_tender' : 'voucher';
  }
  const payBack = money(Math.max(0, -due.amount), currency);
  const requiredRole =
    settlement === 'pay_back' ? roleForAmount(policy, payBack.amount).role : 'kiosk';

  // Tax moves with the tickets: the new ones add theirs, the returned ones take theirs back,
  // and the exchange fee is taxed at the rate of the first returned ticket.
  const feeRate = returned[0]!.taxRateBp;
  const taxes = taxBreakdown([
    ...replacements.map((r) => ({ gross: r.priced.price, rateBp: r.priced.taxRateBp })),
    ...returned.map((r) => ({ gross: money(-r.credit.amount, currency), rateBp: r.taxRateBp })),
    ...(fee.amount > 0 ? [{ gross: fee, rateBp: feeRate }] : []),
  ]);

  const feeNote = fee.amount > 0 ? ` The ${describeMoney(fee)} exchange fee is included.` : '';
  const summary =
    settlement === 'collect'
      ? `The customer pays ${describeMoney(due)}.${feeNote}`
      : settlement === 'pay_back'
        ? `The customer gets ${describeMoney(payBack)} back ${payBackAs === 'voucher' ? 'as a credit voucher' : 'to the original payment'}.${feeNote}`
        : `Even exchange: nothing to pay.${feeNote}`;

  return ok({
    policy,
    returned,
    credit,
    newTotal,
    fee,
    priceDifference,
    due,
    settlement,
    payBackAs,
    requiredRole,
    taxes,
    summary,
  });
}

/** Why these tickets cannot be exchanged at all, whatever they would be exchanged for. */
export interface ExchangeRefusal {
  readonly code: 'not_exchangeable';
  /** What the screen puts into words: the policy forbids it, a ticket is spent, or too late. */
  readonly why: 'policy' | 'ticket_status' | 'started' | 'closed';
  readonly message: string;
  readonly params: Readonly<Record<string, string | number>>;
}

/**
 * The rules on the tickets going back, in the order quoteExchange applies them: the policy
 * allows exchanges, each ticket is still valid, and its performance is far enough away (unless
 * the venue cancelled or postponed it). Null: they may be exchanged.
 */
export function exchangeRefusal(
  old: readonly ExchangeOld[],
  nowMs: number,
): ExchangeRefusal | null {
  const first = old[0];
  if (first === undefined) return null;
  const rules = first.ticket.policy.exchange;
  if (!rules.allowed)
    return {
      code: 'not_exchangeable',
      why: 'policy',
      message: 'Tickets sold under this policy cannot be exchanged.',
      params: {},
    };
  for (const o of old) {
    if (o.status !== 'valid')
      return {
        code: 'not_exchangeable',
        why: 'ticket_status',
        message: `Ticket ${o.ticket.ticketId} is ${o.status} and cannot be exchanged.`,
        params: { status: o.status },
      };
    const venueChanged =
      o.performance.status === 'cancelled' || o.performance.status === 'postponed';
    if (venueChanged) continue;
    const hoursLeft = (Date.parse(o.performance.startsAt) - nowMs) / HOUR_MS;
    if (hoursLeft <= 0)
      return {
        code: 'not_exchangeable',
        why: 'started',
        message: 'The performance has started: the ticket can no longer be exchanged.',
        params: {},
      };
    if (hoursLeft < rules.untilHoursBefore)
      return {
        code: 'not_exchangeable',
        why: 'closed',
        message: `Exchanges close ${rules.untilHoursBefore} hours before the performance, which is ${durationText(hoursLeft)} away.`,
        params: { hours: rules.untilHoursBefore },
      };
  }
  return null;
}

/** The policy's rule on what a ticket may become: another performance of its event, or any. */
export function replacementAllowed(o: Pick<ExchangeOld, 'ticket'>, target: Performance): boolean {
  return !o.ticket.policy.exchange.sameEventOnly || target.eventId === o.ticket.eventId;
}

/**
 * The performances these tickets may be exchanged for at `nowMs`: none when the tickets cannot
 * be exchanged (`refusal` says why); otherwise every scheduled performance not yet started that
 * the policy allows for each ticket (`sameEventOnly`), soonest first. The exchange screen offers
 * exactly these; quoteExchange applies the same rules to what is chosen.
 */
export function exchangeTargets(
  old: readonly ExchangeOld[],
  performances: readonly Performance[],
  nowMs: number,
): { readonly refusal: ExchangeRefusal | null; readonly allowed: readonly Performance[] } {
  const refusal = exchangeRefusal(old, nowMs);
  if (refusal !== null) return { refusal, allowed: [] };
  const allowed = performances
    .filter(
      (p) =>
        p.status === 'scheduled' &&
        Date.parse(p.startsAt) > nowMs &&
        old.every((o) => replacementAllowed(o, p)),
    )
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  return { refusal: null, allowed };
}
