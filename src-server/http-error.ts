/**
 * Every 4xx/5xx the server sends has one shape, `{error: {code, message}}`: a stable
 * machine code for the till and a sentence for a person. Route code throws HttpError;
 * errors raised by Fastify itself, its plugins and schema validation are mapped to the same
 * shape in app.ts's error handler.
 */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string };
}

export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}
