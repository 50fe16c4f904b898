import { isValidEd25519PublicKey } from '../../shared/crypto/ed25519';
import type { TerminalPrincipal } from '../auth/terminal-auth';
import type { Queryable } from '../db/port';
import { HttpError } from '../http-error';

/**
 * Publishes a key the terminal signs ticket codes with. Keys are checked like the terminal's
 * own at enrolment (canonical, not of small order). A key id names one key forever: the same
 * key again changes nothing, another key under that id is refused (a till that rotates its
 * key gives the new one a new id, and tickets signed with the old one stay verifiable).
 */
export async function registerTicketKey(
  db: Queryable,
  terminal: TerminalPrincipal,
  keyId: string,
  publicKey: string,
): Promise<void> {
  const raw = Buffer.from(publicKey, 'base64');
  if (raw.toString('base64') !== publicKey || !isValidEd25519PublicKey(new Uint8Array(raw))) {
    throw new HttpError(
      400,
      'invalid_public_key',
      'publicKey must be a valid raw Ed25519 public key (32 bytes, base64).',
    );
  }
  const inserted = await db.query(
    `INSERT INTO ticket_keys (venue_id, terminal_id, key_id, public_key) VALUES ($1, $2, $3, $4)
     ON CONFLICT (venue_id, terminal_id, key_id) DO NOTHING RETURNING key_id`,
    [terminal.venueId, terminal.terminalId, keyId, publicKey],
  );
  if (inserted.length > 0) return;
  const rows = await db.query<{ public_key: string }>(
    `SELECT public_key FROM ticket_keys WHERE venue_id = $1 AND terminal_id = $2 AND key_id = $3`,
    [terminal.venueId, terminal.terminalId, keyId],
  );
  if (rows[0]?.public_key !== publicKey) {
    throw new HttpError(
      409,
      'ticket_key_conflict',
      `Ticket key ${keyId} is already registered for terminal ${terminal.terminalId} with another public key; register a new key under a new keyId.`,
    );
  }
}
