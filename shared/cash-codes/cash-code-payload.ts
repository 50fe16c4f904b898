import type { Result } from '../util/result';
import { err, ok } from '../util/result';
import { bytesToHex, hexToBytes } from '../crypto/bytes';
import { catalogIdFingerprint, catalogIdFingerprintBytes } from '../tickets/catalog-fingerprint';
import { isKeyId, KEY_ID_BYTES } from '../tickets/ticket-payload';
import type { Money } from '../money/money';
import { currencySchema } from '../money/currency';
import type { RefundReasonCode } from '../journal/entry-types';
import { cashCodeReasonByte, cashCodeReasonOf } from './cash-code-reason';

/**
 * The signed part of a cash-collection code: a refund the server approved for a cash
 * purchase, to be paid out once at any till (issue 14 item 3). Version 2 (issued since
 * 2026-12-05) carries the request's refund reason, so the till's refund entry — and every
 * by-reason report — names the reason the customer gave, not "customer request". Version 1
 * codes, printed or on phones already, are still read and paid: as reason "customer request",
 * as they always were. Version 2 is 62 + 16·n bytes:
 *
 * | offset | bytes | field |
 * |---|---|---|
 * | 0 | 1 | version (2; 1 in the older codes) |
 * | 1 | 16 | refund request id (UUID) |
 * | 17 | 6 | venue id fingerprint (see catalog-fingerprint.ts) |
 * | 23 | 16 | order id (UUID) |
 * | 39 | 4 | issuer key id (the venue's server key) |
 * | 43 | 4 | issued at, seconds since 1970 UTC (the moment the refund was decided) |
 * | 47 | 4 | expires at, seconds since 1970 UTC |
 * | 51 | 3 | currency, ISO 4217 letters |
 * | 54 | 4 | amount in minor units, unsigned big-endian |
 * | 58 | 2 | override share in basis points (0: none), when a manager approved it outside policy |
 * | 60 | 1 | refund reason (v2 only: CASH_CODE_REASON_BYTES; an unknown byte is refused) |
 * | 61 | 1 | number of tickets n (1–12) — at offset 60 in version 1 |
 * | 62 | 16·n | ticket ids (UUIDs) — at offset 61 in version 1 |
 *
 * The reason byte is inside the signed payload: altering it fails the signature. Full ids
 * (not fingerprints) for the order and tickets: the till must find them in its store and
 * write them into the refund entry. Two tickets make 158 bytes with the signature, about
 * 240 characters with the prefix: a QR code of version 10 or so, fine on a phone or paper.
 */
/** The version the server issues. */
export const CASH_CODE_VERSION = 2;
/** Bytes before the ticket ids in the issued version (the longest of the versions read). */
export const CASH_CODE_FIXED_BYTES = 62;
/** Version 1: no reason byte; the ticket count at 60, the ticket ids from 61. */
const V1_FIXED_BYTES = 61;
const REASON_AT = 60;
export const CASH_CODE_MAX_TICKETS = 12;
const UUID_BYTES = 16;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const CURRENCY = /^[A-Z]{3}$/;

export interface CashCodeInput {
  readonly requestId: string;
  readonly venueId: string;
  readonly orderId: string;
  readonly ticketIds: readonly string[];
  /** Positive, in the order's currency. */
  readonly amount: Money;
  /** When the refund was decided (ISO instant); the till plans the refund as of then. */
  readonly issuedAt: string;
  readonly expiresAt: string;
  /**
   * A manager approved the refund outside the policy's windows: the share (1–10000 bp) the
   * policy's after-deadline override pays, which the till's planRefund applies as of issuedAt.
   */
  readonly overrideBp?: number;
  /** The request's refund reason: the till's refund entry is journaled under it. */
  readonly reasonCode: RefundReasonCode;
}

export interface CashCodePayload {
  readonly version: number;
  /** Lower-case canonical UUIDs. */
  readonly requestId: string;
  readonly venueRef: string;
  readonly orderId: string;
  readonly ticketIds: readonly string[];
  readonly amount: Money;
  readonly keyId: string;
  /** ISO-8601 instants, whole seconds, UTC. */
  readonly issuedAt: string;
  readonly expiresAt: string;
  /** 0: decided within policy. */
  readonly overrideBp: number;
  /** The request's refund reason; `customer_request` for a version 1 code (it had none). */
  readonly reasonCode: RefundReasonCode;
}

export type CashCodePayloadError = 'invalid_argument';

function seconds(iso: string): number | null {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms) || !/^\d{4}-\d{2}-\d{2}T/.test(iso)) return null;
  const s = Math.floor(ms / 1000);
  return s >= 0 && s <= 0xffffffff ? s : null;
}

const bad = (message: string, field: string) => err('invalid_argument', message, { field });

/** Builds the binary payload; refuses what a code cannot carry, naming the field. */
export function encodeCashCodePayload(
  input: CashCodeInput,
  keyId: string,
): Result<Uint8Array, CashCodePayloadError> {
  for (const field of ['requestId', 'orderId'] as const) {
    if (!UUID.test(input[field])) return bad(`${field} must be a UUID.`, field);
  }
  const n = input.ticketIds.length;
  if (n < 1 || n > CASH_CODE_MAX_TICKETS)
    return bad(`A cash code names 1 to ${CASH_CODE_MAX_TICKETS} tickets.`, 'ticketIds');
  if (input.ticketIds.some((id) => !UUID.test(id)))
    return bad('Every ticket id must be a UUID.', 'ticketIds');
  if (new Set(input.ticketIds.map((id) => id.toLowerCase())).size !== n)
    return bad('A ticket is listed twice.', 'ticketIds');
  if (input.venueId.length === 0) return bad('venueId must not be empty.', 'venueId');
  if (!isKeyId(keyId)) return bad('Key id must be 8 lower-case hex characters.', 'keyId');
  const { amount, currency } = input.amount;
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > 0xffffffff)
    return bad('The amount must be a positive whole number of minor units.', 'amount');
  if (!CURRENCY.test(currency)) return bad('The currency must be 3 letters.', 'amount');
  const overrideBp = input.overrideBp ?? 0;
  if (!Number.isInteger(overrideBp) || overrideBp < 0 || overrideBp > 10_000)
    return bad('overrideBp must be 0 to 10000.', 'overrideBp');
  const reasonByte = cashCodeReasonByte(input.reasonCode);
  if (reasonByte === null) return bad('reasonCode must be a refund reason.', 'reasonCode');
  const issued = seconds(input.issuedAt);
  const expires = seconds(input.expiresAt);
  if (issued === null) return bad('issuedAt must be an ISO-8601 instant.', 'issuedAt');
  if (expires === null || expires <= issued)
    return bad('expiresAt must be an ISO-8601 instant after issuedAt.', 'expiresAt');

  const out = new Uint8Array(CASH_CODE_FIXED_BYTES + UUID_BYTES * n);
  const view = new DataView(out.buffer);
  out[0] = CASH_CODE_VERSION;
  out.set(uuidBytes(input.requestId), 1);
  out.set(catalogIdFingerprintBytes(input.venueId), 17);
  out.set(uuidBytes(input.orderId), 23);
  out.set(hexToBytes(keyId) ?? new Uint8Array(KEY_ID_BYTES), 39);
  view.setUint32(43, issued);
  view.setUint32(47, expires);
  for (let i = 0; i < 3; i++) out[51 + i] = currency.charCodeAt(i);
  view.setUint32(54, amount);
  view.setUint16(58, overrideBp);
  out[REASON_AT] = reasonByte;
  out[REASON_AT + 1] = n;
  input.ticketIds.forEach((id, i) => out.set(uuidBytes(id), CASH_CODE_FIXED_BYTES + 16 * i));
  return ok(out);
}

function uuidBytes(id: string): Uint8Array {
  return hexToBytes(id.toLowerCase().replaceAll('-', '')) ?? new Uint8Array(UUID_BYTES);
}

function formatUuid(bytes: Uint8Array): string {
  const hex = bytesToHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const isoOf = (s: number): string => new Date(s * 1000).toISOString().replace('.000Z', 'Z');

export type CashCodePayloadDecodeError =
  'wrong_length' | 'unsupported_version' | 'bad_field' | 'unknown_reason';

/** Decodes a payload of either version; every byte pattern decodes or yields a coded error. */
export function decodeCashCodePayload(
  bytes: Uint8Array,
): Result<CashCodePayload, CashCodePayloadDecodeError> {
  if (bytes.length < 1) return err('wrong_length', 'The cash code is empty.');
  const version = bytes[0];
  if (version !== 1 && version !== CASH_CODE_VERSION)
    return err('unsupported_version', `Cash code version ${version} is not supported.`);
  const fixed = version === 1 ? V1_FIXED_BYTES : CASH_CODE_FIXED_BYTES;
  if (bytes.length < fixed) return err('wrong_length', 'The cash code is cut short.');
  const n = bytes[fixed - 1] ?? 0;
  if (n < 1 || n > CASH_CODE_MAX_TICKETS || bytes.length !== fixed + 16 * n)
    return err('wrong_length', 'The cash code does not hold the tickets it says it holds.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const currency = currencySchema.safeParse(String.fromCharCode(...bytes.subarray(51, 54)));
  if (!currency.success) return err('bad_field', 'The cash code names an unknown currency.');
  const amount = view.getUint32(54);
  if (amount === 0) return err('bad_field', 'The cash code is for no money.');
  const overrideBp = view.getUint16(58);
  if (overrideBp > 10_000) return err('bad_field', 'The cash code names an impossible share.');
  // Version 1 carried no reason: those codes were always paid as a customer's request.
  const reasonCode = version === 1 ? 'customer_request' : cashCodeReasonOf(bytes[REASON_AT] ?? 0);
  if (reasonCode === null)
    return err(
      'unknown_reason',
      `The cash code names a refund reason this till does not know (${bytes[REASON_AT]}): update the till before paying it out.`,
    );
  const ticketIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const at = fixed + 16 * i;
    ticketIds.push(formatUuid(bytes.subarray(at, at + 16)));
  }
  return ok({
    version,
    requestId: formatUuid(bytes.subarray(1, 17)),
    venueRef: bytesToHex(bytes.subarray(17, 23)),
    orderId: formatUuid(bytes.subarray(23, 39)),
    ticketIds,
    amount: { amount, currency: currency.data },
    keyId: bytesToHex(bytes.subarray(39, 43)),
    issuedAt: isoOf(view.getUint32(43)),
    expiresAt: isoOf(view.getUint32(47)),
    overrideBp,
    reasonCode,
  });
}

/** Whether a decoded code was issued for this venue. */
export function cashCodeIsForVenue(payload: CashCodePayload, venueId: string): boolean {
  return payload.venueRef === catalogIdFingerprint(venueId);
}
