import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CanonicalJsonError,
  canonicalJson,
  canonicalJsonOrThrow,
  textToCheckAgainstDigest,
} from '../../shared/crypto/canonical-json';

const text = (value: unknown) => {
  const r = canonicalJson(value);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

describe('canonical JSON (RFC 8785)', () => {
  it('sorts members by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // Read the order off the text: Object.keys would put the integer-like "1" first.
    const order = ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'].map((k) =>
      text(input).indexOf(`${JSON.stringify(k)}:`),
    );
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('reproduces the RFC 8785 §3.2.2 sample', () => {
    const input = {
      // eslint-disable-next-line no-loss-of-precision -- the RFC's own literal; rounding it is the point
      numbers: [333333333.33333329, 1e30, 4.5, 2e-3, 0.000000000000000000000000001],
      string: '\u20ac$\u000F\u000aA\'\u0042\u0022\u005c\\"/',
      literals: [null, true, false],
    };
    expect(text(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it.each([
    [0, '0'],
    [-0, '0'],
    [1, '1'],
    [-1.5, '-1.5'],
    [1e21, '1e+21'],
    [1e-7, '1e-7'],
    [123456789012345680000, '123456789012345680000'],
    [Number.MAX_SAFE_INTEGER, '9007199254740991'],
    [5e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
  ])('writes the number %d as %s (ECMAScript Number#toString)', (n, expected) => {
    expect(text(n)).toBe(expected);
  });

  it('leaves out undefined object members (absent optional fields)', () => {
    expect(text({ b: 1, a: undefined, c: { d: undefined } })).toBe('{"b":1,"c":{}}');
  });

  it('accepts null-prototype objects', () => {
    const o = Object.create(null) as Record<string, unknown>;
    o.z = 1;
    o.a = [true];
    expect(text(o)).toBe('{"a":[true],"z":1}');
  });

  class Ticket {
    id = 'x';
  }
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  const throwingGetter = {
    get boom(): string {
      throw new Error('nope');
    },
  };

  it.each([
    [NaN, 'non_finite_number', '$'],
    [{ a: [1, Infinity] }, 'non_finite_number', '$.a[1]'],
    [{ a: -Infinity }, 'non_finite_number', '$.a'],
    [[1, undefined], 'undefined_in_array', '$[1]'],
    // eslint-disable-next-line no-sparse-arrays -- a hole is what this case is about
    [[1, , 3], 'undefined_in_array', '$[1]'],
    [new Date(0), 'non_plain_object', '$'],
    [{ m: new Map() }, 'non_plain_object', '$.m'],
    [new Ticket(), 'non_plain_object', '$'],
    [new Uint8Array(2), 'non_plain_object', '$'],
    [undefined, 'unsupported_type', '$'],
    [{ n: 10n }, 'unsupported_type', '$.n'],
    [{ f: () => 1 }, 'unsupported_type', '$.f'],
    [Symbol('s'), 'unsupported_type', '$'],
    [{ [Symbol('k')]: 1 }, 'unsupported_type', '$'],
    ['\ud800', 'lone_surrogate', '$'],
    [{ '\udc00x': 1 }, 'lone_surrogate', '$'],
    [cyclic, 'cycle', '$.self'],
  ])('refuses %o with %s at %s', (value, code, path) => {
    const r = canonicalJson(value);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatchObject({ code, details: { path } });
    expect(() => canonicalJsonOrThrow(value)).toThrow(CanonicalJsonError);
  });

  it('turns a throwing getter into a coded error', () => {
    const r = canonicalJson(throwingGetter);
    expect(!r.ok && r.error.code).toBe('unsupported_type');
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { x: 1 };
    expect(text({ a: shared, b: [shared, shared] })).toBe('{"a":{"x":1},"b":[{"x":1},{"x":1}]}');
  });

  it('keeps JSON values intact, is independent of member order and idempotent', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const once = text(value);
        // fc.jsonValue yields -0, which JSON cannot distinguish from 0.
        expect(JSON.parse(once)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(text(JSON.parse(once))).toBe(once);
        const reversed = JSON.parse(JSON.stringify(value), (_k, v: unknown) =>
          v !== null && typeof v === 'object' && !Array.isArray(v)
            ? Object.fromEntries(Object.entries(v).reverse())
            : v,
        ) as unknown;
        expect(text(reversed)).toBe(once);
      }),
    );
  });

  it('members already in order are written by the engine, with the same bytes and the same refusals', () => {
    // Integer-like names are enumerated first by engines, not in code-unit order: the walk.
    expect(text({ 10: 'a', 9: 'b' })).toBe('{"10":"a","9":"b"}');
    expect(text({ a: 1, b: [1, -0, 2.5e-7, 'é"\\'], c: { d: null } })).toBe(
      '{"a":1,"b":[1,0,2.5e-7,"é\\"\\\\"],"c":{"d":null}}',
    );
    // Sorted, yet not JSON: still refused with the walk's code.
    expect(canonicalJson({ a: '\uD800' })).toMatchObject({
      ok: false,
      error: { code: 'lone_surrogate' },
    });
    expect(canonicalJson({ a: [1, undefined] })).toMatchObject({
      ok: false,
      error: { code: 'undefined_in_array' },
    });
    expect(canonicalJson({ a: Number.NaN })).toMatchObject({
      ok: false,
      error: { code: 'non_finite_number' },
    });
    expect(canonicalJson({ a: new Date(0) })).toMatchObject({
      ok: false,
      error: { code: 'non_plain_object' },
    });
  });

  it('a text to check against a digest is the canonical text, or one no canonical text equals', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        // Read back in canonical order, except integer-like names (engines list those first).
        const sorted = JSON.parse(text(value)) as unknown;
        const checked = textToCheckAgainstDigest(sorted);
        if (checked !== null) expect(checked).toBe(text(value));
      }),
    );
    // Every string, lone surrogates included: the same text as canonicalJson's where that has
    // one; otherwise a text that reads back to a value canonicalJson refuses, so no sealed text.
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const checked = textToCheckAgainstDigest({ s })!;
        expect((JSON.parse(checked) as { s: string }).s).toBe(s);
        const canonical = canonicalJson({ s });
        if (canonical.ok) expect(checked).toBe(canonical.value);
        else expect(canonicalJson(JSON.parse(checked)).ok).toBe(false);
      }),
    );
    expect(textToCheckAgainstDigest({ a: [1, { b: 'é', c: null }], d: true })).toBe(
      '{"a":[1,{"b":"é","c":null}],"d":true}',
    );
    // Not stored as sealed entries are (another order, not JSON): the caller takes canonicalJson.
    for (const v of [
      { b: 1, a: 2 },
      { 10: 'a', 9: 'b' },
      { a: new Date(0) },
      { a: new Map() },
      { a: [1, undefined] },
      { a: Number.POSITIVE_INFINITY },
      { a: Object('x') as string },
    ])
      expect(textToCheckAgainstDigest(v)).toBeNull();
  });
});
