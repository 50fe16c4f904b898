import { localDay, type Translator } from '../i18n';

/**
 * An instant as the status bar shows it: the time alone when it falls today at the venue
 * ("6:44 PM"), the date and time otherwise — a full date for today only takes room.
 */
export function timeOrDateTime(tr: Translator, instant: Date | string, now: number): string {
  const today = localDay(tr.venue.timeZone, instant) === localDay(tr.venue.timeZone, new Date(now));
  return tr.date(instant, today ? 'time' : 'dateTime');
}
