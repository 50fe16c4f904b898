import { useState, type FormEvent } from 'react';
import type { RefundReasonCode } from '../../../shared/journal/entry-types';
import type { RequestListItem, RequestStatus } from '../../../shared/requests/contract';
import { RefundReasonSelect, refundReasonKey, useT, type MessageKey } from '../../i18n';
import { api, ApiError, venuePath } from '../api';
import { ErrorText } from '../error-text';
import { canWrite, type SignedIn } from '../session';
import { useApi } from '../use-api';
import { RequestFiguresPanel } from './request-figures';
import { RequestSettingsForm } from './request-settings-form';
import { WebhookPanel } from './webhook-panel';
import './reports.css';
import './requests.css';

interface RequestList {
  readonly requests: readonly RequestListItem[];
  readonly answerBusinessDays: number;
}

type Action = 'approve' | 'decline' | 'messages';
const ACTION_FIELD: Record<Action, { key: MessageKey; field: string; required: boolean }> = {
  approve: { key: 'manage.requests.note', field: 'note', required: false },
  decline: { key: 'manage.requests.declineReason', field: 'reason', required: true },
  messages: { key: 'manage.requests.question', field: 'body', required: true },
};
const ACTION_LABEL: Record<Action, MessageKey> = {
  approve: 'manage.requests.approve',
  decline: 'manage.requests.decline',
  messages: 'manage.requests.ask',
};

/**
 * Customer refund requests (issue 14 item 2): the queue, oldest first, with each request's age
 * and the venue's target answer time; a manager approves (the server applies the policy again,
 * with its override when the windows have closed), declines with a reason the customer reads,
 * asks a question, retries a card payout, or enters a request for a phone caller. Supervisors
 * read. Every decision is the server's and is audited there.
 */
export function RequestsPage({ who }: { readonly who: SignedIn }) {
  const tr = useT();
  const [filter, setFilter] = useState<'open' | 'all'>('open');
  const list = useApi<RequestList>(venuePath(who.venueId, `refund-requests?state=${filter}`));
  const [open, setOpen] = useState<{ id: string; action: Action } | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const writer = canWrite(who);

  const act = async (
    id: string,
    action: Action | 'retry-payout' | 'renew-cash-code',
    body: object,
  ) => {
    setBusy(true);
    setError(null);
    try {
      await api(venuePath(who.venueId, `refund-requests/${id}/${action}`), {
        method: 'POST',
        body,
      });
      setOpen(null);
      setText('');
      list.reload();
    } catch (cause) {
      setError(cause instanceof ApiError ? cause : new ApiError(0, 'network', String(cause)));
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (open === null) return;
    void act(open.id, open.action, { [ACTION_FIELD[open.action].field]: text.trim() });
  };

  const requests = list.data?.requests ?? [];
  return (
    <>
      <h1 id="bo-heading">{tr.t('manage.requests.heading')}</h1>
      {list.data && (
        <p className="bo-sub">
          {tr.t('manage.requests.target', { days: list.data.answerBusinessDays })}
        </p>
      )}
      {list.data && writer && (
        <RequestSettingsForm
          venueId={who.venueId}
          days={list.data.answerBusinessDays}
          onSaved={() => list.reload()}
        />
      )}
      <label>
        {tr.t('manage.requests.show')}{' '}
        <select value={filter} onChange={(e) => setFilter(e.target.value as 'open' | 'all')}>
          <option value="open">{tr.t('manage.requests.filter.open')}</option>
          <option value="all">{tr.t('manage.requests.filter.all')}</option>
        </select>
      </label>
      <ErrorText error={list.error ?? error} />
      {requests.length === 0 ? (
        <p>{tr.t('manage.requests.none')}</p>
      ) : (
        <table className="bo-table" aria-labelledby="bo-heading">
          <thead>
            <tr>
              {(
                [
                  'manage.requests.col.received',
                  'manage.requests.col.age',
                  'manage.requests.col.due',
                  'manage.requests.col.order',
                  'manage.requests.col.channel',
                  'manage.requests.col.reason',
                  'manage.requests.col.amount',
                  'manage.requests.col.state',
                  'manage.requests.col.actions',
                ] as const
              ).map((k) => (
                <th scope="col" key={k}>
                  {tr.t(k)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr key={r.requestId} data-request={r.requestId} data-state={r.state}>
                <th scope="row">{tr.date(r.createdAt)}</th>
                <td>
                  {/* Past two days, in days: an approved cash request waits weeks for its customer. */}
                  {r.ageHours < 48
                    ? tr.t('manage.requests.ageHours', { hours: r.ageHours })
                    : tr.t('manage.requests.ageDays', { days: Math.floor(r.ageHours / 24) })}
                  {r.overdue && <strong> · {tr.t('manage.requests.overdue')}</strong>}
                </td>
                {/* Answered: the target no longer applies. */}
                <td>
                  {r.state === 'received' || r.state === 'under_review'
                    ? tr.date(r.answerDueAt, 'date')
                    : '—'}
                </td>
                {/* The receipt number the customer holds; the order's id when the server has not
                    got the sale (its till has not synced yet). */}
                <td className={r.receiptNumber === null ? 'bo-small' : undefined} title={r.orderId}>
                  {r.receiptNumber ?? r.orderId}
                </td>
                <td>{tr.t(`manage.requests.channel.${r.channel}`)}</td>
                <td>
                  {tr.t(refundReasonKey(r.reasonCode))}
                  {r.messages.map((m) => (
                    <div key={m.no} className="bo-small">
                      {tr.t(
                        m.author === 'venue' ? 'request.thread.venue' : 'request.thread.customer',
                      )}
                      : {m.body}
                    </div>
                  ))}
                </td>
                <td data-figure="money">
                  {/* Undecided: what the customer asks back (the policy may give 0 until then). */}
                  {tr.money(
                    r.state === 'received' || r.state === 'under_review' ? r.asked : r.amount,
                  )}
                  {r.collectAtBoxOffice && (
                    <div className="bo-small">{tr.t('manage.requests.collect')}</div>
                  )}
                  {r.state === 'approved' && r.cashCodeExpiresAt !== null && (
                    <div className="bo-small" data-figure="cash-code">
                      {tr.t(
                        r.cashCodeExpired
                          ? 'manage.requests.code.expired'
                          : 'manage.requests.code.validUntil',
                        { date: tr.date(r.cashCodeExpiresAt, 'date') },
                      )}
                    </div>
                  )}
                </td>
                <td>
                  {tr.t(`request.status.state.${r.state}`)}
                  {r.payoutError !== null && (
                    <div className="bo-small">
                      {tr.t('manage.requests.payoutError', { message: r.payoutError })}
                    </div>
                  )}
                </td>
                <td>
                  {writer && (r.state === 'received' || r.state === 'under_review') && (
                    <div className="bo-requests-actions">
                      {(['approve', 'decline', 'messages'] as const).map((a) => (
                        <button
                          key={a}
                          type="button"
                          aria-expanded={open?.id === r.requestId && open.action === a}
                          onClick={() => {
                            setOpen({ id: r.requestId, action: a });
                            setText('');
                          }}
                        >
                          {tr.t(ACTION_LABEL[a])}
                        </button>
                      ))}
                    </div>
                  )}
                  {writer && r.state === 'approved' && r.payoutError !== null && (
                    <button
                      type="button"
                      disabled={busy}
                      onClick={() => void act(r.requestId, 'retry-payout', {})}
                    >
                      {tr.t('manage.requests.retry')}
                    </button>
                  )}
                  {/* An unpaid code: expired, or one the tills now measure differently (a show
                      cancelled since); the server refuses to replace one still good as it is. */}
                  {writer && r.state === 'approved' && r.cashCodeExpiresAt !== null && (
                    <button
                      type="button"
                      disabled={busy}
                      onClick={() => void act(r.requestId, 'renew-cash-code', {})}
                    >
                      {tr.t('manage.requests.code.renew')}
                    </button>
                  )}
                  {open?.id === r.requestId && (
                    <form onSubmit={submit}>
                      <label>
                        {tr.t(ACTION_FIELD[open.action].key)}
                        <textarea
                          value={text}
                          required={ACTION_FIELD[open.action].required}
                          minLength={ACTION_FIELD[open.action].required ? 3 : undefined}
                          onChange={(e) => setText(e.target.value)}
                          rows={2}
                        />
                      </label>
                      <button type="submit" disabled={busy}>
                        {tr.t(ACTION_LABEL[open.action])}
                      </button>{' '}
                      <button type="button" onClick={() => setOpen(null)}>
                        {tr.t('manage.requests.cancel')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {writer && <PhoneRequest venueId={who.venueId} onDone={() => list.reload()} />}
      <RequestFiguresPanel venueId={who.venueId} />
      <WebhookPanel who={who} />
    </>
  );
}

/** A request taken over the phone: the caller's order, the contact on it (as they say it). */
function PhoneRequest({
  venueId,
  onDone,
}: {
  readonly venueId: string;
  readonly onDone: () => void;
}) {
  const tr = useT();
  const [orderRef, setOrderRef] = useState('');
  const [contact, setContact] = useState('');
  const [tickets, setTickets] = useState('');
  const [reason, setReason] = useState<RefundReasonCode>('customer_request');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const made = await api<{ status: RequestStatus }>(venuePath(venueId, 'refund-requests'), {
        method: 'POST',
        body: {
          orderRef: orderRef.trim(),
          contact: contact.trim(),
          ticketIds: tickets
            .split(',')
            .map((t) => t.trim())
            .filter((t) => t !== ''),
          reasonCode: reason,
        },
      });
      setDone(
        tr.t('manage.requests.phone.done', {
          state: tr.t(`request.status.state.${made.status.state}`),
        }),
      );
      onDone();
    } catch (cause) {
      setError(cause instanceof ApiError ? cause : new ApiError(0, 'network', String(cause)));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="bo-phone-h" className="bo-form">
      <h2 id="bo-phone-h">{tr.t('manage.requests.phone.heading')}</h2>
      <label>
        {tr.t('request.find.orderRef')}
        <input value={orderRef} onChange={(e) => setOrderRef(e.target.value)} required />
      </label>
      <label>
        {tr.t('request.find.contact')}
        <input value={contact} onChange={(e) => setContact(e.target.value)} required />
      </label>
      <label>
        {tr.t('manage.requests.phone.tickets')}
        <input value={tickets} onChange={(e) => setTickets(e.target.value)} required />
      </label>
      <RefundReasonSelect value={reason} onChange={setReason} words="staff" />
      <button type="submit">{tr.t('manage.requests.phone.submit')}</button>
      <ErrorText error={error} />
      <p role="status">{done}</p>
    </form>
  );
}
