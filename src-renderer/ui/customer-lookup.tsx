import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CustomerHit, CustomerRecord } from '../../shared/customers/contract';
import { consentKeyAtWindow, hitLine, lookupFailureKey } from '../app/customer-lookup';
import { formatMoney } from '../i18n';
import type { MessageKey } from '../i18n';
import { useContractClient } from '../transport/client-context';
import { useSyncSnapshot } from './sync-context';
import { useText } from './use-text';

type Found =
  | { readonly kind: 'idle' }
  | { readonly kind: 'busy' }
  | { readonly kind: 'failed'; readonly why: MessageKey }
  | { readonly kind: 'hits'; readonly hits: readonly CustomerHit[] };

/**
 * "Find a customer" at the window (Ctrl+F, issue 14 item 7): e-mail, phone, name or order
 * number, asked of the server through main as this terminal; a hit opens the customer's
 * orders, refunds and requests. Offline it says so in words instead of searching.
 */
export function CustomerLookup({ onClose }: { readonly onClose: () => void }) {
  const text = useText();
  const client = useContractClient();
  const sync = useSyncSnapshot();
  const input = useRef<HTMLInputElement>(null);
  const [typed, setTyped] = useState('');
  const [found, setFound] = useState<Found>({ kind: 'idle' });
  const [record, setRecord] = useState<CustomerRecord | null>(null);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => (input.current ?? close.current)?.focus(), []);
  const offline = sync.connection === 'offline';
  const notEnrolled = sync.connection === 'not_enrolled';

  const search = async (e: FormEvent) => {
    e.preventDefault();
    if (typed.trim().length < 2) return;
    setRecord(null);
    setFound({ kind: 'busy' });
    const answer = await client.call('customers.search', { q: typed.trim() });
    setFound(
      answer.ok
        ? { kind: 'hits', hits: answer.value.customers }
        : { kind: 'failed', why: lookupFailureKey(answer.error.code) },
    );
  };
  const open = async (hit: CustomerHit) => {
    const answer = await client.call('customers.record', { customerKey: hit.customerKey });
    if (answer.ok) setRecord(answer.value);
    else setFound({ kind: 'failed', why: lookupFailureKey(answer.error.code) });
  };

  return (
    <div
      className="overlay"
      role="dialog"
      aria-modal="true"
      aria-labelledby="customers-title"
      onKeyDown={(e) => {
        // Closes the look-up only: the screen behind keeps what was half-entered.
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="dialog customer-lookup">
        <h2 id="customers-title">{text('customers.title')}</h2>
        {offline || notEnrolled ? (
          <p role="status">{text(offline ? 'customers.offline' : 'customers.notEnrolled')}</p>
        ) : (
          <form onSubmit={(e) => void search(e)}>
            <label>
              {text('customers.field')}
              <input
                ref={input}
                value={typed}
                autoComplete="off"
                maxLength={100}
                onChange={(e) => setTyped(e.target.value)}
              />
            </label>
            <button type="submit" disabled={typed.trim().length < 2 || found.kind === 'busy'}>
              {text('customers.find')}
            </button>
          </form>
        )}
        {found.kind === 'failed' && <p role="alert">{text(found.why)}</p>}
        {found.kind === 'hits' && found.hits.length === 0 && (
          <p role="status">{text('customers.none')}</p>
        )}
        {found.kind === 'hits' && found.hits.length > 0 && (
          <ul aria-label={text('customers.title')}>
            {found.hits.map((h) => {
              const line = hitLine(h);
              return (
                <li key={h.customerKey}>
                  <button type="button" onClick={() => void open(h)}>
                    {line.erased ? text('customers.erased') : line.contact}
                    {h.name !== null ? ` · ${h.name}` : ''} ·{' '}
                    {text('customers.orders', { count: h.orders })}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {record !== null && (
          <WindowRecord
            record={record}
            onConsent={async (given) => {
              const answer =
                record.contact === null
                  ? null
                  : await client.call('customers.consent', { contact: record.contact, given });
              if (answer?.ok) setRecord(answer.value);
              else if (answer)
                setFound({ kind: 'failed', why: lookupFailureKey(answer.error.code) });
            }}
          />
        )}
        <button ref={close} type="button" onClick={onClose}>
          {text('customers.close')}
        </button>
      </div>
    </div>
  );
}

function WindowRecord({
  record,
  onConsent,
}: {
  readonly record: CustomerRecord;
  /** The customer at the window agrees to (or declines) marketing messages. */
  readonly onConsent: (given: boolean) => Promise<void>;
}) {
  const text = useText();
  const locale = text.tr.locale;
  return (
    <section aria-label={record.name ?? text('customers.title')}>
      <p>{text(consentKeyAtWindow(record.marketingConsent))}</p>
      {record.erasedAt === null && (
        <button type="button" onClick={() => void onConsent(record.marketingConsent !== true)}>
          {text(
            record.marketingConsent === true
              ? 'customers.consent.withdraw'
              : 'customers.consent.give',
          )}
        </button>
      )}
      <ul>
        {record.orders.map((o) => (
          <li key={o.orderId}>
            {o.orderId} · {o.soldAt.slice(0, 10)} · {formatMoney(locale, o.total)}
            {o.refunded.amount > 0 ? ` (−${formatMoney(locale, o.refunded)})` : ''}
          </li>
        ))}
        {record.requests.map((q) => (
          <li key={q.requestId}>
            {q.orderId} · {formatMoney(locale, q.amount)} ·{' '}
            {text(`request.status.state.${q.state}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}
