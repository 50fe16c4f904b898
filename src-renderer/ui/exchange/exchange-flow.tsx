import { useActorRef, useSelector } from '@xstate/react';
import { useEffect, useRef, useState } from 'react';
import { waitFor, type ActorRefFrom, type SnapshotFrom } from 'xstate';
import type { OrderView } from '../../../shared/orders/order-view';
import { formatReceiptNumber } from '../../../shared/orders/receipt-number';
import type { TenderInput } from '../../../shared/orders/tenders';
import {
  exchangeFlowActors,
  keepExchangeSeats,
  releaseAbandonedHolds,
} from '../../app/exchange-flow-actors';
import { exchangeMachine } from '../../flows/exchange/exchange-machine';
import { heldSeats } from '../../flows/sell-cart';
import { claimFlowHolds, releaseOnPageClose } from '../../app/hold-sweep';
import { ErrorBanner } from '../error-banner';
import { FlowApprovalDialog } from '../refund/flow-approval-dialog';
import { shownFlowError } from '../refund/flow-error';
import { OrderMatches } from '../refund/order-matches';
import type { CustomerFlowProps } from '../order-flow/customer-screen';
import { NextCustomerButton } from '../next-customer-button';
import { FlowActions } from '../order-flow/flow-actions';
import { useFlowPorts } from '../order-flow/flow-ports';
import type { PrintTexts } from '../order-flow/print-outcome';
import { CommittedOutcome } from '../order-flow/print-outcome';
import { TicketChoice } from '../refund/ticket-choice';
import { useTill } from '../till-context';
import { useText } from '../use-text';
import { ExchangeReplacement, ReplacementSummary } from './exchange-replacement';
import { ExchangeChange, ExchangeSettle } from './exchange-settle';
import { ExchangePerformances } from './exchange-performances';
import './exchange.css';

export type ExchangeActorRef = ActorRefFrom<typeof exchangeMachine>;
type ExchangeSnapshot = SnapshotFrom<typeof exchangeMachine>;

const EXCHANGE_PRINT_TEXTS: PrintTexts = {
  printing: 'ui.exchange.printing',
  queued: 'ui.exchange.printQueued',
  failed: 'ui.exchange.printFailed',
  retry: 'ui.exchange.printRetry',
  skip: 'ui.exchange.printSkip',
};

/** States in which the screen may end this flow for a new customer: nothing is being saved. */
export function canStartOver(s: ExchangeSnapshot): boolean {
  return (
    s.status !== 'active' ||
    s.matches('finding') ||
    s.matches('choosingOrder') ||
    s.matches('choosingTickets') ||
    s.matches({ choosingReplacement: 'idle' }) ||
    s.matches('settling') ||
    s.matches('approval') ||
    s.matches('printFailed')
  );
}

/** Ends a flow that is not saving anything, letting its held seats go first. */
export async function endFlow(actor: ExchangeActorRef): Promise<void> {
  const s = actor.getSnapshot();
  if (s.status !== 'active' || s.matches('printFailed')) return;
  actor.send({ type: 'CANCEL' });
  await waitFor(actor, (x) => x.status !== 'active', { timeout: 5_000 }).catch(() => undefined);
}

/**
 * One customer's exchange on the exchange machine's actor (one per mount; the screen remounts
 * it per customer): tickets back → new performance and seats (held under this flow's cart) →
 * quote → settle → approval if needed → one atomic commit → the new tickets print.
 */
export function ExchangeFlow({
  staff,
  first,
  searched,
  onActor,
  onNextCustomer,
  actionsSlot,
}: CustomerFlowProps<ExchangeActorRef>) {
  const till = useTill();
  const text = useText();
  const ports = useFlowPorts();
  const [cartId] = useState(() => crypto.randomUUID());
  const [machine] = useState(() => exchangeMachine.provide({ actors: exchangeFlowActors(ports) }));
  const actorRef = useActorRef(machine, {
    input: {
      cartId,
      staff: { staffId: staff.staffId, role: staff.role },
      ...(till.settings.cashRoundingIncrement !== undefined
        ? { cashIncrement: till.settings.cashRoundingIncrement }
        : {}),
    },
  });
  const snap = useSelector(actorRef, (s) => s);
  const send = (event: Parameters<ExchangeActorRef['send']>[0]) => actorRef.send(event);

  useEffect(() => {
    onActor(actorRef);
    if (first !== null) actorRef.send(first);
  }, [actorRef, first, onActor]);

  // An exchange being worked on keeps its new seats held (see keepExchangeSeats).
  const kept = useRef<{ touch: () => void } | null>(null);
  useEffect(() => {
    const k = keepExchangeSeats(till, cartId, actorRef);
    kept.current = k;
    return () => {
      k.stop();
      kept.current = null;
    };
  }, [actorRef, till, cartId]);

  // Leaving the screen (F1, Esc) stops the actor without its CANCEL: let its seats go here.
  // While the flow lives its hold id is claimed (app/hold-sweep): if the page dies instead,
  // the till's next start lets the seats go.
  useEffect(() => {
    const claim = claimFlowHolds(till.terminalId, cartId);
    return () => {
      const s = actorRef.getSnapshot();
      const release =
        s.context.exchange === null && s.context.seats.length > 0
          ? releaseAbandonedHolds(till, cartId, heldSeats(s.context.seats))
          : Promise.resolve();
      void release.finally(() => claim.end());
    };
  }, [actorRef, till, cartId]);

  // Closing or reloading the page mid-exchange: its seats go at once. The page's own writes
  // would not complete as it goes, so the hold-release service worker does it (app/hold-sweep);
  // where there is none, the till's start-up sweep lets them go. A page kept in the
  // back/forward cache may come back to this flow: its seats stay.
  useEffect(() => {
    const onPageHide = (e: PageTransitionEvent) => {
      if (e.persisted) return;
      const s = actorRef.getSnapshot();
      if (s.context.exchange === null && s.context.seats.length > 0) {
        const seats = heldSeats(s.context.seats);
        if (!releaseOnPageClose(till.store.db, cartId, seats))
          void releaseAbandonedHolds(till, cartId, seats);
      }
    };
    window.addEventListener('pagehide', onPageHide);
    return () => window.removeEventListener('pagehide', onPageHide);
  }, [actorRef, till, cartId]);

  const c = snap.context;
  const replacing = snap.matches({ choosingReplacement: 'idle' });
  const newCount = c.seats.length + c.ga.reduce((n, g) => n + g.quantity, 0);
  // As many new places as tickets going back: the quote follows by itself, as it did before.
  useEffect(() => {
    if (replacing && c.quote === null && c.error === null && newCount > 0)
      if (newCount === c.selected.length) actorRef.send({ type: 'QUOTE' });
  }, [replacing, c.quote, c.error, newCount, c.selected.length, actorRef]);

  const settle = (tenders: TenderInput[]) => {
    // The panel hands over the full set: replace what a refused attempt left behind.
    for (let i = c.tenders.length - 1; i >= 0; i--) send({ type: 'TENDER.REMOVE', index: i });
    for (const tender of tenders) send({ type: 'TENDER.ADD', tender });
    send({ type: 'CONFIRM' });
  };

  const inApproval = snap.matches('approval') || snap.matches('verifyingPin');
  const choosingTickets = snap.matches('choosingTickets');
  const cancelled = snap.matches('cancelled');
  const done = snap.status === 'done';
  const match = c.order ? c.matches.find((m) => m.orderId === c.order?.orderId) : undefined;
  const open = c.order !== null && c.exchange === null && !done;
  const after = c.exchange?.order;
  const orderRef = (order: OrderView) =>
    match ? (
      <p className="order-ref">
        {text('refund.order', {
          receipt: formatReceiptNumber(
            match.terminalId ?? till.terminalId,
            order.sale.receiptNo,
            order.sale.training,
          ),
          date: new Date(match.at),
        })}
      </p>
    ) : null;

  const choosingPerformance = choosingTickets || snap.matches('choosingReplacement');
  const settlingView =
    c.quote && (snap.matches('settling') || inApproval || snap.matches('committing'));
  return (
    <div className="flow-layout exchange-layout">
      <div className="flow-main">
        <ErrorBanner
          error={c.error && !inApproval ? shownFlowError(text, c.error, searched) : null}
        />
        {snap.matches('choosingOrder') ? (
          <OrderMatches
            matches={c.matches}
            onPick={(orderId) => send({ type: 'ORDER.PICK', orderId })}
          />
        ) : null}
        {after ? (
          // The order as the commit left it: the returned tickets read "exchanged" and cannot be
          // chosen, the new ones are there; a new search of it starts a fresh flow from the store.
          <div>
            {orderRef(after)}
            <TicketChoice
              order={after}
              chosen={[]}
              onToggle={() => undefined}
              legend={text('ui.exchange.orderNow')}
              disabled
            />
          </div>
        ) : null}
        {cancelled && c.outcome === 'cancelled' ? (
          <p role="status" className="flow-notice">
            {text('ui.exchange.cancelled')}
          </p>
        ) : null}
        {open && !cancelled && c.order ? (
          <>
            <TicketChoice
              order={c.order}
              chosen={c.selected}
              onToggle={(ticketId) => send({ type: 'TICKET.TOGGLE', ticketId })}
              legend={text('exchange.chooseTickets')}
              disabled={!choosingTickets}
            />
            {orderRef(c.order)}
            {choosingPerformance ? (
              <ExchangeReplacement
                cartId={cartId}
                performanceId={c.performanceId}
                seats={c.seats}
                returning={c.selected.length}
                picker={
                  <ExchangePerformances
                    order={c.order}
                    selected={c.selected}
                    onPick={(performanceId) => {
                      // Picking the new show is how the cashier says "these tickets": no extra step.
                      if (actorRef.getSnapshot().matches('choosingTickets'))
                        send({ type: 'CONTINUE' });
                      send({ type: 'PERFORMANCE.PICK', performanceId });
                    }}
                  />
                }
                onChangePerformance={() => send({ type: 'PERFORMANCE.CHANGE' })}
                onSelect={(tierId, seatIds) => send({ type: 'SEATS.SELECT', tierId, seatIds })}
                onDeselect={(seatId) =>
                  send({ type: 'SEAT.DESELECT', performanceId: c.performanceId ?? '', seatId })
                }
                onBest={(count, tierId) => send({ type: 'SEATS.BEST_AVAILABLE', tierId, count })}
                onProblem={() => undefined}
              />
            ) : (
              <>
                <h3>{text('ui.exchange.newTickets')}</h3>
                <ReplacementSummary seats={c.seats} ga={c.ga} />
              </>
            )}
          </>
        ) : null}
        {c.order === null && !cancelled && !snap.matches('choosingOrder') && !done ? (
          <p className="flow-hint">{text('ui.refund.findFirst')}</p>
        ) : null}
      </div>
      <aside className="flow-side" aria-label={text('ui.flow.side')}>
        {open && !cancelled ? (
          settlingView && c.quote ? (
            <ExchangeSettle
              quote={c.quote}
              busy={!snap.matches('settling')}
              onSettle={settle}
              onActivity={() => kept.current?.touch()}
            />
          ) : (
            <p>{text('ui.exchange.chooseSeatsFirst')}</p>
          )
        ) : null}
        {snap.matches('committing') ? <p role="status">{text('ui.exchange.saving')}</p> : null}
        {c.exchange ? (
          <div className="flow-confirm">
            <ExchangeChange exchange={c.exchange} />
            <CommittedOutcome
              done={text('ui.exchange.done', {
                receipt: formatReceiptNumber(
                  till.terminalId,
                  c.exchange.receiptNo,
                  c.exchange.training,
                ),
              })}
              texts={EXCHANGE_PRINT_TEXTS}
              printing={snap.matches('printing')}
              print={c.print}
              printError={snap.matches('printFailed') ? c.printError : null}
              onRetry={() => send({ type: 'PRINT.RETRY' })}
              onSkip={() => send({ type: 'PRINT.SKIP' })}
            />
          </div>
        ) : null}
        {open && !cancelled && canStartOver(snap) && snap.status === 'active' ? (
          <FlowActions slot={actionsSlot}>
            {settlingView && c.quote ? (
              <button
                type="button"
                onClick={() => send({ type: 'BACK' })}
                disabled={!snap.matches('settling')}
              >
                {text('ui.exchange.changeSeats')}
              </button>
            ) : null}
            <button type="button" onClick={() => send({ type: 'CANCEL' })}>
              {text('ui.exchange.cancel')}
            </button>
          </FlowActions>
        ) : null}
        {done ? (
          <div className="flow-confirm">
            <NextCustomerButton label={text('ui.flow.nextCustomer')} onNext={onNextCustomer} />
          </div>
        ) : null}
      </aside>
      {inApproval && c.approvalBinding !== null ? (
        <FlowApprovalDialog
          binding={c.approvalBinding}
          error={c.error}
          checking={snap.matches('verifyingPin')}
          onSubmit={(staffId, pin) => send({ type: 'APPROVAL.SUBMIT', staffId, pin })}
          onCancel={() => send({ type: 'APPROVAL.CANCEL' })}
        />
      ) : null}
    </div>
  );
}
