import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASE45_ALPHABET, base45Decode, base45Encode } from '../../shared/crypto/base45';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('base45 (RFC 9285)', () => {
  it.each([
    ['AB', 'BB8'],
    ['Hello!!', '%69 VD92EX0'],
    ['base-45', 'UJCLQE7W581'],
    ['ietf!', 'QED8WEX0'],
    ['', ''],
  ])('encodes %j as %j and back (RFC 9285 §4.3 examples)', (plain, encoded) => {
    expect(base45Encode(utf8(plain))).toBe(encoded);
    const decoded = base45Decode(encoded);
    expect(decoded.ok && new TextDecoder().decode(decoded.value)).toBe(plain);
  });

  it.each([
    ['GGW', 'chunk above 65535 (RFC 9285 §6)'],
    ['ZZZ', 'chunk far above 65535'],
    [':Z', 'final pair above 255'],
    ['A', 'length 3n+1'],
    ['BB8A', 'length 3n+1 after a group'],
    ['bb8', 'lower case'],
    ['BB#', 'character outside the alphabet'],
    ['BB😀', 'astral character'],
  ])('rejects %j (%s)', (text) => {
    const decoded = base45Decode(text);
    expect(decoded.ok).toBe(false);
    expect(!decoded.ok && decoded.error.code).toBe('invalid_base45');
  });

  it('round-trips any bytes through the QR alphanumeric set only', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = base45Encode(bytes);
        expect([...text].every((c) => BASE45_ALPHABET.includes(c))).toBe(true);
        expect(text.length).toBe(Math.floor(bytes.length / 2) * 3 + (bytes.length % 2) * 2);
        const back = base45Decode(text);
        expect(back.ok && Array.from(back.value)).toEqual(Array.from(bytes));
      }),
    );
  });

  it('decodes any text to bytes or a coded error, never a throw, and re-encodes exactly', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom(...BASE45_ALPHABET) })),
        (text) => {
          const decoded = base45Decode(text);
          // Strict decoding is a bijection: whatever decodes re-encodes to the same text.
          if (decoded.ok) expect(base45Encode(decoded.value)).toBe(text);
        },
      ),
    );
  });
});
