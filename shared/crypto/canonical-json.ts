import type { Result } from '../util/result';
import { err, ok } from '../util/result';

/**
 * RFC 8785 (JSON Canonicalization Scheme): one byte-exact JSON text per value, so a hash
 * over it is the same in the renderer, in main and on the server.
 *
 * - object members sorted by their names' UTF-16 code units (what Array#sort does by default);
 * - numbers as ECMAScript Number#toString (RFC 8785 §3.2.2.3), which JSON.stringify applies
 *   to finite numbers (and -0 becomes 0);
 * - strings escaped as JSON.stringify does (RFC 8785 §3.2.2.2 adopts exactly that).
 *
 * Inputs JSON cannot represent faithfully are refused with a coded error rather than
 * silently changed the way JSON.stringify would (NaN → null, undefined in arrays → null,
 * Date → string, Map → {}). An object member whose value is `undefined` is left out, as
 * JSON.stringify does: that is how an absent optional field is spelled in TypeScript, and
 * IndexedDB round-trips keep such members, so leaving them out keeps hashes stable.
 */
export type CanonicalJsonErrorCode =
  | 'non_finite_number'
  | 'undefined_in_array'
  | 'non_plain_object'
  | 'unsupported_type'
  | 'lone_surrogate'
  | 'cycle';

/** Thrown by canonicalJsonOrThrow; carries the same code as the Result form. */
export class CanonicalJsonError extends Error {
  override name = 'CanonicalJsonError';
  constructor(
    readonly code: CanonicalJsonErrorCode,
    message: string,
    readonly path: string,
  ) {
    super(`${message} (at ${path})`);
  }
}

// I-JSON (RFC 7493), which RFC 8785 requires, forbids unpaired surrogates in strings.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function serialise(value: unknown, path: string, stack: Set<object>): string {
  switch (typeof value) {
    case 'string':
      if (LONE_SURROGATE.test(value)) {
        throw new CanonicalJsonError('lone_surrogate', 'String has an unpaired surrogate', path);
      }
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) {
        throw new CanonicalJsonError('non_finite_number', `Number ${value} has no JSON form`, path);
      }
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return value === null ? 'null' : serialiseObject(value, path, stack);
    case 'undefined':
    case 'bigint':
    case 'symbol':
    case 'function':
      throw new CanonicalJsonError('unsupported_type', `A ${typeof value} has no JSON form`, path);
  }
}

function serialiseObject(value: object, path: string, stack: Set<object>): string {
  if (stack.has(value)) throw new CanonicalJsonError('cycle', 'Value refers to itself', path);
  stack.add(value);
  try {
    if (Array.isArray(value)) {
      const items: string[] = [];
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (item === undefined) {
          throw new CanonicalJsonError(
            'undefined_in_array',
            'Arrays may not hold undefined (or holes)',
            `${path}[${i}]`,
          );
        }
        items.push(serialise(item, `${path}[${i}]`, stack));
      }
      return `[${items.join(',')}]`;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new CanonicalJsonError(
        'non_plain_object',
        'Only plain objects and arrays can be canonicalised (no Date, Map, class instances)',
        path,
      );
    }
    if (Object.getOwnPropertySymbols(value).length > 0) {
      throw new CanonicalJsonError(
        'unsupported_type',
        'Symbol-keyed members have no JSON form',
        path,
      );
    }
    const record = value as Record<string, unknown>;
    const members: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const member = record[key];
      if (member === undefined) continue;
      if (LONE_SURROGATE.test(key)) {
        throw new CanonicalJsonError(
          'lone_surrogate',
          'Member name has an unpaired surrogate',
          path,
        );
      }
      members.push(`${JSON.stringify(key)}:${serialise(member, `${path}.${key}`, stack)}`);
    }
    return `{${members.join(',')}}`;
  } finally {
    stack.delete(value);
  }
}

/** The canonical JSON text of `value`, or a coded error naming the offending path. */
export function canonicalJson(value: unknown): Result<string, CanonicalJsonErrorCode> {
  try {
    return ok(serialise(value, '$', new Set()));
  } catch (e) {
    if (e instanceof CanonicalJsonError) return err(e.code, e.message, { path: e.path });
    // A throwing getter or nesting deep enough to exhaust the stack: still not JSON we can hash.
    return err('unsupported_type', `Value cannot be canonicalised: ${String(e)}`);
  }
}

/** For callers whose contract is a value, not a Result (a broken payload is a programmer error there). */
export function canonicalJsonOrThrow(value: unknown): string {
  return serialise(value, '$', new Set());
}
