import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, toArrayBufferView } from './bytes';

const utf8 = new TextEncoder();

/**
 * SHA-256 through WebCrypto: present in Node 20 (globalThis.crypto) and in the renderer, and
 * native there, so journal hashing costs little on either side.
 */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  // A string's bytes are encoded for this call alone, so no caller can change them while the
  // digest runs and they need no copy (the journal's checks hash 100,000 texts of ~3.5 kB);
  // caller-owned bytes are copied.
  const bytes = typeof data === 'string' ? utf8.encode(data) : toArrayBufferView(data);
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return bytesToHex(new Uint8Array(digest));
}

/**
 * Synchronous SHA-256 (pure JS) for places that cannot await, such as fingerprinting catalog
 * ids while building a ticket payload or indexing a catalog for code lookups.
 */
export function sha256Sync(data: Uint8Array | string): Uint8Array {
  return sha256(typeof data === 'string' ? utf8.encode(data) : data);
}

/**
 * sha256Sync as hex. A sealing till hashes a few entries of a few kB each per commit: pure JS
 * takes about 0.04 ms for one, less than WebCrypto's round trip to its worker thread.
 */
export function sha256HexSync(data: Uint8Array | string): string {
  return bytesToHex(sha256Sync(data));
}
