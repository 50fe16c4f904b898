import { signCashCode } from '../../shared/cash-codes/cash-code';
import { preferredEd25519Backend } from '../../shared/crypto/ed25519';
import type { RefundReasonCode } from '../../shared/journal/entry-types';
import type { Money } from '../../shared/money/money';
import { num, type Queryable } from '../db/port';
import { isoTimestamp } from '../db/timestamps';
import { HttpError } from '../http-error';
import { venueCashCodeKey } from './cash-code-key';

/** What a refund request approved for a cash purchase hands to `issueCashCode`. */
export interface IssueCashCodeInput {
  readonly venueId: string;
  /** The refund request (a UUID): one code pays it once. */
  readonly requestId: string;
  readonly orderId: string;
  readonly ticketIds: readonly string[];
  /** What planRefund decided for those tickets as of `decidedAt`, in the order's currency. */
  readonly amount: Money;
  /** When the refund was decided (the till plans it as of then); now by default. */
  readonly decidedAt?: string;
  readonly expiresAt: string;
  /** The after-deadline share a manager approved outside the policy's windows (bp). */
  readonly overrideBp?: number;
  /** The request's refund reason (signed into the code; the till's entry is journaled under it). */
  readonly reasonCode: RefundReasonCode;
  /**
   * Replace an unpaid code even while it is still good: a manager renewing a code whose amount
   * the tills no longer pay. Without it, a good code is answered again (idempotent approval).
   */
  readonly replace?: boolean;
}

export interface IssuedCashCode {
  /** The text to put in the QR code (and print or e-mail): `CASH:…`. */
  readonly code: string;
  readonly keyId: string;
  readonly issuedAt: string;
  readonly expiresAt: string;
}

interface CodeRow {
  order_id: string;
  ticket_ids: string[];
  amount_minor: unknown;
  currency: string;
  override_bp: number;
  code: string;
  key_id: string;
  issued_at: Date | string;
  expires_at: Date | string;
  paid_terminal_id: string | null;
  paid_at: Date | string | null;
}

/**
 * Issues (and stores) the signed cash-collection code of an approved refund request, in the
 * caller's transaction — the requests feature calls it where it records the approval, so the
 * approval and its code commit together. Idempotent on the request: asked again while the
 * code is unpaid and unexpired, it returns the same code; after it expired unpaid (or with
 * `replace`), a new one.
 * Refuses (HttpError) an order or tickets the server does not hold as sold, a request paid
 * already, and the same request with different tickets or amount.
 */
export async function issueCashCode(
  tx: Queryable,
  input: IssueCashCodeInput,
  nowMs: number = Date.now(),
): Promise<IssuedCashCode> {
  const { venueId, requestId, orderId } = input;
  const stored = await tx.query<CodeRow>(
    `SELECT order_id, ticket_ids, amount_minor, currency, override_bp, code, key_id, issued_at,
            expires_at, paid_terminal_id, paid_at
     FROM cash_codes WHERE venue_id = $1 AND request_id = $2 FOR UPDATE`,
    [venueId, requestId],
  );
  const prior = stored[0];
  if (prior !== undefined && prior.paid_at !== null) {
    throw new HttpError(
      409,
      'cash_code_paid',
      `Refund request ${requestId} was paid out at ${prior.paid_terminal_id} at ${isoTimestamp(prior.paid_at)}.`,
    );
  }
  if (
    prior !== undefined &&
    input.replace !== true &&
    new Date(prior.expires_at).getTime() > nowMs
  ) {
    if (!sameRequest(prior, input)) {
      throw new HttpError(
        409,
        'cash_code_conflict',
        `Refund request ${requestId} already has a code for other tickets or another amount.`,
      );
    }
    return {
      code: prior.code,
      keyId: prior.key_id,
      issuedAt: isoTimestamp(prior.issued_at),
      expiresAt: isoTimestamp(prior.expires_at),
    };
  }
  await checkSoldTickets(tx, input);
  const key = await venueCashCodeKey(tx, venueId);
  const issuedAt = new Date(input.decidedAt ?? nowMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const { replace: _, ...signedInput } = input;
  const signed = await signCashCode(
    key.seed,
    { ...signedInput, issuedAt },
    await preferredEd25519Backend(),
  );
  if (!signed.ok) throw new HttpError(422, 'invalid_cash_code', signed.error.message);
  await tx.query(
    `INSERT INTO cash_codes (venue_id, request_id, key_id, order_id, ticket_ids, amount_minor,
                             currency, override_bp, issued_at, expires_at, code)
     VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8, $9, $10, $11)
     ON CONFLICT (venue_id, request_id) DO UPDATE SET
       key_id = EXCLUDED.key_id, order_id = EXCLUDED.order_id, ticket_ids = EXCLUDED.ticket_ids,
       amount_minor = EXCLUDED.amount_minor, currency = EXCLUDED.currency,
       override_bp = EXCLUDED.override_bp, issued_at = EXCLUDED.issued_at,
       expires_at = EXCLUDED.expires_at, code = EXCLUDED.code`,
    [
      venueId,
      requestId,
      signed.value.keyId,
      orderId,
      [...input.ticketIds],
      input.amount.amount,
      input.amount.currency,
      input.overrideBp ?? 0,
      issuedAt,
      input.expiresAt,
      signed.value.code,
    ],
  );
  return {
    code: signed.value.code,
    keyId: signed.value.keyId,
    issuedAt,
    expiresAt: isoTimestamp(input.expiresAt),
  };
}

function sameRequest(row: CodeRow, input: IssueCashCodeInput): boolean {
  return (
    row.order_id === input.orderId &&
    num(row.amount_minor) === input.amount.amount &&
    row.currency === input.amount.currency &&
    row.override_bp === (input.overrideBp ?? 0) &&
    [...row.ticket_ids].sort().join() === [...input.ticketIds].sort().join()
  );
}

/** The order and every ticket as the server holds them: sold, in the amount's currency. */
async function checkSoldTickets(tx: Queryable, input: IssueCashCodeInput): Promise<void> {
  const orders = await tx.query<{ currency: string }>(
    `SELECT currency FROM orders WHERE venue_id = $1 AND order_id = $2`,
    [input.venueId, input.orderId],
  );
  if (orders[0] === undefined)
    throw new HttpError(404, 'order_not_found', `Order ${input.orderId} is not on this server.`);
  if (orders[0].currency !== input.amount.currency)
    throw new HttpError(
      422,
      'currency_mismatch',
      `Order ${input.orderId} is in ${orders[0].currency}.`,
    );
  const tickets = await tx.query<{ ticket_id: string; status: string }>(
    `SELECT ticket_id, status FROM tickets
     WHERE venue_id = $1 AND order_id = $2 AND ticket_id = ANY($3::text[])`,
    [input.venueId, input.orderId, [...input.ticketIds]],
  );
  const sold = new Set(tickets.filter((t) => t.status === 'sold').map((t) => t.ticket_id));
  const missing = input.ticketIds.filter((id) => !sold.has(id));
  if (missing.length > 0)
    throw new HttpError(
      409,
      'ticket_not_refundable',
      `Ticket ${missing.join(', ')} of order ${input.orderId} is not sold and unrefunded on this server.`,
    );
}

/** A payout the push recorded: the code paid (first time), or who paid it before. */
export type CashCodePayout =
  | { readonly outcome: 'paid' }
  | { readonly outcome: 'unknown' }
  | {
      readonly outcome: 'paid_before';
      readonly terminalId: string;
      readonly seq: number;
      readonly paidAt: string;
    };

/**
 * Marks the request's code paid by this entry (the first payout wins, under the row lock).
 * Pushing the same entry again (a retried batch) finds itself and reads as paid.
 */
export async function recordCashCodePayout(
  tx: Queryable,
  venueId: string,
  requestId: string,
  entry: { readonly terminalId: string; readonly seq: number; readonly at: string },
): Promise<CashCodePayout> {
  const rows = await tx.query<{
    paid_terminal_id: string;
    paid_seq: number;
    paid_at: Date | string;
  }>(
    `UPDATE cash_codes SET
       paid_terminal_id = coalesce(paid_terminal_id, $3),
       paid_seq = coalesce(paid_seq, $4),
       paid_at = coalesce(paid_at, $5::timestamptz)
     WHERE venue_id = $1 AND request_id = $2
     RETURNING paid_terminal_id, paid_seq, paid_at`,
    [venueId, requestId, entry.terminalId, entry.seq, entry.at],
  );
  const row = rows[0];
  if (row === undefined) return { outcome: 'unknown' };
  if (row.paid_terminal_id === entry.terminalId && num(row.paid_seq) === entry.seq)
    return { outcome: 'paid' };
  return {
    outcome: 'paid_before',
    terminalId: row.paid_terminal_id,
    seq: num(row.paid_seq),
    paidAt: isoTimestamp(row.paid_at),
  };
}
