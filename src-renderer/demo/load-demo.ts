import type { Catalog } from '../../shared/catalog/catalog';
import { err, ok, type Result } from '../../shared/util/result';
import { catalogVersion, replaceCatalog } from '../store/catalog-replica';
import type { BoxOfficeDb } from '../store/db';
import { toStoreError, type StoreErrorCode } from '../store/errors';
import type { LeaseRecord } from '../store/records';
import {
  buildDemoCatalog,
  DEMO_VENUE_TEMPLATE,
  type DemoErrorCode,
} from '../../shared/catalog/demo-venue';

export interface LoadDemoOptions {
  readonly now?: Date;
}

export type LoadDemoOutcome =
  | { readonly loaded: false; readonly reason: 'store_not_empty' }
  | {
      readonly loaded: true;
      readonly catalog: Catalog;
      readonly leases: number;
    };

export type LoadDemoErrorCode = DemoErrorCode | StoreErrorCode;

/**
 * Seeds an empty store with the demo venue on first run: catalog and a lease per performance
 * covering all its seats / GA places — there is no server to lease from in the demo, so the
 * terminal owns the whole house. The demo staff are main's (it provisions them when it
 * launches a demo till); the page stores no staff. A store that already has a catalog is left
 * alone, so a restart never overwrites real sales data.
 */
export async function loadDemoIfEmpty(
  db: BoxOfficeDb,
  options: LoadDemoOptions = {},
): Promise<Result<LoadDemoOutcome, LoadDemoErrorCode>> {
  const now = options.now ?? new Date();
  try {
    if ((await catalogVersion(db)) !== null)
      return ok({ loaded: false, reason: 'store_not_empty' });
  } catch (e) {
    return toStoreError(e, 'unavailable');
  }

  const built = buildDemoCatalog(DEMO_VENUE_TEMPLATE, now.getTime());
  if (!built.ok) return built;
  const catalog = built.value;

  const leases = demoLeases(catalog);
  try {
    await db.leases.bulkPut(leases);
  } catch (e) {
    return toStoreError(e);
  }
  const replaced = await replaceCatalog(db, catalog);
  if (!replaced.ok) return err(replaced.error.code, replaced.error.message, replaced.error.details);
  return ok({ loaded: true, catalog, leases: leases.length });
}

/** One lease per scheduled performance, valid until it starts. */
export function demoLeases(catalog: Catalog): LeaseRecord[] {
  const plans = new Map(catalog.seatingPlans.map((p) => [p.id, p]));
  const out: LeaseRecord[] = [];
  for (const p of catalog.performances) {
    if (p.status !== 'scheduled') continue;
    const plan = p.seatingPlanId ? plans.get(p.seatingPlanId) : undefined;
    if (plan) {
      const seatIds = plan.sections.flatMap((s) =>
        s.rows.flatMap((r) => r.seats.map((seat) => seat.id)),
      );
      out.push({
        id: `demo-${p.id}-seats`,
        performanceId: p.id,
        kind: 'seats',
        seatIds,
        expiresAt: p.startsAt,
      });
    }
    if (p.gaCapacity !== undefined && p.gaCapacity > 0) {
      out.push({
        id: `demo-${p.id}-ga`,
        performanceId: p.id,
        kind: 'ga',
        quantity: p.gaCapacity,
        expiresAt: p.startsAt,
      });
    }
  }
  return out;
}
