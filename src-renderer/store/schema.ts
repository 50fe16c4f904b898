import type { Transaction } from 'dexie';
import type { PinHash } from './records';

/**
 * Every version of the store's schema, oldest first. A version is never edited once shipped:
 * tills in the field hold data written by it. Add a new version with its upgrade instead,
 * and a test that writes data with the old schema and reads it back through the new one
 * (tests/unit/store-upgrade.test.ts).
 */

/** v1: the first shipped layout. Staff PINs were one `pbkdf2-sha256$iter$salt$hash` string. */
export const SCHEMA_V1 = {
  venue: 'id',
  events: 'id',
  performances: 'id, eventId, startsAt, status',
  tiers: 'id, eventId',
  seatingPlans: 'id',
  policies: 'id',
  priceRules: 'id',
  orders: 'id, receiptNumber, at',
  tickets: 'id, orderId, performanceId, &code, status',
  seatStates: '[performanceId+seatId], performanceId',
  journal: '[terminalId+seq], at, type',
  outbox: '[terminalId+seq]',
  leases: 'id, performanceId, expiresAt',
  settings: 'key',
  staff: 'id',
  counters: 'name',
} as const;

/**
 * v2:
 * - orders are found by (terminal, receipt number): receipt numbers are per terminal, and a
 *   till also holds orders other terminals sold, so the v1 index was ambiguous; plus a
 *   customer key for the refund screen's search;
 * - tickets indexed by (performance, status) for seat and capacity counts;
 * - carts, so a reload resumes the cart in progress;
 * - staff PINs as a structured hash with lockout counters;
 * - performances carry `searchText` (event name + id, lower case) for the search box.
 */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  orders: 'id, [terminalId+receiptNumber], at, customerKey',
  tickets: 'id, orderId, performanceId, &code, status, [performanceId+status]',
  staff: 'id, role',
  carts: 'terminalId',
} as const;

export const CURRENT_VERSION = 2;

/** Parses v1's `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`; null if it is not one. */
export function parseV1PinHash(text: unknown): PinHash | null {
  if (typeof text !== 'string') return null;
  const [scheme, iterations, salt, hash, ...rest] = text.split('$');
  const count = Number(iterations);
  if (
    scheme !== 'pbkdf2-sha256' ||
    rest.length > 0 ||
    !salt ||
    !hash ||
    !Number.isSafeInteger(count) ||
    count < 1
  ) {
    return null;
  }
  return { algorithm: 'PBKDF2-SHA256', iterations: count, salt, hash };
}

interface V1Staff {
  id: string;
  pinHash?: unknown;
  pin?: PinHash;
  failedPins?: number;
  lockedUntil?: string | null;
}

interface V1Performance {
  id: string;
  eventId: string;
  searchText?: string;
}

interface V1Order {
  customerKey?: string;
}

export function performanceSearchText(eventName: string, performanceId: string): string {
  return `${eventName} ${performanceId}`.toLocaleLowerCase();
}

/** The v1 → v2 data upgrade; runs inside Dexie's versionchange transaction. */
export async function upgradeToV2(tx: Transaction): Promise<void> {
  const eventNames = new Map<string, string>();
  await tx
    .table<{ id: string; name: string }, string>('events')
    .each((e) => eventNames.set(e.id, e.name));
  await tx
    .table<V1Performance, string>('performances')
    .toCollection()
    .modify((p) => {
      p.searchText = performanceSearchText(eventNames.get(p.eventId) ?? '', p.id);
    });
  await tx
    .table<V1Staff, string>('staff')
    .toCollection()
    .modify((s, ref) => {
      const pin = parseV1PinHash(s.pinHash);
      if (pin === null) {
        // A PIN we cannot read cannot be checked: drop the record rather than keep a staff
        // member who could never sign in (or worse, one whose check is skipped). A manager
        // re-enrols them; the journal still names them in past entries.
        delete (ref as { value?: unknown }).value;
        return;
      }
      s.pin = pin;
      delete s.pinHash;
      s.failedPins = 0;
      s.lockedUntil = null;
    });
  await tx
    .table<V1Order, string>('orders')
    .toCollection()
    .modify((o) => {
      o.customerKey ??= '';
    });
}
