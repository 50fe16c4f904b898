import { venueDayOf } from '../../shared/time/venue-day';
import type { Locale } from './locales';

export type DateStyle = 'date' | 'time' | 'dateTime' | 'weekdayDate' | 'dayMonth';

const OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: 'medium' },
  time: { timeStyle: 'short' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  weekdayDate: { weekday: 'long', day: 'numeric', month: 'long' },
  /** a chart axis's day: "Mar 3", "3 бер.", "3月3日" (the range above it gives the year) */
  dayMonth: { day: 'numeric', month: 'short' },
};

const cache = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant shown in the VENUE's time zone, not the machine's: a till set to UTC, or a
 * laptop brought from another country, must still print the show's local start time.
 */
export function formatDate(
  locale: Locale,
  timeZone: string,
  instant: Date | string,
  style: DateStyle = 'dateTime',
): string {
  const key = `${locale}|${timeZone}|${style}`;
  let format = cache.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, { ...OPTIONS[style], timeZone });
    cache.set(key, format);
  }
  return format.format(typeof instant === 'string' ? new Date(instant) : instant);
}

/**
 * A calendar day (YYYY-MM-DD) as a label: a report's day, already the venue's, so no zone may
 * move it (its noon in UTC is that day in the label whatever the zone).
 */
export function formatDay(locale: Locale, day: string, style: DateStyle = 'date'): string {
  return formatDate(locale, 'UTC', `${day}T12:00:00Z`, style);
}

/**
 * The calendar day (YYYY-MM-DD) of an instant in a time zone: "today" at the venue. The same
 * day the server's reports cut (shared/time/venue-day.ts, one formatter per zone).
 */
export function localDay(timeZone: string, instant: Date | string): string {
  return venueDayOf(typeof instant === 'string' ? instant : instant.getTime(), timeZone);
}

/**
 * A venue's time zone as people say it ("Ukraine Time", "час: Україна", "乌克兰时间"), not its
 * IANA id: a manager reads "times in Ukraine Time", never "Europe/Kyiv". Falls back to the id
 * where the engine has no name for the zone.
 */
export function formatTimeZone(locale: Locale, timeZone: string): string {
  const parts = new Intl.DateTimeFormat(locale, {
    timeZone,
    timeZoneName: 'shortGeneric',
  }).formatToParts(new Date());
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}
