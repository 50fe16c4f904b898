import type { LinkKeyView, WebhookDelivery } from '../../shared/requests/webhook-contract';
import type { MessageKey } from '../i18n';

/**
 * What the back office's webhook and refund-link-key panels show, decided without React
 * (tests/unit/webhook-views.test.ts). The server decides everything; these only word it.
 */

export const DELIVERY_STATUS_KEY: Record<WebhookDelivery['status'], MessageKey> = {
  queued: 'manage.webhook.status.queued',
  sending: 'manage.webhook.status.sending',
  sent: 'manage.webhook.status.sent',
  failed: 'manage.webhook.status.failed',
};

/** A refund-link key's line: the live one signs; a retired one opens its links until a date. */
export function linkKeyState(
  key: LinkKeyView,
  nowMs: number,
): { readonly key: MessageKey; readonly until?: string } {
  if (key.retiredAt === null) return { key: 'manage.linkKeys.live' };
  if (key.opensLinksUntil !== null && Date.parse(key.opensLinksUntil) > nowMs)
    return { key: 'manage.linkKeys.opensUntil', until: key.opensLinksUntil };
  return { key: 'manage.linkKeys.closed' };
}

/** The webhook form's body: the address trimmed (the server checks it and says what is wrong). */
export function webhookDraftOf(url: string, secret: string): { url: string; secret: string } {
  return { url: url.trim(), secret };
}
