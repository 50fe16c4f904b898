import { useEffect, useState } from 'react';
import type { Actor, Approver, SellItem } from '../../../shared/commands';
import type { Role } from '../../../shared/catalog/roles';
import type { ExchangeQuote } from '../../../shared/exchange';
import { abs } from '../../../shared/money';
import { formatReceiptNumber } from '../../../shared/orders/receipt-number';
import type { TenderInput } from '../../../shared/orders/tenders';
import { commitExchange, previewExchange } from '../../app/exchange-service';
import type { FoundOrder } from '../../app/order-service';
import { reloadOrder } from '../../app/order-service';
import { seatStates } from '../../app/sale-service';
import type { SeatState } from '../../store';
import { ApprovalDialog } from '../approval-dialog';
import type { ShownError } from '../error-banner';
import { ErrorBanner } from '../error-banner';
import { FindOrder } from '../refund/find-order';
import { TicketChoice } from '../refund/ticket-choice';
import { PerformancePicker } from '../sell/performance-picker';
import { SeatPicker } from '../sell/seat-picker';
import { TenderPanel } from '../sell/tender-panel';
import { useTill, useTillVersion } from '../till-context';
import { useText } from '../use-text';

/**
 * Exchange: tickets back → new performance and seats → difference and fee → settle (take
 * payment, pay back or nothing) → one atomic commit.
 */
export function ExchangeScreen({ actor }: { readonly actor: Actor }) {
  const till = useTill();
  const version = useTillVersion();
  const text = useText();
  const [found, setFound] = useState<FoundOrder | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [performanceId, setPerformanceId] = useState<string | null>(null);
  const [seats, setSeats] = useState<{ seatId: string; tierId: string }[]>([]);
  const [states, setStates] = useState<ReadonlyMap<string, SeatState>>(new Map());
  const [quote, setQuote] = useState<ExchangeQuote | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [approval, setApproval] = useState<{ role: Role; tenders: TenderInput[] } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (performanceId === null) return;
    let live = true;
    void seatStates(till, performanceId).then((s) => {
      if (live) setStates(s);
    });
    return () => {
      live = false;
    };
  }, [till, performanceId, version]);

  const items: SellItem[] =
    performanceId === null
      ? []
      : seats.map((s) => ({ performanceId, tierId: s.tierId, seatId: s.seatId, quantity: 1 }));
  const ready = found !== null && chosen.length > 0 && items.length === chosen.length;
  const itemsKey = JSON.stringify(items);

  useEffect(() => {
    if (!ready || found === null) {
      setQuote(null);
      return;
    }
    let live = true;
    void previewExchange(till, found.view, chosen, items).then((q) => {
      if (!live) return;
      if (q.ok) {
        setQuote(q.value);
        setError(null);
      } else {
        setQuote(null);
        setError(q.error);
      }
    });
    return () => {
      live = false;
    };
    // itemsKey stands for items (a new array every render).
    // eslint-disable-next-line react-hooks/exhaustive-deps -- items is derived from itemsKey
  }, [till, found, chosen, itemsKey, ready]);

  const commit = async (tenders: TenderInput[], approver?: Approver) => {
    if (found === null) return;
    setBusy(true);
    const r = await commitExchange(
      till,
      found.view,
      { ticketIds: chosen, items, tenders },
      actor,
      approver,
    );
    setBusy(false);
    if (!r.ok) {
      const required = (r.error.details as { requiredRole?: Role } | undefined)?.requiredRole;
      if (r.error.code === 'approval_required' && approver === undefined && required) {
        setApproval({ role: required, tenders });
        return;
      }
      setApproval(null);
      setError(r.error);
      return;
    }
    setApproval(null);
    setError(null);
    setDone(
      text('ui.exchange.done', {
        receipt: formatReceiptNumber(till.terminalId, r.value.receiptNo, r.value.training),
      }),
    );
    setFound(await reloadOrder(till, found.record.id));
    setChosen([]);
    setSeats([]);
    setPerformanceId(null);
  };

  const performance = performanceId !== null ? till.catalog.performance(performanceId) : undefined;
  const plan =
    performance?.seatingPlanId !== undefined
      ? till.catalog.plan(performance.seatingPlanId)
      : undefined;

  return (
    <section className="screen exchange" aria-labelledby="exchange-title">
      <h2 id="exchange-title">{text('ui.exchange.title')}</h2>
      <FindOrder
        flowId="exchange"
        onFound={(order, query, ticketId) => {
          setFound(order);
          // A scanned ticket comes preselected, so its policy decision shows at once.
          setChosen(
            ticketId !== undefined &&
              order?.view.tickets.some((t) => t.ticket.ticketId === ticketId)
              ? [ticketId]
              : [],
          );
          setDone(null);
          setError(
            order ? null : { code: 'not_found', message: text('refund.notFound', { query }) },
          );
        }}
      />
      <ErrorBanner error={error} onDismiss={() => setError(null)} />
      {done ? (
        <p role="status" className="sale-done">
          {done}
        </p>
      ) : null}
      {found ? (
        <div className="sell-layout">
          <div>
            <TicketChoice
              order={found.view}
              chosen={chosen}
              onToggle={(id) =>
                setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]))
              }
              legend={text('exchange.chooseTickets')}
            />
            <h3>{text('exchange.choosePerformance')}</h3>
            {performance === undefined ? (
              <PerformancePicker onPick={(id) => setPerformanceId(id)} />
            ) : (
              <>
                <p className="current-performance">
                  <strong>{till.catalog.event(performance.eventId)?.name}</strong> —{' '}
                  {text.tr.date(performance.startsAt)}{' '}
                  <button
                    type="button"
                    onClick={() => {
                      setPerformanceId(null);
                      setSeats([]);
                    }}
                  >
                    {text('ui.sell.change')}
                  </button>
                </p>
                <p>{text('ui.exchange.newSeats', { count: chosen.length })}</p>
                {plan ? (
                  <SeatPicker
                    plan={plan}
                    tiers={till.catalog.tiersFor(performance.id)}
                    states={states}
                    selected={seats}
                    onChange={setSeats}
                    onProblem={(message) => setError({ code: 'seats', message })}
                  />
                ) : null}
              </>
            )}
          </div>
          <aside className="sell-side">
            {!ready ? <p>{text('ui.exchange.chooseSeatsFirst')}</p> : null}
            {quote ? (
              <>
                <h3>{text('ui.exchange.quote')}</h3>
                <p>{text('exchange.difference', { amount: abs(quote.difference) })}</p>
                <p>{text('exchange.fee', { amount: quote.fee })}</p>
                <p className="total" role="status" aria-label={text('ui.exchange.quote')}>
                  {quote.settlement === 'collect'
                    ? text('exchange.customerPays', { amount: quote.difference })
                    : quote.settlement === 'pay_back'
                      ? text('exchange.customerGets', { amount: abs(quote.difference) })
                      : text('exchange.even')}
                </p>
                {quote.settlement === 'collect' ? (
                  <TenderPanel
                    key={quote.difference.amount}
                    due={quote.difference}
                    cashIncrement={till.settings.cashRoundingIncrement}
                    busy={busy}
                    confirmLabel={text('exchange.confirm')}
                    onConfirm={(t) => void commit(t)}
                  />
                ) : (
                  <button
                    type="button"
                    className="primary confirm"
                    disabled={busy}
                    onClick={() => void commit([])}
                  >
                    {text('exchange.confirm')}
                  </button>
                )}
              </>
            ) : null}
          </aside>
        </div>
      ) : null}
      {approval ? (
        <ApprovalDialog
          requiredRole={approval.role}
          requestedBy={actor.staffId}
          onApproved={(a) => void commit(approval.tenders, a)}
          onCancel={() => setApproval(null)}
        />
      ) : null}
    </section>
  );
}
