import { useId, useState, type FormEvent } from 'react';
import type { RefundReasonCode } from '../../shared/journal/entry-types';
import type { Decision, OrderLookupAnswer, RequestStatus } from '../../shared/requests/contract';
import { RefundReasonSelect, useT, type MessageKey } from '../i18n';
import { post, problemText, type Problem } from './request-api';

type Method = 'original_tender' | 'voucher';
const METHODS: readonly Method[] = ['original_tender', 'voucher'];
/** An order found by its card's last digits is refunded to that card, nowhere else. */
const ONLY_CARD: readonly Method[] = ['original_tender'];
type Step =
  | { readonly at: 'find' }
  | { readonly at: 'choose'; readonly order: OrderLookupAnswer }
  | { readonly at: 'decision'; readonly order: OrderLookupAnswer; readonly decision: Decision };

/**
 * Apply for a refund (issue 14 item 1), one step at a time on a phone: find the order by its
 * number (or a ticket's) and the contact on it; choose the tickets, the way back and a reason;
 * read the policy's decision in plain words; confirm. The server decides (planRefund) at each
 * step — the page shows what it answers and never works an amount out itself.
 */
export function ApplyPage({
  venueId,
  onSent,
}: {
  readonly venueId: string;
  readonly onSent: (statusToken: string) => void;
}) {
  const tr = useT();
  const ids = useId();
  const [step, setStep] = useState<Step>({ at: 'find' });
  // A cancelled performance's message links here with its order (`#order=…`): it is filled in,
  // the customer adds the e-mail or phone on the order, as always.
  const [orderRef, setOrderRef] = useState(orderFromLink);
  const [contact, setContact] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [method, setMethod] = useState<Method>('original_tender');
  const [reason, setReason] = useState<RefundReasonCode>('customer_request');
  const [reasonText, setReasonText] = useState('');
  // Unticked is no answer (nothing recorded), not a withdrawal.
  const [news, setNews] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const error = problemText(tr, problem);
  const [busy, setBusy] = useState(false);

  const claim = { venueId, orderRef: orderRef.trim(), contact: contact.trim() };
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } catch (cause) {
      setProblem({ cause });
    } finally {
      setBusy(false);
    }
  };

  const find = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const order = await post<OrderLookupAnswer>('/lookup', claim);
      setChosen(new Set(order.tickets.filter((t) => t.status === 'valid').map((t) => t.ticketId)));
      setStep({ at: 'choose', order });
    });
  };
  const check = (e: FormEvent, order: OrderLookupAnswer) => {
    e.preventDefault();
    if (chosen.size === 0) {
      setProblem({ key: 'request.chooseTicket' });
      return;
    }
    void run(async () => {
      const decision = await post<Decision>('/preview', {
        ...claim,
        ticketIds: [...chosen],
        method,
      });
      setStep({ at: 'decision', order, decision });
    });
  };
  const confirm = () =>
    void run(async () => {
      const made = await post<{ statusToken: string; status: RequestStatus }>('', {
        ...claim,
        ticketIds: [...chosen],
        method,
        reasonCode: reason,
        reasonText: reasonText.trim(),
        locale: tr.locale,
        ...(news ? { marketingConsent: true } : {}),
      });
      onSent(made.statusToken);
    });

  return (
    <section aria-labelledby={`${ids}-h`}>
      {step.at === 'find' && (
        <form onSubmit={find} className="rr-card">
          <h1 id={`${ids}-h`}>{tr.t('request.find.heading')}</h1>
          <label>
            {tr.t('request.find.orderRef')}
            <input
              value={orderRef}
              onChange={(e) => setOrderRef(e.target.value)}
              required
              autoComplete="off"
              maxLength={80}
            />
          </label>
          <label>
            {tr.t('request.find.contact')}
            <input
              value={contact}
              onChange={(e) => setContact(e.target.value)}
              required
              autoComplete="email"
              maxLength={200}
            />
          </label>
          <p className="rr-hint">{tr.t('request.find.cardHint')}</p>
          <button type="submit" disabled={busy}>
            {tr.t('request.find.submit')}
          </button>
        </form>
      )}
      {step.at === 'choose' && (
        <form onSubmit={(e) => check(e, step.order)} className="rr-card">
          <h1 id={`${ids}-h`}>{tr.t('request.tickets.heading')}</h1>
          <fieldset>
            <legend className="rr-visually-hidden">{tr.t('request.tickets.heading')}</legend>
            {step.order.tickets.map((t) => (
              <label key={t.ticketId} className="rr-choice">
                <input
                  type="checkbox"
                  disabled={t.status !== 'valid'}
                  checked={chosen.has(t.ticketId)}
                  onChange={(e) => {
                    const next = new Set(chosen);
                    if (e.target.checked) next.add(t.ticketId);
                    else next.delete(t.ticketId);
                    setChosen(next);
                  }}
                />
                <span>
                  <TicketWords ticket={t} count={step.order.tickets.length} />
                  {t.status !== 'valid' && (
                    <em> ({tr.t(`request.ticket.status.${t.status}` as MessageKey)})</em>
                  )}
                </span>
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{tr.t('request.method.legend')}</legend>
            {(step.order.onlyToCard ? ONLY_CARD : METHODS).map((m) => (
              <label key={m} className="rr-choice">
                <input
                  type="radio"
                  name="method"
                  checked={method === m}
                  onChange={() => setMethod(m)}
                />
                <span>{tr.t(`request.method.${m}`)}</span>
              </label>
            ))}
          </fieldset>
          <RefundReasonSelect value={reason} onChange={setReason} words="customer" />
          <label>
            {tr.t('request.reasonText')}
            <textarea
              value={reasonText}
              onChange={(e) => setReasonText(e.target.value)}
              maxLength={2000}
              rows={3}
            />
          </label>
          <label>
            <input type="checkbox" checked={news} onChange={(e) => setNews(e.target.checked)} />
            <span>{tr.t('request.marketingConsent')}</span>
          </label>
          <button type="submit" disabled={busy}>
            {tr.t('request.check')}
          </button>
        </form>
      )}
      {step.at === 'decision' && (
        <div className="rr-card">
          <h1 id={`${ids}-h`}>{tr.t('request.decision.heading')}</h1>
          <DecisionWords decision={step.decision} onlyToCard={step.order.onlyToCard} />
          <div className="rr-actions">
            <button type="button" onClick={confirm} disabled={busy}>
              {tr.t('request.confirm')}
            </button>
            <button
              type="button"
              className="rr-secondary"
              onClick={() => setStep({ at: 'choose', order: step.order })}
              disabled={busy}
            >
              {tr.t('request.back')}
            </button>
          </div>
        </div>
      )}
      {error !== null && (
        <p role="alert" className="rr-error">
          {error}
        </p>
      )}
    </section>
  );
}

/**
 * A ticket as the customer tells it from the others: event and date, then its seat by name,
 * or — standing tickets of one tier being alike — its tier and place in the order, and price.
 */
export function TicketWords({
  ticket: t,
  count,
}: {
  readonly ticket: OrderLookupAnswer['tickets'][number];
  readonly count: number;
}) {
  const tr = useT();
  const place =
    t.seat === null
      ? tr.t('request.ticket.numbered', { tier: t.tierName, position: t.position, count })
      : `${t.tierName}, ${tr.t('request.ticket.seat', { ...t.seat })}`;
  return (
    <>
      {tr.t('request.ticket.labelFull', {
        event: t.eventName,
        date: t.startsAt === '' ? '' : tr.date(t.startsAt),
        place,
        price: tr.money(t.price),
      })}
    </>
  );
}

/** The policy's answer in the customer's words: what they get, how, and whether at once. */
export function DecisionWords({
  decision,
  onlyToCard = false,
}: {
  readonly decision: Decision;
  readonly onlyToCard?: boolean;
}) {
  const tr = useT();
  const amount = tr.money(decision.amount);
  const main: MessageKey =
    decision.outcome === 'refused'
      ? 'request.decision.refused'
      : decision.method === 'voucher'
        ? 'request.decision.approvedVoucher'
        : 'request.decision.approved';
  return (
    <div data-testid="decision" data-outcome={decision.outcome}>
      {decision.outcome === 'review' ? (
        // A person decides: what the customer asks for, and what the policy alone would give
        // when it gives something (outside its windows it gives nothing — not "0.00" asked).
        <>
          <p className="rr-decision">
            {tr.t('request.decision.reviewAsked', { asked: tr.money(decision.asked) })}
          </p>
          {decision.amount.amount > 0 && <p>{tr.t('request.decision.reviewPolicy', { amount })}</p>}
        </>
      ) : (
        <p className="rr-decision">{tr.t(main, { amount })}</p>
      )}
      {onlyToCard && <p>{tr.t('request.decision.cardOnly')}</p>}
      {decision.collectAtBoxOffice && <p>{tr.t('request.decision.cash', { amount })}</p>}
      {decision.fees.amount > 0 && (
        <p>{tr.t('request.decision.fees', { fees: tr.money(decision.fees) })}</p>
      )}
    </div>
  );
}

/** The order a link names (`#order=…`), or nothing. */
function orderFromLink(): string {
  if (typeof window === 'undefined') return '';
  return new URLSearchParams(window.location.hash.slice(1)).get('order')?.slice(0, 80) ?? '';
}
