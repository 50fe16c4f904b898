import { lazy, Suspense, useMemo, useState } from 'react';
import type { FeedbackComment, FeedbackSummary } from '../../../shared/feedback/contract';
import { formatDay, localDay, useT } from '../../i18n';
import { averageWords, starLabel, starsDrawn, TOPIC_NAME } from '../../i18n/feedback-words';
import { venuePath } from '../api';
import { ErrorText } from '../error-text';
import { feedbackQuery, weeklyChart } from '../feedback-views';
import type { SignedIn } from '../session';
import { useApi } from '../use-api';
import './refunds.css';

// Chart.js in its own chunk, as on the refunds page.
const RefundChart = lazy(() => import('./refund-chart').then((m) => ({ default: m.RefundChart })));

const COLOURS = { line: '#b3261e', bars: '#9dbbd6' } as const;
const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** One group's comments, newest first (the server's order), each with its rating and date. */
function Comments({
  comments,
  about,
}: {
  readonly comments: readonly FeedbackComment[];
  readonly about: (c: FeedbackComment) => string;
}) {
  const tr = useT();
  if (comments.length === 0) return <p>{tr.t('manage.feedback.noComments')}</p>;
  return (
    <ul className="bo-feedback-comments">
      {comments.map((c, i) => (
        <li key={`${c.at}-${i}`}>
          <p className="bo-small">
            <span aria-hidden="true">{starsDrawn(c.rating)} </span>
            {tr.t('manage.feedback.commentAbout', {
              stars: starLabel(tr, c.rating),
              date: tr.date(c.at, 'date'),
              about: about(c),
            })}
          </p>
          <blockquote lang={c.locale}>{c.comment}</blockquote>
        </li>
      ))}
    </ul>
  );
}

/**
 * Customer feedback (issue 14 item 8): the mean rating by week (chart and table), how many
 * gave each star, and the comments by topic and by performance, newest first. Supervisors and
 * managers read it; nothing here changes anything.
 */
export function FeedbackPage({ who }: { readonly who: SignedIn }) {
  const tr = useT();
  const today = Date.parse(`${localDay(tr.venue.timeZone, new Date())}T00:00:00Z`);
  const [from, setFrom] = useState(isoDay(today - 83 * DAY));
  const [to, setTo] = useState(isoDay(today));
  const query = feedbackQuery(from, to);
  const answer = useApi<FeedbackSummary>(query === null ? null : venuePath(who.venueId, query));
  const s = answer.data;
  const day = (d: string) => formatDay(tr.locale, d, 'date');
  const performanceName = (p: {
    performanceId: string | null;
    eventName: string | null;
    startsAt: string | null;
  }) =>
    p.performanceId === null
      ? tr.t('feedback.performance.none')
      : p.eventName === null
        ? tr.t('manage.feedback.unknownPerformance', { id: p.performanceId })
        : tr.t('feedback.performance.name', {
            event: p.eventName,
            date: p.startsAt === null ? '' : tr.date(p.startsAt, 'dateTime'),
          });
  const chart = useMemo(
    () =>
      s === null
        ? null
        : weeklyChart(
            s,
            {
              average: tr.t('manage.feedback.col.average'),
              count: tr.t('manage.feedback.col.count'),
              week: day,
            },
            COLOURS,
          ),
    // The config depends on the answer and the language only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [s, tr.locale],
  );
  const byId = new Map(s?.byPerformance.map((p) => [p.performanceId, p]) ?? []);
  const showOf = (c: FeedbackComment) => {
    const p = byId.get(c.performanceId);
    return p === undefined ? '' : performanceName(p);
  };

  return (
    <>
      <h1 id="bo-heading">{tr.t('manage.feedback.heading')}</h1>
      <p className="bo-sub">{tr.t('manage.feedback.intro')}</p>
      <form className="bo-range" onSubmit={(e) => e.preventDefault()}>
        <label>
          {tr.t('manage.feedback.from')}
          <input type="date" value={from} required onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {tr.t('manage.feedback.to')}
          <input type="date" value={to} required onChange={(e) => setTo(e.target.value)} />
        </label>
      </form>
      {query === null && (
        <p className="bo-error" role="alert">
          {tr.t('manage.feedback.error.range')}
        </p>
      )}
      <ErrorText error={answer.error} />
      {query !== null &&
        (s === null || chart === null ? (
          <p>{tr.t('manage.loading')}</p>
        ) : (
          <>
            <p data-testid="feedback-total">
              {tr.t('manage.feedback.total', {
                count: s.count,
                average: averageWords(tr, s.average),
              })}
            </p>
            <section aria-labelledby="fb-weeks">
              <h2 id="fb-weeks">{tr.t('manage.feedback.overTime')}</h2>
              <Suspense fallback={<p>{tr.t('manage.loading')}</p>}>
                <RefundChart
                  config={chart}
                  summary={tr.t('manage.feedback.chart.summary', {
                    from: day(s.from),
                    to: day(s.to),
                  })}
                >
                  <table className="bo-table">
                    <caption>{tr.t('manage.feedback.overTime')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{tr.t('manage.feedback.col.week')}</th>
                        <th scope="col">{tr.t('manage.feedback.col.count')}</th>
                        <th scope="col">{tr.t('manage.feedback.col.average')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {s.weeks.map((w) => (
                        <tr key={w.weekStart}>
                          <th scope="row">{day(w.weekStart)}</th>
                          <td>{w.count}</td>
                          <td>{averageWords(tr, w.average)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </RefundChart>
              </Suspense>
            </section>
            <section aria-labelledby="fb-stars">
              <h2 id="fb-stars">{tr.t('manage.feedback.byStar')}</h2>
              <table className="bo-table" data-testid="feedback-stars">
                <thead>
                  <tr>
                    <th scope="col">{tr.t('manage.feedback.col.stars')}</th>
                    <th scope="col">{tr.t('manage.feedback.col.count')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[5, 4, 3, 2, 1].map((n) => (
                    <tr key={n} data-stars={n}>
                      <th scope="row">
                        <span aria-hidden="true">{starsDrawn(n)} </span>
                        {starLabel(tr, n)}
                      </th>
                      <td>{s.byStar[n - 1]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section aria-labelledby="fb-topics" data-testid="feedback-by-topic">
              <h2 id="fb-topics">{tr.t('manage.feedback.byTopic')}</h2>
              {s.byTopic
                .filter((t) => t.count > 0)
                .map((t) => (
                  <section key={t.topic} data-topic={t.topic}>
                    <h3>
                      {tr.t('manage.feedback.group', {
                        name: tr.t(TOPIC_NAME[t.topic]),
                        count: t.count,
                        average: averageWords(tr, t.average),
                      })}
                    </h3>
                    <Comments comments={t.comments} about={showOf} />
                  </section>
                ))}
            </section>
            <section aria-labelledby="fb-shows" data-testid="feedback-by-performance">
              <h2 id="fb-shows">{tr.t('manage.feedback.byPerformance')}</h2>
              {s.byPerformance.map((p) => (
                <section key={p.performanceId ?? '-'}>
                  <h3>
                    {tr.t('manage.feedback.group', {
                      name: performanceName(p),
                      count: p.count,
                      average: averageWords(tr, p.average),
                    })}
                  </h3>
                  <Comments comments={p.comments} about={(c) => tr.t(TOPIC_NAME[c.topic])} />
                </section>
              ))}
            </section>
          </>
        ))}
    </>
  );
}
