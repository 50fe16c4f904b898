import type { Result } from '../util/result';
import { err, ok } from '../util/result';
import { bytesToHex } from '../crypto/bytes';
import { sha256Sync } from '../crypto/sha256';
import { isValidEd25519PublicKey } from '../crypto/ed25519';
import { KEY_ID_BYTES } from './ticket-payload';

/**
 * The public keys a terminal trusts for ticket codes: one per enrolled issuing terminal
 * (and the server), each with an id the code carries. A revoked key stays in the ring so
 * its codes read "revoked" rather than "unknown key": staff then know the ticket was
 * issued by a real terminal whose key was later withdrawn (lost or stolen).
 */
export interface TicketKey {
  readonly keyId: string;
  /** Raw 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
  readonly revoked?: boolean;
  /** For people: which terminal or service holds the private half. */
  readonly label?: string;
}

export interface KeyRing {
  get(keyId: string): TicketKey | undefined;
  readonly keys: readonly TicketKey[];
}

export type KeyRingErrorCode = 'invalid_key' | 'key_id_mismatch' | 'duplicate_key_id';

/**
 * Key id = first 4 bytes of SHA-256 over the raw public key, as 8 hex characters. Derived
 * rather than assigned, so a code's key id cannot point at a different key than the one
 * enrolled. With k keys in a ring, two ids collide with probability ≈ k² / 2^33 (1.2 · 10⁻⁶
 * for 100 keys); createKeyRing refuses a collision, and enrolment then makes a new key.
 */
export function deriveKeyId(publicKey: Uint8Array): string {
  return bytesToHex(sha256Sync(publicKey).subarray(0, KEY_ID_BYTES));
}

export function createKeyRing(keys: readonly TicketKey[]): Result<KeyRing, KeyRingErrorCode> {
  const byId = new Map<string, TicketKey>();
  for (const key of keys) {
    if (!isValidEd25519PublicKey(key.publicKey)) {
      return err('invalid_key', `Key ${key.keyId} is not a valid Ed25519 public key.`, {
        keyId: key.keyId,
      });
    }
    if (deriveKeyId(key.publicKey) !== key.keyId) {
      return err('key_id_mismatch', `Key id ${key.keyId} does not belong to its public key.`, {
        keyId: key.keyId,
      });
    }
    if (byId.has(key.keyId)) {
      return err('duplicate_key_id', `Key id ${key.keyId} appears twice.`, { keyId: key.keyId });
    }
    // Copy the bytes: a caller mutating its array later must not change a trusted key.
    byId.set(key.keyId, { ...key, publicKey: key.publicKey.slice() });
  }
  const frozen = [...byId.values()];
  return ok({ get: (keyId) => byId.get(keyId), keys: frozen });
}
