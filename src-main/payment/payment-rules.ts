import { compare, equals, subtract, sum } from '../../shared/money/money';
import type { PaymentStatus } from '../../shared/ipc/payment';
import type { PaymentRecord } from './payment-ledger';
import type { TerminalPaymentResult } from './terminal-protocol';

/**
 * The pure decisions of the payment port (no I/O), so each rule is one function a unit test
 * can pin: which payment blocks a new one, whether a repeated start is the same payment,
 * how much of an original sale is still refundable to its card, and what a terminal answer
 * makes of a record.
 */

export type StartRequest = Pick<
  PaymentRecord,
  'paymentId' | 'kind' | 'amount' | 'reference' | 'originalPaymentId'
>;

/** A payment whose outcome is open: while one exists no other may start (one terminal, one customer). */
export function openPayment(records: readonly PaymentRecord[]): PaymentRecord | undefined {
  return records.find((r) => r.state === 'pending' || r.state === 'unknown');
}

/** A repeated start must describe the same payment, else the caller reused an id by mistake. */
export function sameRequest(record: PaymentRecord, request: StartRequest): boolean {
  return (
    record.kind === request.kind &&
    record.amount.currency === request.amount.currency &&
    equals(record.amount, request.amount) &&
    record.reference === request.reference &&
    record.originalPaymentId === request.originalPaymentId
  );
}

/** A start that never reached the terminal (it was offline) charged nothing and may be sent again. */
export function neverReachedTerminal(record: PaymentRecord): boolean {
  return record.state === 'failed' && record.reason === 'terminal_offline';
}

export type RefundCheck = { readonly ok: true } | { readonly ok: false; readonly message: string };

/**
 * A card refund goes back to the card of an approved sale, and never for more than what is
 * left of it: the captured amount minus every refund of it that is approved or may still be
 * (pending, unknown). The amount itself is the caller's (planRefund decided it); main only
 * stops a page from sending more to a card than was taken from it. An original this ledger
 * does not know (sold elsewhere, or settled so long ago it was compacted away) is refused:
 * main cannot bound it, so a person at the box office decides.
 */
export function checkRefund(records: readonly PaymentRecord[], request: StartRequest): RefundCheck {
  if (request.kind === 'sale') {
    return request.originalPaymentId === undefined
      ? { ok: true }
      : { ok: false, message: 'A sale does not refer to an original payment.' };
  }
  if (request.originalPaymentId === undefined) {
    return { ok: false, message: 'A card refund must name the payment it gives money back to.' };
  }
  const original = records.find((r) => r.paymentId === request.originalPaymentId);
  if (original === undefined) {
    return {
      ok: false,
      message:
        'This card payment was not taken on this terminal, so it cannot be refunded here. Please see the box office.',
    };
  }
  if (original.kind !== 'sale' || original.state !== 'approved') {
    return { ok: false, message: 'Only an approved card sale can be refunded to the card.' };
  }
  if (original.amount.currency !== request.amount.currency) {
    return { ok: false, message: 'The refund is in a different currency from the sale.' };
  }
  const refunded = sum(
    original.amount.currency,
    records
      .filter(
        (r) =>
          r.kind === 'refund' &&
          r.originalPaymentId === original.paymentId &&
          r.paymentId !== request.paymentId &&
          (r.state === 'approved' || r.state === 'pending' || r.state === 'unknown'),
      )
      .map((r) => r.amount),
  );
  return compare(request.amount, subtract(original.amount, refunded)) > 0
    ? { ok: false, message: 'That is more than is left to refund on this card payment.' }
    : { ok: true };
}

/**
 * A terminal's answer applied to main's record. `pending` from a status query means the
 * customer is still at the terminal: the outcome stays `unknown` to main until it is final.
 */
export function withTerminalResult(
  record: PaymentRecord,
  result: TerminalPaymentResult,
  at: Date,
): PaymentRecord {
  const { approvalCode, last4, scheme, reason } = result;
  return {
    ...stripOutcome(record),
    state: result.state === 'pending' ? 'unknown' : result.state,
    ...(approvalCode !== undefined ? { approvalCode } : {}),
    ...(last4 !== undefined ? { last4 } : {}),
    ...(scheme !== undefined ? { scheme } : {}),
    ...(reason !== undefined ? { reason } : {}),
    // a reversal is owed only while the terminal still reports the charge
    ...(record.reversalPending === true && result.state === 'approved'
      ? { reversalPending: true }
      : {}),
    updatedAt: at.toISOString(),
  };
}

export function withState(
  record: PaymentRecord,
  state: PaymentRecord['state'],
  at: Date,
  reason?: PaymentRecord['reason'],
): PaymentRecord {
  const { reason: _previous, ...rest } = record;
  return {
    ...rest,
    state,
    ...(reason !== undefined ? { reason } : {}),
    updatedAt: at.toISOString(),
  };
}

function stripOutcome(record: PaymentRecord): PaymentRecord {
  const {
    approvalCode: _a,
    last4: _l,
    scheme: _s,
    reason: _r,
    reversalPending: _p,
    ...rest
  } = record;
  return rest;
}

/** What the page sees: the contract's status, without main's bookkeeping. */
export function publicStatus(record: PaymentRecord): PaymentStatus {
  const {
    reference: _ref,
    originalPaymentId: _orig,
    reversalPending: _rev,
    updatedAt: _at,
    ...status
  } = record;
  return status;
}
