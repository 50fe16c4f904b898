import { preferredEd25519Backend } from '../../shared/crypto/ed25519';
import type { TicketSigningKey } from '../../shared/tickets/signing-key';
import { generateSigningKey } from '../../shared/tickets/signing-key';
import type { TicketSigner } from '../../shared/tickets/ticket-code';
import { createTicketSigner } from '../../shared/tickets/ticket-code';
import type { Result } from '../../shared/util/result';
import { err } from '../../shared/util/result';
import type { Store, StoreErrorCode } from '../store';
import { getSetting, settingOrPut } from '../store';

const KEY_SETTING = 'ticket-signing-key';

function isSigningKey(value: unknown): value is TicketSigningKey {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<TicketSigningKey>;
  return (
    typeof v.keyId === 'string' && v.publicKey instanceof Uint8Array && v.privateKey !== undefined
  );
}

/**
 * This terminal's ticket-signing identity. Until enrolment with a server exists, the till
 * makes its own key on first run and keeps it in its store (a non-extractable WebCrypto key
 * where Chromium has Ed25519, so page script can sign with it but never read it out).
 */
export async function loadTicketSigner(
  store: Store,
): Promise<Result<TicketSigner, StoreErrorCode | 'signing_failed'>> {
  const backend = await preferredEd25519Backend();
  let key: unknown;
  try {
    key = await getSetting(store.db, KEY_SETTING);
    if (!isSigningKey(key)) {
      // Whichever start stores its key first wins, and every start signs with that one: a
      // till that signed with a key other than the stored one would sell tickets its own
      // scanner calls "unknown issuer".
      key = await settingOrPut(
        store.db,
        KEY_SETTING,
        isSigningKey,
        await generateSigningKey(backend),
      );
    }
  } catch (e) {
    return err('signing_failed', `The till could not create its ticket-signing key: ${String(e)}`);
  }
  if (!isSigningKey(key))
    return err('signing_failed', 'The stored ticket-signing key is unreadable.');
  const stored = key;
  const usable = stored.privateKey instanceof Uint8Array ? backend : 'webcrypto';
  const signer = createTicketSigner(
    { privateKey: stored.privateKey, publicKey: stored.publicKey },
    stored.keyId,
    usable,
  );
  if (!signer.ok) return err('signing_failed', signer.error.message);
  return signer;
}
