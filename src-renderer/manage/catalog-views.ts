import type { Catalog } from '../../shared/catalog/catalog';
import { instantOfWallTime, zoneOffsetMs } from '../../shared/time/venue-day';
import type { Performance } from '../../shared/catalog/schemas';

/** GET /api/venues/:venueId/catalog: the newest published catalog (null: none yet). */
export interface CatalogAnswer {
  readonly catalog: Catalog | null;
}

/** POST …/performances/:performanceId/cancel | postpone. */
export interface PerformanceChanged {
  readonly version: number;
  readonly performance: Performance;
}

/** When a performance starts now: a postponed one at its new date (as the door rule reads it). */
export function currentStart(p: Performance): string {
  return p.status === 'postponed' && p.rescheduledTo ? p.rescheduledTo : p.startsAt;
}

/**
 * The instant of a wall-clock time ("2026-12-24T19:00", what a datetime-local input gives) in
 * the venue's time zone.
 */
export function wallTimeToInstant(wall: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(wall);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  return new Date(instantOfWallTime(Date.UTC(y, mo - 1, d, h, mi), timeZone)).toISOString();
}

/** The venue's wall-clock time of an instant, as a datetime-local input shows it. */
export function instantToWallTime(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  return new Date(ms + zoneOffsetMs(ms, timeZone)).toISOString().slice(0, 16);
}
