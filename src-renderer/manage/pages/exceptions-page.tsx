import { useState } from 'react';
import { formatMoney, useT, type MessageKey } from '../../i18n';
import type {
  ReconciliationException,
  ReconciliationKind,
} from '../../../shared/sync/reconciliation-contract';
import type { Currency } from '../../../shared/money/currency';
import { api, ApiError, venuePath } from '../api';
import { ErrorText } from '../error-text';
import { canWrite, type SignedIn } from '../session';
import { useApi } from '../use-api';
import { useNames } from './use-names';
import './reports.css';

interface ExceptionList {
  readonly exceptions: readonly ReconciliationException[];
}

const KIND: Record<ReconciliationKind, MessageKey> = {
  double_refund: 'manage.exceptions.kind.double_refund',
  seat_sold_twice: 'manage.exceptions.kind.seat_sold_twice',
  ga_oversold: 'manage.exceptions.kind.ga_oversold',
  expired_lease_sale: 'manage.exceptions.kind.expired_lease_sale',
  used_ticket_refunded: 'manage.exceptions.kind.used_ticket_refunded',
  unappliable: 'manage.exceptions.kind.unappliable',
  z_signature_mismatch: 'manage.exceptions.kind.z_signature_mismatch',
};

const ACTION: Record<ReconciliationKind, MessageKey> = {
  double_refund: 'manage.exceptions.action.double_refund',
  seat_sold_twice: 'manage.exceptions.action.seat_sold_twice',
  ga_oversold: 'manage.exceptions.action.ga_oversold',
  expired_lease_sale: 'manage.exceptions.action.expired_lease_sale',
  used_ticket_refunded: 'manage.exceptions.action.used_ticket_refunded',
  unappliable: 'manage.exceptions.action.unappliable',
  z_signature_mismatch: 'manage.exceptions.action.z_signature_mismatch',
};

const COMMON_HEADS = [
  'manage.exceptions.what',
  'manage.exceptions.window',
  'manage.exceptions.money',
  'manage.exceptions.entries',
] as const satisfies readonly MessageKey[];

function Heads({ keys }: { readonly keys: readonly MessageKey[] }) {
  const tr = useT();
  return (
    <thead>
      <tr>
        {keys.map((k) => (
          <th scope="col" key={k}>
            {tr.t(k)}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** How long ago, in the largest whole unit that fits (minutes, hours, days). */
function ageOf(raisedAt: string, now: number): { unit: 'minutes' | 'hours' | 'days'; n: number } {
  const minutes = Math.max(0, Math.floor((now - Date.parse(raisedAt)) / 60_000));
  if (minutes < 60) return { unit: 'minutes', n: minutes };
  if (minutes < 48 * 60) return { unit: 'hours', n: Math.floor(minutes / 60) };
  return { unit: 'days', n: Math.floor(minutes / (24 * 60)) };
}

/**
 * Reconciliation exceptions: what the server could not take as the tills pushed it — the
 * open queue (oldest first) with what to do, and the resolved ones with who, when and why.
 * Managers resolve with a note; supervisors read.
 */
export function ExceptionsPage({ who }: { readonly who: SignedIn }) {
  const tr = useT();
  const open = useApi<ExceptionList>(venuePath(who.venueId, 'reconciliation?status=open'));
  const resolved = useApi<ExceptionList>(venuePath(who.venueId, 'reconciliation?status=resolved'));
  const { windowOf, performanceOf, error: namesError } = useNames(who.venueId);
  const [done, setDone] = useState<string | null>(null);
  const showOf = (id: string | null) => (id === null ? null : performanceOf(id));
  const moneyOf = (x: ReconciliationException) =>
    x.amountMinor === null || x.currency === null
      ? tr.t('manage.exceptions.noMoney')
      : formatMoney(tr.locale, { amount: x.amountMinor, currency: x.currency as Currency });
  const entriesOf = (x: ReconciliationException) =>
    x.entries
      .map((e) => tr.t('manage.exceptions.entry', { window: windowOf(e.terminalId), seq: e.seq }))
      .join('; ');
  /** What happened, where, how much and which entries: the first cells of either list. */
  const commonCells = (x: ReconciliationException, show: string | null) => (
    <>
      <th scope="row" data-kind={x.kind}>
        {tr.t(KIND[x.kind])}
        {show && <div className="bo-small">{show}</div>}
      </th>
      <td>{windowOf(x.terminalId)}</td>
      <td data-figure="money">{moneyOf(x)}</td>
      <td>{entriesOf(x)}</td>
    </>
  );
  const now = Date.now();
  const writer = canWrite(who);
  const onResolved = (x: ReconciliationException) => {
    setDone(tr.t('manage.exceptions.resolvedNow', { kind: tr.t(KIND[x.kind]) }));
    open.reload();
    resolved.reload();
  };
  const openList = open.data?.exceptions ?? [];
  const resolvedList = [...(resolved.data?.exceptions ?? [])].sort((a, b) =>
    (b.resolvedAt ?? '').localeCompare(a.resolvedAt ?? ''),
  );
  return (
    <>
      <h1 id="bo-heading">{tr.t('manage.exceptions.title')}</h1>
      <p className="bo-sub">{tr.t('manage.exceptions.intro')}</p>
      <ErrorText error={open.error ?? resolved.error ?? namesError} />
      <p role="status" aria-live="polite">
        {done}
      </p>
      <h2>{tr.t('manage.exceptions.openHeading')}</h2>
      {open.data === null ? (
        <p>{tr.t('manage.loading')}</p>
      ) : openList.length === 0 ? (
        <p data-figure="open-count" data-count={0}>
          {tr.t('manage.exceptions.noneOpen')}
        </p>
      ) : (
        <table className="bo-table bo-exceptions" data-count={openList.length}>
          <caption>{tr.t('manage.exceptions.openCaption', { count: openList.length })}</caption>
          <Heads
            keys={[
              ...COMMON_HEADS,
              'manage.exceptions.age',
              'manage.exceptions.suggested',
              ...(writer ? (['manage.exceptions.resolve'] as const) : []),
            ]}
          />
          <tbody>
            {openList.map((x) => {
              const age = ageOf(x.raisedAt, now);
              const show = showOf(x.performanceId);
              return (
                <tr key={`${x.terminalId} ${x.seq}`} data-exception={`${x.terminalId}/${x.seq}`}>
                  {commonCells(x, show)}
                  <td>
                    <time dateTime={x.raisedAt} title={tr.date(x.raisedAt, 'dateTime')}>
                      {tr.t(`manage.exceptions.age.${age.unit}`, { count: age.n })}
                    </time>
                  </td>
                  <td>{tr.t(ACTION[x.kind], { amount: moneyOf(x) })}</td>
                  {writer && (
                    <td>
                      <ResolveForm who={who} exception={x} onResolved={onResolved} />
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h2>{tr.t('manage.exceptions.resolvedHeading')}</h2>
      {resolved.data === null ? (
        <p>{tr.t('manage.loading')}</p>
      ) : resolvedList.length === 0 ? (
        <p>{tr.t('manage.exceptions.noneResolved')}</p>
      ) : (
        <table className="bo-table bo-exceptions" data-count={resolvedList.length}>
          <caption>
            {tr.t('manage.exceptions.resolvedCaption', { count: resolvedList.length })}
          </caption>
          <Heads
            keys={[
              ...COMMON_HEADS,
              'manage.exceptions.resolvedBy',
              'manage.exceptions.resolvedAt',
              'manage.exceptions.why',
            ]}
          />
          <tbody>
            {resolvedList.map((x) => (
              <tr key={`${x.terminalId} ${x.seq}`} data-exception={`${x.terminalId}/${x.seq}`}>
                {commonCells(x, showOf(x.performanceId))}
                <td data-figure="resolved-by">{x.resolvedByName ?? x.resolvedBy ?? '—'}</td>
                <td>{x.resolvedAt === null ? '—' : tr.date(x.resolvedAt, 'dateTime')}</td>
                <td data-figure="resolution">{x.resolution}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function ResolveForm({
  who,
  exception: x,
  onResolved,
}: {
  readonly who: SignedIn;
  readonly exception: ReconciliationException;
  readonly onResolved: (x: ReconciliationException) => void;
}) {
  const tr = useT();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [missing, setMissing] = useState(false);
  const id = `bo-note-${x.terminalId}-${x.seq}`;
  const submit = async () => {
    if (note.trim() === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    setBusy(true);
    setError(null);
    try {
      await api(
        venuePath(
          who.venueId,
          `reconciliation/${encodeURIComponent(x.terminalId)}/${x.seq}/resolve`,
        ),
        { method: 'POST', body: { note: note.trim() } },
      );
      onResolved(x);
    } catch (cause) {
      setError(cause instanceof ApiError ? cause : new ApiError(0, 'network', String(cause)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="bo-resolve"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={id}>{tr.t('manage.exceptions.noteLabel')}</label>
      <textarea
        id={id}
        value={note}
        maxLength={2000}
        aria-invalid={missing}
        aria-describedby={missing ? `${id}-missing` : undefined}
        onChange={(e) => setNote(e.target.value)}
      />
      {missing && (
        <p className="bo-error" id={`${id}-missing`} role="alert">
          {tr.t('manage.exceptions.noteRequired')}
        </p>
      )}
      <ErrorText error={error} />
      <button type="submit" disabled={busy}>
        {tr.t('manage.exceptions.markResolved')}
      </button>
    </form>
  );
}
