import { z } from 'zod';

/**
 * The back office's venue webhook and refund-link keys (issue 14 items 4 and 7, branch
 * webhooks): what the routes answer and take. The server checks the address and the secret
 * and answers a refusal in words; these schemas only bound the sizes.
 */
export const webhookSettingBodySchema = z.strictObject({
  url: z.string().max(4000),
  secret: z.string().max(1000),
});
export type WebhookSettingBody = z.infer<typeof webhookSettingBodySchema>;

export const webhookDeliverySchema = z.strictObject({
  eventId: z.string(),
  type: z.string(),
  status: z.enum(['queued', 'sending', 'sent', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookAnswerSchema = z.strictObject({
  /** null: the venue has no webhook. The secret is never answered. */
  webhook: z.strictObject({ url: z.string(), updatedAt: z.string() }).nullable(),
  /** The latest events and how their delivery went, newest first. */
  deliveries: z.array(webhookDeliverySchema),
});
export type WebhookAnswer = z.infer<typeof webhookAnswerSchema>;

export const linkKeySchema = z.strictObject({
  keyId: z.string(),
  createdAt: z.string(),
  retiredAt: z.string().nullable(),
  /** A retired key opens the links it signed until then; null while it is the live key. */
  opensLinksUntil: z.string().nullable(),
});
export type LinkKeyView = z.infer<typeof linkKeySchema>;
export const linkKeysAnswerSchema = z.strictObject({ keys: z.array(linkKeySchema) });

export const rotateLinkKeyBodySchema = z.strictObject({
  /** The old key opens nothing from now on (it leaked), instead of after its links expire. */
  retireNow: z.boolean().default(false),
});
