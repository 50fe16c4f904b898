import type {
  Event,
  Performance,
  PriceTier,
  SeatingPlan,
  Venue,
} from '../../shared/catalog/schemas';
import type { PriceRule } from '../../shared/catalog/price-rules';
import type { Role } from '../../shared/catalog/roles';
import type { ShiftTally } from '../../shared/shift/tally';
import type { TerminalState } from '../../shared/commands/terminal-state';
import type { JournalEntry } from '../../shared/journal/chain';
import type { Money } from '../../shared/money';
import type { RefundPolicy } from '../../shared/refund-policy/policy-schema';

/**
 * What the store keeps, table by table. Domain objects are stored as the domain defines them;
 * a record adds only the fields IndexedDB must index (a record's index fields are copied out
 * of the domain object by the repository that writes it, never edited on their own).
 */

export type VenueRecord = Venue;
export type EventRecord = Event;
/** `searchText`: lower-cased event name + performance id, for the sell screen's search box (v2). */
export type PerformanceRecord = Performance & { readonly searchText: string };
export type TierRecord = PriceTier;
export type SeatingPlanRecord = SeatingPlan;
export type PolicyRecord = RefundPolicy;
export type PriceRuleRecord = PriceRule;

export type OrderStatus = 'completed' | 'partially_refunded' | 'refunded' | 'exchanged' | 'voided';

export interface OrderRecord<O = unknown> {
  readonly id: string;
  readonly terminalId: string;
  /** Gapless per terminal; taken from the receipt counter inside the commit transaction. */
  readonly receiptNumber: number;
  readonly at: string;
  readonly status: OrderStatus;
  readonly total: Money;
  /** Lower-cased customer name/e-mail for the refund screen's customer search; '' for walk-ins. */
  readonly customerKey: string;
  readonly performanceIds: readonly string[];
  /** The domain's order as the sell command produced it. */
  readonly order: O;
}

export type TicketStatus = 'valid' | 'used' | 'refunded' | 'voided' | 'exchanged';

export interface TicketRecord<T = unknown> {
  readonly id: string;
  readonly orderId: string;
  readonly performanceId: string;
  /** The signed code printed on the ticket (what a scanner reads). */
  readonly code: string;
  readonly status: TicketStatus;
  readonly tierId: string;
  readonly seatId?: string;
  readonly ticket: T;
}

/**
 * How many valid tickets of one tier of a performance the store holds: kept by every write
 * that adds a ticket or changes its status (store/ticket-counts.ts), in the same transaction,
 * so a sale reads one small row per tier instead of counting the performance's tickets.
 */
export interface TicketCountRecord {
  readonly performanceId: string;
  readonly tierId: string;
  readonly valid: number;
}

export type SeatState = 'sold' | 'held' | 'leased';

export interface SeatStateRecord {
  readonly performanceId: string;
  readonly seatId: string;
  readonly state: SeatState;
  readonly ticketId?: string;
  /** A cart's hold or a lease: when the seat returns to sale if nothing happens. */
  readonly until?: string;
  /**
   * A hold only: the cart holding the seat, so that cart (and no other) may sell it and
   * release it. Not indexed: holds are looked up by performance.
   */
  readonly holdId?: string;
  /** A hold only, on an enrolled till: the server's hold of the seat for this cart. */
  readonly serverHoldId?: string;
}

/**
 * A journal entry as stored: the sealed entry (payload not yet validated: read it through
 * `readJournalEntry`) plus `shiftId`, which the store adds for the `[shiftId+seq]` index (v3)
 * so a shift report reads its own entries only. `shiftId` is outside the hashed members.
 */
export type JournalRecord = JournalEntry & { readonly shiftId?: string };

/**
 * A journal row whose entry lives in a pack (v7, store/journal-packs.ts): the members the
 * indexes and the chain's anchors need, without payload. Read it through `readEntries`.
 */
export interface PackedJournalRecord {
  readonly terminalId: string;
  readonly seq: number;
  readonly at: string;
  readonly type: string;
  readonly shiftId?: string;
  readonly hash: string;
  readonly packed: true;
}

/** What a `journal` row holds: a whole entry (the unpacked tail) or a packed entry's index. */
export type StoredJournalRecord = JournalRecord | PackedJournalRecord;

/**
 * PACK_SIZE consecutive entries of one terminal as one row (v7), so reading the whole journal
 * costs one IndexedDB row per pack instead of one per entry. `lines` holds each entry's hashed
 * text (the canonical JSON its hash covers), '\n'-joined, seqs firstSeq..lastSeq. An entry's
 * hash is the next line's `prevHash`, and the last one's is `lastHash`.
 */
export interface JournalPackRecord {
  readonly terminalId: string;
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly lastHash: string;
  readonly lines: string;
}

/**
 * Where a terminal's journal stood after its last commit, with the terminal state folded up
 * to there (v3): start-up reads this row plus any entries after `seq` instead of folding the
 * whole journal. Written in the same strict transaction as every commit.
 */
export interface CheckpointRecord {
  readonly terminalId: string;
  readonly seq: number;
  readonly hash: string;
  readonly state: TerminalState;
  /**
   * The open shift's running tally at `seq` (null when no shift is open), so an X report or
   * a drawer check reads this row instead of the shift's entries. Absent in checkpoints
   * written before it existed: start-up then tallies the open shift from its entries once.
   */
  readonly shift?: ShiftTally | null;
}

/** A journal entry not yet accepted by the server; the entry itself stays in `journal`. */
export interface OutboxRecord {
  readonly terminalId: string;
  readonly seq: number;
  readonly enqueuedAt: string;
}

/**
 * Places this till may sell without asking anyone. A demo till's store holds one lease per
 * performance for the whole house (`demo-…` ids, no `serverLeaseId`): it is the venue. An
 * enrolled till's leases are the server's (issue 12): a seat block or one GA tier's slice,
 * checked out while online for selling offline, until `expiresAt` or until given back.
 */
export interface LeaseRecord {
  readonly id: string;
  readonly performanceId: string;
  readonly kind: 'seats' | 'ga';
  readonly seatIds?: readonly string[];
  readonly quantity?: number;
  readonly expiresAt: string;
  /** The server's lease this record is part of (a lease of seats and GA is two records). */
  readonly serverLeaseId?: string;
  /** GA: the tier whose places these are. */
  readonly tierId?: string;
  /** When the server checked it out (GA sold here since then counts against it). */
  readonly checkedOutAt?: string;
  /** Given back to the venue (returned or found ended): no longer sold from. */
  readonly endedAt?: string;
}

export interface SettingRecord {
  readonly key: string;
  readonly value: unknown;
}

export interface PinHash {
  readonly algorithm: 'PBKDF2-SHA256';
  readonly iterations: number;
  /** base64 */
  readonly salt: string;
  /** base64 */
  readonly hash: string;
}

export interface StaffRecord {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly pin: PinHash;
  /** Wrong PINs since the last good one or the last lockout. */
  readonly failedPins: number;
  /** ISO instant; null when not locked. */
  readonly lockedUntil: string | null;
}

/** The in-progress cart of a terminal, saved on every change so a reload resumes it. */
export interface CartRecord<C = unknown> {
  readonly terminalId: string;
  readonly updatedAt: string;
  readonly cart: C;
}

export interface CounterRecord {
  /** e.g. `receipt:<terminalId>` */
  readonly name: string;
  readonly value: number;
}

export function receiptCounterName(terminalId: string, training = false): string {
  return `${training ? 'receipt-training' : 'receipt'}:${terminalId}`;
}

/**
 * What the venue had free of a performance at the server's last answer to this till (v6):
 * seats and GA places per tier, and when. Offline it is all the till knows of the venue.
 */
export interface VenueCountRecord {
  readonly performanceId: string;
  readonly seats: number;
  readonly ga: Readonly<Record<string, number>>;
  /** When the server said so (ISO instant). */
  readonly at: string;
}
