import type { z } from 'zod';
import { HttpError } from '../http-error';
import type { FeedNotifier } from '../sync/feed-notifier';
import type { Db, Queryable } from './port';

/**
 * What a manager publishes whole and every till pulls whole: the venue's catalog (migration
 * 003) and its staff list (004). Both tables are `(venue_id, version, body, published_at,
 * published_by)`; versions only grow and every version is kept. One implementation of the
 * lock, the version check, the notification and the reads, so the two cannot drift.
 */
export type VersionedTable = 'catalogs' | 'staff_lists';

export interface VersionedKind<T> {
  readonly table: VersionedTable;
  /** Checked again on the way out: a damaged row is a server error, never half-applied. */
  readonly schema: z.ZodType<T>;
  /** The refusal when the version is taken, e.g. `catalog_version_taken`. */
  readonly takenCode: string;
  /** "catalog", "staff list": for the refusal's sentence. */
  readonly noun: string;
}

/**
 * Stores the next version, built by `build` from the newest (null: none) inside the venue
 * row's lock, so two publications of one venue go one at a time and cannot both pass the
 * version check; wakes the venue's live streams after COMMIT (and other nodes by NOTIFY).
 * `build` may throw an HttpError to refuse; nothing is stored then. `stored`, when given, runs
 * in the same transaction after the insert (an audit row that stands or falls with it).
 */
export async function publishVersion<T extends { readonly version: number }>(
  db: Db,
  feed: FeedNotifier,
  kind: VersionedKind<T>,
  venueId: string,
  version: number,
  publishedBy: string,
  build: (venue: { readonly currency: string }, newest: T | null) => T,
  stored?: (tx: Queryable, body: T, newest: T | null) => Promise<void>,
): Promise<{ readonly version: number }> {
  const cursor = await db.transaction(async (tx) => {
    const venues = await tx.query<{ currency: string; feed_pos: unknown }>(
      `SELECT currency, feed_pos FROM venues WHERE venue_id = $1 FOR UPDATE`,
      [venueId],
    );
    const venue = venues[0];
    if (!venue) throw new HttpError(404, 'not_found', `There is no venue ${venueId}.`);
    const newest = await newestAfter(tx, kind, venueId, -1);
    if (newest !== null && version <= newest.version) {
      throw new HttpError(
        409,
        kind.takenCode,
        `Version ${newest.version} of this venue's ${kind.noun} is already published; publish this one as version ${newest.version + 1} or higher.`,
      );
    }
    const body = build(venue, newest);
    await tx.query(
      `INSERT INTO ${kind.table} (venue_id, version, body, published_by) VALUES ($1, $2, $3, $4)`,
      [venueId, body.version, JSON.stringify(body), publishedBy],
    );
    if (stored) await stored(tx, body, newest);
    const at = Number(venue.feed_pos);
    await tx.query(`SELECT pg_notify($1, $2)`, feed.announcement(venueId, at));
    return at;
  });
  feed.publish(venueId, cursor);
  return { version };
}

/** The newest published version, or null when the venue has none yet. */
export async function newestVersionOf(
  db: Queryable,
  table: VersionedTable,
  venueId: string,
): Promise<number | null> {
  const rows = await db.query<{ version: unknown }>(
    `SELECT max(version) AS version FROM ${table} WHERE venue_id = $1`,
    [venueId],
  );
  const v = rows[0]?.version;
  return v === null || v === undefined ? null : Number(v);
}

/** The newest document if it is newer than `after`, else null. */
export async function newestAfter<T>(
  db: Queryable,
  kind: VersionedKind<T>,
  venueId: string,
  after: number,
): Promise<T | null> {
  const rows = await db.query<{ body: unknown }>(
    `SELECT body FROM ${kind.table} WHERE venue_id = $1 AND version > $2
     ORDER BY version DESC LIMIT 1`,
    [venueId, after],
  );
  if (rows.length === 0) return null;
  const body = rows[0]!.body;
  return kind.schema.parse(typeof body === 'string' ? JSON.parse(body) : body);
}

/**
 * A venue's first document, written only while it has none (the demo venue's at start-up,
 * before any till can be listening). True when written.
 */
export async function seedFirstVersion<T extends { readonly version: number }>(
  db: Queryable,
  kind: VersionedKind<T>,
  venueId: string,
  body: T,
  publishedBy: string,
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO ${kind.table} (venue_id, version, body, published_by)
     SELECT $1, $2, $3, $4
     WHERE NOT EXISTS (SELECT 1 FROM ${kind.table} WHERE venue_id = $1)
     RETURNING version`,
    [venueId, body.version, JSON.stringify(kind.schema.parse(body)), publishedBy],
  );
  return rows.length > 0;
}
