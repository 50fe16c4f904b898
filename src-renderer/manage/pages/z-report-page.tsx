import { formatMoney, localDay, useT, type Locale } from '../../i18n';
import type { Money } from '../../../shared/money/money';
import { zCopyView } from '../../../shared/shift/report-view';
import { previewSlip, shiftReport, type SlipLocale } from '../../../shared/slips';
import { venuePath } from '../api';
import { ErrorText } from '../error-text';
import { dayHash, type ZReportView } from '../reports-views';
import type { SignedIn } from '../session';
import { useApi } from '../use-api';
import { FiguresTable } from './report-figures';
import { ZCopyForm } from './z-copy-form';

const slipLocaleOf = (locale: Locale): SlipLocale => (locale === 'zh-Hans' ? 'zh' : locale);

/**
 * One till's Z, any shift: the figures as the till computed them at close (its shift_close
 * entry, unchanged), and the slip laid out by the till's own shared layout, marked as a copy.
 * "Print / save as PDF" prints this page alone (reports.css hides the navigation).
 */
export function ZReportPage({
  who,
  terminalId,
  shiftId,
}: {
  readonly who: SignedIn;
  readonly terminalId: string;
  readonly shiftId: string;
}) {
  const tr = useT();
  const z = useApi<ZReportView>(
    venuePath(
      who.venueId,
      `terminals/${encodeURIComponent(terminalId)}/shifts/${encodeURIComponent(shiftId)}/z`,
    ),
  );
  const money = (m: Money) => formatMoney(tr.locale, m);
  const data = z.data;
  const close = data?.close;
  const heading =
    data && close
      ? close.zNumber === null
        ? tr.t('manage.reports.zHeadingTraining', { window: data.terminalName })
        : tr.t('manage.reports.zHeading', { z: close.zNumber, window: data.terminalName })
      : tr.t('manage.reports.zTitle');
  // The day report of the venue's day it closed (a close at 01:00 Kyiv is the next day's).
  const back = data ? dayHash(localDay(tr.venue.timeZone, data.closedAt)) : '#/reports';
  return (
    <article className="bo-z">
      <p className="bo-no-print">
        <a href={back}>{tr.t('manage.reports.backToDay')}</a>
      </p>
      <h1 id="bo-heading">{heading}</h1>
      <ErrorText error={z.error} />
      {data === null || !close ? (
        !z.error && <p>{tr.t('manage.loading')}</p>
      ) : (
        <>
          <p className="bo-no-print">
            <button type="button" onClick={() => window.print()}>
              {tr.t('manage.reports.print')}
            </button>{' '}
            <span className="bo-small">{tr.t('manage.reports.reprintNote')}</span>
          </p>
          <dl className="bo-z-meta">
            <dt>{tr.t('manage.reports.window')}</dt>
            <dd data-figure="window">{data.terminalName}</dd>
            <dt>{tr.t('manage.reports.zNumber')}</dt>
            <dd data-figure="z-number">
              {close.zNumber === null ? tr.t('manage.reports.training') : close.zNumber}
            </dd>
            <dt>{tr.t('manage.reports.opened')}</dt>
            <dd>{tr.date(close.report.openedAt, 'dateTime')}</dd>
            <dt>{tr.t('manage.reports.closed')}</dt>
            <dd>{tr.date(data.closedAt, 'dateTime')}</dd>
            <dt>{tr.t('manage.reports.closedBy')}</dt>
            <dd data-figure="closed-by">{data.closedByName}</dd>
            <dt>{tr.t('manage.reports.float')}</dt>
            <dd data-figure="float">{money(close.report.cash.float)}</dd>
            <dt>{tr.t('manage.reports.expected')}</dt>
            <dd data-figure="expected">{money(close.expected)}</dd>
            <dt>{tr.t('manage.reports.counted')}</dt>
            <dd data-figure="counted">{money(close.counted)}</dd>
            <dt>{tr.t('manage.reports.overShort')}</dt>
            <dd data-figure="over-short">{money(close.overShort)}</dd>
            <dt>{tr.t('manage.reports.netTakings')}</dt>
            <dd data-figure="net-takings">{money(close.report.netTakings)}</dd>
          </dl>
          <FiguresTable
            caption={tr.t('manage.reports.zFiguresCaption')}
            figures={data.figures}
            id="z-figures"
          />
          <ZCopyForm who={who} terminalId={terminalId} shiftId={shiftId} />
          <ZSlip data={data} venueName={who.venue.name} locale={tr.locale} />
        </>
      )}
    </article>
  );
}

/** The Z slip as the till lays it out (shared layout), monospaced, marked COPY. */
function ZSlip({
  data,
  venueName,
  locale,
}: {
  readonly data: ZReportView;
  readonly venueName: string;
  readonly locale: Locale;
}) {
  const tr = useT();
  const preview = previewSlip(
    shiftReport(
      zCopyView(data, {
        locale: slipLocaleOf(locale),
        columns: 48,
        timeZone: tr.venue.timeZone,
        venueName,
      }),
    ),
  );
  return (
    <section aria-labelledby="bo-z-slip" className="bo-z-slip">
      <h2 id="bo-z-slip">{tr.t('manage.reports.slipHeading')}</h2>
      <pre tabIndex={0} style={{ width: `${preview.columns + 2}ch` }}>
        {preview.lines
          .map((line) =>
            line.kind === 'text'
              ? line.text
              : `[${line.kind === 'qr' ? 'QR' : 'CODE128'} ${line.data}]`,
          )
          .join('\n')}
      </pre>
    </section>
  );
}
