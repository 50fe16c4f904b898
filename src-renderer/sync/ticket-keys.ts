import { isValidEd25519PublicKey } from '../../shared/crypto/ed25519';
import type { PublishedTicketKey } from '../../shared/sync/contract';
import type { TicketKey } from '../../shared/tickets/key-ring';
import { deriveKeyId } from '../../shared/tickets/key-ring';
import type { BoxOfficeDb } from '../store';
import { getSetting, setSetting } from '../store';
import { OWN_SIGNING_KEY_SETTING, TRUSTED_KEYS_SETTING } from '../scan/terminal-key-ring';

/** The key id this till last registered with the server (its signing key changes only with a new store). */
export const REGISTERED_KEY_SETTING = 'sync-registered-ticket-key';

export function base64ToBytes(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

export function bytesToBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The venue's published keys as the key ring stores them. A key whose id does not belong to
 * its bytes, or that is no Ed25519 key, is left out: the ring refuses to load with one such
 * key in it, and every other till's tickets would then read "unknown issuer".
 */
export function trustedKeysOf(published: readonly PublishedTicketKey[]): TicketKey[] {
  const keys = new Map<string, TicketKey>();
  for (const p of published) {
    const publicKey = base64ToBytes(p.publicKey);
    if (!isValidEd25519PublicKey(publicKey) || deriveKeyId(publicKey) !== p.keyId) continue;
    const prior = keys.get(p.keyId);
    // Listed twice (two terminals claiming one key): revoked wins, a revocation must stick.
    keys.set(p.keyId, {
      keyId: p.keyId,
      publicKey,
      revoked: p.revoked || prior?.revoked === true,
      label: p.terminalId,
    });
  }
  return [...keys.values()];
}

/** Stores the published keys where the scanner's key ring reads them; true when they changed. */
export async function storeTrustedKeys(
  db: BoxOfficeDb,
  published: readonly PublishedTicketKey[],
): Promise<boolean> {
  const keys = trustedKeysOf(published);
  const before = await getSetting(db, TRUSTED_KEYS_SETTING);
  const same =
    Array.isArray(before) &&
    JSON.stringify(before.map(fingerprint)) === JSON.stringify(keys.map(fingerprint));
  if (!same) await setSetting(db, TRUSTED_KEYS_SETTING, keys);
  return !same;
}

function fingerprint(key: unknown): unknown {
  const k = key as Partial<TicketKey>;
  return [k.keyId, k.revoked === true, k.label];
}

/** This till's own public signing key, if it has made one (see app/ticket-signer.ts). */
export async function ownPublicKey(
  db: BoxOfficeDb,
): Promise<{ readonly keyId: string; readonly publicKey: string } | null> {
  const own = (await getSetting(db, OWN_SIGNING_KEY_SETTING)) as
    { keyId?: unknown; publicKey?: unknown } | undefined;
  if (typeof own?.keyId !== 'string' || !(own.publicKey instanceof Uint8Array)) return null;
  return { keyId: own.keyId, publicKey: bytesToBase64(own.publicKey) };
}
