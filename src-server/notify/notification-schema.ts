import { z } from 'zod';
import {
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationRequest,
} from './notification';

const text = z.union([z.string().min(1).max(2000), z.number().finite()]);
const url = z.string().url().max(2000);

/**
 * The `data` fields each kind's message needs (the templates read these names); other fields
 * are kept and ignored. Checked when the message is enqueued, so a caller missing one finds
 * out in its own transaction instead of the worker failing to render it later. Every kind may
 * also carry `customerName`, `venueName` and `statusUrl` (the request's status page).
 */
const common = {
  customerName: text.optional(),
  venueName: text.optional(),
  statusUrl: url.optional(),
};
const request = { ...common, requestNumber: text };
export const NOTIFICATION_DATA = {
  request_received: z.looseObject(request),
  request_approved: z.looseObject({
    ...request,
    amount: text.optional(),
    refundMethod: text.optional(),
  }),
  request_declined: z.looseObject({ ...request, reason: text }),
  request_question: z.looseObject({ ...request, question: text }),
  // feedbackUrl: the signed feedback link (feedback/feedback-link.ts), when the server has a public address
  request_paid: z.looseObject({ ...request, amount: text, feedbackUrl: url.optional() }),
  performance_cancelled: z.looseObject({
    ...common,
    performanceName: text,
    performanceDate: text,
    refundUrl: url,
  }),
  purchase_thanks: z.looseObject({ ...common, orderNumber: text, feedbackUrl: url }),
} satisfies Record<NotificationKind, z.ZodType>;

const E164 = /^\+[1-9]\d{6,14}$/;

const requestSchema = z
  .object({
    venueId: z.string().min(1).max(40),
    kind: z.enum(NOTIFICATION_KINDS),
    channel: z.enum(['email', 'sms']),
    to: z.string().min(3).max(320),
    locale: z.enum(['en', 'uk', 'zh-Hans']),
    dedupeKey: z.string().min(1).max(200),
    data: z.record(z.string(), z.union([z.string(), z.number()])),
  })
  .superRefine((n, ctx) => {
    const ok = n.channel === 'email' ? z.email().safeParse(n.to).success : E164.test(n.to);
    if (!ok)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message:
          n.channel === 'email'
            ? `"${n.to}" is not an e-mail address`
            : `"${n.to}" is not a phone number in international form (+380…)`,
      });
    const data = NOTIFICATION_DATA[n.kind].safeParse(n.data);
    if (!data.success)
      ctx.addIssue({
        code: 'custom',
        path: ['data'],
        message: `a ${n.kind} message needs ${data.error.issues
          .map((i) => `data.${i.path.join('.')} (${i.message})`)
          .join(', ')}`,
      });
  });

/** A notification the outbox cannot send, refused when it is enqueued. */
export class InvalidNotificationError extends Error {
  override readonly name = 'InvalidNotificationError';
}

/** The request as the outbox stores it, or InvalidNotificationError saying what is wrong. */
export function checkNotification(n: NotificationRequest): NotificationRequest {
  const parsed = requestSchema.safeParse(n);
  if (parsed.success) return parsed.data;
  throw new InvalidNotificationError(
    `Notification ${n.dedupeKey} cannot be sent: ${parsed.error.issues
      .map((i) => (i.code === 'custom' ? i.message : `${i.path.join('.')}: ${i.message}`))
      .join('; ')}.`,
  );
}
