import { useActorRef, useSelector } from '@xstate/react';
import { useEffect, useRef, useState } from 'react';
import { waitFor, type ActorRefFrom, type SnapshotFrom } from 'xstate';
import type { Actor } from '../../../shared/commands';
import { formatReceiptNumber } from '../../../shared/orders/receipt-number';
import { refundFlowActors } from '../../app/refund-flow-actors';
import type { FindQuery } from '../../flows/order-lookup';
import { refundMachine } from '../../flows/refund-machine';
import { useLocale } from '../../i18n';
import { useContractClient } from '../../transport/client-context';
import { ErrorBanner } from '../error-banner';
import { ReceiptCopyButton } from '../receipt-copy-button';
import { useScanning } from '../scan-context';
import { useTill } from '../till-context';
import { useText } from '../use-text';
import { FlowApprovalDialog } from './flow-approval-dialog';
import { shownFlowError } from './flow-error';
import { OrderMatches } from './order-matches';
import type { FindOutcome } from './order-search';
import { RefundDecision } from './refund-decision';
import { RefundOutcome } from './refund-outcome';
import { TicketChoice } from './ticket-choice';

export type RefundActorRef = ActorRefFrom<typeof refundMachine>;
type RefundSnapshot = SnapshotFrom<typeof refundMachine>;

/** A search to run on a customer's fresh flow as soon as it starts, and who waits for it. */
export interface PendingFind {
  readonly query: FindQuery;
  readonly settle: (outcome: FindOutcome) => void;
}

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

/** Sends FIND and waits until the flow has found (and judged) the order, or refused. */
export async function runFind(actor: RefundActorRef, query: FindQuery): Promise<FindOutcome> {
  actor.send({ type: 'FIND', query });
  try {
    const s = await waitFor(
      actor,
      (x) => !x.matches('searching') && !x.matches('loadingOrder') && !x.matches('evaluating'),
      { timeout: 15_000 },
    );
    if (s.matches('finding')) return { kind: 'refused', error: s.context.error };
    const pre = s.context.preselect;
    return { kind: 'opened', preselected: pre !== null && s.context.selected.includes(pre) };
  } catch {
    // The flow was stopped (screen left) or stalled: the scan gets "busy", not a hang.
    return { kind: 'busy' };
  }
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
}: {
  readonly staff: Actor;
  readonly first: PendingFind | null;
  /** What the cashier last searched for, to say what was not found. */
  readonly searched: string;
  readonly onActor: (actor: RefundActorRef) => void;
  readonly onNextCustomer: () => void;
}) {
  const till = useTill();
  const text = useText();
  const client = useContractClient();
  const scanning = useScanning();
  const { locale } = useLocale();
  // The adapters read these when they run: a language switch or scanning starting late must
  // not replace the actors (the commit keeps the refund for the print step in a closure).
  const live = useRef({ locale, scanning });
  useEffect(() => {
    live.current = { locale, scanning };
  });
  const [machine] = useState(() =>
    refundMachine.provide({
      actors: refundFlowActors({
        till,
        client,
        locale: () => live.current.locale,
        ticketScanner: () => live.current.scanning?.tickets ?? null,
      }),
    }),
  );
  const actorRef = useActorRef(machine, {
    input: { staff: { staffId: staff.staffId, role: staff.role } },
  });
  const snap = useSelector(actorRef, (s) => s);

  useEffect(() => {
    onActor(actorRef);
    if (first !== null) void runFind(actorRef, first.query).then(first.settle);
  }, [actorRef, first, onActor]);

  const c = snap.context;
  const send = (event: Parameters<RefundActorRef['send']>[0]) => actorRef.send(event);
  const inApproval = snap.matches('approval') || snap.matches('verifyingPin');
  const choosing = snap.matches('reviewing') || snap.matches('evaluating');
  const cancelled = snap.matches('cancelled');
  const match = c.order ? c.matches.find((m) => m.orderId === c.order?.orderId) : undefined;
  const soldAt = match?.at ?? c.order?.sale.tickets[0]?.issuedAt;

  return (
    <>
      <ErrorBanner
        error={c.error && !inApproval ? shownFlowError(text, c.error, searched) : null}
      />
      {snap.matches('choosingOrder') ? (
        <OrderMatches
          matches={c.matches}
          onPick={(orderId) => send({ type: 'ORDER.PICK', orderId })}
        />
      ) : null}
      {c.refund ? (
        <RefundOutcome
          refund={c.refund}
          printing={snap.matches('printing') || snap.matches('refreshingOrder')}
          print={c.print}
          printError={snap.matches('printFailed') ? c.printError : null}
          onRetry={() => send({ type: 'PRINT.RETRY' })}
          onSkip={() => send({ type: 'PRINT.SKIP' })}
        />
      ) : null}
      {cancelled ? (
        <p role="status" className="flow-notice">
          {text('ui.refund.cancelled')}
        </p>
      ) : null}
      {c.order && !cancelled ? (
        <div className="sell-layout">
          <div>
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
          </div>
          <aside className="sell-side">
            {c.evaluation && c.refund === null ? (
              <RefundDecision
                evaluation={c.evaluation}
                method={c.method}
                reason={c.reasonCode}
                staffRole={staff.role}
                canConfirm={snap.matches('reviewing') && c.selected.length > 0}
                paidWith={c.order.tenders.map(({ tender }) => tender.kind)}
                cards={c.order.tenders.flatMap(({ tender }) =>
                  tender.kind === 'card'
                    ? [{ tenderId: tender.tenderId, last4: tender.last4 }]
                    : [],
                )}
                cardApprovals={c.cardApprovals}
                onCardApproval={(tenderId, approvalCode) =>
                  send({ type: 'CARD.APPROVAL', tenderId, approvalCode })
                }
                onMethod={(method) => send({ type: 'METHOD.CHOOSE', method })}
                onReason={(reasonCode) => send({ type: 'REASON.SET', reasonCode })}
                onConfirm={() => send({ type: 'CONTINUE' })}
              />
            ) : null}
            {choosing && c.selected.length === 0 ? <p>{text('ui.refund.chooseFirst')}</p> : null}
            {snap.matches('committing') ? <p role="status">{text('ui.refund.saving')}</p> : null}
            {choosing ? (
              <button type="button" onClick={() => send({ type: 'CANCEL' })}>
                {text('ui.refund.cancel')}
              </button>
            ) : null}
          </aside>
        </div>
      ) : null}
      {snap.status === 'done' ? (
        <button type="button" className="primary" onClick={onNextCustomer}>
          {text('ui.flow.nextCustomer')}
        </button>
      ) : null}
      {inApproval ? (
        <FlowApprovalDialog
          requiredRole={c.forcedApprovalRole ?? c.evaluation?.requiredRole ?? 'supervisor'}
          requestedBy={staff.staffId}
          error={c.error}
          checking={snap.matches('verifyingPin')}
          onSubmit={(staffId, pin) => send({ type: 'APPROVAL.SUBMIT', staffId, pin })}
          onCancel={() => send({ type: 'APPROVAL.CANCEL' })}
        />
      ) : null}
    </>
  );
}
