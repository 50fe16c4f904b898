import type { Catalog } from '../../shared/catalog/catalog';
import type { Role } from '../../shared/catalog/roles';
import { err, ok, type Result } from '../../shared/util/result';
import { catalogVersion, replaceCatalog } from '../store/catalog-replica';
import type { BoxOfficeDb } from '../store/db';
import { toStoreError, type StoreErrorCode } from '../store/errors';
import type { LeaseRecord } from '../store/records';
import { enrolStaff } from '../store/staff-repository';
import { buildDemoCatalog, DEMO_VENUE_TEMPLATE, type DemoErrorCode } from './demo-catalog';

/**
 * Demo staff. The PINs are public on purpose (README, login screen hint); they live here,
 * not in the venue JSON, and reach the store only as PBKDF2 hashes via `enrolStaff`.
 */
export const DEMO_STAFF: readonly {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly pin: string;
}[] = [
  { id: 'olena', name: 'Olena', role: 'cashier', pin: '1111' },
  { id: 'taras', name: 'Taras', role: 'supervisor', pin: '2222' },
  { id: 'li-wei', name: 'Li Wei', role: 'manager', pin: '3333' },
];

export interface LoadDemoOptions {
  readonly now?: Date;
  /** Tests lower nothing here (the hash has a floor); kept for a deterministic salt. */
  readonly hashOptions?: Parameters<typeof enrolStaff>[2];
}

export type LoadDemoOutcome =
  | { readonly loaded: false; readonly reason: 'store_not_empty' }
  | {
      readonly loaded: true;
      readonly catalog: Catalog;
      readonly staff: number;
      readonly leases: number;
    };

export type LoadDemoErrorCode = DemoErrorCode | StoreErrorCode | 'invalid_pin';

/**
 * Seeds an empty store with the demo venue on first run: catalog, staff (hashed PINs) and a
 * lease per performance covering all its seats / GA places — there is no server to lease
 * from in the demo, so the terminal owns the whole house. A store that already has a catalog
 * or any staff is left alone, so a restart never overwrites real sales data.
 */
export async function loadDemoIfEmpty(
  db: BoxOfficeDb,
  options: LoadDemoOptions = {},
): Promise<Result<LoadDemoOutcome, LoadDemoErrorCode>> {
  const now = options.now ?? new Date();
  let staffCount: number;
  try {
    if ((await catalogVersion(db)) !== null)
      return ok({ loaded: false, reason: 'store_not_empty' });
    staffCount = await db.staff.count();
  } catch (e) {
    return toStoreError(e, 'unavailable');
  }
  if (staffCount > 0) return ok({ loaded: false, reason: 'store_not_empty' });

  const built = buildDemoCatalog(DEMO_VENUE_TEMPLATE, now.getTime());
  if (!built.ok) return built;
  const catalog = built.value;

  // Staff first: if hashing fails, no catalog is stored and the next start tries again.
  for (const s of DEMO_STAFF) {
    const enrolled = await enrolStaff(db, s, options.hashOptions);
    if (!enrolled.ok) return enrolled;
  }
  const leases = demoLeases(catalog);
  try {
    await db.leases.bulkPut(leases);
  } catch (e) {
    return toStoreError(e);
  }
  const replaced = await replaceCatalog(db, catalog);
  if (!replaced.ok) return err(replaced.error.code, replaced.error.message, replaced.error.details);
  return ok({ loaded: true, catalog, staff: DEMO_STAFF.length, leases: leases.length });
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
