import type { Catalog } from '../../shared/catalog/catalog';
import type { Result } from '../../shared/util/result';
import { ok } from '../../shared/util/result';
import type { BoxOfficeDb } from './db';
import type { StoreErrorCode } from './errors';
import { toStoreError } from './errors';
import { performanceSearchText } from './schema';

const CATALOG_VERSION_KEY = 'catalog:version';
const CATALOG_CURRENT_AT_KEY = 'catalog:currentAt';

/**
 * Replaces the catalog replica with a validated catalog pulled from the server (or the demo
 * venue), all tables in one transaction: the sell screen never sees half of one version and
 * half of another.
 */
export async function replaceCatalog(
  db: BoxOfficeDb,
  catalog: Catalog,
): Promise<Result<number, StoreErrorCode>> {
  const eventNames = new Map(catalog.events.map((e) => [e.id, e.name]));
  try {
    await db.transaction(
      'rw',
      [
        db.venue,
        db.events,
        db.performances,
        db.tiers,
        db.seatingPlans,
        db.policies,
        db.priceRules,
        db.settings,
      ],
      async () => {
        await Promise.all([
          db.venue.clear(),
          db.events.clear(),
          db.performances.clear(),
          db.tiers.clear(),
          db.seatingPlans.clear(),
          db.policies.clear(),
          db.priceRules.clear(),
        ]);
        await db.venue.put(catalog.venue);
        await db.events.bulkPut(catalog.events);
        await db.performances.bulkPut(
          catalog.performances.map((p) => ({
            ...p,
            searchText: performanceSearchText(eventNames.get(p.eventId) ?? '', p.id),
          })),
        );
        await db.tiers.bulkPut(catalog.tiers);
        await db.seatingPlans.bulkPut(catalog.seatingPlans);
        await db.policies.bulkPut(catalog.refundPolicies);
        await db.priceRules.bulkPut(catalog.priceRules);
        await db.settings.put({ key: CATALOG_VERSION_KEY, value: catalog.version });
      },
    );
  } catch (e) {
    return toStoreError(e);
  }
  return ok(catalog.version);
}

export async function catalogVersion(db: BoxOfficeDb): Promise<number | null> {
  const value = (await db.settings.get(CATALOG_VERSION_KEY))?.value;
  return typeof value === 'number' ? value : null;
}

/**
 * The server said this till's catalog is its newest (a pull announced no newer version, or the
 * newer one was just stored) at `atMs` by the till's clock. A cash code issued after it may
 * rest on a catalog this till has not taken yet (cash-code-refund.ts).
 */
export async function markCatalogCurrent(db: BoxOfficeDb, atMs: number): Promise<void> {
  await db.settings.put({ key: CATALOG_CURRENT_AT_KEY, value: atMs });
}

/** When this till last knew its catalog current (epoch ms), or null: never since this key. */
export async function catalogCurrentAt(db: BoxOfficeDb): Promise<number | null> {
  const value = (await db.settings.get(CATALOG_CURRENT_AT_KEY))?.value;
  return typeof value === 'number' ? value : null;
}
