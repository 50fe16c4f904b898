import type { MessageKey, Translator } from '../i18n';

/**
 * The customer pages' one way to the server: same-origin JSON POSTs to the public routes
 * (`/api/public/refund-requests/…`). The status link's token goes in the body, never in a
 * URL the server would log. A failure becomes `RequestError` with the server's code.
 */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

export const post = <T>(path: string, body: unknown): Promise<T> =>
  postTo<T>(`/api/public/refund-requests${path}`, body);

/** The same for another public route (the feedback form's `/api/public/feedback…`). */
export async function postTo<T>(url: string, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new RequestError(0, 'network', 'network');
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    parsed = null;
  }
  if (!response.ok) {
    const error = (parsed as { error?: { code?: string; message?: string } } | null)?.error;
    throw new RequestError(response.status, error?.code ?? 'http_error', error?.message ?? text);
  }
  return parsed as T;
}

const KNOWN: Record<string, MessageKey> = {
  order_not_found: 'request.error.order_not_found',
  already_requested: 'request.error.already_requested',
  rate_limited: 'request.error.rate_limited',
  network: 'request.error.network',
  request_not_found: 'request.status.notFound',
  card_only: 'request.error.card_only',
  refund_link_invalid: 'request.error.refund_link_invalid',
  refund_link_expired: 'request.error.refund_link_expired',
  refund_link_retired: 'request.error.refund_link_retired',
  not_cancelled: 'request.error.not_cancelled',
  feedback_link_invalid: 'feedback.error.feedback_link_invalid',
  feedback_link_expired: 'feedback.error.feedback_link_expired',
  feedback_unknown_performance: 'feedback.error.feedback_unknown_performance',
};

/** A sentence for the customer in their language; the server's own words for anything else. */
export function errorText(tr: Translator, error: unknown): string {
  const e = error instanceof RequestError ? error : new RequestError(0, 'other', String(error));
  const key = KNOWN[e.code];
  if (e.code === 'order_not_found') {
    // The same answer for every miss names the way for those with no contact and no card.
    return `${tr.t('request.error.order_not_found')} ${tr.t('request.error.noContactHint')}`;
  }
  return key ? tr.t(key) : tr.t('request.error.other', { message: e.message });
}

/**
 * What went wrong, kept untranslated: the page words it at render time, so the alert reads in
 * the language the customer has now — also one picked (or remembered) after the answer came.
 * A sentence fixed at failure time kept the language of the moment the request was sent.
 */
export type Problem = { readonly cause: unknown } | { readonly key: MessageKey };

export function problemText(tr: Translator, problem: Problem | null): string | null {
  if (problem === null) return null;
  return 'key' in problem ? tr.t(problem.key) : errorText(tr, problem.cause);
}
