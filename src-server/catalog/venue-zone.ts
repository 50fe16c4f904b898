import type { Queryable } from '../db/port';

/**
 * The venue's time zone as its newest catalog states it (`venue.timeZone`): the zone its days
 * are cut in for every report and its business days counted in. A venue with no catalog yet
 * has sold nothing; UTC stands in until it publishes one.
 */
export async function venueTimeZone(db: Queryable, venueId: string): Promise<string> {
  const rows = await db.query<{ zone: string | null }>(
    `SELECT body->'venue'->>'timeZone' AS zone FROM catalogs
     WHERE venue_id = $1 ORDER BY version DESC LIMIT 1`,
    [venueId],
  );
  return rows[0]?.zone ?? 'UTC';
}
