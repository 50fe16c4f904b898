/**
 * A refund request's steps as webhook events for the venue's CRM (issue 14 item 7), published
 * in the step's transaction next to the customer's notification — but for every request,
 * whether or not the customer left a contact.
 */
import type { Queryable } from '../db/port';
import {
  publishWebhookEvent,
  type WebhookEventData,
  type WebhookEventType,
} from '../notify/webhook-events';
import { requestNumberOf } from './notify-customer';

export interface RequestStep {
  readonly venueId: string;
  readonly requestId: string;
  readonly orderId: string;
  readonly amount: { readonly amount: number; readonly currency: string };
}

export function publishRequestEvent(
  tx: Queryable,
  r: RequestStep,
  type: Exclude<WebhookEventType, 'voucher.issued'>,
  extra: WebhookEventData = {},
): Promise<void> {
  return publishWebhookEvent(tx, r.venueId, type, r.requestId, {
    requestId: r.requestId,
    requestNumber: requestNumberOf(r.requestId),
    orderId: r.orderId,
    amountMinor: r.amount.amount,
    currency: r.amount.currency,
    ...extra,
  });
}
