import type { Queryable } from '../db/port';

/**
 * The zone of each catalog version already read, per database: a version's body never
 * changes (a new catalog is a new version), and reading `timeZone` out of the body makes
 * PostgreSQL load the whole catalog document (every seating plan) — for each report request.
 */
const zones = new WeakMap<Queryable, Map<string, { version: number; zone: string }>>();

/**
 * The venue's time zone as its newest catalog states it (`venue.timeZone`): the zone its days
 * are cut in for every report and its business days counted in. A venue with no catalog yet
 * has sold nothing; UTC stands in until it publishes one.
 */
export async function venueTimeZone(db: Queryable, venueId: string): Promise<string> {
  const [newest] = await db.query<{ version: number | string }>(
    `SELECT version FROM catalogs WHERE venue_id = $1 ORDER BY version DESC LIMIT 1`,
    [venueId],
  );
  if (newest === undefined) return 'UTC';
  const version = Number(newest.version);
  const known = zones.get(db) ?? new Map<string, { version: number; zone: string }>();
  zones.set(db, known);
  const cached = known.get(venueId);
  if (cached?.version === version) return cached.zone;
  const [row] = await db.query<{ zone: string | null }>(
    `SELECT body->'venue'->>'timeZone' AS zone FROM catalogs WHERE venue_id = $1 AND version = $2`,
    [venueId, version],
  );
  const zone = row?.zone ?? 'UTC';
  known.set(venueId, { version, zone });
  return zone;
}
