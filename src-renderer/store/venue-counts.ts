import type { BoxOfficeDb } from './db';
import type { VenueCountRecord } from './records';

/**
 * The venue's free places per performance as the server last told this till (issue 12):
 * written on every availability answer, read when the till is offline (after a reload too).
 */

/** Keeps the latest answer; an older one arriving late does not replace a newer. */
export async function keepVenueCount(db: BoxOfficeDb, count: VenueCountRecord): Promise<void> {
  await db.transaction('rw', db.venueCounts, async () => {
    const before = await db.venueCounts.get(count.performanceId);
    if (before === undefined || before.at <= count.at) await db.venueCounts.put(count);
  });
}

/** What the venue had free of a performance at the last answer, or undefined (never asked). */
export function venueCountOf(
  db: BoxOfficeDb,
  performanceId: string,
): Promise<VenueCountRecord | undefined> {
  return db.venueCounts.get(performanceId);
}
