import { useEffect, useRef, useState } from 'react';
import type { Actor } from '../../../shared/commands';
import type { Money } from '../../../shared/money/money';
import type { CashCodePayload } from '../../../shared/cash-codes/cash-code-payload';
import { payoutsTotal } from '../../../shared/orders/payouts';
import { formatReceiptNumber } from '../../../shared/orders/receipt-number';
import type { FoundOrder } from '../../app/order-service';
import {
  checkCashCode,
  payOutCashCode,
  type CashCodeCheck,
  type CashCodePaidOut,
} from '../../app/cash-code-service';
import type { MessageKey } from '../../i18n';
import { refundReasonKey, useLocale } from '../../i18n';
import { useContractClient } from '../../transport/client-context';
import { ErrorBanner, type ShownError } from '../error-banner';
import { timeOrDateTime } from '../short-time';
import { useTicketLabel } from '../ticket-label';
import { useTill } from '../till-context';
import { useText, type Text } from '../use-text';

/** The request as people read it: the first 8 hex digits of its id, upper case. */
export const requestLabel = (requestId: string): string => requestId.slice(0, 8).toUpperCase();

type Step =
  | { readonly kind: 'checking' }
  | { readonly kind: 'checked'; readonly check: CashCodeCheck }
  | { readonly kind: 'paying'; readonly check: Extract<CashCodeCheck, { kind: 'ready' }> }
  | {
      readonly kind: 'paid';
      readonly payload: CashCodePayload;
      readonly order: FoundOrder;
      readonly done: CashCodePaidOut;
    }
  | {
      readonly kind: 'failed';
      readonly payload: CashCodePayload;
      // Kept so the dialog still shows what the code was for beside why it was not paid.
      readonly order: FoundOrder;
      readonly error: ShownError;
    };

function refusedWords(text: Text, check: CashCodeCheck, now: number): string | null {
  switch (check.kind) {
    case 'refused':
      return text(`ui.cashCode.verdict.${check.verdict}` as MessageKey);
    case 'order_missing':
      return text('ui.cashCode.orderMissing');
    case 'paid':
      return text('ui.cashCode.alreadyPaid', {
        time: timeOrDateTime(text.tr, check.paid.paidAt, now),
        terminal: check.paid.terminalId,
      });
    case 'ready':
      return null;
  }
}

/**
 * "Pay out ₴X cash for request N": a scanned or typed cash-collection code, checked offline,
 * confirmed by the cashier, paid by the refund command (which alone decides, and refuses a
 * code paid before), the drawer opened by main for that one entry, the voucher printed.
 */
export function CashCodePayout({
  code,
  actor,
  onClose,
}: {
  /** The code text; a new scan remounts this dialog (key) and checks again. */
  readonly code: string;
  readonly actor: Actor;
  readonly onClose: () => void;
}) {
  const till = useTill();
  const client = useContractClient();
  const { locale } = useLocale();
  const text = useText();
  const [step, setStep] = useState<Step>({ kind: 'checking' });
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let live = true;
    void checkCashCode(till, code).then((check) => {
      if (live) setStep({ kind: 'checked', check });
    });
    return () => {
      live = false;
    };
  }, [till, code]);
  useEffect(() => {
    if (step.kind === 'checked') confirmRef.current?.focus();
  }, [step.kind]);

  const payOut = (check: Extract<CashCodeCheck, { kind: 'ready' }>) => {
    setStep({ kind: 'paying', check });
    void payOutCashCode(till, client, check.payload, actor, locale).then((r) =>
      setStep(
        r.ok
          ? { kind: 'paid', payload: check.payload, order: check.order, done: r.value }
          : { kind: 'failed', payload: check.payload, order: check.order, error: r.error },
      ),
    );
  };

  const now = till.ports.clock();
  // What is being paid (before) or was paid (after): the cashier checks it with the customer.
  const order = orderOf(step);
  // What left the drawer (the code's amount), not the tickets' worth.
  const paidAmount =
    step.kind === 'paid'
      ? payoutsTotal(step.done.refund.total.currency, step.done.refund.payouts)
      : null;
  const ready = step.kind === 'checked' && step.check.kind === 'ready' ? step.check : null;
  // The title keeps naming the request whatever happens after the check; once paid, it says so.
  const payload = payloadOf(step);
  const refused = step.kind === 'checked' ? refusedWords(text, step.check, now) : null;
  const paidError: ShownError | null =
    step.kind === 'failed'
      ? commandRefusal(text, step.error, now)
      : refused !== null
        ? { code: 'cash_code_refused', message: refused }
        : null;

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="cash-code-title">
      <div className="dialog cash-code">
        <h2 id="cash-code-title">
          {payload && paidAmount
            ? text('ui.cashCode.paidTitle', {
                amount: paidAmount,
                request: requestLabel(payload.requestId),
              })
            : payload
              ? text('ui.cashCode.payOutTitle', {
                  amount: payload.amount,
                  request: requestLabel(payload.requestId),
                })
              : text('ui.cashCode.title')}
        </h2>
        {step.kind === 'checking' && <p role="status">{text('ui.cashCode.checking')}</p>}
        {ready && (
          <p>
            {text('ui.cashCode.details', {
              count: ready.payload.ticketIds.length,
              receipt: formatReceiptNumber(
                ready.order.record.terminalId,
                ready.order.record.receiptNumber,
              ),
            })}
          </p>
        )}
        {payload && order && <CashCodeFor payload={payload} order={order} />}
        <ErrorBanner error={paidError} />
        {step.kind === 'paying' && <p role="status">{text('ui.cashCode.paying')}</p>}
        {step.kind === 'paid' && paidAmount && (
          <p role="status">
            {text('ui.cashCode.paid', {
              amount: paidAmount,
              receipt: formatReceiptNumber(till.terminalId, step.done.refund.receiptNo),
            })}{' '}
            {step.done.print.state === 'failed'
              ? text('ui.cashCode.printFailed', { message: step.done.print.message ?? '' })
              : text(
                  step.done.print.state === 'queued'
                    ? 'ui.cashCode.printQueued'
                    : 'ui.cashCode.printed',
                )}
          </p>
        )}
        <div className="dialog-actions">
          {ready && (
            <button
              type="button"
              ref={confirmRef}
              className="primary"
              onClick={() => payOut(ready)}
            >
              {text('ui.cashCode.confirm', { amount: ready.payload.amount })}
            </button>
          )}
          <button type="button" onClick={onClose} disabled={step.kind === 'paying'}>
            {text(step.kind === 'paid' ? 'common.close' : 'common.cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}

/**
 * Why the money is paid back (the reason signed into the code, named as the refund screen's
 * reason picker names it: refundReasonKey) and what for (each ticket's performance, date and
 * seat from the order in this till's store, as the refund screen's ticket list labels them):
 * the cashier checks both with the customer before the cash leaves the drawer.
 */
function CashCodeFor({
  payload,
  order,
}: {
  readonly payload: CashCodePayload;
  readonly order: FoundOrder;
}) {
  const text = useText();
  const label = useTicketLabel();
  const tickets = order.view.tickets.filter((t) => payload.ticketIds.includes(t.ticket.ticketId));
  return (
    <>
      <p className="cash-code-reason">
        {text('ui.cashCode.reasonLine', {
          reason: text(refundReasonKey(payload.reasonCode)),
        })}
      </p>
      <ul className="cash-code-tickets" aria-label={text('ui.cashCode.ticketsLabel')}>
        {tickets.map(({ ticket }) => (
          <li key={ticket.ticketId}>{label(ticket.performanceId, ticket.tierId, ticket.seatId)}</li>
        ))}
      </ul>
    </>
  );
}

function orderOf(step: Step): FoundOrder | null {
  switch (step.kind) {
    case 'checked':
      return step.check.kind === 'ready' ? step.check.order : null;
    case 'paying':
      return step.check.order;
    case 'paid':
    case 'failed':
      return step.order;
    case 'checking':
      return null;
  }
}

function payloadOf(step: Step): CashCodePayload | null {
  switch (step.kind) {
    case 'checking':
      return null;
    case 'checked':
      return step.check.kind === 'refused' ? null : step.check.payload;
    case 'paying':
      return step.check.payload;
    case 'paid':
    case 'failed':
      return step.payload;
  }
}

/** The command's refusals of a code, in the same words as the check's (others as they come). */
function commandRefusal(text: Text, error: ShownError, now: number): ShownError {
  const d = error.details as
    | {
        reason?: unknown;
        paidAt?: unknown;
        terminalId?: unknown;
        approved?: Money;
        update?: unknown;
      }
    | undefined;
  const words = (message: string): ShownError => ({ code: 'cash_code_refused', message });
  if (d?.reason === 'cash_code_paid' && typeof d.paidAt === 'string')
    return words(
      text('ui.cashCode.alreadyPaid', {
        time: timeOrDateTime(text.tr, d.paidAt, now),
        terminal: String(d.terminalId),
      }),
    );
  if (d?.reason === 'cash_code_expired') return words(text('ui.cashCode.verdict.expired'));
  // The code was issued after this till's catalog was last current: update, then scan.
  if (d?.reason === 'cash_code_amount' && d.update === true)
    return words(text('ui.cashCode.updateFirst'));
  if (d?.reason === 'cash_code_amount') return words(text('ui.cashCode.amountChanged'));
  return error;
}
