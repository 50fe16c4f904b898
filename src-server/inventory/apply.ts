import type { CatalogIndex } from '../../shared/catalog/catalog';
import {
  ledgerBreaches,
  type InventoryErrorCode,
  type InventoryResult,
  type Ledger,
} from '../../shared/inventory';
import { strictAssert } from '../../shared/util/assert';
import type { Db } from '../db/port';
import { HttpError } from '../http-error';
import { capacityOf, catalogIndexOf } from './capacity';
import {
  loadLedger,
  lockPerformance,
  saveLedger,
  type Endings,
  type PerformanceKey,
} from './ledger-store';

/** Each refusal of the shared ledger as an HTTP status (its code and sentence pass through). */
const STATUS: Record<InventoryErrorCode, number> = {
  empty_request: 422,
  unknown_seat: 422,
  unknown_area: 422,
  expiry_in_past: 422,
  lease_too_small: 422,
  lease_too_large: 422,
  seat_taken: 409,
  ga_sold_out: 409,
  sold_out: 409,
  duplicate_id: 409,
  not_in_lease: 409,
  not_in_hold: 422,
  not_your_hold: 403,
  not_your_lease: 403,
  hold_not_found: 404,
  lease_not_found: 404,
  sale_not_found: 404,
};

export interface Applied<T> {
  readonly before: Ledger;
  readonly after: Ledger;
  readonly value: T;
}

/**
 * Runs one inventory operation on one performance: in one transaction, take the
 * performance's row lock, read its ledger, let the shared rule decide (`operation`, given the
 * ledger and the server's clock), write what moved. Two requests for one performance — on
 * any server node — run one after the other, so the second sees the first's hold, lease or
 * sale and no seat is handed out twice. A refusal rolls back and answers the rule's code.
 */
export async function applyToPerformance<T>(
  db: Db,
  key: PerformanceKey,
  /** `catalog`: the venue's newest catalog, for its settings (a lease's size bounds). */
  operation: (ledger: Ledger, now: number, catalog: CatalogIndex) => InventoryResult,
  endings: Endings,
  answer: (after: Ledger, now: number) => T,
): Promise<T> {
  const catalog = await catalogIndexOf(db, key.venueId);
  const capacity = capacityOf(catalog, key.performanceId);
  return db.transaction(async (tx) => {
    await lockPerformance(tx, key);
    const before = await loadLedger(tx, key, capacity);
    const now = Date.now();
    const result = operation(before, now, catalog);
    if (!result.ok) {
      throw new HttpError(STATUS[result.error.code], result.error.code, result.error.message);
    }
    // The rule keeps the invariant (a property test says so): a new breach here is a bug,
    // and nothing is written. One already there comes from till sales in the journal (a
    // catalog that lost a seat, GA a till sold past the quota offline: raised as a
    // reconciliation exception on push); the rule refuses to add to it.
    const known = new Set(ledgerBreaches(before));
    const breaches = ledgerBreaches(result.value).filter((b) => !known.has(b));
    strictAssert(breaches.length === 0, `inventory breach: ${breaches.join('; ')}`);
    await saveLedger(tx, key, before, result.value, endings);
    return answer(result.value, now);
  });
}

/** Reads a performance's ledger as of now (expired holds and leases left out), no lock. */
export async function readPerformance(db: Db, key: PerformanceKey): Promise<Ledger> {
  const capacity = capacityOf(await catalogIndexOf(db, key.venueId), key.performanceId);
  return loadLedger(db, key, capacity);
}
