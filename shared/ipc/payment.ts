import { z } from 'zod';
import { positiveMoneySchema } from '../money/money';
import { defineEvents, defineMethods, event, method } from './define';

/**
 * The card payment terminal (issue 15 item 3), driven by main like the printer: the page is
 * not trusted with a device that moves money. Shaped like real terminal APIs — a request is
 * asynchronous: `payment.start` returns at once with `pending`, and the outcome arrives as a
 * `payment.updated` event and from `payment.status`.
 *
 * The rules the caller relies on:
 * - `paymentId` is the caller's idempotency key (a UUID it makes before asking). Starting the
 *   same id again never charges twice: main answers with what it knows of that payment.
 * - `unknown` means the terminal may or may not have charged (the answer was lost, the link
 *   dropped mid-request). Main resolves it by a status query to the terminal before it accepts
 *   any other payment — never a blind retry and never a blind reversal. A caller that sees
 *   `unknown` asks `payment.status` (main queries the terminal again) until it is settled.
 * - A sale is committed only after `approved`. If the commit then fails, the caller sends
 *   `payment.reverse` for that id; main reverses it at the terminal (idempotent too).
 * - `timed_out`: the customer did not finish within the terminal's window (120 s by default);
 *   nothing was charged.
 * Card numbers never leave the terminal: main reports the approval code, the card's last 4
 * digits and its scheme, as a cashier would copy them from the slip.
 */

export const paymentIdSchema = z.uuid();

export const paymentStateSchema = z.enum([
  'pending',
  'approved',
  'declined',
  'timed_out',
  'unknown',
  'reversed',
  'failed',
]);
export type PaymentState = z.infer<typeof paymentStateSchema>;

export const paymentKindSchema = z.enum(['sale', 'refund']);
export type PaymentKind = z.infer<typeof paymentKindSchema>;

export const paymentStatusSchema = z.object({
  paymentId: paymentIdSchema,
  kind: paymentKindSchema,
  state: paymentStateSchema,
  amount: positiveMoneySchema,
  /** present once approved: as printed on the terminal's slip */
  approvalCode: z.string().min(2).max(12).optional(),
  last4: z
    .string()
    .regex(/^\d{4}$/)
    .optional(),
  scheme: z.enum(['visa', 'mastercard', 'amex', 'prostir', 'unionpay', 'jcb', 'other']).optional(),
  /** why it was declined or failed, in words a customer understands (English; the UI translates by `reason`) */
  reason: z
    .enum([
      'declined_by_issuer',
      'insufficient_funds',
      'card_removed',
      'cancelled_by_customer',
      'terminal_offline',
      'timed_out',
      'reversal_failed',
    ])
    .optional(),
});
export type PaymentStatus = z.infer<typeof paymentStatusSchema>;

export const paymentTerminalStateSchema = z.object({
  /** `ready`: can take a payment; `busy`: one in progress; `offline`: no answer; `unconfigured` */
  state: z.enum(['ready', 'busy', 'offline', 'unconfigured']),
  /** a payment whose outcome main is still resolving with the terminal (blocks new ones) */
  unresolvedPaymentId: paymentIdSchema.optional(),
});
export type PaymentTerminalState = z.infer<typeof paymentTerminalStateSchema>;

export const paymentMethods = defineMethods({
  /**
   * Asks the terminal to take (`sale`) or give back (`refund`, to the card of
   * `originalPaymentId`) an amount. Answers at once; `device_busy` while another payment
   * (or an unresolved one) is open, `device_offline` when the terminal does not answer
   * (nothing reached it: the same id may be started again), `not_configured` without a
   * terminal, `invalid_argument` for an id already used for a different payment.
   */
  'payment.start': method(
    z.strictObject({
      paymentId: paymentIdSchema,
      kind: paymentKindSchema,
      amount: positiveMoneySchema,
      /** the order (or refund) this pays for: printed on the terminal's journal */
      reference: z.string().min(1).max(80),
      originalPaymentId: paymentIdSchema.optional(),
    }),
    paymentStatusSchema,
  ),
  /** What main knows of a payment; for `pending`/`unknown` it asks the terminal first. */
  'payment.status': method(z.strictObject({ paymentId: paymentIdSchema }), paymentStatusSchema),
  /**
   * Reverses an approved payment whose sale could not be committed. Idempotent. A declined,
   * timed-out or failed payment is answered as it is (nothing was charged); `device_busy`
   * while its outcome is still open; `device_offline` / `timeout` when the terminal has not
   * confirmed yet — main keeps sending the reversal until it does.
   */
  'payment.reverse': method(z.strictObject({ paymentId: paymentIdSchema }), paymentStatusSchema),
  /** For the kiosk's out-of-service check. */
  'payment.terminal': method(z.strictObject({}), paymentTerminalStateSchema),
});

export const paymentEvents = defineEvents({
  'payment.updated': event(paymentStatusSchema),
  'payment.terminal': event(paymentTerminalStateSchema),
});
