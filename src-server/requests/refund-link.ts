import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../db/port';
import { HttpError } from '../http-error';
import { checkingKey, LEGACY_KEY_ID, type LinkKey } from './refund-link-keys';

export { REFUND_LINK_DAYS, venueLinkKey } from './refund-link-keys';

/**
 * The one-step refund link of a cancelled performance's message (issue 14 item 6): a token
 * that names one order and one performance of one venue until an expiry, signed by the server
 * with the venue's key (HMAC-SHA-256, `refund_link_keys`, migration 020). Whoever holds the
 * message may refund that order's tickets of that performance without typing the contact —
 * the message went to that contact. The order id alone opens nothing: changing any part of
 * the token breaks the signature. `<payload base64url>.<mac base64url>`; the payload is JSON
 * and names the key that signed it (`k`; links from before key ids were signed by "k0"), so a
 * venue can rotate its key without breaking the links already sent (refund-link-keys.ts).
 */
export interface RefundLink {
  readonly venueId: string;
  readonly orderId: string;
  readonly performanceId: string;
  /** epoch ms after which the link is refused */
  readonly expiresAtMs: number;
}

const CONTEXT = 'box-office refund link v1\n';

export const refundLinkTokenPattern = /^[A-Za-z0-9_-]{20,800}\.[A-Za-z0-9_-]{43}$/;

const mac = (key: Buffer, payload: string): Buffer =>
  createHmac('sha256', key)
    .update(CONTEXT + payload)
    .digest();

/** The token for one order's link; `key` is `venueLinkKey` of the link's venue. */
export function signRefundLink(key: LinkKey, link: RefundLink): string {
  const payload = Buffer.from(
    JSON.stringify({
      k: key.keyId,
      v: link.venueId,
      o: link.orderId,
      p: link.performanceId,
      e: Math.floor(link.expiresAtMs / 1000),
    }),
  ).toString('base64url');
  return `${payload}.${mac(key.secret, payload).toString('base64url')}`;
}

const invalid = () =>
  new HttpError(
    404,
    'refund_link_invalid',
    'This refund link is not valid. Open it again from the whole message, or find your order with its number and your e-mail or phone.',
  );

/**
 * What a token grants, or a refusal in words: 404 `refund_link_invalid` for anything not
 * signed by one of this venue's keys (a forged, altered or truncated token, an unknown key),
 * 410 `refund_link_retired` when its key was retired and no longer opens links, 410
 * `refund_link_expired` past its expiry. The signature is checked before anything is believed.
 */
export async function openRefundLink(
  db: Queryable,
  token: string,
  nowMs: number,
): Promise<RefundLink> {
  const [payload = '', signature = ''] = token.split('.');
  let claimed: { k?: unknown; v?: unknown; o?: unknown; p?: unknown; e?: unknown };
  try {
    claimed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof claimed;
  } catch {
    throw invalid();
  }
  const { k = LEGACY_KEY_ID, v, o, p, e } = claimed ?? {};
  if (
    typeof k !== 'string' ||
    typeof v !== 'string' ||
    typeof o !== 'string' ||
    typeof p !== 'string' ||
    typeof e !== 'number' ||
    !/^[a-z0-9][a-z0-9-]{0,39}$/.test(v)
  ) {
    throw invalid();
  }
  const key = await checkingKey(db, v, k);
  if (key === null) throw invalid();
  const expected = mac(key.secret, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  if (nowMs > e * 1000) {
    throw new HttpError(
      410,
      'refund_link_expired',
      'This refund link has expired. Find your order with its number and your e-mail or phone, or come to the box office.',
    );
  }
  // A link past its own expiry says so, whatever became of its key since.
  if (key.verifyUntilMs !== null && nowMs >= key.verifyUntilMs) {
    throw new HttpError(
      410,
      'refund_link_retired',
      'This refund link no longer works: the venue has replaced the key it was signed with. Find your order with its number and your e-mail or phone, or come to the box office.',
    );
  }
  return { venueId: v, orderId: o, performanceId: p, expiresAtMs: e * 1000 };
}
