import { formatMoney, localDay, useT } from '../../i18n';
import type { Money } from '../../../shared/money/money';
import { venuePath } from '../api';
import { ErrorText } from '../error-text';
import { onlineRefundsLine } from '../refund-channels-view';
import type { SignedIn } from '../session';
import { useApi } from '../use-api';
import type { DayFiguresView, DayReportView, TerminalView } from '../views';

/** Live while tills are online: every push moves these figures, so read them again often. */
const REFRESH_MS = 5_000;

function cashNet(f: DayFiguresView): Money {
  const c = f.cash;
  return {
    amount: c.in.amount - c.out.amount + c.paidIn.amount - c.paidOut.amount - c.drops.amount,
    currency: c.in.currency,
  };
}

/** Today: the venue's sales, refunds, exchanges and cash, by window, and each till's sync. */
export function TodayPage({ who }: { readonly who: SignedIn }) {
  const tr = useT();
  // The venue's today: its day report, cut at its own midnight.
  const date = localDay(tr.venue.timeZone, new Date());
  const day = useApi<DayReportView>(venuePath(who.venueId, `reports/day?date=${date}`), REFRESH_MS);
  const terminals = useApi<{ terminals: TerminalView[] }>(
    venuePath(who.venueId, 'terminals'),
    REFRESH_MS,
  );
  const money = (m: Money) => formatMoney(tr.locale, m);
  const report = day.data;
  const online = report === null ? null : onlineRefundsLine(report.refundChannels);
  const open = report?.check.partialShifts.filter((s) => s.state === 'open_at_day_end') ?? [];
  const names = new Map((terminals.data?.terminals ?? []).map((t) => [t.terminalId, t.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const queueText = (t: TerminalView) =>
    t.queued === null
      ? tr.t('manage.today.queueUnknown')
      : t.queued === 0
        ? tr.t('manage.today.queueNone')
        : tr.t('manage.today.queueCount', {
            count: t.queued,
            time: tr.date(t.unsyncedSince ?? t.lastSeenAt ?? '', 'time'),
          });
  return (
    <>
      <h1 id="bo-heading">{tr.t('manage.today.heading', { venue: who.venue.name })}</h1>
      <p className="bo-sub">
        {tr.t('manage.today.date', { date })}
        {day.loadedAt && (
          <span aria-live="polite">
            {' · '}
            {tr.t('manage.updated', { time: tr.date(day.loadedAt, 'time') })}
          </span>
        )}
      </p>
      <ErrorText error={day.error ?? terminals.error} />
      {report === null ? (
        <p>{tr.t('manage.loading')}</p>
      ) : (
        <>
          <dl className="bo-tiles">
            <div>
              <dt>{tr.t('manage.today.sales')}</dt>
              <dd data-figure="sales">{money(report.totals.sales.gross)}</dd>
              <dd className="bo-small">
                {tr.t('manage.reports.countTickets', {
                  count: report.totals.sales.count,
                  tickets: report.totals.sales.tickets,
                })}
              </dd>
            </div>
            {/* The windows' refunds (their Z reports') and the online ones, named as the day
                report names them, counted alike: neither tile is "all refunds". */}
            <div>
              <dt>{tr.t('manage.refundChannel.window')}</dt>
              <dd data-figure="refunds">{money(report.totals.refunds.total)}</dd>
              <dd className="bo-small">
                {tr.t('manage.reports.countTickets', {
                  count: report.totals.refunds.count,
                  tickets: report.totals.refunds.tickets,
                })}
              </dd>
            </div>
            <div>
              <dt>{tr.t('manage.today.onlineRefunds')}</dt>
              <dd data-figure="online-refunds">{money(online!.total)}</dd>
              <dd className="bo-small">
                {tr.t('manage.reports.countTickets', {
                  count: online!.count,
                  tickets: online!.tickets,
                })}
              </dd>
            </div>
            <div>
              <dt>{tr.t('manage.today.exchanges')}</dt>
              <dd data-figure="exchanges">{report.totals.exchanges.count}</dd>
              <dd className="bo-small">
                {tr.t('manage.today.exchangeMoney', {
                  collected: money(report.totals.exchanges.collected),
                  paidBack: money(report.totals.exchanges.paidBack),
                  fees: money(report.totals.exchanges.fees),
                })}
              </dd>
            </div>
            <div>
              <dt>{tr.t('manage.today.cashNet')}</dt>
              <dd data-figure="cash">{money(cashNet(report.totals))}</dd>
            </div>
          </dl>
          <h2>{tr.t('manage.today.byWindow')}</h2>
          {(terminals.data?.terminals.length ?? 0) === 0 ? (
            <p>{tr.t('manage.today.noWindows')}</p>
          ) : (
            <table className="bo-table">
              <thead>
                <tr>
                  <th scope="col">{tr.t('manage.today.window')}</th>
                  <th scope="col">{tr.t('manage.today.sales')}</th>
                  <th scope="col">{tr.t('manage.today.refunds')}</th>
                  <th scope="col">{tr.t('manage.today.cashIn')}</th>
                  <th scope="col">{tr.t('manage.today.cashOut')}</th>
                  <th scope="col">{tr.t('manage.today.lastSeen')}</th>
                  <th scope="col">{tr.t('manage.today.queue')}</th>
                </tr>
              </thead>
              <tbody>
                {terminals.data!.terminals.map((t) => {
                  const f = report.terminals.find((x) => x.terminalId === t.terminalId)?.totals;
                  return (
                    <tr key={t.terminalId} data-terminal={t.terminalId}>
                      <th scope="row">
                        {t.name}
                        {t.revokedAt !== null && ` (${tr.t('manage.today.revoked')})`}
                      </th>
                      <td>{f ? money(f.sales.gross) : '—'}</td>
                      <td>{f ? money(f.refunds.total) : '—'}</td>
                      <td>{f ? money(f.cash.in) : '—'}</td>
                      <td>{f ? money(f.cash.out) : '—'}</td>
                      <td>
                        {t.lastSeenAt === null
                          ? tr.t('manage.today.neverSeen')
                          : tr.date(t.lastSeenAt, 'dateTime')}
                      </td>
                      <td data-queue={t.queued ?? ''}>{queueText(t)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          <h2>{tr.t('manage.today.openShifts')}</h2>
          {open.length === 0 ? (
            <p>{tr.t('manage.today.noOpenShifts')}</p>
          ) : (
            <ul>
              {open.map((s) => (
                <li key={`${s.terminalId} ${s.shiftId}`}>
                  {tr.t('manage.today.shiftOpenAt', { window: nameOf(s.terminalId) })}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}
