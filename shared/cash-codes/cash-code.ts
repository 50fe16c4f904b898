import type { Result } from '../util/result';
import { err, ok } from '../util/result';
import { base45Decode, base45Encode } from '../crypto/base45';
import { concatBytes } from '../crypto/bytes';
import type { Ed25519Backend } from '../crypto/ed25519';
import { ed25519Sign, publicKeyFromSeed } from '../crypto/ed25519';
import { deriveKeyId } from '../tickets/key-ring';
import { SIGNATURE_BYTES } from '../tickets/ticket-code';
import type { CashCodeInput, CashCodePayload } from './cash-code-payload';
import {
  CASH_CODE_FIXED_BYTES,
  CASH_CODE_MAX_TICKETS,
  decodeCashCodePayload,
  encodeCashCodePayload,
} from './cash-code-payload';

/**
 * A cash-collection code is `CASH:` + base45(payload ‖ Ed25519 signature). The prefix lets the
 * scan router tell it from a ticket code by its shape (a ticket is bare base45), and stays in
 * the QR alphanumeric set, so the whole code still encodes at 5.5 bits a character. The
 * signature covers its own context label, so no ticket or sync signature can pass as one.
 */
export const CASH_CODE_PREFIX = 'CASH:';
// The context stays "v1" for every payload version: the version byte is inside the signed
// payload, and codes already issued must keep verifying.
const SIGNING_CONTEXT = new TextEncoder().encode('box-office/cash-code/v1\u0000');
const MAX_BYTES = CASH_CODE_FIXED_BYTES + 16 * CASH_CODE_MAX_TICKETS + SIGNATURE_BYTES;
/** Longest code text: checked before decoding, so a runaway scanner costs nothing. */
export const CASH_CODE_MAX_LENGTH = CASH_CODE_PREFIX.length + Math.ceil(MAX_BYTES / 2) * 3;

export function cashCodeSigningMessage(payload: Uint8Array): Uint8Array {
  return concatBytes(SIGNING_CONTEXT, payload);
}

export type SignCashCodeError = 'invalid_argument' | 'invalid_key';

/**
 * Signs a cash code with the venue's server key (a 32-byte seed: the server keeps it, no till
 * ever sees it). The key id is derived from the key, so a code cannot name another key.
 */
export async function signCashCode(
  seed: Uint8Array,
  input: CashCodeInput,
  backend: Ed25519Backend,
): Promise<Result<{ readonly code: string; readonly keyId: string }, SignCashCodeError>> {
  if (seed.length !== 32) return err('invalid_key', 'An Ed25519 seed is 32 bytes.');
  const keyId = deriveKeyId(publicKeyFromSeed(seed));
  const payload = encodeCashCodePayload(input, keyId);
  if (!payload.ok) return payload;
  const signature = await ed25519Sign(seed, cashCodeSigningMessage(payload.value), backend);
  return ok({
    code: CASH_CODE_PREFIX + base45Encode(concatBytes(payload.value, signature)),
    keyId,
  });
}

export interface ParsedCashCode {
  readonly payload: CashCodePayload;
  readonly payloadBytes: Uint8Array;
  readonly signature: Uint8Array;
}

/**
 * Decodes a scanned or typed code without checking its signature. Never throws. `unsupported`:
 * well-formed, but naming a refund reason this till does not know (a newer server's).
 */
export function parseCashCode(code: unknown): Result<ParsedCashCode, 'malformed' | 'unsupported'> {
  if (typeof code !== 'string' || !code.startsWith(CASH_CODE_PREFIX))
    return err('malformed', 'This is not a cash-collection code.');
  if (code.length > CASH_CODE_MAX_LENGTH) return err('malformed', 'The code is too long.');
  const bytes = base45Decode(code.slice(CASH_CODE_PREFIX.length));
  if (!bytes.ok) return err('malformed', bytes.error.message);
  if (bytes.value.length <= SIGNATURE_BYTES) return err('malformed', 'The code is cut short.');
  const cut = bytes.value.length - SIGNATURE_BYTES;
  const payloadBytes = bytes.value.slice(0, cut);
  const payload = decodeCashCodePayload(payloadBytes);
  if (!payload.ok) {
    const code = payload.error.code === 'unknown_reason' ? 'unsupported' : 'malformed';
    return err(code, payload.error.message, { cause: payload.error.code });
  }
  return ok({ payload: payload.value, payloadBytes, signature: bytes.value.slice(cut) });
}
