/**
 * The venue's calendar: a venue sells, closes shifts and reads its reports in its own time
 * zone (the catalog's `venue.timeZone`), so a report's day is a day of that zone, not of UTC.
 * Everything here goes through Intl, so daylight saving changes (a 23 or 25 hour day) come
 * from the zone database, never from a fixed offset.
 */

const DAY_MS = 86_400_000;

/**
 * One formatter per zone: building an Intl.DateTimeFormat costs tens of microseconds, and a
 * year's report asks for thousands of day boundaries (the refund analytics bench: 2.7× slower
 * with a new formatter per call).
 */
const wallClocks = new Map<string, Intl.DateTimeFormat>();

function wallClockOf(timeZone: string): Intl.DateTimeFormat {
  let f = wallClocks.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallClocks.set(timeZone, f);
  }
  return f;
}

/** Offset of `timeZone` from UTC at instant `ms`, in milliseconds (e.g. +3 h in Kyiv summer). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const parts = wallClockOf(timeZone).formatToParts(ms);
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value ?? '0');
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant of a wall-clock time in `timeZone`, the wall time given as if it were UTC
 * milliseconds. Two passes: the offset at the guess may differ from the offset at the answer
 * across a DST change.
 */
export function instantOfWallTime(wallMs: number, timeZone: string): number {
  const first = wallMs - zoneOffsetMs(wallMs, timeZone);
  return wallMs - zoneOffsetMs(first, timeZone);
}

/** The venue's calendar day (YYYY-MM-DD) of an instant. */
export function venueDayOf(at: string | number, timeZone: string): string {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  return new Date(ms + zoneOffsetMs(ms, timeZone)).toISOString().slice(0, 10);
}

/**
 * The UTC instants [from, until) of the venue's calendar day `date` (YYYY-MM-DD): midnight to
 * the next midnight of the zone, 23 or 25 hours apart on a DST change. ISO strings, so SQL
 * compares instants and never reads a bare date in the session's time zone.
 */
export function venueDayRange(date: string, timeZone: string): { from: string; until: string } {
  const midnight = Date.parse(`${date}T00:00:00Z`);
  return {
    from: new Date(instantOfWallTime(midnight, timeZone)).toISOString(),
    until: new Date(instantOfWallTime(midnight + DAY_MS, timeZone)).toISOString(),
  };
}

/** The instants [from, until) of the venue's days `from` to `to`, both included. */
export function venueDaysRange(
  from: string,
  to: string,
  timeZone: string,
): { from: string; until: string } {
  return { from: venueDayRange(from, timeZone).from, until: venueDayRange(to, timeZone).until };
}

/** The calendar day `n` days after `date` (YYYY-MM-DD; calendar arithmetic, no zone). */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Day of the week of a calendar day: 0 Sunday … 6 Saturday (the same in every zone). */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}
