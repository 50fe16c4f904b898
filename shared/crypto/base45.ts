import type { Result } from '../util/result';
import { err, ok } from '../util/result';

/**
 * Base45 (RFC 9285): bytes → the 45-character QR alphanumeric set, so a QR code can use
 * alphanumeric mode (5.5 bits per character) instead of byte mode. Two bytes become three
 * characters, a trailing byte two. Decoding is strict: unknown characters, an impossible
 * length, or a chunk whose value is out of range are errors, never silently repaired.
 */
export const BASE45_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

const DECODE = new Map<string, number>([...BASE45_ALPHABET].map((c, i) => [c, i]));

export type Base45ErrorCode = 'invalid_base45';

export function base45Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let n = ((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0);
    const c = n % 45;
    n = (n - c) / 45;
    const d = n % 45;
    const e = (n - d) / 45;
    out += (BASE45_ALPHABET[c] ?? '') + (BASE45_ALPHABET[d] ?? '') + (BASE45_ALPHABET[e] ?? '');
  }
  if (bytes.length % 2 === 1) {
    const n = bytes[bytes.length - 1] ?? 0;
    out += (BASE45_ALPHABET[n % 45] ?? '') + (BASE45_ALPHABET[Math.floor(n / 45)] ?? '');
  }
  return out;
}

export function base45Decode(text: string): Result<Uint8Array, Base45ErrorCode> {
  if (text.length % 3 === 1) {
    return err('invalid_base45', `Base45 text cannot have length ${text.length} (3n+1).`);
  }
  const values: number[] = [];
  for (const char of text) {
    const v = DECODE.get(char);
    if (v === undefined) {
      return err('invalid_base45', 'Base45 text contains a character outside its alphabet.');
    }
    values.push(v);
  }
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let o = 0;
  for (let i = 0; i < values.length; i += 3) {
    const c = values[i] ?? 0;
    const d = values[i + 1] ?? 0;
    if (i + 2 < values.length) {
      const n = c + d * 45 + (values[i + 2] ?? 0) * 45 * 45;
      if (n > 0xffff) return err('invalid_base45', 'Base45 chunk exceeds two bytes.');
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      const n = c + d * 45;
      if (n > 0xff) return err('invalid_base45', 'Base45 final chunk exceeds one byte.');
      out[o++] = n;
    }
  }
  return ok(out);
}
