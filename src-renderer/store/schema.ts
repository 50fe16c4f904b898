import type { Transaction } from 'dexie';
import type { TerminalState } from '../../shared/commands/terminal-state';
import { foldJournal } from './journal-fold';
import type {
  CheckpointRecord,
  JournalRecord,
  PinHash,
  TicketCountRecord,
  TicketRecord,
} from './records';

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

/**
 * v3:
 * - journal records carry `shiftId` (the shift an entry belongs to: its payload's, or the shift
 *   open when it was written) indexed with seq, so an X/Z report reads its shift's entries
 *   instead of the whole journal;
 * - `checkpoints`: per terminal, the last seq/hash and the terminal state folded to it, so
 *   start-up does not fold the whole journal.
 */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  journal: '[terminalId+seq], at, type, [shiftId+seq]',
  checkpoints: 'terminalId',
} as const;

/**
 * v4: tickets indexed by (performance, tier, status), so the GA places sold per tier are
 * counted on the index instead of reading every valid ticket of a performance at each sale.
 */
export const SCHEMA_V4 = {
  ...SCHEMA_V3,
  tickets:
    'id, orderId, performanceId, &code, status, [performanceId+status], [performanceId+tierId+status]',
} as const;

/**
 * v5: `ticketCounts`, the valid tickets per (performance, tier), kept in the same transaction
 * as the tickets themselves; a sale reads those rows instead of counting tickets on an index
 * (an IndexedDB count walks every key in the range: milliseconds on a busy night).
 */
export const SCHEMA_V5 = {
  ...SCHEMA_V4,
  ticketCounts: '[performanceId+tierId], performanceId',
} as const;

/**
 * v6: `venueCounts`, what the venue had free per performance at the server's last answer
 * (issue 12): an offline till still says "the venue still has N (as of …)" after a reload.
 * A new table only: nothing to carry over (the first answer after the upgrade fills it).
 */
export const SCHEMA_V6 = {
  ...SCHEMA_V5,
  venueCounts: 'performanceId',
} as const;

/**
 * v7: `journalPacks`, the journal's entries PACK_SIZE to a row (store/journal-packs.ts): the
 * manager's full check reads 2,000 rows instead of 100,000. A new table only: packed entries'
 * `journal` rows are rewritten slim (same keys and index members) by the packing itself, which
 * runs after start for what an older version stored.
 */
export const SCHEMA_V7 = {
  ...SCHEMA_V6,
  journalPacks: '[terminalId+firstSeq]',
} as const;

/**
 * v8: the indexes no query reads any more are dropped, because every sale paid for them: each
 * ticket wrote six index entries and each journal entry three. Kept: tickets by order and by
 * code (refund search, scanning), the journal by shift (X/Z reports). Dropped: tickets by
 * performance, status, (performance, status) and (performance, tier, status), all superseded by
 * `ticketCounts` (v5); the journal by `at` and by `type`, which nothing ever queried. Measured
 * at 100,000 sales stored, IndexedDB on SQLite: a sale's own requests without these index
 * writes commit about 0.3 ms sooner (p50). IndexedDB deletes the index entries at the upgrade;
 * no row changes.
 */
export const SCHEMA_V8 = {
  ...SCHEMA_V7,
  journal: '[terminalId+seq], [shiftId+seq]',
  tickets: 'id, orderId, &code',
} as const;

export const CURRENT_VERSION = 8;

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

/**
 * The v2 → v3 data upgrade: gives every journal record its `shiftId` and writes each
 * terminal's checkpoint. Only the store's own `shiftId` member is added; the hashed members
 * are left exactly as they were sealed. Records go by primary key, i.e. per terminal in seq
 * order, which is the order the fold needs.
 */
export async function upgradeToV3(tx: Transaction): Promise<void> {
  const folds = new Map<string, { seq: number; hash: string; state: TerminalState | null }>();
  await tx
    .table<JournalRecord, [string, number]>('journal')
    .toCollection()
    .modify((record) => {
      const previous = folds.get(record.terminalId);
      const step = foldJournal(
        record.terminalId,
        previous === undefined ? undefined : previous.state,
        record,
      );
      folds.set(record.terminalId, { seq: record.seq, hash: record.hash, state: step.state });
      if (step.shiftId !== undefined) {
        (record as { shiftId?: string }).shiftId = step.shiftId;
      }
    });
  const checkpoints: CheckpointRecord[] = [];
  for (const [terminalId, fold] of folds) {
    // A journal holding an entry the contract refuses has no trustworthy state to record:
    // start-up then folds from the start and reports the entry.
    if (fold.state !== null) {
      checkpoints.push({ terminalId, seq: fold.seq, hash: fold.hash, state: fold.state });
    }
  }
  await tx.table<CheckpointRecord, string>('checkpoints').bulkPut(checkpoints);
}

/** The v4 → v5 data upgrade: counts the stored valid tickets per (performance, tier) once. */
export async function upgradeToV5(tx: Transaction): Promise<void> {
  const counts = new Map<string, TicketCountRecord>();
  await tx
    .table<TicketRecord, string>('tickets')
    .where('status')
    .equals('valid')
    .each((t) => {
      const key = JSON.stringify([t.performanceId, t.tierId]);
      const before = counts.get(key)?.valid ?? 0;
      counts.set(key, { performanceId: t.performanceId, tierId: t.tierId, valid: before + 1 });
    });
  await tx.table<TicketCountRecord, [string, string]>('ticketCounts').bulkPut([...counts.values()]);
}
