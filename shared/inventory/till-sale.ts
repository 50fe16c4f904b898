import {
  expire,
  gaAvailable,
  seatOwners,
  type GaCounts,
  type Hold,
  type Lease,
  type Ledger,
  type Sale,
} from './ledger';
import { withMap } from './places';

/**
 * A sale a till made (online or offline) arriving in its pushed journal, applied to the
 * performance's ledger. Unlike every operation in lease-ledger.ts it never refuses: the
 * ticket was printed and paid for, so the sale is a fact. Each seat and GA place comes, in
 * this order, out of (a) the selling terminal's own live hold, (b) its own live lease, (c)
 * the venue's free places; failing those (a collision that can only happen offline) it is
 * taken out of another holder's hold or lease, or it was sold already — and every such place
 * is named as a collision for a manager to reconcile. A place the venue had free, sold after
 * a lease of this till holding it had expired, is a collision too (`expired_lease_sale`):
 * nobody lost it, but the till sold outside its escrow.
 *
 * Deterministic: other holders' records give up GA places in id order (holds before leases).
 */
export interface TillSale {
  /** Names the sale inside the returned ledger (the server's journal keeps the tickets). */
  readonly saleId: string;
  readonly terminalId: string;
  readonly seatIds: readonly string[];
  readonly ga: GaCounts;
  /** When the till sold (epoch ms), against its expired leases' expiry. */
  readonly at: number;
  /** This till's leases of the performance that have expired, with what they still held. */
  readonly expiredLeases: readonly Lease[];
}

export type CollisionKind = 'seat_sold_twice' | 'ga_oversold' | 'expired_lease_sale';

export interface Collision {
  readonly kind: CollisionKind;
  readonly seatId?: string;
  readonly area?: string;
  readonly count: number;
  /** The record that lost the places (or the sale that had the seat already). */
  readonly from?: { readonly kind: 'hold' | 'lease' | 'sale'; readonly id: string };
}

export interface TillSaleResult {
  /** With the sale recorded under `saleId`, and the places out of the records that had them. */
  readonly ledger: Ledger;
  readonly collisions: readonly Collision[];
  /** Holds left with no place: they end (sold). */
  readonly emptiedHolds: readonly string[];
  /**
   * What came out of this till's own leases, by lease: a refund of those places gives them
   * back there while the lease lives (`returnPlaces`), so the server must remember it.
   */
  readonly fromOwnLeases: ReadonlyMap<string, { seatIds: string[]; ga: Record<string, number> }>;
}

export function takeTillSale(before: Ledger, sale: TillSale, now: number): TillSaleResult {
  const start = expire(before, now);
  const holds = new Map(start.holds);
  const leases = new Map(start.leases);
  const collisions: Collision[] = [];
  const isMine = (r: Hold | Lease) =>
    'holder' in r
      ? r.holder.channel === 'terminal' && r.holder.id === sale.terminalId
      : r.terminalId === sale.terminalId;
  const expiredHolding = (has: (l: Lease) => boolean) =>
    sale.expiredLeases.find((l) => l.expiresAt <= sale.at && has(l));

  const fromOwnLeases = new Map<string, { seatIds: string[]; ga: Record<string, number> }>();
  const fromOwnLease = (leaseId: string) => {
    let got = fromOwnLeases.get(leaseId);
    if (!got) fromOwnLeases.set(leaseId, (got = { seatIds: [], ga: {} }));
    return got;
  };

  const owners = seatOwners(start);
  for (const seat of sale.seatIds) {
    const owner = owners.get(seat);
    if (owner === undefined) {
      const lapsed = expiredHolding((l) => l.seatIds.includes(seat));
      if (lapsed) {
        collisions.push({
          kind: 'expired_lease_sale',
          seatId: seat,
          count: 1,
          from: { kind: 'lease', id: lapsed.id },
        });
      }
      continue;
    }
    if (owner.kind === 'sale') {
      collisions.push({ kind: 'seat_sold_twice', seatId: seat, count: 1, from: owner });
      continue;
    }
    const records: Map<string, Hold | Lease> = owner.kind === 'hold' ? holds : leases;
    const r = records.get(owner.id)!;
    records.set(owner.id, { ...r, seatIds: r.seatIds.filter((s) => s !== seat) });
    if (!isMine(r))
      collisions.push({ kind: 'seat_sold_twice', seatId: seat, count: 1, from: owner });
    else if (owner.kind === 'lease') fromOwnLease(owner.id).seatIds.push(seat);
  }

  const soldGa: Record<string, number> = {};
  const current = (): Ledger => ({
    ...start,
    holds,
    leases,
    sales: withMap(start.sales, sale.saleId, {
      id: sale.saleId,
      seatIds: sale.seatIds,
      ga: soldGa,
    } satisfies Sale),
  });
  for (const [area, n] of Object.entries(sale.ga)) {
    if (n <= 0) continue;
    let left = n;
    const take = <T extends Hold | Lease>(
      records: Map<string, T>,
      kind: 'hold' | 'lease',
      mine: boolean,
    ) => {
      for (const id of [...records.keys()].sort()) {
        const r = records.get(id)!;
        const have = r.ga[area] ?? 0;
        if (left === 0 || have === 0 || isMine(r) !== mine) continue;
        const k = Math.min(have, left);
        const ga = { ...r.ga, [area]: have - k };
        if (ga[area] === 0) delete ga[area];
        records.set(id, { ...r, ga });
        left -= k;
        soldGa[area] = (soldGa[area] ?? 0) + k;
        if (!mine) collisions.push({ kind: 'ga_oversold', area, count: k, from: { kind, id } });
        else if (kind === 'lease') {
          const got = fromOwnLease(id).ga;
          got[area] = (got[area] ?? 0) + k;
        }
      }
    };
    take(holds, 'hold', true);
    take(leases, 'lease', true);
    const free = Math.min(left, gaAvailable(current())[area] ?? 0);
    if (free > 0) {
      left -= free;
      soldGa[area] = (soldGa[area] ?? 0) + free;
      const lapsed = expiredHolding((l) => (l.ga[area] ?? 0) > 0);
      if (lapsed) {
        collisions.push({
          kind: 'expired_lease_sale',
          area,
          count: Math.min(free, lapsed.ga[area] ?? 0),
          from: { kind: 'lease', id: lapsed.id },
        });
      }
    }
    take(holds, 'hold', false);
    take(leases, 'lease', false);
    if (left > 0) {
      // Past every quota: the venue has sold more standing places than it has.
      soldGa[area] = (soldGa[area] ?? 0) + left;
      collisions.push({ kind: 'ga_oversold', area, count: left });
    }
  }

  const emptiedHolds: string[] = [];
  for (const [id, h] of holds) {
    if (h !== start.holds.get(id) && h.seatIds.length === 0 && Object.keys(h.ga).length === 0) {
      holds.delete(id);
      emptiedHolds.push(id);
    }
  }
  return { ledger: current(), collisions, emptiedHolds, fromOwnLeases };
}
