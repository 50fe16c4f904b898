import type { PriceTier } from '../../../shared/catalog/schemas';

/**
 * The cart itself lives in the sell flow (flows/sell-machine.ts, saved through
 * flows/cart-persistence.ts); this is what the seat map needs to put a seat in it.
 */

/** The seated tier that sells a seat of this category at this performance. */
export function tierForCategory(
  tiers: readonly PriceTier[],
  categoryId: string,
): PriceTier | undefined {
  return tiers.find((t) => t.kind === 'seated' && (t.seatCategoryIds ?? []).includes(categoryId));
}
