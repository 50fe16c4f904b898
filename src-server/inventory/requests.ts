import { randomUUID } from 'node:crypto';
import {
  hold,
  releaseHold,
  renewHold,
  sellFromHold,
  shrinkHold,
  sellOnline,
  type GaCounts,
  type Holder,
  type Ledger,
  type Sale,
} from '../../shared/inventory';
import { HOLD_TTL } from '../../shared/inventory/contract';
import type { Db } from '../db/port';
import { applyToPerformance } from './apply';
import { recordPerformance } from './records';

/**
 * What a till and the web shop ask of the inventory in the same words: holds (place, renew,
 * release) and, for channels that take payment online, orders. Both routes call these, so a
 * window and the shop can never be held to different rules.
 */

/** Seats and GA places of a hold, lease or order, as the routes answer them. */
export interface PlacesView {
  readonly performanceId: string;
  readonly seatIds: string[];
  readonly ga: Record<string, number>;
}

export function placesView(
  record: { readonly seatIds: readonly string[]; readonly ga: GaCounts },
  performanceId: string,
): PlacesView {
  return { performanceId, seatIds: [...record.seatIds], ga: { ...record.ga } };
}

export type HoldView = PlacesView & { readonly holdId: string; readonly expiresAt: string };

function holdView(ledger: Ledger, holdId: string, performanceId: string): HoldView {
  const h = ledger.holds.get(holdId)!;
  return {
    holdId,
    ...placesView(h, performanceId),
    expiresAt: new Date(h.expiresAt).toISOString(),
  };
}

/** Seats by id and GA places by tier, of one performance. */
export interface PlacesRequest {
  readonly performanceId: string;
  readonly seatIds?: readonly string[] | undefined;
  readonly ga?: GaCounts | undefined;
}

export async function placeHold(
  db: Db,
  venueId: string,
  holder: Holder,
  request: PlacesRequest & { readonly ttlSeconds?: number | undefined },
): Promise<{ hold: HoldView }> {
  const holdId = randomUUID();
  const { performanceId, seatIds, ga, ttlSeconds = HOLD_TTL.default } = request;
  return applyToPerformance(
    db,
    { venueId, performanceId },
    (ledger, now) =>
      hold(
        ledger,
        {
          holdId,
          holder,
          ...(seatIds ? { seatIds } : {}),
          ...(ga ? { ga } : {}),
          expiresAt: now + ttlSeconds * 1000,
        },
        now,
      ),
    {},
    (after) => ({ hold: holdView(after, holdId, performanceId) }),
  );
}

export async function renewHeld(
  db: Db,
  venueId: string,
  holder: Holder,
  holdId: string,
  ttlSeconds?: number,
): Promise<{ hold: HoldView }> {
  const ttl = Math.min(ttlSeconds ?? HOLD_TTL.default, HOLD_TTL.max);
  const key = await recordPerformance(db, venueId, 'hold', holdId);
  return applyToPerformance(
    db,
    key,
    (ledger, now) => renewHold(ledger, { holdId, holder, expiresAt: now + ttl * 1000 }, now),
    {},
    (after) => ({ hold: holdView(after, holdId, key.performanceId) }),
  );
}

export async function releaseHeld(
  db: Db,
  venueId: string,
  holder: Holder,
  holdId: string,
): Promise<void> {
  const key = await recordPerformance(db, venueId, 'hold', holdId);
  await applyToPerformance(
    db,
    key,
    (ledger, now) => releaseHold(ledger, { holdId, holder }, now),
    { ended: { id: holdId, status: 'released' } },
    () => null,
  );
}

/**
 * Gives back part of a hold; answers what it still holds (nothing, and ended `released`,
 * once everything was given back).
 */
export async function shrinkHeld(
  db: Db,
  venueId: string,
  holder: Holder,
  holdId: string,
  places: { readonly seatIds?: readonly string[] | undefined; readonly ga?: GaCounts | undefined },
): Promise<{ hold: HoldView }> {
  const key = await recordPerformance(db, venueId, 'hold', holdId);
  let expiresAt = 0;
  return applyToPerformance(
    db,
    key,
    (ledger, now) => {
      expiresAt = ledger.holds.get(holdId)?.expiresAt ?? 0;
      return shrinkHold(
        ledger,
        {
          holdId,
          holder,
          ...(places.seatIds ? { seatIds: places.seatIds } : {}),
          ...(places.ga ? { ga: places.ga } : {}),
        },
        now,
      );
    },
    { ended: { id: holdId, status: 'released' } },
    (after) => ({
      hold: after.holds.has(holdId)
        ? holdView(after, holdId, key.performanceId)
        : {
            holdId,
            ...placesView({ seatIds: [], ga: {} }, key.performanceId),
            expiresAt: new Date(expiresAt).toISOString(),
          },
    }),
  );
}

export type OrderView = PlacesView & { readonly orderId: string };

const orderView = (sale: Sale, performanceId: string): OrderView => ({
  orderId: sale.id,
  ...placesView(sale, performanceId),
});

/** Sells what the channel's hold holds (the hold ends `sold`). */
export async function orderFromHold(
  db: Db,
  venueId: string,
  holder: Holder,
  holdId: string,
): Promise<{ order: OrderView }> {
  const key = await recordPerformance(db, venueId, 'hold', holdId);
  const saleId = randomUUID();
  return applyToPerformance(
    db,
    key,
    (ledger, now) => sellFromHold(ledger, { saleId, holdId, holder }, now),
    { ended: { id: holdId, status: 'sold' }, seller: holder },
    (after) => ({ order: orderView(after.sales.get(saleId)!, key.performanceId) }),
  );
}

/** Sells places straight from the venue, as a hold would have taken them. */
export async function orderOnline(
  db: Db,
  venueId: string,
  holder: Holder,
  request: PlacesRequest,
): Promise<{ order: OrderView }> {
  const saleId = randomUUID();
  const { performanceId, seatIds, ga } = request;
  return applyToPerformance(
    db,
    { venueId, performanceId },
    (ledger, now) =>
      sellOnline(ledger, { saleId, ...(seatIds ? { seatIds } : {}), ...(ga ? { ga } : {}) }, now),
    { seller: holder },
    (after) => ({ order: orderView(after.sales.get(saleId)!, performanceId) }),
  );
}
