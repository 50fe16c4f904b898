import type { Money } from '../../shared/money/money';

/**
 * The card acquirer's refund API as the server sees it (issue 14 item 3): a port, so the
 * refund flow does not know whose API it is. One adapter speaks HTTP to a provider
 * (`http-payment-provider.ts`); tests run it against a provider simulator on loopback.
 *
 * Idempotent on `idempotencyKey` (the request id): asking twice — after a lost answer, a
 * retry, a second server node — refunds once and answers the first refund again.
 */
export interface CardRefundOrder {
  readonly idempotencyKey: string;
  readonly amount: Money;
  /** What the card terminal gave at sale: the acquirer finds the payment by it. */
  readonly approvalCode: string;
  readonly last4: string;
  /** Shown on the customer's statement / the acquirer's report. */
  readonly reference: string;
}

export type CardRefundOutcome =
  | { readonly status: 'refunded'; readonly refundId: string }
  /** The provider said no (card closed, payment not found…): retrying will not help by itself. */
  | { readonly status: 'failed'; readonly code: string; readonly message: string }
  /** No answer (timeout, 5xx, connection lost): it may have happened; retry with the same key. */
  | { readonly status: 'unknown'; readonly message: string };

export interface PaymentProvider {
  refund(order: CardRefundOrder): Promise<CardRefundOutcome>;
}
