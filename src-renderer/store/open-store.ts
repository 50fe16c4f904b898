import type { Result } from '../../shared/util/result';
import { ok } from '../../shared/util/result';
import type { BoxOfficeDbOptions } from './db';
import { BoxOfficeDb } from './db';
import type { StoreErrorCode } from './errors';
import { toStoreError } from './errors';
import { JournalWriter } from './commit-journal';

export type PersistenceState = 'persisted' | 'best_effort' | 'unsupported';

export interface StoreStatus {
  /**
   * Whether the browser promised not to evict this till's data under storage pressure.
   * 'best_effort' means it may: the status bar says so, because an evicted till loses
   * whatever it has not synced yet.
   */
  readonly persistence: PersistenceState;
  readonly schemaVersion: number;
}

export interface OpenStoreOptions extends BoxOfficeDbOptions {
  readonly name?: string;
  readonly terminalId: string;
  readonly clock?: () => Date;
  /** navigator.storage by default; injected in tests. */
  readonly storageManager?: Pick<StorageManager, 'persist' | 'persisted'> | null;
}

export interface Store {
  readonly db: BoxOfficeDb;
  readonly terminalId: string;
  readonly status: StoreStatus;
  readonly writer: JournalWriter;
  /** Bound `writer.commitJournal`: the one commit path for money and inventory. */
  readonly commitJournal: JournalWriter['commitJournal'];
  close(): void;
}

export const DEFAULT_DB_NAME = 'box-office';

async function requestPersistence(
  storage: Pick<StorageManager, 'persist' | 'persisted'> | null | undefined,
): Promise<PersistenceState> {
  if (!storage) return 'unsupported';
  try {
    if (await storage.persisted()) return 'persisted';
    return (await storage.persist()) ? 'persisted' : 'best_effort';
  } catch {
    // A refusal to answer is the same as a "no" for the cashier: data may be evicted.
    return 'best_effort';
  }
}

function defaultStorageManager(): Pick<StorageManager, 'persist' | 'persisted'> | null {
  return typeof navigator !== 'undefined' && 'storage' in navigator ? navigator.storage : null;
}

/** Opens (and if needed upgrades) the till's database and asks for persistent storage. */
export async function openStore(options: OpenStoreOptions): Promise<Result<Store, StoreErrorCode>> {
  const db = new BoxOfficeDb(options.name ?? DEFAULT_DB_NAME, options);
  try {
    await db.open();
    // Staff and their PIN hashes are main's (issue 8 item 5): a store written before keeps
    // none of them. The table stays in the schema, as every shipped version must.
    await db.staff.clear();
  } catch (e) {
    db.close();
    return toStoreError(e, 'unavailable');
  }
  const persistence = await requestPersistence(
    options.storageManager === undefined ? defaultStorageManager() : options.storageManager,
  );
  const writer = new JournalWriter(db, options.terminalId, options.clock);
  return ok({
    db,
    terminalId: options.terminalId,
    status: { persistence, schemaVersion: db.verno },
    writer,
    commitJournal: writer.commitJournal.bind(writer),
    close: () => db.close(),
  });
}
