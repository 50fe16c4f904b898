import type { CatalogIndex } from '../../../shared/catalog/catalog';
import type { PriceTier } from '../../../shared/catalog/schemas';
import type { CommandErrorCode, PerformanceInventory, SellItem } from '../../../shared/commands';
import { priceRequested, resolveItems } from '../../../shared/commands';
import type { Currency, Money } from '../../../shared/money';
import { money } from '../../../shared/money';
import type { PricedTicket } from '../../../shared/pricing/price-ticket';
import type { Result } from '../../../shared/util/result';
import { ok } from '../../../shared/util/result';

/** The cart as the sell screen keeps it (and saves after every change, to survive a reload). */
export interface Cart {
  readonly performanceId: string | null;
  readonly seats: readonly { readonly seatId: string; readonly tierId: string }[];
  /** GA tier id → quantity. */
  readonly ga: Readonly<Record<string, number>>;
  readonly promoCode: string;
}

export const EMPTY_CART: Cart = { performanceId: null, seats: [], ga: {}, promoCode: '' };

export function isCart(value: unknown): value is Cart {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Cart>;
  return (
    Array.isArray(v.seats) &&
    typeof v.ga === 'object' &&
    v.ga !== null &&
    typeof v.promoCode === 'string'
  );
}

export function cartItems(cart: Cart): SellItem[] {
  const pid = cart.performanceId;
  if (pid === null) return [];
  return [
    ...cart.seats.map((s): SellItem => ({
      performanceId: pid,
      tierId: s.tierId,
      seatId: s.seatId,
      quantity: 1,
    })),
    ...Object.entries(cart.ga)
      .filter(([, q]) => q > 0)
      .map(([tierId, quantity]): SellItem => ({ performanceId: pid, tierId, quantity })),
  ];
}

export function ticketCount(cart: Cart): number {
  return cart.seats.length + Object.values(cart.ga).reduce((n, q) => n + q, 0);
}

/** The seated tier that sells a seat of this category at this performance. */
export function tierForCategory(
  tiers: readonly PriceTier[],
  categoryId: string,
): PriceTier | undefined {
  return tiers.find((t) => t.kind === 'seated' && (t.seatCategoryIds ?? []).includes(categoryId));
}

export interface PricedCart {
  readonly tickets: readonly PricedTicket[];
  readonly ticketsTotal: Money;
  readonly fees: Money;
  readonly total: Money;
}

/**
 * Prices the cart with the domain's own pricing (rules, promo code, booking fees), so the
 * total on screen is the total the sale command will charge.
 */
export function priceCart(
  catalog: CatalogIndex,
  inventory: Readonly<Record<string, PerformanceInventory>>,
  cart: Cart,
  nowMs: number,
  currency: Currency,
): Result<PricedCart, CommandErrorCode> {
  const items = cartItems(cart);
  if (items.length === 0) {
    const z = money(0, currency);
    return ok({ tickets: [], ticketsTotal: z, fees: z, total: z });
  }
  const state = { catalog, inventory };
  const requested = resolveItems(state, items, nowMs);
  if (!requested.ok) return requested;
  const promo = cart.promoCode.trim();
  const priced = priceRequested(
    state,
    requested.value,
    nowMs,
    currency,
    promo === '' ? undefined : promo,
  );
  if (!priced.ok) return priced;
  const t = priced.value.reduce((n, p) => n + p.price.amount, 0);
  const f = priced.value.reduce((n, p) => n + p.bookingFee.amount, 0);
  return ok({
    tickets: priced.value,
    ticketsTotal: money(t, currency),
    fees: money(f, currency),
    total: money(t + f, currency),
  });
}
