/**
 * Timestamps as the API sends them. A `timestamptz` column arrives as a `Date` from `pg` and
 * may arrive as a string from PGlite; every route answers ISO 8601 in UTC either way, so both
 * adapters give the same JSON.
 */
export const isoTimestamp = (value: Date | string): string => new Date(value).toISOString();

/** As {@link isoTimestamp}, keeping "not yet" (`null` or a missing column) as `null`. */
export const isoTimestampOrNull = (value: Date | string | null | undefined): string | null =>
  value === null || value === undefined ? null : isoTimestamp(value);
