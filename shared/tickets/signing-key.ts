import type { Result } from '../util/result';
import { err, ok } from '../util/result';
import type { Ed25519Backend } from '../crypto/ed25519';
import { publicKeyFromSeed } from '../crypto/ed25519';
import { deriveKeyId } from './key-ring';

/**
 * A terminal's ticket-signing identity, made at enrolment. The public half (raw 32 bytes)
 * and the key id go to the server, which publishes them in every terminal's key ring.
 */
export interface TicketSigningKey {
  readonly keyId: string;
  readonly publicKey: Uint8Array;
  /** A 32-byte seed, or a WebCrypto key (non-extractable unless asked otherwise). */
  readonly privateKey: Uint8Array | CryptoKey;
}

/** Deterministic key from a 32-byte seed: fixtures, tests, and keys restored from backup. */
export function signingKeyFromSeed(seed: Uint8Array): Result<TicketSigningKey, 'invalid_key'> {
  if (seed.length !== 32) return err('invalid_key', 'An Ed25519 seed is 32 bytes.');
  const publicKey = publicKeyFromSeed(seed);
  return ok({ keyId: deriveKeyId(publicKey), publicKey, privateKey: seed.slice() });
}

/**
 * A fresh key for enrolment. With 'webcrypto' the private key is a CryptoKey that can be
 * stored in IndexedDB yet never read back out (extractable: false); with 'noble' it is a
 * seed from `randomBytes` (the caller's randomness port; crypto.getRandomValues by default).
 */
export async function generateSigningKey(
  backend: Ed25519Backend,
  options: {
    readonly extractable?: boolean;
    readonly randomBytes?: (n: number) => Uint8Array;
  } = {},
): Promise<TicketSigningKey> {
  if (backend === 'noble') {
    const random =
      options.randomBytes ?? ((n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n)));
    const made = signingKeyFromSeed(random(32));
    if (!made.ok) throw new TypeError('randomBytes(32) must return 32 bytes');
    return made.value;
  }
  const pair = await globalThis.crypto.subtle.generateKey(
    { name: 'Ed25519' },
    options.extractable ?? false,
    ['sign', 'verify'],
  );
  const publicKey = new Uint8Array(await globalThis.crypto.subtle.exportKey('raw', pair.publicKey));
  return { keyId: deriveKeyId(publicKey), publicKey, privateKey: pair.privateKey };
}

/** Raw public key bytes of a WebCrypto public key (what enrolment sends to the server). */
export async function exportRawPublicKey(publicKey: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.exportKey('raw', publicKey));
}
