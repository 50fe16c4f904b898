/**
 * Delivers the outbox's webhook events: one signed POST per attempt to the venue's webhook as
 * it is set at that moment (an address changed while events wait is where they go).
 *
 * The scheme (src-server/README.md, "Webhooks"): the body is the event's JSON; the header
 * `X-BoxOffice-Signature: t=<unix seconds>,v1=<hex HMAC-SHA-256 of "<t>.<body>" with the
 * venue's secret>`. A receiver recomputes it, compares in constant time, and refuses a `t`
 * too far from its clock (a replayed old delivery); `X-BoxOffice-Event-Id` (also the body's
 * `id`) is the same on every delivery of one event, so it drops a copy it already has.
 *
 * Any 2xx is delivered. Anything else — another status, a timeout, a refused connection — is
 * retried with the outbox's backoff: a receiver that answers 400 or 401 is usually one whose
 * secret or code is being fixed, and the events wait for it. A venue whose webhook was
 * removed fails its waiting events for good, with the reason.
 */
import { createHmac } from 'node:crypto';
import type { Queryable } from '../db/port';
import type { SendOutcome } from './email-sender';
import type { ClaimedMessage } from './outbox-store';
import { webhookTarget } from './webhook-settings';

export interface WebhookSender {
  send(event: ClaimedMessage): Promise<SendOutcome>;
}

/** The signature header's value for `body` sent at `timestampS`. */
export function webhookSignature(secret: string, timestampS: number, body: string): string {
  const v1 = createHmac('sha256', secret).update(`${timestampS}.${body}`).digest('hex');
  return `t=${timestampS},v1=${v1}`;
}

/** The body a receiver reads: the same bytes on every attempt of one event. */
export function webhookBody(event: ClaimedMessage): string {
  const { occurredAt, ...data } = event.data as Record<string, unknown>;
  return JSON.stringify({
    id: event.messageKey,
    type: event.kind,
    venueId: event.venueId,
    occurredAt,
    data,
  });
}

export function httpWebhookSender(options: {
  /** Where the venues' settings are read (the worker's database). */
  readonly db: Queryable;
  /** How long to wait for the receiver's answer (default 10 s, far below the lease). */
  readonly timeoutMs?: number;
  /** The clock the signature's timestamp is taken from (epoch ms). */
  readonly now?: () => number;
}): WebhookSender {
  const now = options.now ?? Date.now;
  return {
    async send(event) {
      const target = await webhookTarget(options.db, event.venueId);
      if (target === null) {
        return {
          ok: false,
          permanent: true,
          error: 'The venue has no webhook any more (removed in the back office).',
        };
      }
      const body = webhookBody(event);
      let res: Response;
      try {
        res = await fetch(target.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'BoxOffice-Webhooks/1',
            'x-boxoffice-event': event.kind,
            'x-boxoffice-event-id': event.messageKey,
            'x-boxoffice-delivery-attempt': String(event.attempt),
            'x-boxoffice-signature': webhookSignature(
              target.secret,
              Math.floor(now() / 1000),
              body,
            ),
          },
          body,
          // A redirect is not followed: the signature was made for this address's owner.
          redirect: 'manual',
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
        await res.arrayBuffer().catch(() => undefined);
      } catch (error) {
        return {
          ok: false,
          permanent: false,
          error: `No answer from ${target.url}: ${String(error)}`,
        };
      }
      if (res.status >= 200 && res.status < 300)
        return { ok: true, response: `HTTP ${res.status}` };
      return { ok: false, permanent: false, error: `${target.url} answered HTTP ${res.status}` };
    },
  };
}
