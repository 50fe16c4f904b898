/**
 * The SMS port over an HTTP gateway, shaped like the common providers' send APIs:
 * `POST <SMS_GATEWAY_URL>` with `Authorization: Bearer <SMS_API_KEY>`, an `Idempotency-Key`
 * header and JSON `{to, text, reference}`, both keys the outbox row's message key, so a retry
 * after a lost answer is the same message to the gateway, which sends it once. The gateway
 * answers its own message id (`{id}`), kept as the row's sent response.
 *
 * 2xx → sent. 4xx (a bad number, a refused key) → failed for good with the gateway's words,
 * except 408 and 429 (too many requests), which are "later". 5xx, a timeout or a cut
 * connection → retried with the outbox's backoff.
 */
import { z } from 'zod';
import type { SendOutcome } from './email-sender';
import type { SmsSender } from './sms-sender';

const acceptedSchema = z.looseObject({ id: z.string().min(1) });
const refusedSchema = z.looseObject({
  error: z.looseObject({ code: z.string().optional(), message: z.string() }),
});

export function httpSmsSender(options: {
  readonly url: string;
  readonly apiKey: string;
  /** How long to wait for the gateway (default 10 s, far below the outbox lease). */
  readonly timeoutMs?: number;
}): SmsSender {
  return {
    async send(sms): Promise<SendOutcome> {
      let res: Response;
      let body: unknown;
      try {
        res = await fetch(options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${options.apiKey}`,
            'idempotency-key': sms.messageKey,
          },
          body: JSON.stringify({ to: sms.to, text: sms.text, reference: sms.messageKey }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
        body = await res.json().catch(() => null);
      } catch (error) {
        return {
          ok: false,
          permanent: false,
          error: `No answer from the SMS gateway: ${String(error)}`,
        };
      }
      if (res.status >= 200 && res.status < 300) {
        const accepted = acceptedSchema.safeParse(body);
        // Accepted without an id we can read: still accepted (the gateway has it).
        return {
          ok: true,
          response: accepted.success ? `gateway id ${accepted.data.id}` : `HTTP ${res.status}`,
        };
      }
      const refused = refusedSchema.safeParse(body);
      const words = refused.success ? refused.data.error.message : `HTTP ${res.status}`;
      const later = res.status >= 500 || res.status === 408 || res.status === 429;
      return {
        ok: false,
        permanent: !later && res.status >= 400 && res.status < 500,
        error: `The SMS gateway answered ${res.status}: ${words}`,
      };
    },
  };
}
