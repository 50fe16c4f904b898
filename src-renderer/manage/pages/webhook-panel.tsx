import { useState, type FormEvent } from 'react';
import type { LinkKeyView, WebhookAnswer } from '../../../shared/requests/webhook-contract';
import { useT } from '../../i18n';
import { api, ApiError, venuePath } from '../api';
import { ErrorText } from '../error-text';
import { canWrite, type SignedIn } from '../session';
import { useApi } from '../use-api';
import { DELIVERY_STATUS_KEY, linkKeyState, webhookDraftOf } from '../webhook-views';

const asApiError = (cause: unknown) =>
  cause instanceof ApiError ? cause : new ApiError(0, 'network', String(cause));

/**
 * The venue's webhook for its CRM (address and signing secret, a manager's setting; the
 * secret is never shown back) with its latest events, and the refund-link keys with their
 * rotation (issue 14 items 4 and 7). Supervisors read.
 */
export function WebhookPanel({ who }: { readonly who: SignedIn }) {
  const tr = useT();
  const writer = canWrite(who);
  const hook = useApi<WebhookAnswer>(venuePath(who.venueId, 'webhook'));
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const change = async (method: 'PUT' | 'DELETE') => {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const answer = await api<WebhookAnswer>(venuePath(who.venueId, 'webhook'), {
        method,
        ...(method === 'PUT' ? { body: webhookDraftOf(url, secret) } : {}),
      });
      setSaved(answer.webhook?.url ?? null);
      setSecret('');
      hook.reload();
    } catch (cause) {
      setError(asApiError(cause));
    } finally {
      setBusy(false);
    }
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    void change('PUT');
  };

  const current = hook.data?.webhook ?? null;
  const deliveries = hook.data?.deliveries ?? [];
  return (
    <section aria-labelledby="bo-webhook">
      <h2 id="bo-webhook">{tr.t('manage.webhook.legend')}</h2>
      <p className="bo-sub">{tr.t('manage.webhook.about')}</p>
      <p>
        {current === null
          ? tr.t('manage.webhook.none')
          : tr.t('manage.webhook.current', { url: current.url })}
      </p>
      {writer && (
        <form onSubmit={save} className="bo-inline-form">
          <label>
            {tr.t('manage.webhook.url')}{' '}
            <input
              type="url"
              required
              value={url}
              placeholder={current?.url ?? 'https://'}
              onChange={(e) => setUrl(e.target.value)}
            />
          </label>{' '}
          <label>
            {tr.t('manage.webhook.secret')}{' '}
            <input
              type="password"
              required
              autoComplete="new-password"
              value={secret}
              onChange={(e) => setSecret(e.target.value)}
            />
          </label>{' '}
          <button type="submit" disabled={busy}>
            {tr.t('manage.webhook.save')}
          </button>{' '}
          {current !== null && (
            <button type="button" disabled={busy} onClick={() => void change('DELETE')}>
              {tr.t('manage.webhook.remove')}
            </button>
          )}
        </form>
      )}
      {saved !== null && <p role="status">{tr.t('manage.webhook.saved', { url: saved })}</p>}
      <ErrorText error={hook.error ?? error} />
      {deliveries.length > 0 && (
        <table className="bo-table" aria-label={tr.t('manage.webhook.deliveries')}>
          <thead>
            <tr>
              <th scope="col">{tr.t('manage.webhook.col.time')}</th>
              <th scope="col">{tr.t('manage.webhook.col.type')}</th>
              <th scope="col">{tr.t('manage.webhook.col.status')}</th>
              <th scope="col">{tr.t('manage.webhook.col.attempts')}</th>
              <th scope="col">{tr.t('manage.webhook.col.error')}</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.eventId} data-status={d.status}>
                <th scope="row">{tr.date(d.createdAt)}</th>
                <td className="bo-small">{d.type}</td>
                <td>{tr.t(DELIVERY_STATUS_KEY[d.status])}</td>
                <td>{d.attempts}</td>
                <td className="bo-small">{d.lastError ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LinkKeys who={who} />
    </section>
  );
}

function LinkKeys({ who }: { readonly who: SignedIn }) {
  const tr = useT();
  const keys = useApi<{ keys: readonly LinkKeyView[] }>(venuePath(who.venueId, 'refund-link-keys'));
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const rotate = async (retireNow: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await api(venuePath(who.venueId, 'refund-link-keys/rotate'), {
        method: 'POST',
        body: { retireNow },
      });
      keys.reload();
    } catch (cause) {
      setError(asApiError(cause));
    } finally {
      setBusy(false);
    }
  };
  const list = keys.data?.keys ?? [];
  const nowMs = Date.now();
  return (
    <>
      <h3>{tr.t('manage.linkKeys.legend')}</h3>
      <p className="bo-sub">{tr.t('manage.linkKeys.about')}</p>
      {list.length === 0 ? (
        <p>{tr.t('manage.linkKeys.none')}</p>
      ) : (
        <ul>
          {list.map((k) => {
            const state = linkKeyState(k, nowMs);
            return (
              <li key={k.keyId} data-key={k.keyId}>
                <code>{k.keyId}</code> · {tr.date(k.createdAt, 'date')} ·{' '}
                {tr.t(state.key, state.until ? { date: tr.date(state.until, 'date') } : {})}
              </li>
            );
          })}
        </ul>
      )}
      {canWrite(who) && (
        <p>
          <button type="button" disabled={busy} onClick={() => void rotate(false)}>
            {tr.t('manage.linkKeys.rotate')}
          </button>{' '}
          <button type="button" disabled={busy} onClick={() => void rotate(true)}>
            {tr.t('manage.linkKeys.rotateNow')}
          </button>
        </p>
      )}
      <ErrorText error={keys.error ?? error} />
    </>
  );
}
