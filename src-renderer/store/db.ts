import type { Table } from 'dexie';
import Dexie from 'dexie';
import { journalDurabilityGuard } from './durability-guard';
import type {
  CartRecord,
  CheckpointRecord,
  CounterRecord,
  EventRecord,
  JournalPackRecord,
  LeaseRecord,
  OrderRecord,
  OutboxRecord,
  PerformanceRecord,
  PolicyRecord,
  PriceRuleRecord,
  SeatingPlanRecord,
  SeatStateRecord,
  SettingRecord,
  StaffRecord,
  StoredJournalRecord,
  TicketCountRecord,
  TicketRecord,
  TierRecord,
  VenueCountRecord,
  VenueRecord,
} from './records';
import {
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_V3,
  SCHEMA_V4,
  SCHEMA_V5,
  SCHEMA_V6,
  SCHEMA_V7,
  SCHEMA_V8,
  upgradeToV2,
  upgradeToV3,
  upgradeToV5,
} from './schema';

export interface BoxOfficeDbOptions {
  /** Injected in unit tests (fake-indexeddb); the browser's own otherwise. */
  readonly indexedDB?: IDBFactory;
  readonly IDBKeyRange?: typeof IDBKeyRange;
  /**
   * Only tests pass anything but 'strict' here — to prove the journal guard refuses it.
   * Every transaction of this database is opened with this durability.
   */
  readonly durability?: 'strict' | 'default' | 'relaxed';
}

/**
 * The till's IndexedDB database. All transactions are opened with durability 'strict'
 * (Chromium otherwise acknowledges a commit before it is flushed to disk); the cost, about
 * 1.5 ms per transaction, is paid by every write, which at box-office rates is nothing
 * against losing a sale. The journal guard refuses journal writes in any other mode.
 */
export class BoxOfficeDb extends Dexie {
  // `declare`: Dexie assigns the tables in version().stores(); a class field would reset them.
  declare readonly venue: Table<VenueRecord, string>;
  declare readonly events: Table<EventRecord, string>;
  declare readonly performances: Table<PerformanceRecord, string>;
  declare readonly tiers: Table<TierRecord, string>;
  declare readonly seatingPlans: Table<SeatingPlanRecord, string>;
  declare readonly policies: Table<PolicyRecord, string>;
  declare readonly priceRules: Table<PriceRuleRecord, string>;
  declare readonly orders: Table<OrderRecord, string>;
  declare readonly tickets: Table<TicketRecord, string>;
  declare readonly seatStates: Table<SeatStateRecord, [string, string]>;
  declare readonly journal: Table<StoredJournalRecord, [string, number]>;
  declare readonly journalPacks: Table<JournalPackRecord, [string, number]>;
  declare readonly outbox: Table<OutboxRecord, [string, number]>;
  declare readonly leases: Table<LeaseRecord, string>;
  declare readonly settings: Table<SettingRecord, string>;
  declare readonly staff: Table<StaffRecord, string>;
  declare readonly carts: Table<CartRecord, string>;
  declare readonly counters: Table<CounterRecord, string>;
  declare readonly checkpoints: Table<CheckpointRecord, string>;
  declare readonly ticketCounts: Table<TicketCountRecord, [string, string]>;
  declare readonly venueCounts: Table<VenueCountRecord, string>;

  constructor(name: string, options: BoxOfficeDbOptions = {}) {
    super(name, {
      chromeTransactionDurability: options.durability ?? 'strict',
      ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
      ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
    });
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2);
    this.version(3).stores(SCHEMA_V3).upgrade(upgradeToV3);
    // v4 only adds an index: IndexedDB builds it from the stored tickets, no rewrite needed.
    this.version(4).stores(SCHEMA_V4);
    this.version(5).stores(SCHEMA_V5).upgrade(upgradeToV5);
    // v6 only adds a table the next availability answer fills.
    this.version(6).stores(SCHEMA_V6);
    // v7 only adds the packs table; packing what older versions stored runs after start.
    this.version(7).stores(SCHEMA_V7);
    // v8 only drops indexes nothing reads (schema.ts says which and why).
    this.version(8).stores(SCHEMA_V8);
    this.use(journalDurabilityGuard);
  }
}

/** The tables one money/inventory commit may touch (the journal entry and its projections). */
export function commitTables(db: BoxOfficeDb): Table[] {
  return [
    db.journal,
    db.journalPacks,
    db.outbox,
    db.counters,
    db.checkpoints,
    db.orders,
    db.tickets,
    db.ticketCounts,
    db.seatStates,
    db.leases,
    db.carts,
  ];
}
