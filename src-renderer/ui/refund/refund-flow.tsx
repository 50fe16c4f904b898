import { useActorRef, useSelector } from '@xstate/react';
import { useEffect, useRef, useState } from 'react';
import type { ActorRefFrom, SnapshotFrom } from 'xstate';
import type { OrderView } from '../../../shared/orders/order-view';
import { formatReceiptNumber } from '../../../shared/orders/receipt-number';
import { refundFlowActors } from '../../app/refund-flow-actors';
import { voidableNow } from '../../app/void-service';
import { refundMachine } from '../../flows/refund/refund-machine';
import { ErrorBanner } from '../error-banner';
import type { CustomerFlowProps } from '../order-flow/customer-screen';
import { NextCustomerButton } from '../next-customer-button';
import { FlowActions } from '../order-flow/flow-actions';
import { useFlowPorts } from '../order-flow/flow-ports';
import type { PrintTexts } from '../order-flow/print-outcome';
import { CommittedOutcome } from '../order-flow/print-outcome';
import { ReceiptCopyButton } from '../receipt-copy-button';
import { useTill } from '../till-context';
import { useText } from '../use-text';
import { VoidSaleAction } from '../void-sale-action';
import { FlowApprovalDialog } from './flow-approval-dialog';
import { shownFlowError } from './flow-error';
import { OrderMatches } from './order-matches';
import { RefundDecision } from './refund-decision';
import { TicketChoice } from './ticket-choice';
import { focusNextAction } from '../order-flow/focus-next';
import './refund.css';

export type RefundActorRef = ActorRefFrom<typeof refundMachine>;
type RefundSnapshot = SnapshotFrom<typeof refundMachine>;

const REFUND_PRINT_TEXTS: PrintTexts = {
  printing: 'ui.refund.printing',
  queued: 'ui.refund.printQueued',
  failed: 'ui.refund.printFailed',
  retry: 'ui.refund.printRetry',
  skip: 'ui.refund.printSkip',
};

/** States in which the screen may drop the flow for a new customer: nothing is being saved. */
export function canStartOver(s: RefundSnapshot): boolean {
  return (
    s.status !== 'active' ||
    s.matches('finding') ||
    s.matches('choosingOrder') ||
    s.matches('evaluating') ||
    s.matches('reviewing') ||
    s.matches('approval') ||
    s.matches('printFailed')
  );
}

/** Ends a flow that is not saving anything (cancelled; a failed print is left as it is). */
export function endFlow(actor: RefundActorRef): void {
  const s = actor.getSnapshot();
  if (s.status === 'active' && !s.matches('printFailed')) actor.send({ type: 'CANCEL' });
}

/**
 * One customer's refund: the refund machine's actor (created when this mounts, stopped when
 * it unmounts — the screen remounts it per customer, so a late printer answer for the last
 * customer lands on a stopped actor and never on this one) and the view of its snapshot.
 */
export function RefundFlow({
  staff,
  first,
  searched,
  onActor,
  onNextCustomer,
  actionsSlot,
}: CustomerFlowProps<RefundActorRef>) {
  const till = useTill();
  const text = useText();
  const ports = useFlowPorts();
  const [machine] = useState(() => refundMachine.provide({ actors: refundFlowActors(ports) }));
  const actorRef = useActorRef(machine, {
    input: { staff: { staffId: staff.staffId, role: staff.role } },
  });
  const snap = useSelector(actorRef, (s) => s);
  // The order this customer's sale was voided from here: its outcome stays on screen after the
  // refund flow is cancelled (nothing is left to refund).
  const [voided, setVoided] = useState<OrderView | null>(null);

  useEffect(() => {
    onActor(actorRef);
    if (first !== null) actorRef.send(first);
  }, [actorRef, first, onActor]);

  const c = snap.context;
  const send = (event: Parameters<RefundActorRef['send']>[0]) => actorRef.send(event);
  const inApproval = snap.matches('approval') || snap.matches('verifyingPin');
  const choosing = snap.matches('reviewing') || snap.matches('evaluating');
  const cancelled = snap.matches('cancelled');
  const match = c.order ? c.matches.find((m) => m.orderId === c.order?.orderId) : undefined;
  const soldAt = match?.at ?? c.order?.sale.tickets[0]?.issuedAt;
  // Offered only when the domain's own voidSale would take this order (current shift, every
  // ticket still valid), while the cashier is still choosing (nothing is being saved).
  const voidable =
    voided ??
    (c.order && choosing && c.refund === null && voidableNow(till, c.order, staff)
      ? c.order
      : null);

  // A scanned ticket opens with its decision: focus goes to the method, so ↑/↓ picks how the
  // money goes back and Enter confirms. Once per order and ticket, never while ticking by hand.
  const decisionForm = useRef<HTMLFormElement>(null);
  const focusedFor = useRef<string | null>(null);
  const reviewing = snap.matches('reviewing');
  const scannedKey =
    c.order !== null && c.preselect !== null && c.selected.length === 1
      ? c.selected[0] === c.preselect
        ? `${c.order.orderId}|${c.preselect}`
        : null
      : null;
  useEffect(() => {
    if (!reviewing || c.plan === null || scannedKey === null) return;
    if (focusedFor.current === scannedKey) return;
    focusedFor.current = scannedKey;
    focusNextAction(decisionForm.current);
  }, [reviewing, c.plan, scannedKey]);

  const committed = c.refund !== null;
  return (
    <div className="flow-layout refund-layout">
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
        {voidable !== null ? (
          <VoidSaleAction
            key={`void-${voidable.orderId}`}
            orderId={voidable.orderId}
            receiptNo={voidable.sale.receiptNo}
            training={voidable.sale.training}
            amount={voidable.netPaid}
            actor={staff}
            onVoided={() => {
              setVoided(voidable);
              // The refund flow has nothing left to do for this order: end it, writing nothing.
              send({ type: 'CANCEL' });
            }}
          />
        ) : null}
        {cancelled && voided === null ? (
          <p role="status" className="flow-notice">
            {text('ui.refund.cancelled')}
          </p>
        ) : null}
        {c.order && !cancelled ? (
          <>
            {soldAt !== undefined ? (
              <h3>
                {text('refund.order', {
                  receipt: formatReceiptNumber(
                    match?.terminalId ?? till.terminalId,
                    c.order.sale.receiptNo,
                    c.order.sale.training,
                  ),
                  date: new Date(soldAt),
                })}
              </h3>
            ) : null}
            <ReceiptCopyButton key={c.order.orderId} orderId={c.order.orderId} />
            <TicketChoice
              order={c.order}
              chosen={c.selected}
              onToggle={(ticketId) => send({ type: 'TICKET.TOGGLE', ticketId })}
              legend={text('refund.chooseTickets')}
              disabled={!choosing}
            />
          </>
        ) : null}
        {c.order === null && !cancelled && !snap.matches('choosingOrder') ? (
          <p className="flow-hint">{text('ui.refund.findFirst')}</p>
        ) : null}
      </div>
      <aside className="flow-side" aria-label={text('ui.flow.side')}>
        {c.order && !cancelled && c.plan && !committed ? (
          <RefundDecision
            formRef={decisionForm}
            plan={c.plan}
            method={c.method}
            reason={c.reasonCode}
            staffRole={staff.role}
            canConfirm={
              reviewing &&
              c.selected.length > 0 &&
              c.plan.refusal === null &&
              c.plan.methods.some((m) => m.method === c.method && m.available)
            }
            busy={!reviewing}
            paidWith={c.order.tenders.map(({ tender }) => tender.kind)}
            cards={c.order.tenders.flatMap(({ tender }) =>
              tender.kind === 'card' ? [{ tenderId: tender.tenderId, last4: tender.last4 }] : [],
            )}
            cardApprovals={c.cardApprovals}
            override={c.override}
            onCardApproval={(tenderId, approvalCode) =>
              send({ type: 'CARD.APPROVAL', tenderId, approvalCode })
            }
            onMethod={(method) => send({ type: 'METHOD.CHOOSE', method })}
            onReason={(reasonCode) => send({ type: 'REASON.SET', reasonCode })}
            onOverride={(reason) =>
              send(reason === null ? { type: 'OVERRIDE.CLEAR' } : { type: 'OVERRIDE.SET', reason })
            }
            onConfirm={() => send({ type: 'CONTINUE' })}
          />
        ) : null}
        {c.order && !cancelled && choosing && c.selected.length === 0 ? (
          <p>{text('ui.refund.chooseFirst')}</p>
        ) : null}
        {snap.matches('committing') ? <p role="status">{text('ui.refund.saving')}</p> : null}
        {c.refund ? (
          <div className="flow-confirm">
            <p className="amount-due">{text('refund.amount', { amount: c.refund.total })}</p>
            <CommittedOutcome
              done={text('ui.refund.done', {
                receipt: formatReceiptNumber(
                  till.terminalId,
                  c.refund.receiptNo,
                  c.refund.training,
                ),
                amount: c.refund.total,
              })}
              texts={REFUND_PRINT_TEXTS}
              printing={snap.matches('printing') || snap.matches('refreshingOrder')}
              print={c.print}
              printError={snap.matches('printFailed') ? c.printError : null}
              onRetry={() => send({ type: 'PRINT.RETRY' })}
              onSkip={() => send({ type: 'PRINT.SKIP' })}
            />
          </div>
        ) : null}
        {c.order && !cancelled && choosing ? (
          <FlowActions slot={actionsSlot}>
            <button type="button" onClick={() => send({ type: 'CANCEL' })}>
              {text('ui.refund.cancel')}
            </button>
          </FlowActions>
        ) : null}
        {snap.status === 'done' ? (
          <div className="flow-confirm">
            {/* The refund is done: the next action is the next customer. */}
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
