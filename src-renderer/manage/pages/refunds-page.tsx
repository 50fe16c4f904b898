import { lazy, Suspense, useMemo, useState } from 'react';
import { minorPerMajor } from '../../../shared/money/currency';
import type { Money } from '../../../shared/money/money';
import {
  formatDay,
  formatMoney,
  localDay,
  refundReasonKey,
  useT,
  type MessageKey,
} from '../../i18n';
import { venuePath } from '../api';
import { ErrorText } from '../error-text';
import { onlinePartText, REFUND_CHANNEL_KEYS } from '../refund-channels-view';
import {
  methodTableRows,
  PAYOUT_METHOD_KEYS,
  reasonTableRows,
  refundFigureColumns,
  refundRate,
  type FigureRow,
  type PayoutMethod,
  type RefundAnalyticsView,
  type RefundBucket,
} from '../refunds-views';
import type { SignedIn } from '../session';
import { useApi } from '../use-api';
import type { RefundChartConfig } from './refund-chart';
import './refunds.css';

// Chart.js is most of this page's weight: its own chunk, fetched when the page opens.
const RefundChart = lazy(() => import('./refund-chart').then((m) => ({ default: m.RefundChart })));

/** The chart colours: the back office's accent for refunds, a red line for the rate. */
const CHART_COLOURS = { bars: '#0b4f8a', line: '#b3261e' } as const;

const DAY = 24 * 3600 * 1000;
/** The server answers at most this many days at once. */
const MAX_DAYS = 366;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const msOf = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** Amounts on a chart axis: major units (the tables and labels show formatted money). */
const major = (m: Money) => m.amount / minorPerMajor(m.currency);

type Check = { ok: true; query: string } | { ok: false; key: MessageKey; days?: number };

function checkRange(from: string, to: string, bucket: RefundBucket): Check {
  if (Number.isNaN(msOf(from)) || Number.isNaN(msOf(to))) {
    return { ok: false, key: 'manage.refunds.error.date' };
  }
  const days = (msOf(to) - msOf(from)) / DAY + 1;
  if (days < 1) return { ok: false, key: 'manage.refunds.error.order' };
  if (days > MAX_DAYS) return { ok: false, key: 'manage.refunds.error.tooLong', days };
  return { ok: true, query: `from=${from}&to=${to}&bucket=${bucket}` };
}

/**
 * A breakdown's figures as a table, folded away under the chart but always in the page; a
 * breakdown that adds up to the page's total ends on it (`total`, the table's footer).
 */
function FigureTable({
  caption,
  head,
  rows,
  total,
}: {
  readonly caption: string;
  readonly head: readonly string[];
  readonly rows: readonly FigureRow[];
  readonly total?: FigureRow;
}) {
  const tr = useT();
  return (
    <details className="bo-figures">
      <summary>{tr.t('manage.refunds.showTable')}</summary>
      <table className="bo-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th scope="col" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.cells[0]}</th>
              {r.cells.slice(1).map((c, i) => (
                <td key={i}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
        {total !== undefined && (
          <tfoot>
            <tr data-row={total.key}>
              <th scope="row">{total.cells[0]}</th>
              {total.cells.slice(1).map((c, i) => (
                <td key={i}>{c}</td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </details>
  );
}

/** One breakdown: its heading, chart and table (the table's caption is the heading). */
function ChartSection({
  id,
  title,
  note,
  config,
  summary,
  caption = title,
  head,
  rows,
  total,
}: {
  readonly id: string;
  readonly title: string;
  readonly note?: string;
  readonly config: RefundChartConfig;
  readonly summary: string;
  readonly caption?: string;
  readonly head: readonly string[];
  readonly rows: readonly FigureRow[];
  readonly total?: FigureRow;
}) {
  const tr = useT();
  const empty = tr.t('manage.refunds.empty');
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {note !== undefined && <p className="bo-sub">{note}</p>}
      {rows.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <RefundChart config={config} summary={summary}>
          <FigureTable caption={caption} head={head} rows={rows} total={total} />
        </RefundChart>
      )}
    </section>
  );
}

/**
 * A horizontal bar chart. `axis` titles the value axis with its unit (money in the venue's
 * currency, or tickets): the charts side by side do not all count the same thing, and with no
 * legend the axis is the only place that says which.
 */
function barConfig(
  labels: string[],
  label: string,
  data: number[],
  axis: string,
): RefundChartConfig {
  return {
    type: 'bar',
    data: { labels, datasets: [{ type: 'bar', label, data, backgroundColor: CHART_COLOURS.bars }] },
    options: {
      indexAxis: 'y',
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: false } },
      scales: {
        // Whole numbers when the bars count tickets (no "0.5 tickets" on the axis).
        x: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: axis } },
      },
    },
  };
}

/** Refund analytics: refunds over time with the refund rate, by reason, method, window, show. */
export function RefundsPage({ who }: { readonly who: SignedIn }) {
  const tr = useT();
  const today = msOf(localDay(tr.venue.timeZone, new Date()));
  const [from, setFrom] = useState(isoDay(today - 29 * DAY));
  const [to, setTo] = useState(isoDay(today));
  const [bucket, setBucket] = useState<RefundBucket>('day');
  const check = checkRange(from, to, bucket);
  const answer = useApi<RefundAnalyticsView>(
    check.ok ? venuePath(who.venueId, `analytics/refunds?${check.query}`) : null,
  );
  const a = answer.data;
  const money = (m: Money) => formatMoney(tr.locale, m);
  const rate = (bp: number | null) => refundRate(tr, bp);
  const day = (d: string) => formatDay(tr.locale, d, 'date');
  const period = (b: { start: string; end: string }) =>
    b.start === b.end
      ? day(b.start)
      : tr.t('manage.refunds.period', { from: day(b.start), to: day(b.end) });
  const list = (items: string[]) =>
    items.length === 0
      ? tr.t('manage.refunds.none')
      : new Intl.ListFormat(tr.locale, { type: 'conjunction' }).format(items);
  const amounts = (items: [string, Money][]) =>
    list(
      items.map(([name, amount]) => tr.t('manage.refunds.item', { name, amount: money(amount) })),
    );
  const reasonName = (code: string) => tr.t(refundReasonKey(code));
  const methodName = (m: PayoutMethod) => tr.t(PAYOUT_METHOD_KEYS[m]);
  const windowName = (w: { terminalId: string; name: string | null }) =>
    w.name ?? tr.t('manage.refunds.unknownWindow', { id: w.terminalId });
  const performanceName = (p: RefundAnalyticsView['byPerformance'][number]) =>
    p.eventName === null
      ? tr.t('manage.refunds.unknownPerformance', { id: p.performanceId })
      : tr.t('manage.refunds.performanceName', {
          event: p.eventName,
          date: p.startsAt === null ? '' : tr.date(p.startsAt, 'dateTime'),
        });
  // "Of which online" sits right after the amount it is part of, in every table (and the
  // day report's): its amount, and its tickets where the row counts tickets.
  const withOnline = refundFigureColumns(tr, true);
  const windowsOwn = refundFigureColumns(tr, false);

  const charts = useMemo(() => {
    if (a === null) return null;
    const inMoney = (what: string) =>
      tr.t('manage.refunds.axis.money', { what, currency: a.currency });
    const trend: RefundChartConfig = {
      type: 'bar',
      data: {
        // Each bar's day in the page's language (a week's bar: its first day).
        labels: a.buckets.map((b) => formatDay(tr.locale, b.start, 'dayMonth')),
        datasets: [
          {
            type: 'bar',
            label: tr.t('manage.refunds.trend.amount', { currency: a.currency }),
            data: a.buckets.map((b) => major(b.refunds.amount)),
            backgroundColor: CHART_COLOURS.bars,
            yAxisID: 'amount',
          },
          {
            type: 'line',
            label: tr.t('manage.refunds.trend.rate'),
            data: a.buckets.map((b) => (b.rateBp === null ? Number.NaN : b.rateBp / 100)),
            borderColor: CHART_COLOURS.line,
            backgroundColor: CHART_COLOURS.line,
            yAxisID: 'rate',
          },
        ],
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: {
          amount: { type: 'linear', position: 'left', beginAtZero: true },
          rate: {
            type: 'linear',
            position: 'right',
            beginAtZero: true,
            grid: { drawOnChartArea: false },
          },
        },
      },
    };
    return {
      trend,
      reason: barConfig(
        a.byReason.map((r) => reasonName(r.reasonCode)),
        tr.t('manage.refunds.col.refundedAmount'),
        a.byReason.map((r) => major(r.amount)),
        inMoney(tr.t('manage.refunds.col.refundedAmount')),
      ),
      method: barConfig(
        a.byMethod.map((m) => methodName(m.method)),
        tr.t('manage.refunds.col.paidOut'),
        a.byMethod.map((m) => major(m.amount)),
        inMoney(tr.t('manage.refunds.col.paidOut')),
      ),
      window: barConfig(
        a.byWindow.map(windowName),
        tr.t('manage.refunds.col.refundedAmount'),
        a.byWindow.map((w) => major(w.refunds.amount)),
        inMoney(tr.t('manage.refunds.col.refundedAmount')),
      ),
      performance: barConfig(
        a.byPerformance.map(performanceName),
        tr.t('manage.refunds.col.refundedTickets'),
        a.byPerformance.map((p) => p.refunded),
        tr.t('manage.refunds.col.refundedTickets'),
      ),
    };
    // The configs depend on the answer and the language only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [a, tr.locale]);

  const csvHref = check.ok
    ? venuePath(who.venueId, `analytics/refunds.csv?${check.query}`)
    : undefined;
  return (
    <>
      <h1 id="bo-heading">{tr.t('manage.refunds.heading', { venue: who.venue.name })}</h1>
      <form className="bo-range" onSubmit={(e) => e.preventDefault()}>
        <label>
          {tr.t('manage.refunds.from')}
          <input type="date" value={from} required onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {tr.t('manage.refunds.to')}
          <input type="date" value={to} required onChange={(e) => setTo(e.target.value)} />
        </label>
        <fieldset>
          <legend>{tr.t('manage.refunds.bucket')}</legend>
          {(['day', 'week'] as const).map((b) => (
            <label key={b}>
              <input
                type="radio"
                name="bucket"
                value={b}
                checked={bucket === b}
                onChange={() => setBucket(b)}
              />
              {tr.t(b === 'day' ? 'manage.refunds.bucket.day' : 'manage.refunds.bucket.week')}
            </label>
          ))}
        </fieldset>
        {csvHref !== undefined && (
          <a className="bo-download" href={csvHref} download>
            {tr.t('manage.refunds.download')}
          </a>
        )}
      </form>
      {!check.ok && (
        <p className="bo-error" role="alert">
          {tr.t(check.key, { days: check.days ?? 0 })}
        </p>
      )}
      <ErrorText error={answer.error} />
      {check.ok &&
        (a === null || charts === null ? (
          <p>{tr.t('manage.loading')}</p>
        ) : (
          <>
            <dl className="bo-tiles">
              <div>
                <dt>{tr.t('manage.refunds.tile.refunds')}</dt>
                <dd data-figure="refunds">{money(a.totals.refunds.amount)}</dd>
                <dd className="bo-small">
                  {tr.t('manage.refunds.count', {
                    count: a.totals.refunds.count,
                    tickets: a.totals.refunds.tickets,
                  })}
                </dd>
                {/* Said only when something was paid online: "incl. ₴0.00" reads as noise. */}
                {a.totals.refunds.online.amount.amount !== 0 && (
                  <dd className="bo-small" data-figure="refunds-online">
                    {tr.t('manage.refunds.onlineIncluded', {
                      amount: money(a.totals.refunds.online.amount),
                    })}
                  </dd>
                )}
              </div>
              <div>
                <dt>{tr.t('manage.refunds.tile.sales')}</dt>
                <dd data-figure="sales">{money(a.totals.sales.amount)}</dd>
                <dd className="bo-small">
                  {tr.t('manage.refunds.salesCount', {
                    count: a.totals.sales.count,
                    tickets: a.totals.sales.tickets,
                  })}
                </dd>
              </div>
              <div>
                <dt>{tr.t('manage.refunds.tile.rate')}</dt>
                <dd data-figure="rate">{rate(a.totals.rateBp)}</dd>
              </div>
              <div>
                <dt>{tr.t('manage.refunds.tile.fees')}</dt>
                <dd data-figure="fees">{money(a.feesKept.total)}</dd>
                <dd className="bo-small">
                  {tr.t('manage.refunds.feesSplit', {
                    refund: money(a.feesKept.refundFees),
                    exchange: money(a.feesKept.exchangeFees),
                  })}
                </dd>
                {a.feesKept.online.amount.amount !== 0 && (
                  <dd className="bo-small" data-figure="fees-online">
                    {tr.t('manage.refunds.feesOnlineIncluded', {
                      amount: money(a.feesKept.online.amount),
                    })}
                  </dd>
                )}
              </div>
            </dl>
            <p className="bo-note">{tr.t('manage.refunds.rateNote')}</p>
            <p className="bo-note">{tr.t('manage.refunds.onlineNote')}</p>
            <h2 id="refunds-channel">{tr.t('manage.reports.channelsHeading')}</h2>
            <table className="bo-table" aria-labelledby="refunds-channel">
              <thead>
                <tr>
                  <th scope="col">{tr.t('manage.refunds.col.channel')}</th>
                  <th scope="col">{tr.t('manage.refunds.col.refunds')}</th>
                  <th scope="col">{tr.t('manage.refunds.col.refundedTickets')}</th>
                  <th scope="col">{tr.t('manage.refunds.col.refundedAmount')}</th>
                </tr>
              </thead>
              <tbody>
                {a.byChannel.map((c) => (
                  <tr key={c.channel} data-channel={c.channel}>
                    <th scope="row">{tr.t(REFUND_CHANNEL_KEYS[c.channel])}</th>
                    <td>{c.count}</td>
                    <td>{c.tickets}</td>
                    <td data-figure={`channel-${c.channel}`}>{money(c.amount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>

            <Suspense fallback={<p>{tr.t('manage.loading')}</p>}>
              <ChartSection
                id="refunds-trend"
                title={tr.t('manage.refunds.trend.title')}
                config={charts.trend}
                summary={tr.t('manage.refunds.trend.summary', {
                  bucket,
                  from: day(a.from),
                  to: day(a.to),
                  count: a.totals.refunds.count,
                  amount: money(a.totals.refunds.amount),
                  rate: rate(a.totals.rateBp),
                })}
                caption={tr.t('manage.refunds.trend.caption', { bucket })}
                head={[tr.t('manage.refunds.col.period'), ...withOnline.head]}
                rows={a.buckets.map((b) => ({
                  key: b.start,
                  cells: [period(b), ...withOnline.cells(b)],
                }))}
              />
              <ChartSection
                id="refunds-reason"
                title={tr.t('manage.refunds.reason.title')}
                config={charts.reason}
                summary={tr.t('manage.refunds.reason.summary', {
                  list: amounts(a.byReason.map((r) => [reasonName(r.reasonCode), r.amount])),
                })}
                head={[
                  tr.t('manage.refunds.col.reason'),
                  tr.t('manage.refunds.col.refunds'),
                  tr.t('manage.refunds.col.refundedTickets'),
                  tr.t('manage.refunds.col.refundedAmount'),
                  tr.t('manage.refunds.col.online'),
                ]}
                {...reasonTableRows(tr, a)}
              />
              <ChartSection
                id="refunds-method"
                title={tr.t('manage.refunds.method.title')}
                note={tr.t('manage.refunds.method.note')}
                config={charts.method}
                summary={tr.t('manage.refunds.method.summary', {
                  list: amounts(a.byMethod.map((m) => [methodName(m.method), m.amount])),
                })}
                head={[
                  tr.t('manage.refunds.col.method'),
                  tr.t('manage.refunds.col.refunds'),
                  tr.t('manage.refunds.col.paidOut'),
                  tr.t('manage.refunds.col.online'),
                ]}
                {...methodTableRows(tr, a)}
              />
              <ChartSection
                id="refunds-window"
                title={tr.t('manage.refunds.window.title')}
                note={tr.t('manage.refunds.window.note')}
                config={charts.window}
                summary={tr.t('manage.refunds.window.summary', {
                  list: amounts(a.byWindow.map((w) => [windowName(w), w.refunds.amount])),
                })}
                head={[tr.t('manage.refunds.col.window'), ...windowsOwn.head]}
                rows={a.byWindow.map((w) => ({
                  key: w.terminalId,
                  cells: [windowName(w), ...windowsOwn.cells(w)],
                }))}
              />
              <ChartSection
                id="refunds-performance"
                title={tr.t('manage.refunds.performance.title')}
                config={charts.performance}
                summary={tr.t('manage.refunds.performance.summary', {
                  list: list(
                    a.byPerformance.map((p) =>
                      tr.t('manage.refunds.tickets', {
                        name: performanceName(p),
                        tickets: p.refunded,
                      }),
                    ),
                  ),
                })}
                head={[
                  tr.t('manage.refunds.col.performance'),
                  tr.t('manage.refunds.col.soldTickets'),
                  tr.t('manage.refunds.col.refundedTickets'),
                  tr.t('manage.refunds.col.refundedAmount'),
                  tr.t('manage.refunds.col.online'),
                  tr.t('manage.refunds.col.rate'),
                ]}
                rows={a.byPerformance.map((p) => ({
                  key: p.performanceId,
                  cells: [
                    performanceName(p),
                    String(p.sold),
                    String(p.refunded),
                    money(p.refundAmount),
                    onlinePartText(tr, p.online),
                    rate(p.rateBp),
                  ],
                }))}
              />
            </Suspense>
          </>
        ))}
    </>
  );
}
