import { z } from 'zod';
import { positiveMoneySchema } from '../../shared/money/money';
import { paymentIdSchema, paymentKindSchema, paymentStatusSchema } from '../../shared/ipc/payment';

/**
 * The wire protocol between main and a card terminal on the venue's network: HTTP/JSON, shaped
 * like Adyen's Terminal API in its synchronous mode (a payment request is held open while the
 * customer taps, and answered with the outcome) plus the transaction-status query and the
 * reversal a host sends when that answer is lost or the sale cannot be committed.
 *
 *   POST /v1/payments              body: terminalPaymentRequest, header Idempotency-Key = paymentId
 *                                  → 200 terminalPaymentResult once the customer is done
 *                                    (the same id again joins or repeats the first answer:
 *                                    a terminal never charges one id twice)
 *                                  → 409 { error: 'busy' } while another id is on the screen
 *   GET  /v1/payments/:id          → 200 terminalPaymentResult (state may be `pending`) | 404
 *   POST /v1/payments/:id/reversal → 200 result with state `reversed` (idempotent) | 404 | 409
 *   GET  /v1/status                → 200 terminalHealth
 *
 * Main and the loopback simulator both parse with these schemas, so the simulator cannot drift
 * from what main expects.
 */

export const terminalPaymentRequestSchema = z.strictObject({
  paymentId: paymentIdSchema,
  kind: paymentKindSchema,
  amount: positiveMoneySchema,
  reference: z.string().min(1).max(80),
  originalPaymentId: paymentIdSchema.optional(),
  /** how long the customer has at the terminal before it gives up and charges nothing */
  timeoutMs: z.number().int().positive().max(600_000),
});
export type TerminalPaymentRequest = z.infer<typeof terminalPaymentRequestSchema>;

/** What a terminal says of one payment; `failed`/`unknown` are main's words, never the terminal's. */
export const terminalPaymentResultSchema = paymentStatusSchema
  .omit({ state: true, kind: true })
  .extend({
    kind: paymentKindSchema,
    state: z.enum(['pending', 'approved', 'declined', 'timed_out', 'reversed']),
  });
export type TerminalPaymentResult = z.infer<typeof terminalPaymentResultSchema>;

export const terminalHealthSchema = z.object({
  state: z.enum(['ready', 'busy']),
  activePaymentId: paymentIdSchema.optional(),
});
export type TerminalHealth = z.infer<typeof terminalHealthSchema>;

export const terminalRefusalSchema = z.object({
  error: z.enum(['busy', 'not_found', 'not_reversible', 'invalid_request']),
  message: z.string().optional(),
});
export type TerminalRefusal = z.infer<typeof terminalRefusalSchema>;

export const terminalPaths = {
  payments: '/v1/payments',
  payment: (id: string) => `/v1/payments/${encodeURIComponent(id)}`,
  reversal: (id: string) => `/v1/payments/${encodeURIComponent(id)}/reversal`,
  status: '/v1/status',
} as const;
