import { useEffect, useState } from 'react';
import { formatDay, formatMoney, localDay, refundReasonKey, useT } from '../../i18n';
import type { Money } from '../../../shared/money/money';
import { venuePath } from '../api';
import { ErrorText } from '../error-text';
import {
  dayNetRows,
  dayPerformanceRows,
  dayReasonRows,
  onlinePartText,
  type DayReasonRow,
} from '../refund-channels-view';
import {
  dayCheckVerdict,
  dayHash,
  reportsRouteOf,
  zHash,
  type ReportsRoute,
} from '../reports-views';
import type { SignedIn } from '../session';
import { useApi } from '../use-api';
import type { DayReportView } from '../views';
import { FiguresTable } from './report-figures';
import { useNames } from './use-names';
import { ZReportPage } from './z-report-page';
import './reports.css';

function useReportsRoute(): ReportsRoute {
  const [route, setRoute] = useState(() => reportsRouteOf(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(reportsRouteOf(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return route;
}

/** Day & shift reports: a day's figures, by window and performance, its Zs and their check. */
export function ReportsPage({ who }: { readonly who: SignedIn }) {
  const route = useReportsRoute();
  const tr = useT();
  if (route.view === 'z') {
    return <ZReportPage who={who} terminalId={route.terminalId} shiftId={route.shiftId} />;
  }
  return <DayReport who={who} date={route.date ?? localDay(tr.venue.timeZone, new Date())} />;
}

function DayReport({ who, date }: { readonly who: SignedIn; readonly date: string }) {
  const tr = useT();
  const day = useApi<DayReportView>(venuePath(who.venueId, `reports/day?date=${date}`));
  const { windowOf, performanceOf: performanceName, error: namesError } = useNames(who.venueId);
  const money = (m: Money) => formatMoney(tr.locale, m);
  // A change, so signed: "+3", "−2", "0".
  const signed = (n: number) =>
    new Intl.NumberFormat(tr.locale, { signDisplay: 'exceptZero' }).format(n);
  const dayLabel = formatDay(tr.locale, date, 'date');
  const report = day.data?.date === date ? day.data : null;
  const zReports = (report?.terminals ?? []).flatMap((t) =>
    t.zReports.map((z) => ({ ...z, terminalId: t.terminalId })),
  );
  return (
    <>
      <h1 id="bo-heading">{tr.t('manage.reports.title')}</h1>
      <form className="bo-report-date" onSubmit={(e) => e.preventDefault()}>
        <label>
          {tr.t('manage.reports.date')}
          <input
            type="date"
            value={date}
            required
            onChange={(e) => {
              if (/^\d{4}-\d{2}-\d{2}$/.test(e.target.value)) {
                window.location.hash = dayHash(e.target.value);
              }
            }}
          />
        </label>
      </form>
      <ErrorText error={day.error ?? namesError} />
      {report === null ? (
        <p>{tr.t('manage.loading')}</p>
      ) : (
        <>
          <CheckSection report={report} windowOf={windowOf} />
          <FiguresTable
            caption={tr.t('manage.reports.totalsCaption', { date: dayLabel })}
            figures={report.totals}
            id="day-totals"
            windowsOnly
          />
          <ChannelsTable
            report={report}
            caption={tr.t('manage.reports.channelsCaption', { date: dayLabel })}
          />
          <ReasonsTable
            report={report}
            caption={tr.t('manage.reports.reasonsCaption', { date: dayLabel })}
          />
          <h2>{tr.t('manage.reports.byWindow')}</h2>
          {report.terminals.length === 0 ? (
            <p>{tr.t('manage.reports.nothing')}</p>
          ) : (
            <table className="bo-table">
              <caption>{tr.t('manage.reports.byWindowCaption', { date: dayLabel })}</caption>
              <thead>
                <tr>
                  <th scope="col">{tr.t('manage.reports.window')}</th>
                  <th scope="col">{tr.t('manage.reports.sales')}</th>
                  <th scope="col">{tr.t('manage.reports.refunds')}</th>
                  <th scope="col">{tr.t('manage.reports.exchanges')}</th>
                  <th scope="col">{tr.t('manage.reports.voids')}</th>
                  <th scope="col">{tr.t('manage.reports.cashIn')}</th>
                  <th scope="col">{tr.t('manage.reports.cashOut')}</th>
                </tr>
              </thead>
              <tbody>
                {report.terminals.map((t) => (
                  <tr key={t.terminalId} data-terminal={t.terminalId}>
                    <th scope="row">{windowOf(t.terminalId)}</th>
                    <td data-figure="sales">{money(t.totals.sales.gross)}</td>
                    <td data-figure="refunds">{money(t.totals.refunds.total)}</td>
                    <td data-figure="exchanges">{t.totals.exchanges.count}</td>
                    <td data-figure="voids">{money(t.totals.voids.total)}</td>
                    <td data-figure="cash-in">{money(t.totals.cash.in)}</td>
                    <td data-figure="cash-out">{money(t.totals.cash.out)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>{tr.t('manage.reports.byPerformance')}</h2>
          <p className="bo-note">{tr.t('manage.reports.refundedAllNote')}</p>
          <p className="bo-note" id="day-net-note">
            {tr.t('manage.reports.netChangeNote')}
          </p>
          {dayPerformanceRows(report).length === 0 ? (
            <p>{tr.t('manage.reports.nothing')}</p>
          ) : (
            <table className="bo-table">
              <caption>{tr.t('manage.reports.byPerformanceCaption', { date: dayLabel })}</caption>
              <thead>
                <tr>
                  <th scope="col">{tr.t('manage.reports.performance')}</th>
                  <th scope="col">{tr.t('manage.reports.sold')}</th>
                  <th scope="col">{tr.t('manage.reports.refunded')}</th>
                  <th scope="col">{tr.t('manage.refunds.col.refundedAmount')}</th>
                  <th scope="col">{tr.t('manage.reports.refundedOnline')}</th>
                  <th scope="col">{tr.t('manage.reports.voided')}</th>
                  <th scope="col">{tr.t('manage.reports.exchangedOut')}</th>
                  <th scope="col">{tr.t('manage.reports.exchangedIn')}</th>
                  <th scope="col" aria-describedby="day-net-note">
                    {tr.t('manage.reports.netChange')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {dayPerformanceRows(report).map((p) => (
                  <tr key={p.performanceId} data-performance={p.performanceId}>
                    <th scope="row">{performanceName(p.performanceId)}</th>
                    <td data-figure="sold">{p.sold}</td>
                    <td data-figure="refunded">{p.refunded}</td>
                    <td data-figure="refunded-amount">{money(p.refundedAmount)}</td>
                    <td data-figure="refunded-online">{onlinePartText(tr, p.online)}</td>
                    <td data-figure="voided">{p.voided}</td>
                    <td data-figure="exchanged-out">{p.exchangedOut}</td>
                    <td data-figure="exchanged-in">{p.exchangedIn}</td>
                    <td data-figure="net">{signed(p.net)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>{tr.t('manage.reports.zReports')}</h2>
          {zReports.length === 0 ? (
            <p>{tr.t('manage.reports.noZ')}</p>
          ) : (
            <table className="bo-table">
              <caption>{tr.t('manage.reports.zCaption', { date: dayLabel })}</caption>
              <thead>
                <tr>
                  <th scope="col">{tr.t('manage.reports.window')}</th>
                  <th scope="col">{tr.t('manage.reports.zNumber')}</th>
                  <th scope="col">{tr.t('manage.reports.opened')}</th>
                  <th scope="col">{tr.t('manage.reports.closed')}</th>
                  <th scope="col">{tr.t('manage.reports.sales')}</th>
                  <th scope="col">{tr.t('manage.reports.refunds')}</th>
                  <th scope="col">{tr.t('manage.reports.inCheck')}</th>
                  <th scope="col">
                    <span className="bo-visually-hidden">{tr.t('manage.reports.openZ')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {zReports.map((z) => (
                  <tr key={`${z.terminalId} ${z.shiftId}`} data-shift={z.shiftId}>
                    <th scope="row">{windowOf(z.terminalId)}</th>
                    <td data-figure="z-number">
                      {z.zNumber === null ? tr.t('manage.reports.training') : z.zNumber}
                    </td>
                    <td>{tr.date(z.openedAt, 'dateTime')}</td>
                    <td>{tr.date(z.closedAt, 'dateTime')}</td>
                    <td data-figure="sales">{money(z.figures.sales.gross)}</td>
                    <td data-figure="refunds">{money(z.figures.refunds.total)}</td>
                    <td>
                      {z.wholeDay
                        ? tr.t('manage.reports.yes')
                        : tr.t('manage.reports.openedBefore')}
                    </td>
                    <td>
                      <a href={zHash(z.terminalId, z.shiftId)}>
                        {tr.t('manage.reports.openZLink', {
                          window: windowOf(z.terminalId),
                          z: z.zNumber ?? '—',
                        })}
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </>
  );
}

/** Sales, each refund channel (windows, online to card, online vouchers) and the net. */
function ChannelsTable({
  report,
  caption,
}: {
  readonly report: DayReportView;
  readonly caption: string;
}) {
  const tr = useT();
  const money = (m: Money) => formatMoney(tr.locale, m);
  const { rows, net, cashCode } = dayNetRows(report);
  return (
    <>
      <h2>{tr.t('manage.reports.channelsHeading')}</h2>
      <table className="bo-table bo-figures" id="day-channels">
        <caption>{caption}</caption>
        <tbody>
          {rows.map((r) => (
            <tr key={r.figure}>
              <th scope="row">{tr.t(r.key)}</th>
              <td data-figure={r.figure}>{money(r.amount)}</td>
              <td className="bo-small">
                {tr.t('manage.reports.countTickets', { count: r.count, tickets: r.tickets })}
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">{tr.t('manage.reports.dayNet')}</th>
            <td data-figure="net">{money(net)}</td>
            <td />
          </tr>
        </tbody>
      </table>
      {cashCode !== null && (
        <p className="bo-sub" data-figure="cash-code-note">
          {tr.t('manage.reports.cashCodeNote', {
            amount: money(cashCode.total),
            count: cashCode.count,
          })}
        </p>
      )}
    </>
  );
}

/**
 * Every refund of the day by reason, at the windows and online (the server's
 * `refundsAllChannels.byReason`), each with its online part, and the line they add up to.
 */
function ReasonsTable({
  report,
  caption,
}: {
  readonly report: DayReportView;
  readonly caption: string;
}) {
  const tr = useT();
  const { rows, all } = dayReasonRows(report);
  return (
    <>
      <h2>{tr.t('manage.reports.reasonsHeading')}</h2>
      {rows.length === 0 ? (
        <p>{tr.t('manage.reports.noRefunds')}</p>
      ) : (
        <table className="bo-table" id="day-reasons">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{tr.t('manage.refunds.col.reason')}</th>
              <th scope="col">{tr.t('manage.refunds.col.refunds')}</th>
              <th scope="col">{tr.t('manage.refunds.col.refundedTickets')}</th>
              <th scope="col">{tr.t('manage.refunds.col.refundedAmount')}</th>
              <th scope="col">{tr.t('manage.refunds.col.online')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <ReasonRow key={r.reasonCode} row={r} name={tr.t(refundReasonKey(r.reasonCode))} />
            ))}
          </tbody>
          <tfoot>
            <ReasonRow row={all} name={tr.t('manage.reports.reasonsAll')} />
          </tfoot>
        </table>
      )}
    </>
  );
}

function ReasonRow({ row: r, name }: { readonly row: DayReasonRow; readonly name: string }) {
  const tr = useT();
  return (
    <tr data-reason={r.reasonCode}>
      <th scope="row">{name}</th>
      <td>{r.count}</td>
      <td>{r.tickets}</td>
      <td data-figure={`reason-${r.reasonCode}`}>{tr.money(r.total)}</td>
      <td data-figure={`reason-${r.reasonCode}-online`}>{onlinePartText(tr, r.online)}</td>
    </tr>
  );
}

function CheckSection({
  report,
  windowOf,
}: {
  readonly report: DayReportView;
  readonly windowOf: (id: string) => string;
}) {
  const tr = useT();
  const { check } = report;
  const verdict = dayCheckVerdict(report);
  return (
    <section
      aria-labelledby="bo-check-heading"
      className={`bo-check bo-check-${verdict}`}
      data-check={verdict}
    >
      <h2 id="bo-check-heading">{tr.t('manage.reports.checkHeading')}</h2>
      <p data-figure="check">
        {verdict === 'none'
          ? tr.t('manage.reports.checkNone')
          : verdict === 'equal'
            ? tr.t('manage.reports.checkEqual')
            : verdict === 'mismatch'
              ? tr.t('manage.reports.checkMismatch')
              : verdict === 'pending'
                ? tr.t('manage.reports.checkPending', { count: check.partialShifts.length })
                : tr.t('manage.reports.checkPartial', { count: check.partialShifts.length })}
      </p>
      {check.partialShifts.length > 0 && (
        <ul>
          {check.partialShifts.map((s) => (
            <li key={`${s.terminalId} ${s.shiftId}`} data-shift={s.shiftId}>
              {tr.t(
                s.state === 'open_at_day_end'
                  ? 'manage.reports.partialOpen'
                  : 'manage.reports.partialBefore',
                { window: windowOf(s.terminalId) },
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
