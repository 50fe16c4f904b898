import { useMemo, useState } from 'react';
import type { Actor, Approver } from '../../../shared/commands';
import type { Role } from '../../../shared/catalog/roles';
import type { RefundReasonCode } from '../../../shared/journal/entry-types';
import { formatReceiptNumber } from '../../../shared/orders/receipt-number';
import type { RefundMethod } from '../../../shared/refund-policy/evaluate';
import type { FoundOrder } from '../../app/order-service';
import { reloadOrder } from '../../app/order-service';
import { printDocument, refundVoucherDocument } from '../../app/print-service';
import { previewRefund, commitRefund } from '../../app/refund-service';
import { useLocale } from '../../i18n';
import { useContractClient } from '../../transport/client-context';
import { ApprovalDialog } from '../approval-dialog';
import type { ShownError } from '../error-banner';
import { ErrorBanner } from '../error-banner';
import { useTill } from '../till-context';
import { useText } from '../use-text';
import { FindOrder } from './find-order';
import { TicketChoice } from './ticket-choice';

const METHOD_KEY = {
  cash: 'refund.method.cash',
  original_tender: 'refund.method.card',
  voucher: 'refund.method.voucher',
} as const;
const REASONS: readonly RefundReasonCode[] = ['customer_request', 'performance_cancelled', 'other'];

/**
 * Find the order, choose tickets, read the policy decision to the customer, choose how the
 * money goes back, and commit — with a supervisor's PIN when the policy asks for one.
 */
export function RefundScreen({ actor }: { readonly actor: Actor }) {
  const till = useTill();
  const text = useText();
  const client = useContractClient();
  const { locale } = useLocale();
  const [found, setFound] = useState<FoundOrder | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [method, setMethod] = useState<RefundMethod | null>(null);
  const [reason, setReason] = useState<RefundReasonCode>('customer_request');
  const [error, setError] = useState<ShownError | null>(null);
  const [approval, setApproval] = useState<Role | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const evaluation = useMemo(
    () => (found && chosen.length > 0 ? previewRefund(till, found.view, chosen, actor) : null),
    [till, found, chosen, actor],
  );
  const available = evaluation?.methods.filter((m) => m.available) ?? [];
  const effectiveMethod =
    method !== null && available.some((m) => m.method === method)
      ? method
      : (available[0]?.method ?? null);

  const commit = async (approver?: Approver) => {
    if (!found || effectiveMethod === null) return;
    setBusy(true);
    const r = await commitRefund(
      till,
      found.view,
      { ticketIds: chosen, method: effectiveMethod, reasonCode: reason },
      actor,
      approver,
    );
    setBusy(false);
    if (!r.ok) {
      const required = (r.error.details as { requiredRole?: Role } | undefined)?.requiredRole;
      if (r.error.code === 'approval_required' && approver === undefined && required) {
        setApproval(required);
        return;
      }
      setApproval(null);
      setError(r.error);
      return;
    }
    setApproval(null);
    setError(null);
    setDone(
      text('ui.refund.done', {
        receipt: formatReceiptNumber(till.terminalId, r.value.receiptNo, r.value.training),
        amount: r.value.total,
      }),
    );
    // Committed first; the voucher prints after (a printer problem never undoes a refund).
    void printDocument(
      client,
      `refund-${r.value.refundId}`,
      refundVoucherDocument(till, r.value, found.record.receiptNumber, locale),
    );
    setFound(await reloadOrder(till, found.record.id));
    setChosen([]);
  };

  return (
    <section className="screen refund" aria-labelledby="refund-title">
      <h2 id="refund-title">{text('ui.refund.title')}</h2>
      <FindOrder
        flowId="refund"
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
            <h3>
              {text('refund.order', {
                receipt: formatReceiptNumber(found.record.terminalId, found.record.receiptNumber),
                date: new Date(found.record.at),
              })}
            </h3>
            <TicketChoice
              order={found.view}
              chosen={chosen}
              onChange={setChosen}
              legend={text('refund.chooseTickets')}
            />
          </div>
          <aside className="sell-side">
            {evaluation ? (
              <>
                <h3>{text('ui.refund.decision')}</h3>
                <ul aria-label={text('ui.refund.decision')}>
                  {[
                    ...new Set(
                      [...evaluation.tickets.flatMap((t) => t.reasons), ...evaluation.reasons].map(
                        (r) => text.tr.reason(r),
                      ),
                    ),
                  ].map((sentence) => (
                    <li key={sentence}>{sentence}</li>
                  ))}
                </ul>
                <p>{text('refund.fee', { amount: evaluation.fees })}</p>
                <p className="total">{text('refund.amount', { amount: evaluation.total })}</p>
                <fieldset>
                  <legend>{text('refund.method')}</legend>
                  {evaluation.methods.map((m) => (
                    <label key={m.method} className="choice">
                      <input
                        type="radio"
                        name="refund-method"
                        disabled={!m.available}
                        checked={effectiveMethod === m.method}
                        onChange={() => setMethod(m.method)}
                      />
                      {text(METHOD_KEY[m.method])}
                      {!m.available && m.reason
                        ? ` — ${text('ui.refund.unavailable', { why: text.tr.reason(m.reason) })}`
                        : ''}
                    </label>
                  ))}
                </fieldset>
                <label>
                  {text('ui.refund.reason')}
                  <select
                    value={reason}
                    onChange={(e) => setReason(e.target.value as RefundReasonCode)}
                  >
                    {REASONS.map((r) => (
                      <option key={r} value={r}>
                        {text(`ui.refund.reason.${r}` as 'ui.refund.reason.other')}
                      </option>
                    ))}
                  </select>
                </label>
                {evaluation.requiredRole !== actor.role &&
                evaluation.requiredRole !== 'kiosk' &&
                evaluation.requiredRole !== 'cashier' ? (
                  <p>
                    {text('refund.needsApproval', {
                      role: text(`staff.role.${evaluation.requiredRole}`),
                    })}
                  </p>
                ) : null}
                <button
                  type="button"
                  className="primary confirm"
                  disabled={busy || !evaluation.anyRefundable || effectiveMethod === null}
                  onClick={() => void commit()}
                >
                  {text('refund.confirm')}
                </button>
              </>
            ) : null}
          </aside>
        </div>
      ) : null}
      {approval ? (
        <ApprovalDialog
          requiredRole={approval}
          requestedBy={actor.staffId}
          onApproved={(a) => void commit(a)}
          onCancel={() => {
            setApproval(null);
            setError({
              code: 'approval_required',
              message: text('refund.needsApproval', { role: text(`staff.role.${approval}`) }),
            });
          }}
        />
      ) : null}
    </section>
  );
}
