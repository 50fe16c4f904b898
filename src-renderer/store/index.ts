export { BoxOfficeDb, commitTables, type BoxOfficeDbOptions } from './db';
export * from './records';
export {
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_V3,
  SCHEMA_V4,
  SCHEMA_V5,
  SCHEMA_V6,
  SCHEMA_V7,
  SCHEMA_V8,
  CURRENT_VERSION,
  upgradeToV2,
  upgradeToV3,
  upgradeToV5,
  parseV1PinHash,
  performanceSearchText,
} from './schema';
export { STORE_ERROR_MESSAGES, StoreError, toStoreError, type StoreErrorCode } from './errors';
export { readJournalEntry, shiftOf } from './journal-fold';
export {
  packBacklog,
  packBacklogWhenIdle,
  packedCounterName,
  readEntries,
  verifyPackedChain,
  PACK_SIZE,
} from './journal-packs';
export { assertStrictTransaction, journalDurabilityGuard } from './durability-guard';
export {
  JournalWriter,
  readTail,
  type ApplyProjections,
  type CommitOutcome,
  type DraftContext,
  type DraftSource,
  type ProjectionContext,
} from './commit-journal';
export {
  openStore,
  DEFAULT_DB_NAME,
  type OpenStoreOptions,
  type PersistenceState,
  type Store,
  type StoreStatus,
} from './open-store';
export * from './queries';
export {
  getSetting,
  setSetting,
  settingOrPut,
  localePreference,
  localeSettingKey,
  cartTimeoutSettingKey,
  cartTimeoutMs,
} from './settings';
export { saveCart, loadCart, clearCart, clearCartInCommit } from './carts';
export { currentIdbTransaction, writeRows } from './raw-requests';
export { readSaleStock, type PerformanceStock } from './sale-stock';
export {
  blocksHolder,
  holdSeatRows,
  releaseSeatRows,
  markSeatsSold,
  soldSeatRows,
  type IssuedTicket,
  renewSeatRows,
  seatsTakenFrom,
  serverHoldsOf,
  tagServerHold,
} from './seat-holds';
export {
  replaceCatalog,
  catalogVersion,
  catalogCurrentAt,
  markCatalogCurrent,
} from './catalog-replica';
export { addTickets, holdsPlace, setTicketStatus, validTicketsByTier } from './ticket-counts';
export type { ValidCounts } from './ticket-counts';
export {
  endLease,
  gaSoldHereSince,
  keepLease,
  liveLeases,
  soldHereSince,
  unendedLeases,
} from './leases';
export { browserLocks, type TillLocks } from './web-locks';
export { keepVenueCount, venueCountOf } from './venue-counts';
