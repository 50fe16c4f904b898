import { randomBytes } from 'node:crypto';
import { publicKeyFromSeed } from '../../shared/crypto/ed25519';
import type { PublishedCashCodeKey } from '../../shared/sync/contract';
import { deriveKeyId } from '../../shared/tickets/key-ring';
import type { Queryable } from '../db/port';

/** The venue's live key that signs cash-collection codes; its seed never leaves the server. */
export interface VenueCashCodeKey {
  readonly keyId: string;
  readonly seed: Uint8Array;
}

/**
 * The venue's one live signing key, made the first time it is needed (a pull or an issue).
 * Two callers racing both insert a fresh key; the partial unique index keeps exactly one
 * (ON CONFLICT DO NOTHING) and both then read that one.
 */
export async function venueCashCodeKey(db: Queryable, venueId: string): Promise<VenueCashCodeKey> {
  const live = await liveKey(db, venueId);
  if (live !== null) return live;
  const seed = new Uint8Array(randomBytes(32));
  const publicKey = publicKeyFromSeed(seed);
  await db.query(
    `INSERT INTO cash_code_keys (venue_id, key_id, public_key, private_seed)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (venue_id) WHERE retired_at IS NULL DO NOTHING`,
    [
      venueId,
      deriveKeyId(publicKey),
      Buffer.from(publicKey).toString('base64'),
      Buffer.from(seed).toString('base64'),
    ],
  );
  const made = await liveKey(db, venueId);
  if (made === null) throw new Error(`venue ${venueId} has no cash-code key after making one`);
  return made;
}

async function liveKey(db: Queryable, venueId: string): Promise<VenueCashCodeKey | null> {
  const rows = await db.query<{ key_id: string; private_seed: string }>(
    `SELECT key_id, private_seed FROM cash_code_keys WHERE venue_id = $1 AND retired_at IS NULL`,
    [venueId],
  );
  const row = rows[0];
  return row
    ? { keyId: row.key_id, seed: new Uint8Array(Buffer.from(row.private_seed, 'base64')) }
    : null;
}

/**
 * The public halves tills verify codes with, published in every pull like the ticket keys.
 * Retired keys stay listed: a code they signed is still paid until it expires.
 */
export async function readCashCodeKeys(
  db: Queryable,
  venueId: string,
): Promise<PublishedCashCodeKey[]> {
  await venueCashCodeKey(db, venueId);
  const rows = await db.query<{ key_id: string; public_key: string }>(
    `SELECT key_id, public_key FROM cash_code_keys WHERE venue_id = $1 ORDER BY created_at, key_id`,
    [venueId],
  );
  return rows.map((r) => ({ keyId: r.key_id, publicKey: r.public_key }));
}
