import type { Queryable } from '../db/port';
import { HttpError } from '../http-error';
import type { PerformanceKey } from './ledger-store';

const TABLES = {
  hold: { table: 'inventory_holds', column: 'hold_id', gone: 'hold_not_found', noun: 'hold' },
  lease: { table: 'inventory_leases', column: 'lease_id', gone: 'lease_not_found', noun: 'lease' },
} as const;

/** The performance a hold or lease of the venue is for (which ledger to lock), or 404. */
export async function recordPerformance(
  db: Queryable,
  venueId: string,
  kind: keyof typeof TABLES,
  id: string,
): Promise<PerformanceKey> {
  const t = TABLES[kind];
  const rows = await db.query<{ performance_id: string }>(
    `SELECT performance_id FROM ${t.table} WHERE venue_id = $1 AND ${t.column} = $2`,
    [venueId, id],
  );
  const row = rows[0];
  if (!row) throw new HttpError(404, t.gone, `There is no such ${t.noun} at this venue.`);
  return { venueId, performanceId: row.performance_id };
}
