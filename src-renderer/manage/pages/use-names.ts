import { useT } from '../../i18n';
import type { ApiError } from '../api';
import { venuePath } from '../api';
import type { PerformanceNamesView } from '../reports-views';
import { useApi } from '../use-api';
import type { TerminalView } from '../views';

/**
 * Names for the ids the reports carry: a window by its enrolled name, a performance by its
 * event and start (newest catalog). An id not found is shown as itself, said so.
 */
export function useNames(venueId: string): {
  windowOf: (id: string) => string;
  performanceOf: (id: string) => string;
  error: ApiError | null;
} {
  const tr = useT();
  const terminals = useApi<{ terminals: TerminalView[] }>(venuePath(venueId, 'terminals'));
  const shows = useApi<PerformanceNamesView>(venuePath(venueId, 'reports/performances'));
  const windows = new Map((terminals.data?.terminals ?? []).map((t) => [t.terminalId, t.name]));
  const performances = new Map((shows.data?.performances ?? []).map((p) => [p.performanceId, p]));
  return {
    windowOf: (id) => windows.get(id) ?? id,
    performanceOf: (id) => {
      const p = performances.get(id);
      return p
        ? tr.t('manage.reports.performanceName', {
            event: p.eventName,
            when: tr.date(p.startsAt, 'dateTime'),
          })
        : tr.t('manage.reports.performanceUnknown', { id });
    },
    error: terminals.error ?? shows.error,
  };
}
