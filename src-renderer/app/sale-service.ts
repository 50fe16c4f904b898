import type { PerformanceInventory, SellInput, SellOutput } from '../../shared/commands';
import { sell } from '../../shared/commands';
import type { Actor, CommandErrorCode } from '../../shared/commands/types';
import type { SalePayload } from '../../shared/journal/entry-types';
import type { Result } from '../../shared/util/result';
import { ok } from '../../shared/util/result';
import type { SeatState, StoreErrorCode } from '../store';
import { blocksHolder, clearCart, seatStatesFor } from '../store';
import { takeSeats } from './order-service';
import type { Till } from './till';
import type { TillOrderRecord, TillTicketRecord } from './till-records';

/** Seats of a performance that are not for sale from here, with why. */
export type SeatStates = ReadonlyMap<string, SeatState>;

/**
 * `holdId`: the cart asking. Its own live holds are not listed: they are its to sell (the
 * seat map shows them as selected from the cart anyway).
 */
export async function seatStates(
  till: Till,
  performanceId: string,
  holdId?: string,
): Promise<SeatStates> {
  const rows = await seatStatesFor(till.store.db, performanceId);
  const now = new Date(till.ports.clock()).toISOString();
  const out = new Map<string, SeatState>();
  for (const r of rows) {
    // An expired hold or lease is free again; only a sale is forever (until refunded).
    if (!blocksHolder(r, holdId, now)) continue;
    out.set(r.seatId, r.state);
  }
  return out;
}

/**
 * GA places sold per tier: valid tickets only (refunded places go back on sale), counted on the
 * store's [performance+tier+status] index, so a sale never reads the performance's tickets.
 */
export async function gaSold(till: Till, performanceId: string): Promise<Map<string, number>> {
  const gaTiers = till.catalog.tiersFor(performanceId).filter((t) => t.kind === 'ga');
  const counts = await Promise.all(
    gaTiers.map((tier) =>
      till.store.db.tickets
        .where('[performanceId+tierId+status]')
        .equals([performanceId, tier.id, 'valid'])
        .count(),
    ),
  );
  return new Map(gaTiers.map((tier, i) => [tier.id, counts[i] ?? 0]));
}

/**
 * What this terminal may sell for a performance. There is no sync server yet to lease seat
 * blocks from, so the till treats every seat and GA place it has not sold as its own.
 */
export async function inventoryFor(
  till: Till,
  performanceId: string,
  holdId?: string,
): Promise<PerformanceInventory> {
  const performance = till.catalog.performance(performanceId);
  const tiers = till.catalog.tiersFor(performanceId);
  const [states, ga] = await Promise.all([
    seatStates(till, performanceId, holdId),
    gaSold(till, performanceId),
  ]);
  const plan =
    performance?.seatingPlanId !== undefined
      ? till.catalog.plan(performance.seatingPlanId)
      : undefined;
  const available = new Set<string>();
  let seatCount = 0;
  for (const section of plan?.sections ?? []) {
    for (const row of section.rows) {
      for (const seat of row.seats) {
        seatCount++;
        if (!states.has(seat.id)) available.add(seat.id);
      }
    }
  }
  const gaAvailable: Record<string, number> = {};
  let gaTotal = 0;
  let gaTaken = 0;
  for (const tier of tiers) {
    if (tier.kind !== 'ga') continue;
    const quota = tier.gaQuota ?? performance?.gaCapacity ?? 0;
    const taken = ga.get(tier.id) ?? 0;
    gaAvailable[tier.id] = Math.max(0, quota - taken);
    gaTotal += quota;
    gaTaken += taken;
  }
  let sold = gaTaken;
  for (const s of states.values()) if (s === 'sold') sold++;
  return { availableSeatIds: available, gaAvailable, sold, capacity: seatCount + gaTotal };
}

export interface CompletedSale {
  readonly sale: SalePayload;
  readonly receiptNumber: number;
  readonly output: SellOutput;
}

export function customerKeyOf(customerId: string | undefined): string {
  return (customerId ?? '').trim().toLocaleLowerCase();
}

/**
 * Sells: runs the domain `sell` command against the inventory as stored now and commits the
 * sale entry with its order, tickets and sold seats — and the cleared cart — in one strict
 * transaction. The caller prints afterwards; a printer never undoes a sale.
 *
 * `cartId`: the cart whose holds this sale turns into sales. Its held seats are sellable to
 * it; a seat another cart holds (live) is not, checked again inside the transaction.
 */
export async function commitSale(
  till: Till,
  input: SellInput,
  actor: Actor,
  cartId?: string,
): Promise<Result<CompletedSale, CommandErrorCode | StoreErrorCode>> {
  const performanceIds = [...new Set(input.items.map((i) => i.performanceId))];
  const inventory: Record<string, PerformanceInventory> = {};
  for (const id of performanceIds) inventory[id] = await inventoryFor(till, id, cartId);
  let output: SellOutput | undefined;
  const committed = await till.commit<CommandErrorCode>(
    async (terminal) => {
      const result = await sell(
        { terminal, settings: till.settings, catalog: till.catalog, inventory },
        input,
        actor,
        till.ports,
      );
      if (!result.ok) return result;
      output = result.value;
      return ok(result.value.drafts);
    },
    async ({ db, entries, now }) => {
      for (const entry of entries) {
        if (entry.type !== 'sale') continue;
        const sale = entry.payload;
        const order: TillOrderRecord = {
          id: sale.orderId,
          terminalId: till.terminalId,
          receiptNumber: sale.receiptNo,
          at: entry.at,
          status: 'completed',
          total: sale.totals.total,
          customerKey: customerKeyOf(sale.customerId),
          performanceIds: [...new Set(sale.tickets.map((t) => t.performanceId))],
          order: { sale, events: [] },
        };
        await db.orders.add(order);
        const tickets: TillTicketRecord[] = sale.tickets.map((t) => ({
          id: t.ticketId,
          orderId: sale.orderId,
          performanceId: t.performanceId,
          code: t.code,
          status: 'valid',
          tierId: t.tierId,
          ...(t.seatId !== undefined ? { seatId: t.seatId } : {}),
          ticket: t,
        }));
        // Practice tickets stay out of the tickets table: they take no GA place, no seat, and
        // no door scanner or refund search of a real till can mistake them for real ones.
        if (!sale.training) await db.tickets.bulkAdd(tickets);
        // Replaces this cart's holds; a seat another cart took meanwhile aborts the sale.
        await takeSeats(db, cartId, sale.tickets, now, sale.training);
      }
      await clearCart(db, till.terminalId);
    },
  );
  if (!committed.ok) return committed;
  if (output === undefined || committed.value.receiptNumber === null) {
    // The builder always runs before a successful commit; this is a programming error.
    throw new Error('sale committed without a sale entry');
  }
  return ok({ sale: output.sale, receiptNumber: committed.value.receiptNumber, output });
}
