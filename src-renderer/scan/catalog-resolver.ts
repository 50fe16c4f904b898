import type { CatalogIndex } from '../../shared/catalog/catalog';
import { catalogFingerprintIndex } from '../../shared/tickets/catalog-fingerprint';
import type { TicketCodePayload } from '../../shared/tickets/ticket-payload';

/** Where a code points in this venue's catalog, from its fingerprints alone. */
export interface CatalogPlace {
  readonly performanceId: string;
  readonly seatId?: string;
  readonly tierId?: string;
}

export interface CatalogResolver {
  /** null when no performance of this catalog has the code's performance fingerprint. */
  resolve(payload: TicketCodePayload): CatalogPlace | null;
}

/**
 * Turns a code's 6-byte fingerprints back into catalog ids, for tickets this terminal has no
 * record of (sold by another channel). The performance index is built once; seat and tier
 * indexes per performance on first need, since a venue's plans may hold thousands of seats
 * and most are never looked up this way. An ambiguous fingerprint (two ids, see
 * catalog-fingerprint.ts) resolves to no seat/tier rather than to a guess.
 */
export function createCatalogResolver(catalog: CatalogIndex): CatalogResolver {
  const performances = catalogFingerprintIndex(catalog.catalog.performances.map((p) => p.id));
  const refs = new Map<string, ReadonlyMap<string, readonly string[]>>();

  function refIndex(
    performanceId: string,
    kind: 'seat' | 'tier',
  ): ReadonlyMap<string, readonly string[]> {
    const key = `${kind}:${performanceId}`;
    let index = refs.get(key);
    if (index === undefined) {
      index = catalogFingerprintIndex(
        kind === 'tier' ? catalog.tiersFor(performanceId).map((t) => t.id) : seatIds(performanceId),
      );
      refs.set(key, index);
    }
    return index;
  }

  function seatIds(performanceId: string): string[] {
    const planId = catalog.performance(performanceId)?.seatingPlanId;
    const plan = planId !== undefined ? catalog.plan(planId) : undefined;
    return (plan?.sections ?? []).flatMap((s) =>
      s.rows.flatMap((r) => r.seats.map((seat) => seat.id)),
    );
  }

  return {
    resolve(payload) {
      const candidates = performances.get(payload.performanceRef);
      const performanceId = candidates?.length === 1 ? candidates[0] : undefined;
      if (performanceId === undefined) return null;
      const ref = refIndex(performanceId, payload.ref.kind).get(payload.ref.fingerprint);
      const refId = ref?.length === 1 ? ref[0] : undefined;
      if (refId === undefined) return { performanceId };
      return payload.ref.kind === 'seat'
        ? { performanceId, seatId: refId }
        : { performanceId, tierId: refId };
    },
  };
}
