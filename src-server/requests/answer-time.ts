import type { CatalogIndex } from '../../shared/catalog/catalog';
import { instantOfWallTime, weekdayOf, zoneOffsetMs } from '../../shared/time/venue-day';
import type { Queryable } from '../db/port';

const DAY_MS = 86_400_000;

/** The target answer time when a venue has not set one (business days). */
export const DEFAULT_ANSWER_BUSINESS_DAYS = 5;

/**
 * When a request must be answered: `businessDays` working days (Monday–Friday of the venue's
 * `timeZone`, its weekend being the one its staff keep; public holidays are not known to the
 * server yet) after it arrived, at the same time of day on the venue's clock (a DST change
 * between moves the instant by an hour, not the wall time).
 */
export function answerDueAt(fromMs: number, businessDays: number, timeZone: string): Date {
  // The wall time as if it were UTC: days are stepped on the venue's calendar.
  let wall = fromMs + zoneOffsetMs(fromMs, timeZone);
  let left = businessDays;
  while (left > 0) {
    wall += DAY_MS;
    const day = weekdayOf(new Date(wall).toISOString().slice(0, 10));
    if (day !== 0 && day !== 6) left--;
  }
  return new Date(instantOfWallTime(wall, timeZone));
}

/**
 * The answer-by time a request is given: the venue's target, but never after the start of a
 * performance it asks about that is still to come (an answer after the show is no answer).
 * `beforeShow` says it was brought forward, so the customer is told why the date is earlier.
 */
export function answerDue(
  fromMs: number,
  businessDays: number,
  showsStartMs: readonly number[],
  timeZone: string,
): { readonly at: Date; readonly beforeShow: boolean } {
  const target = answerDueAt(fromMs, businessDays, timeZone);
  const next = Math.min(...showsStartMs.filter((t) => Number.isFinite(t) && t > fromMs));
  return next < target.getTime()
    ? { at: new Date(next), beforeShow: true }
    : { at: target, beforeShow: false };
}

/** Starts of the performances these tickets are for that still take place (a new date if postponed). */
export function showStarts(catalog: CatalogIndex, performanceIds: readonly string[]): number[] {
  return performanceIds.flatMap((id) => {
    const p = catalog.performance(id);
    if (p === undefined || p.status === 'cancelled') return [];
    return [Date.parse(p.rescheduledTo ?? p.startsAt)];
  });
}

/** The venue's target answer time (business days; the back office's setting). */
export async function answerBusinessDays(db: Queryable, venueId: string): Promise<number> {
  const rows = await db.query<{ days: unknown }>(
    `SELECT request_answer_business_days AS days FROM venues WHERE venue_id = $1`,
    [venueId],
  );
  return Number(rows[0]?.days ?? DEFAULT_ANSWER_BUSINESS_DAYS);
}
