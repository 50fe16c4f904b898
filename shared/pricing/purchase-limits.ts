import type { CatalogIndex } from '../catalog/catalog';
import { err, ok, type Result } from '../util/result';

export interface RequestedTicket {
  readonly performanceId: string;
  readonly tierId: string;
}

/**
 * Per-order tier limits and per-customer-per-performance limits (anti-scalping). `held` is how
 * many tickets the customer already holds per performance; without a customer only the order
 * limits apply.
 */
export function checkPurchaseLimits(
  tickets: readonly RequestedTicket[],
  catalog: CatalogIndex,
  held?: Readonly<Record<string, number>>,
): Result<void, 'limit_exceeded'> {
  const perTier = new Map<string, number>();
  const perPerformance = new Map<string, number>();
  for (const t of tickets) {
    perTier.set(t.tierId, (perTier.get(t.tierId) ?? 0) + 1);
    perPerformance.set(t.performanceId, (perPerformance.get(t.performanceId) ?? 0) + 1);
  }
  for (const [tierId, count] of perTier) {
    const tier = catalog.tier(tierId);
    if (tier?.perOrderLimit !== undefined && count > tier.perOrderLimit) {
      return err(
        'limit_exceeded',
        `At most ${tier.perOrderLimit} ${tier.name} tickets per order; this order has ${count}.`,
        { tierId, limit: tier.perOrderLimit, requested: count },
      );
    }
  }
  if (held) {
    for (const [performanceId, count] of perPerformance) {
      const limit = catalog.performance(performanceId)?.perCustomerLimit;
      const already = held[performanceId] ?? 0;
      if (limit !== undefined && already + count > limit) {
        return err(
          'limit_exceeded',
          `One customer may hold at most ${limit} tickets for this performance; they already have ${already}.`,
          { performanceId, limit, held: already, requested: count },
        );
      }
    }
  }
  return ok(undefined);
}
