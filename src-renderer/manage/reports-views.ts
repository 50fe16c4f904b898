import type { ShiftClosePayload } from '../../shared/journal/entry-types';
import type { DayFiguresView, DayReportView } from './views';

/**
 * The answers of the back office's report routes (src-server/routes/back-office-reports.ts),
 * written out here because the page must not import server code.
 */
export interface ZReportView {
  readonly venueId: string;
  readonly terminalId: string;
  readonly terminalName: string;
  /** who opened the shift, by name */
  readonly cashierName: string;
  /** who closed it, by name */
  readonly closedByName: string;
  readonly shiftId: string;
  readonly seq: number;
  readonly closedAt: string;
  /** The shift_close payload exactly as the till wrote it (its Z report inside). */
  readonly close: ShiftClosePayload;
  readonly figures: DayFiguresView;
}

export interface PerformanceNamesView {
  readonly catalogVersion: number | null;
  readonly performances: readonly {
    performanceId: string;
    eventName: string;
    startsAt: string;
    status: string;
  }[];
}

/** Where the reports section is: a day (`#/reports/day/2026-04-01`) or one Z. */
export type ReportsRoute =
  | { readonly view: 'day'; readonly date: string | null }
  | { readonly view: 'z'; readonly terminalId: string; readonly shiftId: string };

export function reportsRouteOf(hash: string): ReportsRoute {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .map((p) => decodeURIComponent(p));
  if (parts[1] === 'z' && parts[2] && parts[3]) {
    return { view: 'z', terminalId: parts[2], shiftId: parts[3] };
  }
  const date = parts[1] === 'day' && /^\d{4}-\d{2}-\d{2}$/.test(parts[2] ?? '') ? parts[2]! : null;
  return { view: 'day', date };
}

export const dayHash = (date: string) => `#/reports/day/${date}`;
export const zHash = (terminalId: string, shiftId: string) =>
  `#/reports/z/${encodeURIComponent(terminalId)}/${encodeURIComponent(shiftId)}`;

/**
 * What the day's check box says: `none` (no shift touched the day), `equal` (the day's totals
 * are the sum of its Z reports), `mismatch` (the closed shifts add up to other figures than
 * their Zs), `pending` (shifts ran this day but none has closed: nothing to compare yet — a
 * manager's evening view before the Z) or `partial` (the closed shifts match, but some shift is
 * not wholly in the day).
 */
export type DayCheckVerdict = 'none' | 'equal' | 'mismatch' | 'pending' | 'partial';

export function dayCheckVerdict(
  report: Pick<DayReportView, 'check' | 'terminals'>,
): DayCheckVerdict {
  const { check } = report;
  // A day with no shift in it at all has nothing to compare: saying "matches" would mislead.
  if (check.partialShifts.length === 0 && report.terminals.length === 0) return 'none';
  if (check.totalsAreSumOfZ) return 'equal';
  if (!check.matches) return 'mismatch';
  if (check.partialShifts.length === 0) return 'equal';
  const closed = report.terminals.some((t) => t.zReports.length > 0);
  return closed ? 'partial' : 'pending';
}
