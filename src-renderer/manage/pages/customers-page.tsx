import { useState, type FormEvent } from 'react';
import type { CustomerRecord, CustomerSearchAnswer } from '../../../shared/customers/contract';
import { confirmsContact } from '../../../shared/customers/customer-text';
import { formatMoney, useT } from '../../i18n';
import { api, ApiError, venuePath } from '../api';
import {
  consentChangeKey,
  consentNowKey,
  customerSearchPath,
  exportFileName,
} from '../customers-views';
import { ErrorText } from '../error-text';
import { REFUND_CHANNEL_KEYS } from '../refund-channels-view';
import { canWrite, type SignedIn } from '../session';
import { useApi } from '../use-api';
import './requests.css';
import './customers.css';

const asApiError = (cause: unknown) =>
  cause instanceof ApiError ? cause : new ApiError(0, 'network', String(cause));

/**
 * Customers (issue 14 item 7): search by e-mail, phone, name or order number; a customer's
 * record — orders, refunds, refund requests and their messages, marketing consent with every
 * change. A manager changes consent, downloads the customer's data, or erases it after typing
 * the contact again. Everything is decided and audited on the server.
 */
export function CustomersPage({ who }: { readonly who: SignedIn }) {
  const tr = useT();
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const hits = useApi<CustomerSearchAnswer>(query);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setOpen(null);
    setQuery(customerSearchPath(who.venueId, typed));
  };
  return (
    <>
      <h1 id="bo-heading">{tr.t('manage.customers.heading')}</h1>
      <form className="bo-form" onSubmit={submit} role="search">
        <label>
          {tr.t('manage.customers.search')}
          <input
            type="search"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            placeholder={tr.t('manage.customers.searchHint')}
          />
        </label>
        <button type="submit" disabled={typed.trim().length < 2}>
          {tr.t('manage.customers.find')}
        </button>
      </form>
      <ErrorText error={hits.error} />
      {query !== null && hits.data && (
        <table className="bo-table" aria-label={tr.t('manage.customers.results')}>
          <thead>
            <tr>
              <th scope="col">{tr.t('manage.customers.contact')}</th>
              <th scope="col">{tr.t('manage.customers.name')}</th>
              <th scope="col">{tr.t('manage.customers.orders')}</th>
            </tr>
          </thead>
          <tbody>
            {hits.data.customers.length === 0 && (
              <tr>
                <td colSpan={3}>{tr.t('manage.customers.none')}</td>
              </tr>
            )}
            {hits.data.customers.map((h) => (
              <tr key={h.customerKey}>
                <td>
                  <button type="button" className="bo-link" onClick={() => setOpen(h.customerKey)}>
                    {h.contact ?? tr.t('manage.customers.erasedContact')}
                  </button>
                </td>
                <td>{h.name ?? ''}</td>
                <td>{h.orders}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open !== null && <CustomerRecordView who={who} customerKey={open} />}
    </>
  );
}

function CustomerRecordView({
  who,
  customerKey,
}: {
  readonly who: SignedIn;
  readonly customerKey: string;
}) {
  const tr = useT();
  const path = venuePath(who.venueId, `customers/${customerKey}`);
  const loaded = useApi<CustomerRecord>(path);
  const [error, setError] = useState<ApiError | null>(null);
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const writer = canWrite(who);
  const r = loaded.data;
  if (r === null) return <ErrorText error={loaded.error} />;
  const money = (m: CustomerRecord['orders'][number]['total']) => formatMoney(tr.locale, m);
  const when = (at: string) => tr.date(at, 'dateTime');

  const run = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
      loaded.reload();
    } catch (cause) {
      setError(asApiError(cause));
    }
  };
  const setConsent = (given: boolean) =>
    run(async () => {
      await api(`${path}/consent`, { method: 'PUT', body: { given } });
    });
  const download = () =>
    run(async () => {
      const file = await api<unknown>(`${path}/export`, { method: 'POST', body: {} });
      const url = URL.createObjectURL(
        new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }),
      );
      const a = document.createElement('a');
      a.href = url;
      a.download = exportFileName(customerKey);
      a.click();
      URL.revokeObjectURL(url);
      setDone(tr.t('manage.customers.exported'));
    });
  const erase = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api(`${path}/erase`, { method: 'POST', body: { confirmContact: confirm } });
      setConfirm('');
      setDone(tr.t('manage.customers.erased'));
    });
  };

  return (
    <section aria-labelledby="customer-heading" className="bo-record">
      <h2 id="customer-heading">{r.contact ?? tr.t('manage.customers.erasedContact')}</h2>
      {r.erasedAt !== null && (
        <p className="bo-note">{tr.t('manage.customers.erasedOn', { date: when(r.erasedAt) })}</p>
      )}
      <dl className="bo-facts">
        {r.name !== null && (
          <>
            <dt>{tr.t('manage.customers.name')}</dt>
            <dd>{r.name}</dd>
          </>
        )}
        {r.otherContacts.length > 0 && (
          <>
            <dt>{tr.t('manage.customers.otherContacts')}</dt>
            <dd>{r.otherContacts.join(', ')}</dd>
          </>
        )}
        <dt>{tr.t('manage.customers.consent')}</dt>
        <dd>{tr.t(consentNowKey(r.marketingConsent))}</dd>
      </dl>
      {done !== null && <p role="status">{done}</p>}
      <ErrorText error={error} />
      {writer && r.erasedAt === null && (
        <p className="bo-actions">
          <button type="button" onClick={() => void setConsent(r.marketingConsent !== true)}>
            {tr.t(
              r.marketingConsent === true
                ? 'manage.customers.withdrawConsent'
                : 'manage.customers.giveConsent',
            )}
          </button>
          <button type="button" onClick={() => void download()}>
            {tr.t('manage.customers.export')}
          </button>
        </p>
      )}

      <h3>{tr.t('manage.customers.orders')}</h3>
      <table className="bo-table">
        <thead>
          <tr>
            <th scope="col">{tr.t('manage.customers.order')}</th>
            <th scope="col">{tr.t('manage.customers.soldAt')}</th>
            <th scope="col">{tr.t('manage.customers.total')}</th>
            <th scope="col">{tr.t('manage.customers.refunded')}</th>
          </tr>
        </thead>
        <tbody>
          {r.orders.map((o) => (
            <tr key={o.orderId}>
              <td>{o.orderId}</td>
              <td>{when(o.soldAt)}</td>
              <td>{money(o.total)}</td>
              <td>{money(o.refunded)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {r.refunds.length > 0 && (
        <>
          <h3>{tr.t('manage.customers.refunds')}</h3>
          <ul>
            {r.refunds.map((f) => (
              <li key={f.refundId}>
                {tr.t('manage.customers.refundLineChannel', {
                  date: when(f.at),
                  amount: money(f.amount),
                  order: f.orderId,
                  channel: tr.t(REFUND_CHANNEL_KEYS[f.channel]),
                })}
              </li>
            ))}
          </ul>
        </>
      )}

      <h3>{tr.t('manage.customers.requests')}</h3>
      {r.requests.length === 0 ? (
        <p>{tr.t('manage.customers.noRequests')}</p>
      ) : (
        <ul>
          {r.requests.map((q) => (
            <li key={q.requestId}>
              {tr.t('manage.customers.requestLine', {
                date: when(q.createdAt),
                amount: money(q.amount),
                state: tr.t(`request.status.state.${q.state}`),
                channel: tr.t(`manage.requests.channel.${q.channel}`),
              })}
              <ul>
                {r.messages
                  .filter((m) => m.requestId === q.requestId)
                  .map((m, i) => (
                    <li key={i}>
                      {tr.t(
                        m.author === 'customer'
                          ? 'manage.customers.fromCustomer'
                          : 'manage.customers.fromVenue',
                        { date: when(m.at) },
                      )}{' '}
                      {m.body}
                    </li>
                  ))}
              </ul>
            </li>
          ))}
        </ul>
      )}

      <h3>{tr.t('manage.customers.consentHistory')}</h3>
      {r.consentChanges.length === 0 ? (
        <p>{tr.t('manage.customers.consent.never')}</p>
      ) : (
        <ul>
          {r.consentChanges.map((c, i) => (
            <li key={i}>
              {when(c.recordedAt)} — {tr.t(consentChangeKey(c))} ({c.recordedBy})
            </li>
          ))}
        </ul>
      )}

      {writer && r.erasedAt === null && r.contact !== null && (
        <form className="bo-form" onSubmit={erase}>
          <h3>{tr.t('manage.customers.eraseHeading')}</h3>
          <p>{tr.t('manage.customers.eraseWarning')}</p>
          <label>
            {tr.t('manage.customers.eraseConfirm', { contact: r.contact })}
            <input value={confirm} onChange={(e) => setConfirm(e.target.value)} />
          </label>
          <button type="submit" disabled={!confirmsContact(r, confirm)}>
            {tr.t('manage.customers.erase')}
          </button>
        </form>
      )}
    </section>
  );
}
