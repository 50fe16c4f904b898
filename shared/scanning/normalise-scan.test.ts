import { describe, expect, it } from 'vitest';
import { normaliseScan } from './normalise-scan';

describe('normaliseScan', () => {
  it('strips the configured prefix and suffix and framing noise', () => {
    expect(normaliseScan('  ]C1ABC123#\r', { prefix: ']C1', suffix: '#' })).toEqual({
      ok: true,
      value: 'ABC123',
    });
  });

  it('leaves data without the prefix as it is (the prefix is optional on the wire)', () => {
    expect(normaliseScan('ABC', { prefix: '$$' })).toEqual({ ok: true, value: 'ABC' });
  });

  it('keeps inner spaces (part of the QR alphanumeric set)', () => {
    expect(normaliseScan('A B')).toEqual({ ok: true, value: 'A B' });
  });

  it('rejects empty, too long, too short and non-printable scans with typed codes', () => {
    expect(normaliseScan('\r\n')).toMatchObject({ ok: false, error: { code: 'empty' } });
    expect(normaliseScan('$$', { prefix: '$$' })).toMatchObject({
      ok: false,
      error: { code: 'empty' },
    });
    expect(normaliseScan('X'.repeat(11), { maxLength: 10 })).toMatchObject({
      ok: false,
      error: { code: 'too_long', details: { length: 11 } },
    });
    expect(normaliseScan('AB', { minLength: 3 })).toMatchObject({
      ok: false,
      error: { code: 'too_short' },
    });
    expect(normaliseScan('AB\x00CD')).toMatchObject({
      ok: false,
      error: { code: 'invalid_characters', details: { codePoint: 0 } },
    });
    expect(normaliseScan('ДЖ12')).toMatchObject({
      ok: false,
      error: { code: 'invalid_characters', details: { codePoint: 0x414 } },
    });
  });
});
