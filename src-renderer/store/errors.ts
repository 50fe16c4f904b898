import type { Err } from '../../shared/util/result';
import { err } from '../../shared/util/result';
import { JournalSealError } from '../../shared/journal/chain';

/**
 * Typed store failures. Each has one plain-English sentence a cashier can act on (the UI
 * shows `storage.<code>` from the i18n catalogs, which say the same in uk and zh-Hans).
 * Every one of them means: nothing of the attempted change was saved.
 */
export type StoreErrorCode =
  | 'storage_full'
  | 'not_strict'
  | 'conflict'
  | 'unavailable'
  | 'version_conflict'
  | 'constraint'
  | 'aborted'
  | 'projection_failed'
  | 'io_error'
  | 'invalid_argument'
  | 'clock_behind'
  | 'records_damaged';

export const STORE_ERROR_MESSAGES: Readonly<Record<StoreErrorCode, string>> = {
  storage_full:
    "This till's storage is full. Nothing was saved. Ask a manager to sync and free space.",
  not_strict:
    'The sale was not saved: the till could not guarantee it would survive a power cut. Restart the app and try again.',
  conflict: 'Another window saved at the same moment. Nothing was saved; try again.',
  unavailable:
    "The till's storage cannot be opened. Nothing was saved. Restart the app; if it happens again, call support.",
  version_conflict:
    'A newer version of the app is open in another window. Close it and restart this one.',
  constraint: 'This record already exists. Nothing was saved.',
  aborted: 'Saving was interrupted. Nothing was saved; try again.',
  projection_failed: 'The change could not be applied. Nothing was saved.',
  io_error: "The till's disk reported an error. Nothing was saved. Call support.",
  invalid_argument: 'The change is not valid and was not saved.',
  records_damaged:
    "This till's records do not match the record kept outside the browser. Nothing was saved. Call support.",
  clock_behind:
    "This till's clock is wrong: it reads earlier than the last record this till saved. Nothing was saved. Ask a manager to set the date and time, then try again.",
};

/** Thrown inside a transaction to abort it; turned into an envelope at the store boundary. */
export class StoreError extends Error {
  override name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    detail: string,
    override readonly cause?: unknown,
  ) {
    super(detail);
  }
}

const BY_NAME: Readonly<Record<string, StoreErrorCode>> = {
  QuotaExceededError: 'storage_full',
  ConstraintError: 'constraint',
  VersionError: 'version_conflict',
  UpgradeError: 'version_conflict',
  VersionChangeError: 'version_conflict',
  DatabaseClosedError: 'unavailable',
  OpenFailedError: 'unavailable',
  MissingAPIError: 'unavailable',
  InvalidStateError: 'unavailable',
  InvalidAccessError: 'unavailable',
  NotFoundError: 'projection_failed',
  DataError: 'projection_failed',
  DataCloneError: 'projection_failed',
  ReadOnlyError: 'projection_failed',
  SubTransactionError: 'projection_failed',
  PrematureCommitError: 'projection_failed',
  UnknownError: 'io_error',
  AbortError: 'aborted',
  TransactionInactiveError: 'aborted',
  TimeoutError: 'aborted',
};

interface NamedError {
  name?: unknown;
  message?: unknown;
  inner?: unknown;
}

function describe(e: unknown): { name: string; message: string } {
  const named = (typeof e === 'object' && e !== null ? e : {}) as NamedError;
  return {
    name: typeof named.name === 'string' ? named.name : 'Error',
    message: typeof named.message === 'string' ? named.message : String(e),
  };
}

/**
 * The innermost cause worth naming. Dexie wraps IndexedDB's DOMExceptions (AbortError with
 * an inner QuotaExceededError is how Chromium reports a full disk at commit time), so the
 * specific name is looked for along the whole `inner` chain before the outer one is used.
 */
function classify(e: unknown): StoreErrorCode | null {
  let current: unknown = e;
  let fallback: StoreErrorCode | null = null;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    if (current instanceof StoreError) return current.code;
    if (current instanceof JournalSealError) return 'invalid_argument';
    const { name, message } = describe(current);
    // Some engines report a full quota only in the text of an abort.
    if (/quota/i.test(message) || name === 'QuotaExceededError') return 'storage_full';
    const code = BY_NAME[name];
    if (code !== undefined && code !== 'aborted') return code;
    fallback ??= code ?? null;
    // Dexie's BulkError (from bulkAdd/bulkPut) names no cause itself; its first failure does.
    const next = current as NamedError & { cause?: unknown; failures?: unknown };
    current =
      next.inner ??
      next.cause ??
      (Array.isArray(next.failures) ? (next.failures as unknown[])[0] : undefined);
  }
  return fallback;
}

/** Any failure out of Dexie/IndexedDB (or our own aborts) as the store's typed envelope. */
export function toStoreError(
  e: unknown,
  fallback: StoreErrorCode = 'io_error',
): Err<StoreErrorCode> {
  const code = classify(e) ?? fallback;
  const { name, message } = describe(e);
  return err(code, STORE_ERROR_MESSAGES[code], { cause: name, detail: message });
}
