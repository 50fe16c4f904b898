/**
 * The back office's one way to the server: same-origin fetch, the session cookie sent by the
 * browser (HttpOnly: this code never sees it), JSON in and out. Every failure becomes an
 * `ApiError` carrying the server's `{error: {code, message}}` — the message is written for
 * people and shown as it is — or `network` when no answer came.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', 'network');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    body = null;
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(response.status, error?.code ?? 'http_error', error?.message ?? text);
  }
  return body as T;
}

/** Path of a venue-scoped route. */
export function venuePath(venueId: string, rest: string): string {
  return `/api/venues/${encodeURIComponent(venueId)}/${rest}`;
}
