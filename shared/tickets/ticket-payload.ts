import type { Result } from '../util/result';
import { err, ok } from '../util/result';
import { bytesToHex, hexToBytes } from '../crypto/bytes';
import {
  catalogIdFingerprint,
  catalogIdFingerprintBytes,
  FINGERPRINT_BYTES,
} from './catalog-fingerprint';

/**
 * The signed part of a ticket code, version 1, 38 bytes:
 *
 * | offset | bytes | field |
 * |---|---|---|
 * | 0 | 1 | version (1) |
 * | 1 | 16 | ticket id (UUID) |
 * | 17 | 6 | performance id fingerprint |
 * | 23 | 1 | reference kind: 1 seat, 2 tier (general admission) |
 * | 24 | 6 | seat or tier id fingerprint |
 * | 30 | 4 | issuer key id |
 * | 34 | 4 | issued at, seconds since 1970-01-01T00:00:00Z, unsigned big-endian |
 *
 * With the 64-byte signature that is 102 bytes, 153 base45 characters: under the 160
 * allowed, which is why the code carries the seat *or* the tier (a seated ticket's tier is
 * in the ticket record) and a whole-second issue time.
 */
export const TICKET_CODE_VERSION = 1;
export const TICKET_PAYLOAD_BYTES = 38;
export const KEY_ID_BYTES = 4;

const REF_SEAT = 1;
const REF_TIER = 2;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const KEY_ID = /^[0-9a-f]{8}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** What the domain hands the signer (ids in full). */
export interface TicketSignInput {
  readonly ticketId: string;
  readonly performanceId: string;
  readonly seatId?: string;
  readonly tierId: string;
  readonly issuedAt: string;
}

/** What a code says once decoded (catalog ids as fingerprints, see catalog-fingerprint.ts). */
export interface TicketCodePayload {
  readonly version: number;
  /** Lower-case canonical UUID. */
  readonly ticketId: string;
  readonly performanceRef: string;
  readonly ref: { readonly kind: 'seat' | 'tier'; readonly fingerprint: string };
  readonly keyId: string;
  /** ISO-8601 instant, whole seconds, UTC. */
  readonly issuedAt: string;
}

export type TicketPayloadErrorCode = 'invalid_argument';

export function isKeyId(value: string): boolean {
  return KEY_ID.test(value);
}

/** Builds the binary payload; refuses ids or times a code cannot carry. */
export function encodeTicketPayload(
  input: TicketSignInput,
  keyId: string,
): Result<Uint8Array, TicketPayloadErrorCode> {
  if (!UUID.test(input.ticketId)) {
    return err('invalid_argument', 'Ticket id must be a UUID.', { field: 'ticketId' });
  }
  if (!isKeyId(keyId)) {
    return err('invalid_argument', 'Key id must be 8 lower-case hex characters.', {
      field: 'keyId',
    });
  }
  const ms = ISO_INSTANT.test(input.issuedAt) ? Date.parse(input.issuedAt) : NaN;
  const seconds = Math.floor(ms / 1000);
  if (!Number.isFinite(ms) || seconds < 0 || seconds > 0xffffffff) {
    return err(
      'invalid_argument',
      'Issue time must be an ISO-8601 instant between 1970 and 2106.',
      {
        field: 'issuedAt',
      },
    );
  }
  for (const field of ['performanceId', 'tierId', 'seatId'] as const) {
    const id = input[field];
    if (id !== undefined && (typeof id !== 'string' || id.length === 0)) {
      return err('invalid_argument', `${field} must be a non-empty string.`, { field });
    }
  }
  const out = new Uint8Array(TICKET_PAYLOAD_BYTES);
  const view = new DataView(out.buffer);
  out[0] = TICKET_CODE_VERSION;
  out.set(hexToBytes(input.ticketId.replaceAll('-', '')) ?? new Uint8Array(16), 1);
  out.set(catalogIdFingerprintBytes(input.performanceId), 17);
  const seated = input.seatId !== undefined;
  out[23] = seated ? REF_SEAT : REF_TIER;
  out.set(catalogIdFingerprintBytes(input.seatId ?? input.tierId), 24);
  out.set(hexToBytes(keyId) ?? new Uint8Array(KEY_ID_BYTES), 30);
  view.setUint32(34, seconds);
  return ok(out);
}

function formatUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export type TicketPayloadDecodeError = 'wrong_length' | 'unsupported_version' | 'bad_reference';

/** Decodes a payload; every byte pattern either decodes or yields a coded error. */
export function decodeTicketPayload(
  bytes: Uint8Array,
): Result<TicketCodePayload, TicketPayloadDecodeError> {
  if (bytes.length < 1) return err('wrong_length', 'Ticket payload is empty.');
  if (bytes[0] !== TICKET_CODE_VERSION) {
    return err('unsupported_version', `Ticket code version ${bytes[0]} is not supported.`);
  }
  if (bytes.length !== TICKET_PAYLOAD_BYTES) {
    return err('wrong_length', `Ticket payload must be ${TICKET_PAYLOAD_BYTES} bytes.`);
  }
  const kind = bytes[23] === REF_SEAT ? 'seat' : bytes[23] === REF_TIER ? 'tier' : null;
  if (kind === null) return err('bad_reference', 'Unknown seat/tier reference kind.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return ok({
    version: TICKET_CODE_VERSION,
    ticketId: formatUuid(bytesToHex(bytes.subarray(1, 17))),
    performanceRef: bytesToHex(bytes.subarray(17, 17 + FINGERPRINT_BYTES)),
    ref: { kind, fingerprint: bytesToHex(bytes.subarray(24, 24 + FINGERPRINT_BYTES)) },
    keyId: bytesToHex(bytes.subarray(30, 34)),
    issuedAt: new Date(view.getUint32(34) * 1000).toISOString().replace('.000Z', 'Z'),
  });
}

/**
 * Whether a decoded code names this performance and seat (or, for general admission, this
 * tier). A seated code matches on the seat; its tier is not in the code.
 */
export function ticketPayloadMatches(
  payload: TicketCodePayload,
  ids: { readonly performanceId: string; readonly seatId?: string; readonly tierId: string },
): boolean {
  if (payload.performanceRef !== catalogIdFingerprint(ids.performanceId)) return false;
  if (payload.ref.kind === 'seat') {
    return ids.seatId !== undefined && payload.ref.fingerprint === catalogIdFingerprint(ids.seatId);
  }
  return ids.seatId === undefined && payload.ref.fingerprint === catalogIdFingerprint(ids.tierId);
}
