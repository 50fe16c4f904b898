import type { z } from 'zod';
import type { IpcErrorCode } from '../../shared/ipc/errors';
import type { Result } from '../../shared/util/result';
import { err, ok } from '../../shared/util/result';

/** What the server said when it refused: its `{error: {code, message}}` and the HTTP status. */
export interface ServerRefusal {
  readonly status: number;
  readonly code: string;
}

export interface ServerRequest<T> {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path and query, e.g. `/api/sync/pull?after=0`. */
  readonly path: string;
  /** The answer's contract schema: an answer that does not match it is not trusted. */
  readonly answer: z.ZodType<T>;
  readonly body?: unknown;
  readonly token?: string;
}

export interface ServerClient {
  readonly server: string;
  send<T>(request: ServerRequest<T>): Promise<Result<T, IpcErrorCode>>;
}

export interface ServerClientOptions {
  /** Base URL, e.g. `http://127.0.0.1:8787`. */
  readonly server: string;
  /** Per request; a push of 100 entries takes milliseconds, so 15 s means the server is stuck. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/**
 * Main's one way to talk to the central server. Every failure becomes an envelope error the
 * page can act on: `unavailable` (cannot reach it, it is busy or failing: retry later),
 * `timeout`, `forbidden` (token refused or terminal revoked: a manager must act),
 * `not_found` (the server lacks the route: an older server) and `invalid_argument` (it refused
 * the request; its code, e.g. `chain_gap`, is in `details.code`).
 */
export function createServerClient(options: ServerClientOptions): ServerClient {
  const server = options.server.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 15_000;
  const doFetch = options.fetch ?? fetch;
  return {
    server,
    async send<T>(request: ServerRequest<T>): Promise<Result<T, IpcErrorCode>> {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (request.token !== undefined) headers['authorization'] = `Bearer ${request.token}`;
      if (request.body !== undefined) headers['content-type'] = 'application/json';
      let response: Response;
      try {
        response = await doFetch(`${server}${request.path}`, {
          method: request.method,
          headers,
          ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'error',
        });
      } catch (cause) {
        if (cause instanceof DOMException && cause.name === 'TimeoutError') {
          return err('timeout', `The server did not answer within ${timeoutMs / 1000} s.`);
        }
        return err('unavailable', `The server at ${server} cannot be reached: ${reason(cause)}.`);
      }
      const text = await response.text().catch(() => '');
      if (!response.ok) return refusal(response.status, text);
      let json: unknown = {};
      if (text !== '') {
        try {
          json = JSON.parse(text);
        } catch {
          return err('internal', 'The server answered with something that is not JSON.');
        }
      }
      const parsed = request.answer.safeParse(json);
      if (!parsed.success) {
        return err(
          'internal',
          `The server's answer to ${request.method} ${request.path.split('?')[0]} does not match this till's version of the sync contract.`,
        );
      }
      return ok(parsed.data);
    },
  };
}

function reason(cause: unknown): string {
  const inner = (cause as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof inner?.code === 'string') return inner.code;
  return cause instanceof Error ? cause.message : String(cause);
}

function refusal(status: number, text: string): Result<never, IpcErrorCode> {
  let code = `http_${status}`;
  let message = `The server answered ${status}.`;
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === 'string') code = body.error.code;
    if (typeof body.error?.message === 'string') message = body.error.message;
  } catch {
    /* not the server's error shape (a proxy's page): keep the status */
  }
  const details: ServerRefusal = { status, code };
  if (status === 401 || status === 403) return err('forbidden', message, details);
  if (status === 404) return err('not_found', message, details);
  if (status === 429 || status >= 500) return err('unavailable', message, details);
  return err('invalid_argument', message, details);
}
