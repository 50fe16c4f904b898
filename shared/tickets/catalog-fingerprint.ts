import { bytesToHex } from '../crypto/bytes';
import { sha256Sync } from '../crypto/sha256';

/**
 * Catalog ids (performance, seat, tier) are strings of up to 40 characters: far too long
 * for a QR ticket code. A code carries a 6-byte fingerprint instead, the first 48 bits of
 * SHA-256 over the id's UTF-8 bytes. Any terminal holding the catalog recomputes the
 * fingerprints and matches a scanned code to its performance and seat, including tickets
 * another terminal sold offline.
 *
 * Collision odds: for n ids compared against one fingerprint space of 2^48, the chance that
 * any two collide is about n² / 2^49. A venue with 10,000 performances: ≈ 1.8 · 10⁻⁷; a
 * performance with 100,000 seats: ≈ 1.8 · 10⁻⁵ (but seats are only ever compared within the
 * one performance the code names). A collision cannot forge anything (the code is signed),
 * it only makes a lookup ambiguous, which catalogFingerprintIndex reports rather than hides.
 */
export const FINGERPRINT_BYTES = 6;

export function catalogIdFingerprintBytes(id: string): Uint8Array {
  return sha256Sync(id).subarray(0, FINGERPRINT_BYTES);
}

/** 12 lower-case hex characters. */
export function catalogIdFingerprint(id: string): string {
  return bytesToHex(catalogIdFingerprintBytes(id));
}

/**
 * fingerprint → ids. A list, not one id, so that a collision shows up as two candidates
 * instead of one id silently shadowing the other.
 */
export function catalogFingerprintIndex(
  ids: Iterable<string>,
): ReadonlyMap<string, readonly string[]> {
  const index = new Map<string, string[]>();
  for (const id of ids) {
    const fp = catalogIdFingerprint(id);
    const list = index.get(fp);
    if (list === undefined) index.set(fp, [id]);
    else if (!list.includes(id)) list.push(id);
  }
  return index;
}
