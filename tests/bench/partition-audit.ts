import type { CatalogIndex } from '../../shared/catalog/catalog';
import type { AvailabilityResponse } from '../../shared/inventory/contract';
import type { Till } from '../../src-renderer/app/till';
import { gaSoldHereSince } from '../../src-renderer/store';

/**
 * The counting half of tests/bench/partition.bench.ts: what each seller's own records say it
 * sold, the oversold figures over them, and the checks against the server that make the
 * bench fail rather than report a wrong figure.
 */
export interface SellerRecord {
  readonly name: string;
  readonly seats: readonly string[];
  /** GA places sold per area. */
  readonly ga: Readonly<Record<string, number>>;
}

export interface GaLimits {
  /** The performance's GA total (all areas together). */
  readonly total: number;
  /** Each area's quota (the total when it has none). */
  readonly areas: Readonly<Record<string, number>>;
}

const sum = (r: Readonly<Record<string, number>>) => Object.values(r).reduce((a, b) => a + b, 0);

/**
 * The GA limits of the catalog a till sells from; the server's first answer (nothing held,
 * leased or sold yet) must agree: per area the quota, or the total when that is smaller.
 */
export function gaLimits(
  catalog: CatalogIndex,
  performanceId: string,
  firstAnswer: Readonly<Record<string, number>>,
): GaLimits {
  const total = catalog.performance(performanceId)?.gaCapacity ?? 0;
  const areas: Record<string, number> = {};
  for (const tier of catalog.tiersFor(performanceId)) {
    if (tier.kind === 'ga') areas[tier.id] = tier.gaQuota ?? total;
  }
  for (const [area, quota] of Object.entries(areas)) {
    if (firstAnswer[area] !== Math.min(quota, total)) {
      throw new Error(`${area}: the server had ${firstAnswer[area]} free, the catalog ${quota}`);
    }
  }
  return { total, areas };
}

/** A till's own record: its store's sold seat rows and its GA tickets that hold a place. */
export async function tillRecord(
  name: string,
  till: Till,
  seated: string,
  gaPerformance: string,
  areas: readonly string[],
): Promise<SellerRecord> {
  const db = till.store.db;
  const seats = (await db.seatStates.where('performanceId').equals(seated).toArray())
    .filter((r) => r.state === 'sold')
    .map((r) => r.seatId);
  const ga: Record<string, number> = {};
  const fromTheStart = new Date(0).toISOString();
  for (const area of areas) {
    ga[area] = await gaSoldHereSince(db, till.terminalId, gaPerformance, area, fromTheStart);
  }
  return { name, seats, ga };
}

/**
 * Oversold seats: seat sales beyond the first of each seat. Oversold GA: the fewest places
 * that would have to be unsold for every area quota and the total to hold (what is over the
 * areas' quotas, or over the total if that is more). Throws when the server's sold seats are
 * not the sellers' distinct seats, a sold seat is on sale there, or its free + held + leased
 * + sold is not the capacity.
 */
export function auditSales(input: {
  readonly records: readonly SellerRecord[];
  readonly capacity: number;
  readonly gaLimits: GaLimits;
  readonly seated: AvailabilityResponse;
}) {
  const { records, capacity, seated: view } = input;
  const all = records.flatMap((s) => s.seats);
  const distinct = new Set(all);
  if (view.sold.seats !== distinct.size) {
    throw new Error(
      `the server counts ${view.sold.seats} seats sold; the sellers ${distinct.size} distinct`,
    );
  }
  const onSale = view.seatsAvailable.filter((s) => distinct.has(s));
  if (onSale.length > 0) throw new Error(`sold seats on sale at the server: ${onSale.join(', ')}`);
  const accounted =
    view.seatsAvailable.length + view.held.seats + view.leased.seats + view.sold.seats;
  if (accounted !== capacity) {
    throw new Error(`free + held + leased + sold = ${accounted}, not the capacity ${capacity}`);
  }

  const gaSold: Record<string, number> = {};
  for (const s of records)
    for (const [area, k] of Object.entries(s.ga)) gaSold[area] = (gaSold[area] ?? 0) + k;
  const overQuota = Object.entries(input.gaLimits.areas).reduce(
    (n, [area, quota]) => n + Math.max(0, (gaSold[area] ?? 0) - quota),
    0,
  );
  const overTotal = Math.max(0, sum(gaSold) - input.gaLimits.total);
  return {
    oversoldSeats: all.length - distinct.size,
    distinctSeats: distinct.size,
    oversoldGa: Math.max(overQuota, overTotal),
    gaSold,
  };
}
