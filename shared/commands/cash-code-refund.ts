import { z } from 'zod';
import type { CashCodePayload } from '../cash-codes/cash-code-payload';
import type { CashCodeRef, RefundPayload } from '../journal/entry-types';
import { describeMoney, type Money } from '../money/money';
import { err, ok, type Result } from '../util/result';
import { refundPaidOut, type RefundPlan, type RefundRequest } from './plan-refund';
import type { OpenShift } from './terminal-state';
import type { CommandErrorCode } from './types';

/** What the refund input says about a cash-collection code (the till verified it before). */
export const cashCodeInputSchema = z.strictObject({
  requestId: z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'Not a request id.'),
});

/**
 * A scanned cash-collection code as the refund command needs it: its payload, already found
 * genuine for this venue by `verifyCashCode` (an async signature check the synchronous
 * command cannot make), and every refund this till holds on the code's order — its own and
 * those other tills pushed and this till pulled — so the command itself sees an earlier payout.
 */
export interface CashCodeStanding {
  readonly payload: CashCodePayload;
  readonly orderRefunds: readonly RefundPayload[];
  /**
   * When this till last knew its catalog current (the server said so on a pull, or sent a
   * newer one), epoch ms by its clock; absent: it cannot say. A code issued after that may
   * rest on a catalog the till has not taken yet (a performance cancelled since).
   */
  readonly catalogCurrentAtMs?: number;
}

/** The refund of `requestId` already recorded on this order, if any. */
export function priorCashCodePayout(
  refunds: readonly RefundPayload[],
  requestId: string,
): (CashCodeRef & { readonly receiptNo: number }) | null {
  const paid = refunds.find((r) => r.cashCode?.requestId === requestId);
  return paid?.cashCode ? { ...paid.cashCode, receiptNo: paid.receiptNo } : null;
}

/** How the refund is decided when a code pays it: as of the server's decision, its approval. */
export interface CashCodeDecision {
  /** planRefund runs at the moment the server decided (the code's issue time). */
  readonly decidedAtMs: number;
  readonly override: RefundRequest['override'];
  readonly amount: Money;
  /**
   * The code's format version. A version-1 code was signed before the server measured what the
   * drawer pays (`refundPaidOut`): its amount may be the tickets' worth before cash rounding,
   * and it is still paid as it was then — see cashCodeRefusal.
   */
  readonly version: number;
  readonly ref: CashCodeRef;
  /** The code was issued after this till's catalog was last known current (or it cannot say). */
  readonly catalogMayBeBehind: boolean;
}

type Refused = Result<never, CommandErrorCode>;

/**
 * The paid-once rule and the code's other conditions, checked by the refund command before it
 * plans anything: the code was verified, it names this order and exactly these tickets, cash,
 * under the reason the server approved it for, not in training, not expired by this till's
 * clock, and not paid out before at any till this one has heard from. The refusal names when
 * and where it was paid, in the cashier's words.
 *
 * The reason is the request's (a version 2 code carries it; version 1 reads as a customer's
 * request): the entry is journaled under it, so the reports count the payout where the online
 * payout of the same request would be. It does not change the amount — planRefund waives fees
 * by the performance's status in the catalog, never by the reason given — so the code's amount
 * is still checked against the plan (cashCodeRefusal).
 */
export function decideByCashCode(
  standing: CashCodeStanding | undefined,
  req: {
    readonly orderId: string;
    readonly ticketIds: readonly string[];
    readonly method: string;
    readonly reasonCode: string;
    readonly cashCode: { readonly requestId: string };
  },
  shift: OpenShift,
  terminalId: string,
  nowMs: number,
): Result<CashCodeDecision, CommandErrorCode> {
  const code = standing?.payload;
  if (code === undefined || code.requestId !== req.cashCode.requestId)
    return err('invalid_argument', 'Scan the cash-collection code again: it was not checked.');
  const prior = priorCashCodePayout(standing?.orderRefunds ?? [], code.requestId);
  if (prior !== null) {
    return err(
      'invalid_state',
      `This code was already paid out at ${prior.paidAt} by ${prior.terminalId} (receipt ${prior.receiptNo}).`,
      { reason: 'cash_code_paid', ...prior },
    );
  }
  if (shift.training)
    return err('training_mismatch', 'A cash-collection code pays real money: leave training mode.');
  if (nowMs >= Date.parse(code.expiresAt))
    return err('invalid_state', 'This code has expired: the customer must ask for a new one.', {
      reason: 'cash_code_expired',
      expiresAt: code.expiresAt,
    });
  if (req.method !== 'cash')
    return err('invalid_argument', 'A cash-collection code is paid out in cash.');
  if (req.reasonCode !== code.reasonCode)
    return err(
      'invalid_argument',
      'The refund reason differs from the one the code was approved for: scan the code again.',
      { reason: 'cash_code_reason', approved: code.reasonCode, asked: req.reasonCode },
    );
  const same =
    req.orderId === code.orderId &&
    req.ticketIds.length === code.ticketIds.length &&
    req.ticketIds.every((id) => code.ticketIds.includes(id));
  if (!same)
    return err('invalid_argument', 'The code names other tickets than the ones being refunded.');
  return ok({
    decidedAtMs: Date.parse(code.issuedAt),
    override:
      code.overrideBp > 0
        ? {
            reason: `Approved on the server (request ${code.requestId})`,
            refundBp: code.overrideBp,
          }
        : undefined,
    amount: code.amount,
    version: code.version,
    catalogMayBeBehind:
      standing?.catalogCurrentAtMs === undefined ||
      Date.parse(code.issuedAt) > standing.catalogCurrentAtMs,
    ref: {
      requestId: code.requestId,
      keyId: code.keyId,
      terminalId,
      paidAt: new Date(nowMs).toISOString(),
    },
  });
}

/**
 * The till pays a code exactly as signed or not at all: its plan must pay out (`refundPaidOut`,
 * the measure the server signed) the code's amount. When the code asks for more than the plan
 * gives, or the plan refuses, and the code was issued after this till's catalog was last
 * current, the till is likely behind (a performance cancelled: everything back, fees waived):
 * the cashier is told to go online and update, not to send the customer for a new code.
 */
export function cashCodeRefusal(decision: CashCodeDecision, plan: RefundPlan): Refused | null {
  const planned = plan.refusal === null ? refundPaidOut(plan, 'cash') : null;
  const approved = decision.amount;
  if (planned !== null && sameMoney(planned, approved)) return null;
  // Codes printed before version 2 stay payable (the customer holds one, and a manager's new
  // code replaces it only on request): such a code may approve the tickets' worth before cash
  // rounding, and is paid as it always was — that worth, handed over rounded down to the coin.
  if (planned !== null && legacyCodeAmount(decision, plan)) return null;
  const update =
    decision.catalogMayBeBehind &&
    (planned === null ? refusedForDeadline(plan) : planned.amount < approved.amount);
  const details = { reason: 'cash_code_amount', approved, planned, update };
  if (update)
    return err(
      'invalid_state',
      `The code approves ${describeMoney(approved)} but this till ${planned === null ? 'cannot refund these tickets' : `comes to ${describeMoney(planned)}`}: its catalog may be older than the approval (a performance cancelled since, say). Go online so the till updates, then scan the code again.`,
      details,
    );
  if (planned === null && plan.refusal !== null)
    return err(plan.refusal.code, plan.refusal.message, plan.refusal.details);
  return err(
    'invalid_state',
    `The code approves ${describeMoney(approved)} but this refund now comes to ${describeMoney(planned ?? plan.payable)}: ask a manager to issue a new code.`,
    details,
  );
}

/**
 * Refused only because a window closed or the show began: what a cancellation the till has
 * not heard of would change. A used or refunded ticket is not a catalog's matter.
 */
function refusedForDeadline(plan: RefundPlan): boolean {
  const refused = plan.tickets.filter((t) => !t.refundable);
  return (
    refused.length > 0 &&
    refused.every((t) =>
      t.reasons.some((r) => r.code === 'window_closed' || r.code === 'performance_started'),
    )
  );
}

function sameMoney(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.amount === b.amount;
}

/** A version-1 code whose amount is the plan's worth before cash rounding (how v1 measured). */
export function legacyCodeAmount(
  decision: Pick<CashCodeDecision, 'version' | 'amount'>,
  plan: Pick<RefundPlan, 'total'>,
): boolean {
  return decision.version === 1 && sameMoney(plan.total, decision.amount);
}
