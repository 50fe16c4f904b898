import { indexCatalog, type CatalogIndex } from '../../shared/catalog/catalog';
import type { Capacity } from '../../shared/inventory';
import { newestCatalogAfter, newestVersion } from '../catalog/catalogs';
import type { Queryable } from '../db/port';
import { HttpError } from '../http-error';

/**
 * What a performance has to sell, from the venue's newest published catalog: the seats of its
 * seating plan, one GA area per GA tier on sale for it (the tier's quota, else the
 * performance's GA capacity), and the performance's GA capacity over all areas (the demo
 * venue's tiers add up to more than some nights hold; both bounds bind, as on the till).
 */
export function capacityOf(index: CatalogIndex, performanceId: string): Capacity {
  const performance = index.performance(performanceId);
  if (!performance) {
    throw new HttpError(404, 'unknown_performance', `There is no performance ${performanceId}.`);
  }
  if (performance.status !== 'scheduled') {
    throw new HttpError(
      409,
      'not_on_sale',
      `Performance ${performanceId} is ${performance.status}: its seats are not on sale.`,
    );
  }
  const plan =
    performance.seatingPlanId === undefined ? undefined : index.plan(performance.seatingPlanId);
  const seatIds = (plan?.sections ?? []).flatMap((s) =>
    s.rows.flatMap((r) => r.seats.map((seat) => seat.id)),
  );
  const gaCapacity = performance.gaCapacity ?? 0;
  const gaAreas: Record<string, number> = {};
  for (const tier of index.tiersFor(performanceId)) {
    if (tier.kind === 'ga') gaAreas[tier.id] = tier.gaQuota ?? gaCapacity;
  }
  return { seatIds, gaAreas, gaCapacity };
}

/**
 * The newest catalog of each venue (per database), parsed once per version: a zod parse of a 400-seat
 * catalog costs milliseconds, the version query a fraction of one. Per process; another node
 * publishing a catalog is seen at the next request by its version.
 */
type Cached = Map<string, { version: number; index: CatalogIndex }>;
const indexes = new WeakMap<object, Cached>();

/** `cacheKey`: the database the cache belongs to when `db` is one of its transactions. */
export async function catalogIndexOf(
  db: Queryable,
  venueId: string,
  cacheKey: object = db,
): Promise<CatalogIndex> {
  let ofDb = indexes.get(cacheKey);
  if (!ofDb) indexes.set(cacheKey, (ofDb = new Map() as Cached));
  const version = await newestVersion(db, venueId);
  if (version === null) {
    throw new HttpError(
      409,
      'no_catalog',
      'The venue has published no catalog yet: nothing is on sale.',
    );
  }
  const cached = ofDb.get(venueId);
  if (cached?.version === version) return cached.index;
  const catalog = await newestCatalogAfter(db, venueId, version - 1);
  if (catalog === null) return catalogIndexOf(db, venueId, cacheKey);
  const index = indexCatalog(catalog);
  ofDb.set(venueId, { version: catalog.version, index });
  return index;
}
