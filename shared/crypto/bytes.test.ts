import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from './bytes';

describe('hex', () => {
  it('spells every byte as two lower-case digits and reads them back', () => {
    expect(bytesToHex(Uint8Array.of(0, 1, 9, 10, 15, 16, 127, 128, 171, 254, 255))).toBe(
      '0001090a0f107f80abfeff',
    );
    expect(bytesToHex(new Uint8Array(0))).toBe('');
    fc.assert(
      fc.property(fc.uint8Array(), (bytes) => {
        const hex = bytesToHex(bytes);
        expect(hex).toMatch(/^(?:[0-9a-f]{2})*$/);
        expect(hexToBytes(hex)).toEqual(bytes);
      }),
    );
  });
});
