import { formatMoney, refundReasonKey, useT } from '../../i18n';
import type { Money } from '../../../shared/money/money';
import type { DayFiguresView } from '../views';

/**
 * One set of figures (a day's, a window's, a Z's) as a captioned table. The day's windows'
 * totals pass `windowsOnly`: their refunds row says it is the windows' and their reasons are
 * left to the every-channel reasons table beside it (the windows' alone would not add up to
 * the day's refunds once some are paid online).
 */
export function FiguresTable({
  caption,
  figures: f,
  id,
  windowsOnly = false,
}: {
  readonly caption: string;
  readonly figures: DayFiguresView;
  readonly id: string;
  readonly windowsOnly?: boolean;
}) {
  const tr = useT();
  const money = (m: Money) => formatMoney(tr.locale, m);
  const row = (label: string, figure: string, value: string, detail?: string) => (
    <tr key={figure}>
      <th scope="row">{label}</th>
      <td data-figure={figure}>{value}</td>
      <td className="bo-small">{detail ?? ''}</td>
    </tr>
  );
  return (
    <table className="bo-table bo-figures" id={id}>
      <caption>{caption}</caption>
      <tbody>
        {row(
          tr.t('manage.reports.sales'),
          'sales',
          money(f.sales.gross),
          tr.t('manage.reports.countTickets', { count: f.sales.count, tickets: f.sales.tickets }),
        )}
        {row(
          tr.t(windowsOnly ? 'manage.refundChannel.window' : 'manage.reports.refunds'),
          'refunds',
          money(f.refunds.total),
          tr.t('manage.reports.countTickets', {
            count: f.refunds.count,
            tickets: f.refunds.tickets,
          }),
        )}
        {(windowsOnly ? [] : f.refunds.byReason).map((r) =>
          row(
            tr.t('manage.reports.refundReason', { reason: tr.t(refundReasonKey(r.reasonCode)) }),
            `refunds-${r.reasonCode}`,
            money(r.total),
            tr.t('manage.reports.countTickets', { count: r.count, tickets: r.tickets }),
          ),
        )}
        {row(
          tr.t('manage.reports.exchanges'),
          'exchanges',
          String(f.exchanges.count),
          tr.t('manage.reports.exchangeDetail', {
            returned: f.exchanges.ticketsReturned,
            issued: f.exchanges.ticketsIssued,
            collected: money(f.exchanges.collected),
            paidBack: money(f.exchanges.paidBack),
            fees: money(f.exchanges.fees),
          }),
        )}
        {row(
          tr.t('manage.reports.voids'),
          'voids',
          money(f.voids.total),
          tr.t('manage.reports.countTickets', { count: f.voids.count, tickets: f.voids.tickets }),
        )}
        {row(tr.t('manage.reports.cashIn'), 'cash-in', money(f.cash.in))}
        {row(tr.t('manage.reports.cashOut'), 'cash-out', money(f.cash.out))}
        {row(tr.t('manage.reports.paidIn'), 'paid-in', money(f.cash.paidIn))}
        {row(tr.t('manage.reports.paidOut'), 'paid-out', money(f.cash.paidOut))}
        {row(tr.t('manage.reports.drops'), 'drops', money(f.cash.drops))}
      </tbody>
    </table>
  );
}
