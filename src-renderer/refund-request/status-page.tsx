import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { RequestState, RequestStatus } from '../../shared/requests/contract';
import { useT } from '../i18n';
import { CashCodeQr } from './cash-code-qr';
import { post, problemText, type Problem } from './request-api';

const PATH: readonly RequestState[] = ['received', 'under_review', 'approved', 'paid'];

/**
 * A request's status page (issue 14 item 5), opened by its unguessable link: where it stands
 * (received → under review → approved → paid, or declined with the venue's reason), what
 * comes back and how, and the message thread, where the customer can answer.
 */
export function StatusPage({
  token,
  justSent,
}: {
  readonly token: string;
  readonly justSent: boolean;
}) {
  const tr = useT();
  const ids = useId();
  const [status, setStatus] = useState<RequestStatus | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const error = problemText(tr, problem);
  const [reply, setReply] = useState('');
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    post<RequestStatus>('/status', { token }).then(
      (s) => {
        setStatus(s);
        setProblem(null);
      },
      (cause: unknown) => setProblem({ cause }),
    );
  }, [token]);
  useEffect(load, [load]);

  const send = (e: FormEvent) => {
    e.preventDefault();
    if (reply.trim() === '') return;
    setBusy(true);
    post<RequestStatus>('/messages', { token, body: reply.trim() }).then(
      (s) => {
        setStatus(s);
        setReply('');
        setBusy(false);
      },
      (cause: unknown) => {
        setProblem({ cause });
        setBusy(false);
      },
    );
  };

  if (status === null) {
    return error === null ? null : (
      <p role="alert" className="rr-error">
        {error}
      </p>
    );
  }
  const state = tr.t(`request.status.state.${status.state}`);
  const amount = tr.money(status.amount);
  const reached = PATH.indexOf(status.state);
  const waiting = status.state === 'received' || status.state === 'under_review';
  return (
    <section aria-labelledby={`${ids}-h`} className="rr-card">
      <h1 id={`${ids}-h`}>{tr.t('request.status.heading')}</h1>
      {justSent && <p role="status">{tr.t('request.sent')}</p>}
      <p className="rr-state" data-testid="request-state" data-state={status.state}>
        {tr.t('request.status.current', { state })}
      </p>
      <ol className="rr-steps" aria-label={tr.t('request.status.steps')}>
        {(status.state === 'declined' ? (['received', 'declined'] as const) : PATH).map((s, i) => (
          <li
            key={s}
            className={status.state === 'declined' || i <= reached ? 'rr-done' : undefined}
            aria-current={s === status.state ? 'step' : undefined}
          >
            {tr.t(`request.status.state.${s}`)}
          </li>
        ))}
      </ol>
      {waiting ? (
        // Not decided yet: what the customer asked back (the policy may give 0 until a person
        // decides), and when they hear — never after the performance.
        <p data-testid="request-amount">
          {tr.t('request.status.asked', { amount: tr.money(status.asked) })}
        </p>
      ) : (
        <p data-testid="request-amount">{tr.t('request.status.amount', { amount })}</p>
      )}
      {waiting && (
        <p data-testid="request-due">
          {status.answerDueBeforeShow
            ? tr.t('request.status.dueBeforeShow', { date: tr.date(status.answerDueAt) })
            : tr.t('request.status.due', { date: tr.date(status.answerDueAt, 'date') })}
        </p>
      )}
      {status.state === 'approved' && status.collectAtBoxOffice && (
        <p>{tr.t('request.status.collect', { amount })}</p>
      )}
      {status.cashCode !== null && (
        <figure className="rr-cash-code">
          <CashCodeQr
            code={status.cashCode}
            label={tr.t('request.status.cashCodeLabel', { amount })}
          />
          <figcaption>
            {tr.t('request.status.cashCodeHint', {
              date: tr.date(status.cashCodeExpiresAt ?? status.answerDueAt, 'date'),
            })}
          </figcaption>
        </figure>
      )}
      {status.payoutPending && <p>{tr.t('request.status.payoutPending')}</p>}
      {status.voucherCode !== null && (
        <p>{tr.t('request.status.voucher', { code: status.voucherCode })}</p>
      )}
      {status.declineReason !== null && (
        <p>{tr.t('request.status.declineReason', { reason: status.declineReason })}</p>
      )}
      <h2>{tr.t('request.thread.heading')}</h2>
      {status.messages.length === 0 ? (
        <p>{tr.t('request.thread.none')}</p>
      ) : (
        <ul className="rr-thread">
          {status.messages.map((m) => (
            <li key={m.no} className={`rr-from-${m.author}`}>
              <strong>
                {tr.t(m.author === 'venue' ? 'request.thread.venue' : 'request.thread.customer')}
              </strong>{' '}
              <span className="rr-when">{tr.date(m.at)}</span>
              <p>{m.body}</p>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={send}>
        <label>
          {tr.t('request.thread.reply')}
          <textarea
            value={reply}
            onChange={(e) => setReply(e.target.value)}
            maxLength={4000}
            rows={3}
          />
        </label>
        <button type="submit" disabled={busy || reply.trim() === ''}>
          {tr.t('request.thread.send')}
        </button>
      </form>
      {error !== null && (
        <p role="alert" className="rr-error">
          {error}
        </p>
      )}
    </section>
  );
}
