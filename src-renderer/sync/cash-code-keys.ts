import { isValidEd25519PublicKey } from '../../shared/crypto/ed25519';
import type { PublishedCashCodeKey } from '../../shared/sync/contract';
import type { KeyRing, TicketKey } from '../../shared/tickets/key-ring';
import { createKeyRing, deriveKeyId } from '../../shared/tickets/key-ring';
import type { BoxOfficeDb } from '../store';
import { getSetting, setSetting } from '../store';
import { base64ToBytes } from './ticket-keys';

/**
 * The venue server's cash-collection code keys, as the last pull published them: a till
 * verifies a code with these offline. Kept apart from the ticket keys on purpose — a till's
 * ticket key must never be able to sign a payout (the signatures' contexts differ too).
 */
export const CASH_CODE_KEYS_SETTING = 'cash-code-key-ring';

/** Stores the published keys (bad ones left out, as for tickets); an absent list changes nothing. */
export async function storeCashCodeKeys(
  db: BoxOfficeDb,
  published: readonly PublishedCashCodeKey[] | undefined,
): Promise<void> {
  if (published === undefined) return;
  const keys: TicketKey[] = [];
  for (const p of published) {
    const publicKey = base64ToBytes(p.publicKey);
    if (!isValidEd25519PublicKey(publicKey) || deriveKeyId(publicKey) !== p.keyId) continue;
    if (keys.some((k) => k.keyId === p.keyId)) continue;
    keys.push({ keyId: p.keyId, publicKey, label: 'venue server' });
  }
  // Written only when they changed: a pull every few seconds must not write each time.
  const before = await getSetting(db, CASH_CODE_KEYS_SETTING);
  const ids = (list: unknown): string =>
    Array.isArray(list) ? list.map((k) => (k as TicketKey).keyId).join() : '';
  if (!Array.isArray(before) || ids(before) !== ids(keys))
    await setSetting(db, CASH_CODE_KEYS_SETTING, keys);
}

/** The ring codes are verified with; empty (every code "unknown key") before the first pull. */
export async function loadCashCodeKeyRing(db: BoxOfficeDb): Promise<KeyRing> {
  const stored = await getSetting(db, CASH_CODE_KEYS_SETTING);
  const keys = Array.isArray(stored)
    ? stored.filter(
        (k): k is TicketKey =>
          typeof (k as TicketKey).keyId === 'string' &&
          (k as TicketKey).publicKey instanceof Uint8Array,
      )
    : [];
  const ring = createKeyRing(keys);
  if (ring.ok) return ring.value;
  const empty = createKeyRing([]);
  if (!empty.ok) throw new Error(empty.error.message);
  return empty.value;
}
