import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/port';

/** How long a cancellation's link refunds: long enough for a customer back from holiday. */
export const REFUND_LINK_DAYS = 90;

/**
 * The keys a venue signs its one-step refund links with (migration 023, `refund_link_key_ring`).
 * One live key signs; rotating retires it and makes a new one. A retired key still opens the
 * links it signed until its `verify_until` — by default their own lifetime (REFUND_LINK_DAYS),
 * so a rotation breaks no link already sent; at once when the key is retired as compromised.
 */
export interface LinkKey {
  readonly keyId: string;
  readonly secret: Buffer;
}

/** The id a link without one was signed with: migration 020's key, carried over as "k0". */
export const LEGACY_KEY_ID = 'k0';

const newKeyId = () => randomBytes(6).toString('base64url');
const newSecret = () => randomBytes(32).toString('base64url');

async function liveKey(db: Queryable, venueId: string): Promise<LinkKey | null> {
  const rows = await db.query<{ key_id: string; secret: string }>(
    `SELECT key_id, secret FROM refund_link_key_ring WHERE venue_id = $1 AND retired_at IS NULL`,
    [venueId],
  );
  const row = rows[0];
  return row ? { keyId: row.key_id, secret: Buffer.from(row.secret, 'base64url') } : null;
}

/**
 * The venue's live link key, made the first time a link is signed. A venue that still has only
 * migration 020's key (written by a node of the release before, during a rolling deploy) takes
 * it over as k0, so its links keep working. Two callers racing keep one (the unique indexes).
 */
export async function venueLinkKey(db: Queryable, venueId: string): Promise<LinkKey> {
  const live = await liveKey(db, venueId);
  if (live !== null) return live;
  const legacy = await db.query<{ secret: string }>(
    `SELECT secret FROM refund_link_keys k WHERE venue_id = $1 AND NOT EXISTS
       (SELECT 1 FROM refund_link_key_ring r WHERE r.venue_id = k.venue_id AND r.key_id = $2)`,
    [venueId, LEGACY_KEY_ID],
  );
  const [keyId, secret] = legacy[0] ? [LEGACY_KEY_ID, legacy[0].secret] : [newKeyId(), newSecret()];
  await db.query(
    `INSERT INTO refund_link_key_ring (venue_id, key_id, secret) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING`,
    [venueId, keyId, secret],
  );
  const made = await liveKey(db, venueId);
  if (made === null) throw new Error(`venue ${venueId} has no refund-link key after making one`);
  return made;
}

/** A key that checks a link: its secret, and until when it still opens links (null: live). */
export interface CheckingKey {
  readonly secret: Buffer;
  readonly verifyUntilMs: number | null;
}

/** The key `keyId` of the venue, live or retired, or null when there is no such key. */
export async function checkingKey(
  db: Queryable,
  venueId: string,
  keyId: string,
): Promise<CheckingKey | null> {
  const rows = await db.query<{ secret: string; verify_until: Date | string | null }>(
    `SELECT secret, verify_until FROM refund_link_key_ring WHERE venue_id = $1 AND key_id = $2`,
    [venueId, keyId],
  );
  const row = rows[0];
  if (row !== undefined) {
    return {
      secret: Buffer.from(row.secret, 'base64url'),
      verifyUntilMs: row.verify_until === null ? null : new Date(row.verify_until).getTime(),
    };
  }
  if (keyId !== LEGACY_KEY_ID) return null;
  // Not taken over yet (no link signed by this release): migration 020's table still holds it.
  const legacy = await db.query<{ secret: string }>(
    `SELECT secret FROM refund_link_keys WHERE venue_id = $1`,
    [venueId],
  );
  return legacy[0]
    ? { secret: Buffer.from(legacy[0].secret, 'base64url'), verifyUntilMs: null }
    : null;
}

export interface Rotation {
  readonly retiredKeyId: string;
  readonly newKeyId: string;
  /** Until when links the retired key signed still open (ISO). */
  readonly oldLinksOpenUntil: string;
}

/**
 * Retires the live key and makes a new one, in `tx`. `retireNow`: the old key opens nothing
 * from now on (it leaked); otherwise its links keep working for their whole lifetime.
 */
export async function rotateLinkKey(
  tx: Queryable,
  venueId: string,
  nowMs: number,
  retireNow: boolean,
): Promise<Rotation> {
  const old = await venueLinkKey(tx, venueId);
  const until = new Date(retireNow ? nowMs : nowMs + REFUND_LINK_DAYS * 86_400_000);
  const retired = await tx.query(
    `UPDATE refund_link_key_ring SET retired_at = $3, verify_until = $4
      WHERE venue_id = $1 AND key_id = $2 AND retired_at IS NULL RETURNING key_id`,
    [venueId, old.keyId, new Date(nowMs), until],
  );
  if (retired.length === 0) throw new Error('the live refund-link key changed during a rotation');
  const keyId = newKeyId();
  await tx.query(
    `INSERT INTO refund_link_key_ring (venue_id, key_id, secret, created_at) VALUES ($1, $2, $3, $4)`,
    [venueId, keyId, newSecret(), new Date(nowMs)],
  );
  return { retiredKeyId: old.keyId, newKeyId: keyId, oldLinksOpenUntil: until.toISOString() };
}

export interface LinkKeyView {
  readonly keyId: string;
  readonly createdAt: string;
  readonly retiredAt: string | null;
  readonly opensLinksUntil: string | null;
}

/** The venue's keys, newest first (never their secrets): what the back office lists. */
export async function listLinkKeys(db: Queryable, venueId: string): Promise<LinkKeyView[]> {
  const rows = await db.query<{
    key_id: string;
    created_at: Date | string;
    retired_at: Date | string | null;
    verify_until: Date | string | null;
  }>(
    `SELECT key_id, created_at, retired_at, verify_until FROM refund_link_key_ring
      WHERE venue_id = $1 ORDER BY retired_at IS NULL DESC, created_at DESC, key_id`,
    [venueId],
  );
  const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
  return rows.map((r) => ({
    keyId: r.key_id,
    createdAt: new Date(r.created_at).toISOString(),
    retiredAt: iso(r.retired_at),
    opensLinksUntil: iso(r.verify_until),
  }));
}
