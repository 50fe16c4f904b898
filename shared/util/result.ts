/**
 * The one reply shape at every boundary (IPC, bridge, sync HTTP, domain commands):
 * callers branch on `ok` and never catch an untyped throw.
 */
export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<C extends string = string> = {
  readonly ok: false;
  readonly error: { readonly code: C; readonly message: string; readonly details?: unknown };
};
export type Result<T, C extends string = string> = Ok<T> | Err<C>;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function err<C extends string>(code: C, message: string, details?: unknown): Err<C> {
  return details === undefined
    ? { ok: false, error: { code, message } }
    : { ok: false, error: { code, message, details } };
}
