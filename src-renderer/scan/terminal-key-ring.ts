import type { KeyRing, KeyRingErrorCode, TicketKey } from '../../shared/tickets/key-ring';
import { createKeyRing } from '../../shared/tickets/key-ring';
import type { Result } from '../../shared/util/result';
import type { BoxOfficeDb } from '../store/db';
import { getSetting } from '../store/settings';

/** Setting holding this terminal's own signing key (written by src-renderer/app/ticket-signer.ts). */
export const OWN_SIGNING_KEY_SETTING = 'ticket-signing-key';
/** Setting holding the issuer keys pulled from the server: `TicketKey[]` (revoked ones included). */
export const TRUSTED_KEYS_SETTING = 'ticket-key-ring';

function isTicketKey(value: unknown): value is TicketKey {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Record<keyof TicketKey, unknown>>;
  return (
    typeof v.keyId === 'string' &&
    v.publicKey instanceof Uint8Array &&
    (v.revoked === undefined || typeof v.revoked === 'boolean')
  );
}

/**
 * The keys this terminal trusts for ticket codes: the issuers the server published, plus the
 * terminal's own key (so tickets it sold offline before its first sync verify too). When the
 * server's list has the own key (possibly revoked) that entry wins: a revocation must stick.
 * Records that are not keys are skipped, not fatal: a scan should still work with the rest.
 */
export async function loadTerminalKeyRing(
  db: BoxOfficeDb,
): Promise<Result<KeyRing, KeyRingErrorCode>> {
  const [own, published] = await Promise.all([
    getSetting(db, OWN_SIGNING_KEY_SETTING),
    getSetting(db, TRUSTED_KEYS_SETTING),
  ]);
  const keys = new Map<string, TicketKey>();
  if (isTicketKey(own))
    keys.set(own.keyId, { keyId: own.keyId, publicKey: own.publicKey, label: 'this terminal' });
  if (Array.isArray(published)) {
    for (const key of published) if (isTicketKey(key)) keys.set(key.keyId, key);
  }
  return createKeyRing([...keys.values()]);
}
