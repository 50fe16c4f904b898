import type {
  RefundLinkAnswer,
  RefundRequestSubmit,
  RequestStatus,
} from '../../shared/requests/contract';
import { HttpError } from '../http-error';
import { loadClaim, lookupAnswer, type ClaimedOrder } from './claims';
import type { RequestDeps } from './deps';
import { openRefundLink, type RefundLink } from './refund-link';
import { decide, submitClaimed } from './submit';

/**
 * The one-step refund of a cancelled performance (issue 14 item 6): the message's signed link
 * (refund-link.ts) stands for the contact — it was sent to it — so the page gets the order
 * without one, shows the cancellation rule's decision for the order's tickets of that
 * performance, and one confirmation sends the request. The decision is the same `decide`
 * (planRefund) as every request; the link only chooses the tickets, never the amount.
 */
interface Linked {
  readonly link: RefundLink;
  readonly claim: ClaimedOrder;
  /** the order's tickets of the linked performance that can still be asked for */
  readonly ticketIds: string[];
}

async function linked(deps: RequestDeps, token: string): Promise<Linked> {
  const link = await openRefundLink(deps.db, token, deps.now());
  const claim = await loadClaim(deps.db, link.venueId, link.orderId, 'link');
  if (claim === null) {
    throw new HttpError(
      404,
      'refund_link_invalid',
      'The order of this refund link is not known here. Come to the box office with your tickets.',
    );
  }
  if (claim.catalog.performance(link.performanceId)?.status !== 'cancelled') {
    throw new HttpError(
      409,
      'not_cancelled',
      'This performance is no longer cancelled, so this link does not refund it. Find your order with its number to ask for a refund.',
    );
  }
  const ticketIds = claim.order.tickets
    .filter(
      (t) =>
        t.ticket.performanceId === link.performanceId &&
        t.status === 'valid' &&
        !claim.requested.has(t.ticket.ticketId),
    )
    .map((t) => t.ticket.ticketId);
  return { link, claim, ticketIds };
}

export async function openLinkedOrder(
  deps: RequestDeps,
  token: string,
  method: 'original_tender' | 'voucher',
): Promise<RefundLinkAnswer> {
  const { link, claim, ticketIds } = await linked(deps, token);
  return {
    venueId: link.venueId,
    order: lookupAnswer(claim),
    ticketIds,
    decision: ticketIds.length === 0 ? null : decide(deps, claim, ticketIds, method).decision,
  };
}

export async function submitLinked(
  deps: RequestDeps,
  token: string,
  method: 'original_tender' | 'voucher',
  locale: RefundRequestSubmit['locale'],
): Promise<{ statusToken: string; status: RequestStatus }> {
  const { link, claim, ticketIds } = await linked(deps, token);
  if (ticketIds.length === 0) {
    throw new HttpError(
      409,
      'already_requested',
      'Every ticket of this order for the cancelled performance is already refunded or asked for: follow it on its status page.',
    );
  }
  return submitClaimed(
    deps,
    claim,
    {
      venueId: link.venueId,
      ticketIds,
      method,
      reasonCode: 'performance_cancelled',
      reasonText: '',
      locale,
    },
    'web',
    'customer',
  );
}
