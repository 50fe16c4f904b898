import type { RequestFigures } from '../../../shared/requests/contract';
import { localDay, refundReasonKey, useT } from '../../i18n';
import { venuePath } from '../api';
import { ErrorText } from '../error-text';
import { useApi } from '../use-api';

const DAY_MS = 86_400_000;

/**
 * The last 30 days of refund requests as the analytics count them (issue 14 item 9): by
 * channel, by how they were decided and by reason, and the hours a decision took. A table,
 * so a screen reader reads the same figures a chart would show.
 */
export function RequestFiguresPanel({ venueId }: { readonly venueId: string }) {
  const tr = useT();
  // The venue's last 30 days: the server cuts them at its midnight too.
  const to = localDay(tr.venue.timeZone, new Date());
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - 29 * DAY_MS).toISOString().slice(0, 10);
  const figures = useApi<RequestFigures>(
    venuePath(venueId, `analytics/refund-requests?from=${from}&to=${to}`),
  );
  const f = figures.data;
  return (
    <section aria-labelledby="bo-figures-h">
      <h2 id="bo-figures-h">{tr.t('manage.requests.figures.heading')}</h2>
      <ErrorText error={figures.error} />
      {f && (
        <>
          <table className="bo-table" data-testid="request-figures">
            <caption>{tr.t('manage.requests.figures.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{tr.t('manage.requests.figures.what')}</th>
                <th scope="col">{tr.t('manage.requests.figures.count')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{tr.t('manage.requests.figures.total')}</th>
                <td data-figure="requests-total">{f.total}</td>
              </tr>
              {f.byChannel.map((c) => (
                <tr key={`c-${c.channel}`}>
                  <th scope="row">{tr.t(`manage.requests.channel.${c.channel}`)}</th>
                  <td>{c.count}</td>
                </tr>
              ))}
              {f.byOutcome.map((o) => (
                <tr key={`o-${o.outcome}`}>
                  <th scope="row">{tr.t(`manage.requests.outcome.${o.outcome}`)}</th>
                  <td>{o.count}</td>
                </tr>
              ))}
              {f.byReason.map((r) => (
                <tr key={`r-${r.reason}`}>
                  <th scope="row">{tr.t(refundReasonKey(r.reason))}</th>
                  <td>{r.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {f.decisionHours.decided > 0 && (
            <p>
              {tr.t('manage.requests.figures.hours', {
                median: f.decisionHours.median ?? 0,
                p90: f.decisionHours.p90 ?? 0,
                decided: f.decisionHours.decided,
              })}
            </p>
          )}
        </>
      )}
    </section>
  );
}
