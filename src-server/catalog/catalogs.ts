import { catalogSchema, type Catalog } from '../../shared/catalog/catalog';
import type { Db, Queryable } from '../db/port';
import { HttpError } from '../http-error';
import type { FeedNotifier } from '../sync/feed-notifier';

/**
 * The venue's published catalogs (migration 003). A manager publishes a whole validated
 * bundle under a version higher than any before; tills learn the latest version from every
 * pull answer (`catalogVersion`) and fetch the bundle when theirs is older. Publishing wakes
 * the venue's live streams, so a till online hears of a new catalog (a cancelled performance,
 * a new price) within a pull, not at its next poll.
 */

export interface Published {
  readonly version: number;
}

/**
 * Stores `catalog` as the venue's newest. Refused: a catalog of another venue or currency
 * (the tills' money is the venue's), or a version not above the newest (two managers
 * publishing at once: the second is told, never silently overwrites the first).
 */
export async function publishCatalog(
  db: Db,
  feed: FeedNotifier,
  venueId: string,
  catalog: Catalog,
  publishedBy: string,
): Promise<Published> {
  const cursor = await db.transaction(async (tx) => {
    // The venue row, locked: publications of one venue go one at a time, so two versions
    // can never both pass the check below.
    const venues = await tx.query<{ currency: string; feed_pos: unknown }>(
      `SELECT currency, feed_pos FROM venues WHERE venue_id = $1 FOR UPDATE`,
      [venueId],
    );
    const venue = venues[0];
    if (!venue) throw new HttpError(404, 'not_found', `There is no venue ${venueId}.`);
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
    const newest = await newestVersion(tx, venueId);
    if (newest !== null && catalog.version <= newest) {
      throw new HttpError(
        409,
        'catalog_version_taken',
        `Version ${newest} of this venue's catalog is already published; publish this one as version ${newest + 1} or higher.`,
      );
    }
    await tx.query(
      `INSERT INTO catalogs (venue_id, version, body, published_by) VALUES ($1, $2, $3, $4)`,
      [venueId, catalog.version, JSON.stringify(catalog), publishedBy],
    );
    const at = Number(venue.feed_pos);
    await tx.query(`SELECT pg_notify($1, $2)`, feed.announcement(venueId, at));
    return at;
  });
  feed.publish(venueId, cursor);
  return { version: catalog.version };
}

/** The newest published version, or null when the venue has none yet. */
export async function newestVersion(db: Queryable, venueId: string): Promise<number | null> {
  const rows = await db.query<{ version: unknown }>(
    `SELECT max(version) AS version FROM catalogs WHERE venue_id = $1`,
    [venueId],
  );
  const v = rows[0]?.version;
  return v === null || v === undefined ? null : Number(v);
}

/**
 * The newest catalog if it is newer than `after`, else null. Parsed again on the way out: a
 * row that no longer fits the schema (a migration gone wrong) is a server error, never a
 * bundle a till would half-apply.
 */
export async function newestCatalogAfter(
  db: Queryable,
  venueId: string,
  after: number,
): Promise<Catalog | null> {
  const rows = await db.query<{ body: unknown }>(
    `SELECT body FROM catalogs WHERE venue_id = $1 AND version > $2
     ORDER BY version DESC LIMIT 1`,
    [venueId, after],
  );
  if (rows.length === 0) return null;
  const body = rows[0]!.body;
  return catalogSchema.parse(typeof body === 'string' ? JSON.parse(body) : body);
}

/**
 * A venue's first catalog, written only while it has none (the demo venue's at start-up,
 * before any till can be listening). True when written.
 */
export async function seedFirstCatalog(
  db: Queryable,
  venueId: string,
  catalog: Catalog,
  publishedBy: string,
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO catalogs (venue_id, version, body, published_by)
     SELECT $1, $2, $3, $4
     WHERE NOT EXISTS (SELECT 1 FROM catalogs WHERE venue_id = $1)
     RETURNING version`,
    [venueId, catalog.version, JSON.stringify(catalog), publishedBy],
  );
  return rows.length > 0;
}
