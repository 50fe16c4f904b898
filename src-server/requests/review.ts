import { isRefundReason } from '../../shared/journal/entry-types';
import type { ManagerPrincipal } from '../auth/manager-auth';
import { auditBy } from '../audit/manager-audit';
import { num, type Queryable } from '../db/port';
import { HttpError } from '../http-error';
import { catalogIndexOf } from '../inventory/capacity';
import { decideRequest } from './decision';
import type { RequestDeps } from './deps';
import { notifyCustomer } from './notify-customer';
import { publishRequestEvent } from './request-events';
import { loadOrderView } from './order-source';
import { payOut } from './payout';
import { addMessage, requestRow, type RequestRow } from './request-store';

const AWAITING = new Set(['received', 'under_review']);

async function awaiting(tx: Queryable, venueId: string, requestId: string): Promise<RequestRow> {
  const r = await requestRow(tx, venueId, requestId, true);
  if (r === null) {
    throw new HttpError(404, 'request_not_found', 'There is no such refund request at this venue.');
  }
  if (!AWAITING.has(r.state)) {
    throw new HttpError(
      409,
      'request_decided',
      `This request is already ${r.state.replace('_', ' ')}: it cannot be decided again.`,
    );
  }
  return r;
}

const noteOf = (deps: RequestDeps, r: RequestRow, amountMinor = num(r.amount_minor)) => ({
  venueId: r.venue_id,
  requestId: r.request_id,
  orderId: r.order_id,
  amount: { amount: amountMinor, currency: r.currency },
  statusLink: deps.statusLink(`${r.venue_id}.${r.request_id}.${r.status_secret}`),
});

/**
 * A manager approves a request from the queue. The amount is planRefund's again, now with the
 * manager's authority and — when the request is outside the refund windows and the policy
 * allows it — the policy's own after-deadline override with the manager's note as its reason.
 * What the policy refuses outright (a non-refundable tier, a used ticket) cannot be approved:
 * decline it. A cash purchase is left "approved — collect at the box office" and the
 * cash-collection code is issued; card and voucher requests are paid out at once.
 */
export async function approveRequest(
  deps: RequestDeps,
  manager: ManagerPrincipal,
  requestId: string,
  note: string,
): Promise<void> {
  const venueId = manager.venueId;
  const collect = await deps.db.transaction(async (tx) => {
    const r = await awaiting(tx, venueId, requestId);
    const order = await loadOrderView(tx, venueId, r.order_id);
    if (order === null)
      throw new HttpError(409, 'order_gone', 'The order is no longer in the journal.');
    const catalog = await catalogIndexOf(tx, venueId, deps.db);
    const asked = r.method === 'voucher' ? 'voucher' : 'original_tender';
    const base = { order, catalog, ticketIds: r.ticket_ids, asked, nowMs: deps.now() } as const;
    let decided = decideRequest({ ...base, actorRole: 'manager', actorId: manager.managerId });
    const offer = decided.ok ? decided.value.plan.overrideOffer : null;
    if (decided.ok && offer !== null) {
      decided = decideRequest({
        ...base,
        actorRole: 'manager',
        actorId: manager.managerId,
        override: { reason: note || 'Approved after review', refundBp: offer.maxRefundBp },
      });
    }
    if (!decided.ok) throw new HttpError(409, 'not_refundable', decided.error.message);
    const { plan, decision } = decided.value;
    if (plan.refusal !== null) {
      throw new HttpError(
        409,
        'not_refundable',
        `${plan.refusal.message} The policy does not allow this refund: decline the request with a reason.`,
      );
    }
    await tx.query(
      `UPDATE refund_requests SET state = 'approved', amount_minor = $3, fees_minor = $4,
         retained_minor = $5, decided_by = $6, decided_at = now(), collect_at_box_office = $7,
         decision_codes = decision_codes || $8::text[], updated_at = now()
       WHERE venue_id = $1 AND request_id = $2`,
      [
        venueId,
        requestId,
        decision.amount.amount,
        decision.fees.amount,
        decision.retained.amount,
        `manager:${manager.managerId}`,
        decision.collectAtBoxOffice,
        plan.override ? ['manager_approved', 'override'] : ['manager_approved'],
      ],
    );
    if (note !== '') await addMessage(tx, venueId, requestId, 'venue', manager.managerId, note);
    if (decision.collectAtBoxOffice && deps.issueCashCode !== null) {
      // The code carries the request's reason: the window's payout is reported under it.
      // Submit only stores known reasons; anything else is refused, never guessed.
      if (!isRefundReason(r.reason_code))
        throw new HttpError(
          409,
          'unknown_reason',
          `This request's reason "${r.reason_code}" is not a refund reason: decline it and ask the customer again.`,
        );
      await deps.issueCashCode(tx, {
        venueId,
        requestId,
        orderId: r.order_id,
        ticketIds: r.ticket_ids,
        amount: decision.amount,
        decidedAt: new Date(base.nowMs).toISOString(),
        reasonCode: r.reason_code,
        ...(plan.override?.refundBp !== undefined ? { overrideBp: plan.override.refundBp } : {}),
      });
    }
    await notifyCustomer(deps, tx, noteOf(deps, r, decision.amount.amount), 'request_approved', {
      collectAtBoxOffice: decision.collectAtBoxOffice ? 1 : 0,
    });
    await publishRequestEvent(
      tx,
      noteOf(deps, r, decision.amount.amount),
      'refund_request.approved',
      {
        decidedBy: 'manager',
        collectAtBoxOffice: decision.collectAtBoxOffice,
      },
    );
    await auditBy(tx, manager, 'refund_request_approved', null, {
      requestId,
      orderId: r.order_id,
      amountMinor: decision.amount.amount,
      currency: decision.amount.currency,
      override: plan.override !== undefined,
      collectAtBoxOffice: decision.collectAtBoxOffice,
      note,
    });
    return decision.collectAtBoxOffice;
  });
  if (!collect) await payOut(deps, venueId, requestId);
}

/** Declined with a reason the customer reads; its tickets are free to be asked for again. */
export async function declineRequest(
  deps: RequestDeps,
  manager: ManagerPrincipal,
  requestId: string,
  reason: string,
): Promise<void> {
  const venueId = manager.venueId;
  await deps.db.transaction(async (tx) => {
    const r = await awaiting(tx, venueId, requestId);
    await tx.query(
      `UPDATE refund_requests SET state = 'declined', decline_reason = $3, decided_by = $4,
         decided_at = now(), decision_codes = decision_codes || '{manager_declined}'::text[],
         updated_at = now()
       WHERE venue_id = $1 AND request_id = $2`,
      [venueId, requestId, reason, `manager:${manager.managerId}`],
    );
    await tx.query(`DELETE FROM refund_request_tickets WHERE venue_id = $1 AND request_id = $2`, [
      venueId,
      requestId,
    ]);
    await notifyCustomer(deps, tx, noteOf(deps, r), 'request_declined', { reason });
    await publishRequestEvent(tx, noteOf(deps, r), 'refund_request.declined', { reason });
    await auditBy(tx, manager, 'refund_request_declined', null, {
      requestId,
      orderId: r.order_id,
      reason,
    });
  });
}

/** A question in the thread: the request is under review until the manager decides. */
export async function askCustomer(
  deps: RequestDeps,
  manager: ManagerPrincipal,
  requestId: string,
  body: string,
): Promise<void> {
  const venueId = manager.venueId;
  await deps.db.transaction(async (tx) => {
    const r = await awaiting(tx, venueId, requestId);
    await tx.query(
      `UPDATE refund_requests SET state = 'under_review', updated_at = now()
       WHERE venue_id = $1 AND request_id = $2`,
      [venueId, requestId],
    );
    await addMessage(tx, venueId, requestId, 'venue', manager.managerId, body);
    const no = await tx.query<{ n: number }>(
      `SELECT max(message_no) AS n FROM request_messages WHERE venue_id = $1 AND request_id = $2`,
      [venueId, requestId],
    );
    const n = Number(no[0]?.n ?? 0);
    await notifyCustomer(
      deps,
      tx,
      noteOf(deps, r),
      'request_question',
      { question: body },
      `question:${n}`,
    );
    await auditBy(tx, manager, 'refund_request_question', null, { requestId, orderId: r.order_id });
  });
}

/** The back office retries a card payout that failed or got no answer (same idempotency key). */
export async function retryPayout(
  deps: RequestDeps,
  manager: ManagerPrincipal,
  requestId: string,
): Promise<void> {
  const r = await requestRow(deps.db, manager.venueId, requestId);
  if (r === null) {
    throw new HttpError(404, 'request_not_found', 'There is no such refund request at this venue.');
  }
  if (r.state !== 'approved' || r.collect_at_box_office) {
    throw new HttpError(409, 'nothing_to_pay', 'This request has no payout waiting.');
  }
  await auditBy(deps.db, manager, 'refund_request_payout_retried', null, { requestId });
  await payOut(deps, manager.venueId, requestId);
}
