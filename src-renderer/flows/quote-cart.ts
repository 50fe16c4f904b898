import type { CatalogIndex } from '../../shared/catalog/catalog';
import { add, multiply, sum, type Money } from '../../shared/money/money';
import { checkPurchaseLimits } from '../../shared/pricing/purchase-limits';
import {
  priceTicket,
  type AppliedAdjustment,
  type DemandState,
  type PricedTicket,
} from '../../shared/pricing/price-ticket';
import { err, ok, type Err, type Result } from '../../shared/util/result';

/**
 * Prices a cart before payment with the domain's own pricing and purchase limits, so the
 * total on the tender screen is the total the `sell` command will charge. Pure; the sell
 * machine runs it through its injected `quoteCart` actor.
 */

/** One line of the cart: a seat (quantity 1) or some GA places of a tier. */
export interface CartItem {
  readonly performanceId: string;
  readonly tierId: string;
  readonly seatId?: string;
  readonly quantity: number;
  readonly concessionId?: string;
}

export interface QuoteCartInput {
  readonly items: readonly CartItem[];
  readonly promoCode: string | null;
  readonly customerId: string | null;
}

export interface QuotedLine extends CartItem {
  readonly unitPrice: Money;
  readonly bookingFee: Money;
  /** (unitPrice + bookingFee) × quantity */
  readonly lineTotal: Money;
  readonly adjustments: readonly AppliedAdjustment[];
  readonly checkId: boolean;
}

export interface CartQuote {
  readonly lines: readonly QuotedLine[];
  readonly tickets: Money;
  readonly bookingFees: Money;
  readonly total: Money;
  readonly ticketCount: number;
  /** Some line is a concession the cashier must see proof for. */
  readonly checkId: boolean;
  /** The promo code as applied (upper case), or null. */
  readonly promoCode: string | null;
}

export type QuoteErrorCode =
  'empty_cart' | 'not_found' | 'sales_closed' | 'invalid_argument' | 'limit_exceeded';

export interface QuoteContext {
  readonly now: number;
  /** Orders that already used the promo code. */
  readonly promoUses?: number;
  /** Tickets the named customer already holds, per performance. */
  readonly customerHeld?: Readonly<Record<string, number>>;
  readonly demand?: (performanceId: string) => DemandState | undefined;
}

export function quoteCart(
  catalog: CatalogIndex,
  input: QuoteCartInput,
  ctx: QuoteContext,
): Result<CartQuote, QuoteErrorCode> {
  const currency = catalog.venue.currency;
  if (input.items.length === 0) return err('empty_cart', 'Add at least one ticket.');
  const requested: { performanceId: string; tierId: string }[] = [];
  for (const item of input.items) {
    for (let i = 0; i < item.quantity; i++)
      requested.push({ performanceId: item.performanceId, tierId: item.tierId });
  }
  const limits = checkPurchaseLimits(
    requested,
    catalog,
    input.customerId !== null ? (ctx.customerHeld ?? {}) : undefined,
  );
  if (!limits.ok) return limits;

  const promo = input.promoCode?.trim() ?? '';
  let promoError: Err<QuoteErrorCode> | null = null;
  const lines: QuotedLine[] = [];
  for (const item of input.items) {
    const performance = catalog.performance(item.performanceId);
    if (!performance)
      return err('not_found', `Performance ${item.performanceId} is not in the catalog.`);
    if (performance.status !== 'scheduled')
      return err(
        'sales_closed',
        `This performance is ${performance.status}; tickets cannot be sold.`,
      );
    const tier = catalog.tiersFor(performance.id).find((t) => t.id === item.tierId);
    if (!tier) return err('not_found', `Tier ${item.tierId} is not on sale for this performance.`);
    const base = {
      venue: catalog.venue,
      performance,
      tier,
      rules: catalog.rules(),
      now: ctx.now,
      demand: ctx.demand?.(performance.id),
      promoUses: ctx.promoUses ?? 0,
      concessionId: item.concessionId,
    };
    let priced = priceTicket(promo === '' ? base : { ...base, promoCode: promo });
    // A promo code may cover only some tiers; it is refused only if it fits no line at all.
    if (!priced.ok && promo !== '' && isPromoIssue(priced.error.details)) {
      promoError = priced;
      priced = priceTicket(base);
    }
    if (!priced.ok) return priced;
    lines.push(line(item, priced.value));
  }
  const applied = lines.some((l) => l.adjustments.some((a) => a.kind === 'promo'));
  if (promo !== '' && !applied && promoError) return promoError;

  const tickets = sum(
    currency,
    lines.map((l) => multiply(l.unitPrice, l.quantity)),
  );
  const bookingFees = sum(
    currency,
    lines.map((l) => multiply(l.bookingFee, l.quantity)),
  );
  return ok({
    lines,
    tickets,
    bookingFees,
    total: add(tickets, bookingFees),
    ticketCount: requested.length,
    checkId: lines.some((l) => l.checkId),
    promoCode: applied ? promo.toUpperCase() : null,
  });

  function line(item: CartItem, p: PricedTicket): QuotedLine {
    return {
      ...item,
      unitPrice: p.price,
      bookingFee: p.bookingFee,
      lineTotal: multiply(add(p.price, p.bookingFee), item.quantity),
      adjustments: p.adjustments,
      checkId: p.checkId,
    };
  }
}

function isPromoIssue(details: unknown): boolean {
  return (
    typeof details === 'object' &&
    details !== null &&
    (details as { field?: unknown }).field === 'promoCode'
  );
}
