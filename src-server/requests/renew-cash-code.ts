import { isRefundReason } from '../../shared/journal/entry-types';
import { venueDayOf } from '../../shared/time/venue-day';
import type { ManagerPrincipal } from '../auth/manager-auth';
import { auditBy } from '../audit/manager-audit';
import { venueTimeZone } from '../catalog/venue-zone';
import type { Queryable } from '../db/port';
import { num } from '../db/port';
import { isoTimestamp } from '../db/timestamps';
import { HttpError } from '../http-error';
import { catalogIndexOf } from '../inventory/capacity';
import { decideRequest } from './decision';
import type { RequestDeps } from './deps';
import { notifyCustomer } from './notify-customer';
import { loadOrderView } from './order-source';
import { requestRow } from './request-store';

/**
 * A manager issues a new cash-collection code for an approved cash request whose code can no
 * longer be paid: it expired unpaid (the customer came too late), or the tills now measure
 * the refund differently from what the code approves (a performance cancelled since: fees
 * waived, everything back — the till says "ask a manager to issue a new code").
 *
 * The refund is still decided as of the ORIGINAL decision (the code's issue time: the till
 * plans as of then), by the one rule (`decideRequest`, with the override the manager approved
 * then), on today's catalog; the new code carries that amount and runs CASH_CODE_DAYS from
 * now, replacing the old one in the one row a request has. An expired old code is refused at
 * every till by its date. A code still good is replaced only when its amount is no longer what
 * the tills pay (then an up-to-date till refuses it; only a till both behind on the catalog and
 * offline could still pay it, and the request's second payout would be a reconciliation
 * exception on sync — the same bound as any offline double refund). A paid code never is.
 * Audited, and the customer is told (their status page shows the new code).
 */
export async function renewCashCode(
  deps: RequestDeps,
  manager: ManagerPrincipal,
  requestId: string,
): Promise<void> {
  const venueId = manager.venueId;
  const issue = deps.issueCashCode;
  if (issue === null)
    throw new HttpError(409, 'no_cash_codes', 'This server does not issue cash-collection codes.');
  await deps.db.transaction(async (tx) => {
    const r = await requestRow(tx, venueId, requestId, true);
    if (r === null)
      throw new HttpError(
        404,
        'request_not_found',
        'There is no such refund request at this venue.',
      );
    if (r.state !== 'approved' || !r.collect_at_box_office)
      throw new HttpError(
        409,
        'no_cash_code',
        'Only an approved request paid back at the box office has a cash-collection code.',
      );
    const codes = await tx.query<{
      issued_at: Date | string;
      expires_at: Date | string;
      amount_minor: unknown;
      override_bp: number;
      paid_at: Date | string | null;
      paid_terminal_id: string | null;
    }>(
      `SELECT issued_at, expires_at, amount_minor, override_bp, paid_at, paid_terminal_id
       FROM cash_codes WHERE venue_id = $1 AND request_id = $2 FOR UPDATE`,
      [venueId, requestId],
    );
    const prior = codes[0];
    if (prior === undefined)
      throw new HttpError(409, 'no_cash_code', 'This request has no cash-collection code yet.');
    if (prior.paid_at !== null)
      throw new HttpError(
        409,
        'cash_code_paid',
        `This request was paid out at ${prior.paid_terminal_id} on ${await venueDay(tx, venueId, prior.paid_at)}: there is nothing left to collect.`,
      );
    if (!isRefundReason(r.reason_code))
      throw new HttpError(
        409,
        'unknown_reason',
        `This request's reason "${r.reason_code}" is not a refund reason.`,
      );

    const decidedAt = isoTimestamp(prior.issued_at);
    const order = await loadOrderView(tx, venueId, r.order_id);
    if (order === null)
      throw new HttpError(409, 'order_gone', 'The order is no longer in the journal.');
    const decided = decideRequest({
      order,
      catalog: await catalogIndexOf(tx, venueId, deps.db),
      ticketIds: r.ticket_ids,
      asked: r.method === 'voucher' ? 'voucher' : 'original_tender',
      nowMs: Date.parse(decidedAt),
      actorRole: 'manager',
      actorId: manager.managerId,
      ...(prior.override_bp > 0
        ? { override: { reason: 'Approved after review', refundBp: prior.override_bp } }
        : {}),
    });
    if (!decided.ok || decided.value.plan.refusal !== null)
      throw new HttpError(
        409,
        'not_refundable',
        `These tickets can no longer be refunded (${decided.ok ? decided.value.plan.refusal!.message : decided.error.message}): no new code can be issued.`,
      );
    const { decision } = decided.value;
    const stillGood = Date.parse(isoTimestamp(prior.expires_at)) > deps.now();
    if (stillGood && decision.amount.amount === num(prior.amount_minor))
      throw new HttpError(
        409,
        'cash_code_valid',
        `The customer's code is still good until ${await venueDay(tx, venueId, prior.expires_at)} and pays what the tills pay: they can use it.`,
      );

    // Expired, or still good but the amount moved: replaced either way (`replace`, or a good
    // code would be answered again as an idempotent approval).
    const { expiresAt } = await issue(tx, {
      venueId,
      requestId,
      orderId: r.order_id,
      ticketIds: r.ticket_ids,
      amount: decision.amount,
      decidedAt,
      validFrom: new Date(deps.now()).toISOString(),
      reasonCode: r.reason_code,
      ...(prior.override_bp > 0 ? { overrideBp: prior.override_bp } : {}),
      replace: true,
    });
    await tx.query(
      `UPDATE refund_requests SET amount_minor = $3, fees_minor = $4, retained_minor = $5,
         updated_at = now()
       WHERE venue_id = $1 AND request_id = $2`,
      [venueId, requestId, decision.amount.amount, decision.fees.amount, decision.retained.amount],
    );
    await notifyCustomer(
      deps,
      tx,
      {
        venueId,
        requestId,
        orderId: r.order_id,
        amount: decision.amount,
        statusLink: deps.statusLink(`${r.venue_id}.${r.request_id}.${r.status_secret}`),
      },
      'request_approved',
      { collectAtBoxOffice: 1 },
      // Each new code is news: keyed by its expiry, so it is sent even after the first approval's.
      `approved:code:${expiresAt}`,
    );
    await auditBy(tx, manager, 'refund_request_cash_code_renewed', null, {
      requestId,
      orderId: r.order_id,
      amountBeforeMinor: num(prior.amount_minor),
      amountMinor: decision.amount.amount,
      currency: decision.amount.currency,
      expiredAt: isoTimestamp(prior.expires_at),
      expiresAt,
    });
  });
}

/**
 * The venue's calendar day of an instant, for the answers a manager reads in the back office,
 * where every day is the venue's (a code good until 01:30 on the 3rd in Kyiv is good until the
 * 3rd, not the UTC 2nd).
 */
async function venueDay(tx: Queryable, venueId: string, at: Date | string): Promise<string> {
  return venueDayOf(isoTimestamp(at), await venueTimeZone(tx, venueId));
}
