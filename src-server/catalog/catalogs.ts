import { catalogSchema, type Catalog } from '../../shared/catalog/catalog';
import type { Db, Queryable } from '../db/port';
import {
  newestAfter,
  newestVersionOf,
  publishVersion,
  seedFirstVersion,
  type VersionedKind,
} from '../db/versioned-documents';
import { HttpError } from '../http-error';
import type { FeedNotifier } from '../sync/feed-notifier';

/**
 * The venue's published catalogs (migration 003). A manager publishes a whole validated
 * bundle under a version higher than any before; tills learn the latest version from every
 * pull answer (`catalogVersion`) and fetch the bundle when theirs is older. Publishing wakes
 * the venue's live streams, so a till online hears of a new catalog (a cancelled performance,
 * a new price) within a pull, not at its next poll.
 */
const CATALOGS: VersionedKind<Catalog> = {
  table: 'catalogs',
  schema: catalogSchema,
  takenCode: 'catalog_version_taken',
  noun: 'catalog',
};

/**
 * Stores `catalog` as the venue's newest. Refused: a catalog of another venue or currency
 * (the tills' money is the venue's), or a version not above the newest (two managers
 * publishing at once: the second is told, never silently overwrites the first).
 */
export function publishCatalog(
  db: Db,
  feed: FeedNotifier,
  venueId: string,
  catalog: Catalog,
  publishedBy: string,
): Promise<{ readonly version: number }> {
  return publishVersion(db, feed, CATALOGS, venueId, catalog.version, publishedBy, (venue) =>
    checkedFor(venueId, venue, catalog),
  );
}

function checkedFor(venueId: string, venue: { readonly currency: string }, catalog: Catalog) {
  if (catalog.venue.id !== venueId) {
    throw new HttpError(
      422,
      'wrong_venue',
      `This catalog is for venue ${catalog.venue.id}, not ${venueId}.`,
    );
  }
  if (catalog.venue.currency !== venue.currency) {
    throw new HttpError(
      422,
      'wrong_currency',
      `This catalog prices in ${catalog.venue.currency}, but the venue sells in ${venue.currency}.`,
    );
  }
  return catalog;
}

/**
 * Publishes the venue's newest catalog changed by `change` as the next version, by the same
 * path as a whole publication (the venue row's lock, the version rule, the venue and currency
 * checks, the catalog schema, the live-stream wake-up). `change` sees the newest catalog under
 * the lock and may throw an HttpError to refuse; `stored` runs in the same transaction (the
 * audit row). A publication racing in between is taken into account by trying again.
 */
export async function publishCatalogChange(
  db: Db,
  feed: FeedNotifier,
  venueId: string,
  publishedBy: string,
  change: (newest: Catalog) => Catalog,
  stored: (tx: Queryable, catalog: Catalog, before: Catalog) => Promise<void>,
): Promise<{ readonly version: number }> {
  for (let attempt = 1; ; attempt++) {
    const newest = await newestVersion(db, venueId);
    if (newest === null) {
      throw new HttpError(
        404,
        'no_catalog',
        'This venue has no published catalog yet: publish one first.',
      );
    }
    try {
      return await publishVersion(
        db,
        feed,
        CATALOGS,
        venueId,
        newest + 1,
        publishedBy,
        (venue, current) => {
          const changed = catalogSchema.safeParse({ ...change(current!), version: newest + 1 });
          if (!changed.success) {
            const issue = changed.error.issues[0];
            throw new HttpError(
              422,
              'invalid_catalog',
              `The changed catalog is not valid: ${issue?.message ?? 'unknown problem'} (at ${issue?.path.join('.') ?? '?'}).`,
            );
          }
          return checkedFor(venueId, venue, changed.data);
        },
        (tx, body, before) => stored(tx, body, before!),
      );
    } catch (error) {
      const raced = error instanceof HttpError && error.code === CATALOGS.takenCode;
      if (!raced || attempt >= 3) throw error;
    }
  }
}

/** The newest published version, or null when the venue has none yet. */
export const newestVersion = (db: Queryable, venueId: string): Promise<number | null> =>
  newestVersionOf(db, 'catalogs', venueId);

/** The newest catalog if it is newer than `after`, else null. */
export const newestCatalogAfter = (
  db: Queryable,
  venueId: string,
  after: number,
): Promise<Catalog | null> => newestAfter(db, CATALOGS, venueId, after);

/** A venue's first catalog, written only while it has none (the demo venue's). */
export const seedFirstCatalog = (
  db: Queryable,
  venueId: string,
  catalog: Catalog,
  publishedBy: string,
): Promise<boolean> => seedFirstVersion(db, CATALOGS, venueId, catalog, publishedBy);
