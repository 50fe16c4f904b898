import type { CatalogIndex } from '../../shared/catalog/catalog';
import { higherRole, ROLES, type Role } from '../../shared/catalog/roles';
import { add, compare, isNegative, multiply, negate, subtract, sum, zero, type Money } from '../../shared/money/money';
import type { OrderView } from '../../shared/orders/order-view';
import type { RefundMethod } from '../../shared/refund-policy/evaluate';
import { err, ok, type Result } from '../../shared/util/result';
import { quoteCart, type CartItem, type QuotedLine, type QuoteErrorCode } from './quote-cart';

/**
 * What an exchange costs, for the settle screen: credit for the returned tickets (their
 * price; booking fees stay with the venue), the new tickets priced as a sale, the policy's
 * exchange fee, and the difference. Follows the policy snapshotted on the returned tickets
 * (exchange allowed, deadline, same event only, what happens on a downgrade).
 *
 * shared/commands has no `exchange` command yet; this quote is the flow's own and the commit
 * actor must re-check everything in the domain when that command lands.
 */
export interface ExchangeQuoteInput {
  readonly order: OrderView;
  readonly returnTicketIds: readonly string[];
  readonly items: readonly CartItem[];
  readonly actorRole: Role;
}

export interface ExchangeQuote {
  readonly credit: Money;
  readonly fee: Money;
  readonly newTotal: Money;
  readonly lines: readonly QuotedLine[];
  /** newTotal + fee − credit: positive, the customer pays; negative, the venue pays back. */
  readonly difference: Money;
  /** How a negative difference may be paid back (empty when nothing is owed). */
  readonly refundMethods: readonly RefundMethod[];
  /** The lowest role that may do this exchange on its own. */
  readonly requiredRole: Role;
}

export type ExchangeQuoteErrorCode = QuoteErrorCode | 'not_exchangeable';

const HOUR_MS = 3_600_000;

export function quoteExchange(catalog: CatalogIndex, input: ExchangeQuoteInput, nowMs: number): Result<ExchangeQuote, ExchangeQuoteErrorCode> {
  const { order } = input;
  const currency = order.currency;
  if (input.returnTicketIds.length === 0) return err('invalid_argument', 'Choose the tickets to exchange.');
  const returned = [];
  for (const id of input.returnTicketIds) {
    const view = order.tickets.find((t) => t.ticket.ticketId === id);
    if (!view) return err('not_found', `Ticket ${id} is not part of this order.`);
    if (view.status !== 'valid') return err('not_exchangeable', `Ticket ${id} is ${view.status} and cannot be exchanged.`);
    returned.push(view.ticket);
  }
  const first = returned[0];
  if (!first) return err('invalid_argument', 'Choose the tickets to exchange.');
  const policy = first.policy;
  if (returned.some((t) => t.policy.id !== policy.id || t.policy.version !== policy.version)) {
    return err('invalid_argument', 'These tickets were sold under different policies: exchange them separately.');
  }
  const rules = policy.exchange;
  if (!rules.allowed) return err('not_exchangeable', `Tickets sold under "${policy.name}" cannot be exchanged.`);
  for (const t of returned) {
    const p = catalog.performance(t.performanceId);
    if (!p) return err('not_found', `Performance ${t.performanceId} is not in the catalog.`);
    const hoursLeft = (Date.parse(p.startsAt) - nowMs) / HOUR_MS;
    if (p.status === 'scheduled' && hoursLeft < rules.untilHoursBefore) {
      return err('not_exchangeable', `Exchanges close ${rules.untilHoursBefore} hours before the performance.`);
    }
  }
  if (input.items.length === 0) return err('empty_cart', 'Choose the new seats or places.');
  if (rules.sameEventOnly) {
    const other = input.items.find((i) => catalog.performance(i.performanceId)?.eventId !== first.eventId);
    if (other) return err('not_exchangeable', 'This policy allows exchanges to another date of the same show only.');
  }
  const priced = quoteCart(catalog, { items: input.items, promoCode: null, customerId: null }, { now: nowMs });
  if (!priced.ok) return priced;

  const credit = sum(currency, returned.map((t) => t.price));
  const fee = rules.feePerTicket ? multiply(rules.feePerTicket, returned.length) : zero(currency);
  const newTotal = priced.value.total;
  const difference = subtract(add(newTotal, fee), credit);
  let refundMethods: RefundMethod[] = [];
  if (isNegative(difference)) {
    if (rules.downgrade === 'not_allowed') return err('not_exchangeable', 'This policy does not allow exchanging to cheaper tickets.');
    refundMethods = rules.downgrade === 'voucher' ? ['voucher'] : allowedMethods(order, policy.methods);
  }
  const payback = isNegative(difference) ? negate(difference) : zero(currency);
  return ok({ credit, fee, newTotal, lines: priced.value.lines, difference, refundMethods, requiredRole: higherRole('cashier', roleFor(policy.approvals.thresholds, payback)) });
}

function allowedMethods(order: OrderView, m: OrderView['tickets'][number]['ticket']['policy']['methods']): RefundMethod[] {
  const paidCash = order.tenders.some((t) => t.tender.kind === 'cash');
  const out: RefundMethod[] = [];
  if (m.originalTender) out.push('original_tender');
  if (m.cash.allowed && (!m.cash.onlyForCashPurchases || paidCash)) out.push('cash');
  if (m.voucher.allowed) out.push('voucher');
  return out;
}

/** As for refunds: the lowest role whose limit covers the money paid back. */
function roleFor(thresholds: readonly { role: Role; maxAmount: Money }[], payback: Money): Role {
  if (thresholds.length === 0 || payback.amount === 0) return 'cashier';
  for (const role of ROLES) {
    const t = thresholds.find((x) => x.role === role);
    if (t && compare(payback, t.maxAmount) <= 0) return role;
  }
  return 'manager';
}
