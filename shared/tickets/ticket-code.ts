import type { Result } from '../util/result';
import { err, ok } from '../util/result';
import { base45Decode, base45Encode } from '../crypto/base45';
import { concatBytes } from '../crypto/bytes';
import type { Ed25519Backend, Ed25519PrivateKey } from '../crypto/ed25519';
import { ed25519Sign, importSeedForWebCrypto, publicKeyFromSeed } from '../crypto/ed25519';
import { deriveKeyId } from './key-ring';
import type { TicketCodePayload, TicketSignInput } from './ticket-payload';
import {
  decodeTicketPayload,
  encodeTicketPayload,
  isKeyId,
  TICKET_PAYLOAD_BYTES,
} from './ticket-payload';

/**
 * A ticket code is base45(payload ‖ Ed25519 signature), 153 characters for version 1. The
 * signature covers a fixed context label followed by the payload, so a terminal key that
 * also signs other things (sync requests, say) can never have one of those accepted as a
 * ticket, or the reverse.
 */
export const SIGNATURE_BYTES = 64;
export const TICKET_CODE_MAX_LENGTH = 160;
const SIGNING_CONTEXT = new TextEncoder().encode('box-office/ticket-code/v1\u0000');

/** What the domain calls when it issues a ticket; resolves to the code text. */
export type TicketSigner = (payload: TicketSignInput) => Promise<string>;

export type TicketCodeErrorCode = 'invalid_argument' | 'invalid_key' | 'signing_failed';

/** The signer's rejection: a typed error with a code, like every boundary here. */
export class TicketCodeError extends Error {
  override name = 'TicketCodeError';
  constructor(
    readonly code: TicketCodeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function ticketSigningMessage(payload: Uint8Array): Uint8Array {
  return concatBytes(SIGNING_CONTEXT, payload);
}

export function encodeTicketCode(payload: Uint8Array, signature: Uint8Array): string {
  return base45Encode(concatBytes(payload, signature));
}

/**
 * A signer bound to one key. `key` is a key pair (its public half is checked against
 * `keyId`) or a bare private key. A CryptoKey needs the 'webcrypto' backend. Refuses a
 * key id that does not derive from the key, so a terminal cannot issue codes that name
 * another terminal's key.
 */
export function createTicketSigner(
  key:
    { readonly privateKey: Ed25519PrivateKey; readonly publicKey?: Uint8Array } | Ed25519PrivateKey,
  keyId: string,
  backend: Ed25519Backend,
): Result<TicketSigner, TicketCodeErrorCode> {
  const pair = key instanceof Uint8Array || isCryptoKey(key) ? { privateKey: key } : key;
  const { privateKey } = pair;
  if (!isKeyId(keyId))
    return err('invalid_argument', 'Key id must be 8 lower-case hex characters.');
  if (privateKey instanceof Uint8Array) {
    if (privateKey.length !== 32) return err('invalid_key', 'An Ed25519 seed is 32 bytes.');
    if (deriveKeyId(publicKeyFromSeed(privateKey)) !== keyId) {
      return err('invalid_key', 'Key id does not belong to this private key.');
    }
  } else if (backend === 'noble') {
    return err('invalid_key', 'A WebCrypto key can only sign with the webcrypto backend.');
  }
  if (pair.publicKey !== undefined && deriveKeyId(pair.publicKey) !== keyId) {
    return err('invalid_key', 'Key id does not belong to this public key.');
  }
  // Import a seed into WebCrypto once, not per ticket.
  let signingKey: Promise<Ed25519PrivateKey> | undefined;
  const seed = privateKey instanceof Uint8Array ? privateKey.slice() : null;
  return ok(async (input) => {
    const payload = encodeTicketPayload(input, keyId);
    if (!payload.ok) throw new TicketCodeError('invalid_argument', payload.error.message);
    try {
      signingKey ??=
        seed !== null && backend === 'webcrypto'
          ? importSeedForWebCrypto(seed)
          : Promise.resolve(seed ?? privateKey);
      const signature = await ed25519Sign(
        await signingKey,
        ticketSigningMessage(payload.value),
        backend,
      );
      return encodeTicketCode(payload.value, signature);
    } catch (e) {
      // e.g. a runtime without WebCrypto Ed25519: say so with a code, not a DOMException.
      signingKey = undefined;
      throw new TicketCodeError('signing_failed', `Could not sign the ticket: ${String(e)}`);
    }
  });
}

function isCryptoKey(value: unknown): value is CryptoKey {
  return typeof CryptoKey !== 'undefined' && value instanceof CryptoKey;
}

export interface ParsedTicketCode {
  readonly payload: TicketCodePayload;
  readonly payloadBytes: Uint8Array;
  readonly signature: Uint8Array;
}

export type ParseTicketCodeError = 'malformed';

/** Decodes a scanned code without checking its signature. Never throws, whatever the input. */
export function parseTicketCode(code: unknown): Result<ParsedTicketCode, ParseTicketCodeError> {
  if (typeof code !== 'string' || code.length === 0) {
    return err('malformed', 'The code is empty.');
  }
  // Checked before decoding so a scanner stuck on repeat cannot make us decode megabytes.
  if (code.length > TICKET_CODE_MAX_LENGTH) return err('malformed', 'The code is too long.');
  const bytes = base45Decode(code);
  if (!bytes.ok) return err('malformed', bytes.error.message);
  const payloadBytes = bytes.value.subarray(0, bytes.value.length - SIGNATURE_BYTES);
  // decodeTicketPayload insists on exactly TICKET_PAYLOAD_BYTES, which fixes the total length.
  const payload = decodeTicketPayload(
    bytes.value.length > SIGNATURE_BYTES ? payloadBytes : new Uint8Array(0),
  );
  if (!payload.ok) return err('malformed', payload.error.message, { cause: payload.error.code });
  return ok({
    payload: payload.value,
    payloadBytes: payloadBytes.slice(),
    signature: bytes.value.slice(TICKET_PAYLOAD_BYTES),
  });
}
