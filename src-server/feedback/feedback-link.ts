import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../db/port';
import { HttpError } from '../http-error';
import { venueLinkKey } from '../requests/refund-link';
import { checkingKey, LEGACY_KEY_ID, type LinkKey } from '../requests/refund-link-keys';

/**
 * The feedback link of a purchase's thank-you or a paid refund's message (issue 14 item 8): a
 * token naming one order or one refund request of one venue until an expiry, signed with the
 * venue's live link key (the refund links' key ring, named by `k` so a rotation breaks no
 * link already sent) under a context of its own,
 * so a refund link's token can never pass as a feedback token or the other way round.
 * `<payload base64url>.<mac base64url>`; the payload is JSON.
 */
export interface FeedbackLink {
  readonly venueId: string;
  readonly about: 'order' | 'request';
  /** the order id, or the request id */
  readonly subjectId: string;
  readonly orderId: string;
  /** epoch ms after which the link neither opens nor edits */
  readonly expiresAtMs: number;
}

/** How long the customer may give or edit feedback after the purchase or refund. */
export const FEEDBACK_LINK_DAYS = 30;

const CONTEXT = 'box-office feedback link v1\n';

const mac = (key: Buffer, payload: string): Buffer =>
  createHmac('sha256', key)
    .update(CONTEXT + payload)
    .digest();

export function signFeedbackLink(key: LinkKey, link: FeedbackLink): string {
  const payload = Buffer.from(
    JSON.stringify({
      i: key.keyId,
      v: link.venueId,
      k: link.about === 'order' ? 'o' : 'r',
      s: link.subjectId,
      o: link.orderId,
      e: Math.floor(link.expiresAtMs / 1000),
    }),
  ).toString('base64url');
  return `${payload}.${mac(key.secret, payload).toString('base64url')}`;
}

/** The link for a message enqueued in `tx`: `<base>/refund-request/#feedback=<token>`. */
export async function feedbackUrl(
  tx: Queryable,
  publicBaseUrl: string,
  link: Omit<FeedbackLink, 'expiresAtMs'>,
  nowMs: number,
): Promise<string> {
  const token = signFeedbackLink(await venueLinkKey(tx, link.venueId), {
    ...link,
    expiresAtMs: nowMs + FEEDBACK_LINK_DAYS * 86_400_000,
  });
  return `${publicBaseUrl}/refund-request/#feedback=${token}`;
}

const invalid = () =>
  new HttpError(
    404,
    'feedback_link_invalid',
    'This feedback link is not valid. Please open it again from the whole e-mail.',
  );

/**
 * What a token grants, or a refusal in words: 404 `feedback_link_invalid` for anything not
 * signed by this venue's key for feedback, 410 `feedback_link_expired` past its expiry (the
 * signature is checked before the expiry is believed).
 */
export async function openFeedbackLink(
  db: Queryable,
  token: string,
  nowMs: number,
): Promise<FeedbackLink> {
  const [payload = '', signature = ''] = token.split('.');
  let claimed: Record<string, unknown>;
  try {
    claimed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof claimed;
  } catch {
    throw invalid();
  }
  const { i: keyId = LEGACY_KEY_ID, v, k, s, o, e } = claimed ?? {};
  if (
    typeof keyId !== 'string' ||
    typeof v !== 'string' ||
    (k !== 'o' && k !== 'r') ||
    typeof s !== 'string' ||
    typeof o !== 'string' ||
    typeof e !== 'number' ||
    !/^[a-z0-9][a-z0-9-]{0,39}$/.test(v)
  ) {
    throw invalid();
  }
  const key = await checkingKey(db, v, keyId);
  // A key retired as leaked opens nothing, feedback links included.
  if (key === null || (key.verifyUntilMs !== null && nowMs >= key.verifyUntilMs)) throw invalid();
  const expected = mac(key.secret, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  if (nowMs > e * 1000) {
    throw new HttpError(
      410,
      'feedback_link_expired',
      'This feedback link has expired: feedback can be given or changed for 30 days after the purchase or refund.',
    );
  }
  return {
    venueId: v,
    about: k === 'o' ? 'order' : 'request',
    subjectId: s,
    orderId: o,
    expiresAtMs: e * 1000,
  };
}
