import type { LeaseSummary } from '../inventory/lease-keeper';
import type { Translator } from '../i18n';
import { timeOrDateTime } from './short-time';

/**
 * The status bar's lease item in words: only the kinds a lease is of (no "0 standing" on a
 * seated show), counted in the language's plural forms, and when the first lease ends — the
 * time alone today at the venue, the date and time otherwise. Null when there is no lease.
 */
export function leaseWords(tr: Translator, summary: LeaseSummary, now: number): string | null {
  if (summary.expiresAt === null || (summary.seats === null && summary.ga === null)) return null;
  return tr.t('status.lease', {
    kinds: summary.seats === null ? 'ga' : summary.ga === null ? 'seats' : 'both',
    seats: summary.seats ?? 0,
    ga: summary.ga ?? 0,
    time: timeOrDateTime(tr, summary.expiresAt, now),
  });
}
