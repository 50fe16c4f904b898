import { z } from 'zod';
import type { CardRefundOutcome, PaymentProvider } from './payment-provider';

const refundedSchema = z.object({ refundId: z.string().min(1), status: z.literal('refunded') });
const failedSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/**
 * The payment-provider port over HTTP: `POST {baseUrl}/v1/refunds` with an `Idempotency-Key`
 * header (the request id) and the amount in minor units. 200/201 → refunded; 4xx with an
 * error body → failed; anything else (timeout, 5xx, a connection cut, an answer we cannot
 * read) → unknown, which the caller retries with the same key and never treats as "not paid".
 */
export function httpPaymentProvider(options: {
  readonly baseUrl: string;
  readonly apiKey: string;
  /** How long to wait for the provider's answer (default 10 s). */
  readonly timeoutMs?: number;
}): PaymentProvider {
  return {
    async refund(order): Promise<CardRefundOutcome> {
      let res: Response;
      try {
        res = await fetch(new URL('/v1/refunds', options.baseUrl), {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${options.apiKey}`,
            'idempotency-key': order.idempotencyKey,
          },
          body: JSON.stringify({
            amountMinor: order.amount.amount,
            currency: order.amount.currency,
            approvalCode: order.approvalCode,
            last4: order.last4,
            reference: order.reference,
          }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        return {
          status: 'unknown',
          message: `No answer from the payment provider: ${String(error)}`,
        };
      }
      const body: unknown = await res.json().catch(() => null);
      if (res.status === 200 || res.status === 201) {
        const parsed = refundedSchema.safeParse(body);
        if (parsed.success) return { status: 'refunded', refundId: parsed.data.refundId };
        return {
          status: 'unknown',
          message: 'The payment provider answered in a shape we do not know.',
        };
      }
      if (res.status >= 400 && res.status < 500) {
        const parsed = failedSchema.safeParse(body);
        if (parsed.success) return { status: 'failed', ...parsed.data.error };
      }
      return { status: 'unknown', message: `The payment provider answered HTTP ${res.status}.` };
    },
  };
}
