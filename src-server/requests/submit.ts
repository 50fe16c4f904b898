import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { Decision, RefundRequestSubmit, RequestStatus } from '../../shared/requests/contract';
import { recordAudit } from '../audit/audit-log';
import { newTokenSecret } from '../auth/secrets';
import type { Queryable } from '../db/port';
import { HttpError } from '../http-error';
import { answerBusinessDays, answerDue, showStarts } from './answer-time';
import { claimOrder, refuseRequested, type ClaimedOrder } from './claims';
import { decideRequest, paidByOf, type RequestDecision } from './decision';
import type { RequestDeps } from './deps';
import { notifyCustomer } from './notify-customer';
import { publishRequestEvent } from './request-events';
import { payOut } from './payout';
import { addMessage, messagesOf, requestRow, statusView } from './request-store';

/** planRefund's answer for what the customer chose, or a clear 4xx. */
export function decide(
  deps: Pick<RequestDeps, 'now'>,
  c: ClaimedOrder,
  ticketIds: readonly string[],
  asked: 'original_tender' | 'voucher',
): RequestDecision {
  refuseRequested(c, ticketIds);
  const decided = decideRequest({
    order: c.order,
    catalog: c.catalog,
    ticketIds,
    asked,
    nowMs: deps.now(),
  });
  if (!decided.ok) {
    throw new HttpError(
      decided.error.code === 'not_found' ? 404 : 400,
      decided.error.code === 'not_found' ? 'ticket_not_found' : 'invalid_tickets',
      decided.error.message,
    );
  }
  // Found by the card's last digits (card-claim.ts): back to that card, nowhere else.
  if (
    c.by === 'card' &&
    (asked !== 'original_tender' || decided.value.decision.collectAtBoxOffice)
  ) {
    throw new HttpError(
      409,
      'card_only',
      'An order found by its card is refunded to that card only. For a voucher, or to be paid at the box office, find the order with your e-mail or phone, or come to the box office.',
    );
  }
  return decided.value;
}

export async function previewDecision(
  deps: RequestDeps,
  input: Omit<RefundRequestSubmit, 'reasonCode' | 'reasonText' | 'locale'>,
): Promise<Decision> {
  const c = await claimOrder(deps.db, input);
  return decide(deps, c, input.ticketIds, input.method).decision;
}

export const statusToken = (venueId: string, requestId: string, secret: string): string =>
  `${venueId}.${requestId}.${secret}`;

/**
 * A request from the apply page (`web`) or from staff for a phone caller (`phone`): decided by
 * the policy, stored with its tickets, the customer told — all in one transaction. Approved
 * card and voucher requests are then paid out (outside it: the provider is another system).
 */
export async function submitRequest(
  deps: RequestDeps,
  input: RefundRequestSubmit,
  channel: 'web' | 'phone',
  createdBy: string,
): Promise<{ statusToken: string; status: RequestStatus }> {
  return submitClaimed(deps, await claimOrder(deps.db, input), input, channel, createdBy);
}

/** The request of an order the caller has shown it may act on (its contact, or a signed link). */
export async function submitClaimed(
  deps: RequestDeps,
  c: ClaimedOrder,
  input: Omit<RefundRequestSubmit, 'orderRef' | 'contact'>,
  channel: 'web' | 'phone',
  createdBy: string,
): Promise<{ statusToken: string; status: RequestStatus }> {
  const { plan, decision } = decide(deps, c, input.ticketIds, input.method);
  const requestId = randomUUID();
  const secret = newTokenSecret();
  const token = statusToken(input.venueId, requestId, secret);
  const nowMs = deps.now();
  const approved = decision.outcome === 'approved';
  await deps.db.transaction(async (tx) => {
    const due = answerDue(
      nowMs,
      await answerBusinessDays(tx, input.venueId),
      showStarts(
        c.catalog,
        plan.chosen.map((t) => t.ticket.performanceId),
      ),
      c.catalog.venue.timeZone,
    );
    await tx.query(
      `INSERT INTO refund_requests (venue_id, request_id, status_secret, order_id, ticket_ids,
         channel, state, reason_code, reason_text, method, paid_by, currency, amount_minor,
         fees_minor, retained_minor, decision_codes, decision_summary, decided_by, decided_at,
         collect_at_box_office, created_by, created_at, answer_due_at, asked_minor,
         answer_due_before_show, status_link)
       VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
         $16::text[], $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)`,
      [
        input.venueId,
        requestId,
        secret,
        c.order.orderId,
        input.ticketIds,
        channel,
        approved ? 'approved' : 'under_review',
        input.reasonCode,
        input.reasonText,
        decision.method,
        paidByOf(c.order),
        decision.amount.currency,
        decision.amount.amount,
        decision.fees.amount,
        decision.retained.amount,
        approved ? ['auto_approved', ...decision.codes] : decision.codes,
        plan.summary,
        approved ? 'system' : null,
        approved ? new Date(nowMs) : null,
        decision.collectAtBoxOffice,
        createdBy,
        new Date(nowMs),
        due.at,
        decision.asked.amount,
        due.beforeShow,
        // Kept for the step the till's push reports (a cash payout), which has no deps.
        /^https?:\/\//.test(deps.statusLink(token)) ? deps.statusLink(token) : null,
      ],
    );
    await claimTickets(tx, input.venueId, requestId, input.ticketIds);
    if (input.reasonText !== '') {
      await addMessage(tx, input.venueId, requestId, 'customer', null, input.reasonText);
    }
    const note = {
      venueId: input.venueId,
      requestId,
      orderId: c.order.orderId,
      amount: decision.amount,
      statusLink: deps.statusLink(token),
    };
    await notifyCustomer(deps, tx, note, 'request_received');
    await publishRequestEvent(tx, note, 'refund_request.received', { channel });
    if (approved) {
      await notifyCustomer(deps, tx, note, 'request_approved');
      await publishRequestEvent(tx, note, 'refund_request.approved', {
        decidedBy: 'policy',
        collectAtBoxOffice: decision.collectAtBoxOffice,
      });
    }
    await recordAudit(
      tx,
      input.venueId,
      channel === 'phone' ? createdBy : 'customer',
      approved ? 'refund_request_auto_approved' : 'refund_request_queued',
      null,
      {
        requestId,
        orderId: c.order.orderId,
        channel,
        amountMinor: decision.amount.amount,
        currency: decision.amount.currency,
        codes: decision.codes,
      },
    );
  });
  if (approved) await payOut(deps, input.venueId, requestId);
  return { statusToken: token, status: await statusOf(deps, input.venueId, requestId) };
}

/** The tickets join the request; a ticket already in a live request refuses the whole request. */
async function claimTickets(
  tx: Queryable,
  venueId: string,
  requestId: string,
  ticketIds: readonly string[],
): Promise<void> {
  const claimed = await tx.query(
    `INSERT INTO refund_request_tickets (venue_id, ticket_id, request_id)
     SELECT $1, t, $2 FROM unnest($3::text[]) AS t
     ON CONFLICT (venue_id, ticket_id) DO NOTHING RETURNING ticket_id`,
    [venueId, requestId, ticketIds],
  );
  if (claimed.length !== ticketIds.length) {
    throw new HttpError(
      409,
      'already_requested',
      'A refund of this ticket has already been requested: follow it on its status page.',
    );
  }
}

export async function statusOf(
  deps: Pick<RequestDeps, 'db'>,
  venueId: string,
  requestId: string,
): Promise<RequestStatus> {
  const row = await requestRow(deps.db, venueId, requestId);
  if (row === null) throw statusNotFound();
  const messages = await messagesOf(deps.db, venueId, [requestId]);
  return statusView(row, messages.get(requestId) ?? []);
}

const statusNotFound = () =>
  new HttpError(404, 'request_not_found', 'This status link is not valid. Check the whole link.');

/** The request a status link opens, or 404 (the same for a wrong secret and no request). */
export async function byToken(
  deps: Pick<RequestDeps, 'db'>,
  token: string,
): Promise<{ venueId: string; requestId: string }> {
  const [venueId = '', requestId = '', secret = ''] = token.split('.');
  const row = await requestRow(deps.db, venueId, requestId);
  const a = Buffer.from(row?.status_secret ?? '');
  const b = Buffer.from(secret);
  if (row === null || a.length !== b.length || !timingSafeEqual(a, b)) throw statusNotFound();
  return { venueId, requestId };
}

/** The customer writes in the request's thread (an answer to a question, or more detail). */
export async function customerReply(
  deps: RequestDeps,
  token: string,
  body: string,
): Promise<RequestStatus> {
  const { venueId, requestId } = await byToken(deps, token);
  await addMessage(deps.db, venueId, requestId, 'customer', null, body);
  return statusOf(deps, venueId, requestId);
}
