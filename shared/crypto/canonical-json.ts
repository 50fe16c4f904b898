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
// Checked first: almost no string holds a surrogate at all, and this test is far cheaper.
const ANY_SURROGATE = /[\uD800-\uDFFF]/;

function hasLoneSurrogate(text: string): boolean {
  return ANY_SURROGATE.test(text) && LONE_SURROGATE.test(text);
}

/**
 * The walk keeps the path to the current value as a stack of keys and spells it out only for
 * an error: building a path string for every member cost more than the rest of the walk
 * (journal verification hashes every entry, so this is on a hot path).
 */
class Walk {
  readonly keys: (string | number)[] = [];
  readonly stack = new Set<object>();

  path(): string {
    let p = '$';
    for (const k of this.keys) p += typeof k === 'number' ? `[${k}]` : `.${k}`;
    return p;
  }

  fail(code: CanonicalJsonErrorCode, message: string): never {
    throw new CanonicalJsonError(code, message, this.path());
  }

  value(value: unknown): string {
    switch (typeof value) {
      case 'string':
        if (hasLoneSurrogate(value))
          this.fail('lone_surrogate', 'String has an unpaired surrogate');
        return JSON.stringify(value);
      case 'number':
        if (!Number.isFinite(value))
          this.fail('non_finite_number', `Number ${value} has no JSON form`);
        return JSON.stringify(value);
      case 'boolean':
        return value ? 'true' : 'false';
      case 'object':
        return value === null ? 'null' : this.object(value);
      case 'undefined':
      case 'bigint':
      case 'symbol':
      case 'function':
        return this.fail('unsupported_type', `A ${typeof value} has no JSON form`);
    }
  }

  object(value: object): string {
    if (this.stack.has(value)) this.fail('cycle', 'Value refers to itself');
    this.stack.add(value);
    try {
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          this.keys.push(i);
          if (item === undefined)
            this.fail('undefined_in_array', 'Arrays may not hold undefined (or holes)');
          out += (i === 0 ? '' : ',') + this.value(item);
          this.keys.pop();
        }
        return `${out}]`;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        this.fail(
          'non_plain_object',
          'Only plain objects and arrays can be canonicalised (no Date, Map, class instances)',
        );
      }
      if (Object.getOwnPropertySymbols(value).length > 0) {
        this.fail('unsupported_type', 'Symbol-keyed members have no JSON form');
      }
      const record = value as Record<string, unknown>;
      let out = '{';
      let first = true;
      for (const key of Object.keys(record).sort()) {
        const member = record[key];
        if (member === undefined) continue;
        if (hasLoneSurrogate(key))
          this.fail('lone_surrogate', 'Member name has an unpaired surrogate');
        this.keys.push(key);
        out += `${first ? '' : ','}${JSON.stringify(key)}:${this.value(member)}`;
        this.keys.pop();
        first = false;
      }
      return `${out}}`;
    } finally {
      this.stack.delete(value);
    }
  }
}

/** Deeper than any entry: a structure this deep (or a cycle) goes to the walk, which says why. */
const MAX_FAST_DEPTH = 64;

/**
 * Whether JSON.stringify already writes RFC 8785's text for `value`: plain objects whose
 * member names are in code-unit order (how sealed entries are stored), finite numbers, no
 * `undefined` in arrays, no lone surrogates, nothing JSON cannot hold. Then the engine's own
 * serialiser does the work, several times faster than the walk below, with the same bytes:
 * JSON.stringify escapes strings and writes numbers exactly as RFC 8785 asks, and leaves out
 * `undefined` members as the walk does. Anything else (unsorted members, integer-like names,
 * which engines enumerate first) goes to the walk.
 */
function stringifyIsCanonical(value: unknown, depth: number, surrogates = true): boolean {
  switch (typeof value) {
    case 'string':
      return !surrogates || !hasLoneSurrogate(value);
    case 'number':
      return Number.isFinite(value);
    case 'boolean':
      return true;
    case 'object': {
      if (value === null) return true;
      if (depth > MAX_FAST_DEPTH) return false;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          if (item === undefined || !stringifyIsCanonical(item, depth + 1, surrogates))
            return false;
        }
        return true;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      if (Object.getOwnPropertySymbols(value).length > 0) return false;
      const record = value as Record<string, unknown>;
      let previous: string | null = null;
      for (const key in record) {
        if (previous !== null && !(previous < key)) return false;
        previous = key;
        if (surrogates && hasLoneSurrogate(key)) return false;
        const member = record[key];
        if (member !== undefined && !stringifyIsCanonical(member, depth + 1, surrogates))
          return false;
      }
      return true;
    }
    case 'undefined':
    case 'bigint':
    case 'symbol':
    case 'function':
      return false;
  }
}

function serialise(value: unknown): string {
  if (stringifyIsCanonical(value, 0)) return JSON.stringify(value);
  return new Walk().value(value);
}

/** The canonical JSON text of `value`, or a coded error naming the offending path. */
export function canonicalJson(value: unknown): Result<string, CanonicalJsonErrorCode> {
  try {
    return ok(serialise(value));
  } catch (e) {
    if (e instanceof CanonicalJsonError) return err(e.code, e.message, { path: e.path });
    // A throwing getter or nesting deep enough to exhaust the stack: still not JSON we can hash.
    return err('unsupported_type', `Value cannot be canonicalised: ${String(e)}`);
  }
}

/**
 * A text to compare with a digest of a known canonical text (a sealed journal entry's hash),
 * or null when `value` is not stored the way sealed entries are (then use canonicalJson).
 * Same walk as canonicalJson's fast path but without looking for lone surrogates, the
 * costliest part of it (a regex over every string and member name; the journal's full check
 * walks 100,000 entries). The walk still proves `value` holds nothing but JSON (plain
 * objects in code-unit order, arrays, strings, finite numbers, booleans, null), and for such a
 * value JSON.stringify's text reads back as `value` itself, lone surrogates included (written
 * as `\uXXXX` escapes). So where the digest matches, the text is the canonical one and
 * `value` is what it reads back as, which holds no lone surrogate (canonicalJson refuses
 * them). Never for producing a text to seal: use canonicalJson.
 */
export function textToCheckAgainstDigest(value: unknown): string | null {
  return stringifyIsCanonical(value, 0, false) ? JSON.stringify(value) : null;
}

/** For callers whose contract is a value, not a Result (a broken payload is a programmer error there). */
export function canonicalJsonOrThrow(value: unknown): string {
  return serialise(value);
}
