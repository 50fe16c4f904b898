import type { PerformanceInventory, SellInput, SellOutput } from '../../shared/commands';
import { sell } from '../../shared/commands';
import type { Actor, CommandErrorCode } from '../../shared/commands/types';
import type { JournalEntry } from '../../shared/journal/chain';
import type { SalePayload } from '../../shared/journal/entry-types';
import type { Money } from '../../shared/money/money';
import type { PresignedCodes, TicketUnit } from '../../shared/tickets/presigned-codes';
import { presignCodes } from '../../shared/tickets/presigned-codes';
import type { Result } from '../../shared/util/result';
import { ok } from '../../shared/util/result';
import type { SeatState, SeatStateRecord, StoreErrorCode, ValidCounts } from '../store';
import {
  addTickets,
  blocksHolder,
  clearCartInCommit,
  currentIdbTransaction,
  holdsPlace,
  readSaleStock,
  seatStatesFor,
  serverHoldsOf,
  StoreError,
  toStoreError,
  validTicketsByTier,
  writeRows,
} from '../store';
import { takeSeats } from './order-service';
import type { ClaimCode, SeatMarks } from '../inventory/inventory-source';
import type { Till } from './till';
import type { TillOrderRecord, TillTicketRecord } from './till-records';
import { tillTicketRecord } from './till-records';
import { voucherBalancesFor } from './voucher-balances';

/** Seats of a performance that are not for sale from here, with why. */
/**
 * A seat as the seat map shows it: this store's `sold` / `held` / `leased`, and from the
 * venue's inventory (an enrolled till) `web` (held by the web shop), `mine` (this window's
 * lease: free to sell here, online or off) and `away` (offline, not this window's to sell).
 */
export type SeatMark = SeatState | 'web' | 'mine' | 'away';
export type SeatStates = ReadonlyMap<string, SeatMark>;

/** Whether a seat with this mark is taken for this cart (`mine` and no mark are free). */
export const takesSeat = (mark: SeatMark | undefined): boolean =>
  mark !== undefined && mark !== 'mine';

/**
 * `holdId`: the cart asking. Its own live holds are not listed: they are its to sell (the
 * seat map shows them as selected from the cart anyway). `marks`: the venue's answer this
 * refresh already has (`seatMapFor`); asked for when not given.
 */
export async function seatStates(
  till: Till,
  performanceId: string,
  holdId?: string,
  marks?: SeatMarks | null,
): Promise<SeatStates> {
  const [rows, known] = await Promise.all([
    seatStatesFor(till.store.db, performanceId),
    marks !== undefined ? marks : till.inventory.seatMarks(performanceId),
  ]);
  return markedSeats(till, performanceId, rows, known, holdId);
}

function markedSeats(
  till: Till,
  performanceId: string,
  rows: readonly SeatStateRecord[],
  marks: SeatMarks | null,
  holdId: string | undefined,
): SeatStates {
  const now = new Date(till.ports.clock()).toISOString();
  const out = new Map<string, SeatMark>();
  for (const r of rows) {
    // An expired hold or lease is free again; only a sale is forever (until refunded).
    if (!blocksHolder(r, holdId, now)) continue;
    out.set(r.seatId, r.state);
  }
  if (marks === null) return out;
  const mark = (ids: ReadonlySet<string>, m: SeatMark) => {
    for (const id of ids) if (!out.has(id)) out.set(id, m);
  };
  mark(marks.leasedElsewhere, 'leased');
  mark(marks.heldElsewhere, 'held');
  mark(marks.heldWeb, 'web');
  mark(marks.mine, 'mine');
  if (marks.venueFree !== null) {
    // Online: a seat the venue does not have free and nobody above claims is sold elsewhere
    // (the web shop, or a window whose sale this till has not pulled yet).
    for (const id of planSeatIds(till, performanceId))
      if (!out.has(id) && !marks.venueFree.has(id)) out.set(id, 'sold');
  }
  if (marks.offline) {
    for (const id of planSeatIds(till, performanceId)) if (!out.has(id)) out.set(id, 'away');
  }
  return out;
}

function planSeatIds(till: Till, performanceId: string): string[] {
  const planId = till.catalog.performance(performanceId)?.seatingPlanId;
  const plan = planId === undefined ? undefined : till.catalog.plan(planId);
  return (plan?.sections ?? []).flatMap((s) => s.rows.flatMap((r) => r.seats.map((x) => x.id)));
}

/**
 * What this terminal's store says it may sell for a performance: every seat and GA place not
 * sold or held in it. On an enrolled till the venue's inventory narrows it further: the seat
 * holds and the commit ask `till.inventory` (src-renderer/inventory/).
 *
 * `onlySeats`: the seats a sale or exchange is about to take. Then only their rows are read
 * (a sale costs the same on an empty and on a sold-out night) and only those of them that are
 * free are listed as available; without it, every seat of the plan is checked (the seat map).
 * `sold` (for demand pricing) is the performance's valid tickets and the GA places taken are
 * its GA tiers' valid tickets, both from the counts kept with the tickets (one small read,
 * however many are sold): a seat is sold exactly while its ticket is valid (a refund,
 * exchange or void frees it).
 */
export async function inventoryFor(
  till: Till,
  performanceId: string,
  holdId?: string,
  onlySeats?: readonly string[],
  marks?: SeatMarks | null,
): Promise<PerformanceInventory> {
  return inventoryGiven(
    till,
    performanceId,
    onlySeats === undefined
      ? seatStates(till, performanceId, holdId, marks)
      : blockedAmong(till, performanceId, onlySeats, holdId),
    onlySeats,
  );
}

/** `inventoryFor` over seats already being read (the seat map's states, or a sale's few). */
async function inventoryGiven(
  till: Till,
  performanceId: string,
  blocking: Promise<SeatStates | ReadonlySet<string>>,
  onlySeats?: readonly string[],
): Promise<PerformanceInventory> {
  const [blocked, valid] = await Promise.all([
    blocking,
    validTicketsByTier(till.store.db, performanceId),
  ]);
  return inventoryOf(till, performanceId, blocked, valid, onlySeats);
}

/** What may be sold of a performance, given the seats blocked and the tier counts. */
function inventoryOf(
  till: Till,
  performanceId: string,
  blocked: SeatStates | ReadonlySet<string>,
  valid: ReadonlyMap<string, number>,
  onlySeats?: readonly string[],
): PerformanceInventory {
  const performance = till.catalog.performance(performanceId);
  const tiers = till.catalog.tiersFor(performanceId);
  let sold = 0;
  for (const n of valid.values()) sold += n;
  const plan =
    performance?.seatingPlanId !== undefined
      ? till.catalog.plan(performance.seatingPlanId)
      : undefined;
  const available = new Set<string>();
  const wanted = onlySeats === undefined ? null : new Set(onlySeats);
  // The seat map's marks: this window's lease (`mine`) is free to sell here.
  const taken = (id: string) =>
    blocked instanceof Map ? takesSeat((blocked as SeatStates).get(id)) : blocked.has(id);
  let seatCount = 0;
  for (const section of plan?.sections ?? []) {
    for (const row of section.rows) {
      for (const seat of row.seats) {
        seatCount++;
        if ((wanted === null || wanted.has(seat.id)) && !taken(seat.id)) {
          available.add(seat.id);
        }
      }
    }
  }
  const gaAvailable: Record<string, number> = {};
  let gaTotal = 0;
  for (const tier of tiers) {
    if (tier.kind !== 'ga') continue;
    const quota = tier.gaQuota ?? performance?.gaCapacity ?? 0;
    gaAvailable[tier.id] = Math.max(0, quota - (valid.get(tier.id) ?? 0));
    gaTotal += quota;
  }
  return { availableSeatIds: available, gaAvailable, sold, capacity: seatCount + gaTotal };
}

/**
 * One refresh of the sell screen's seat map: the venue's answer is asked for once, the seat
 * rows read once, and both the inventory (what may be sold, demand) and the marks come from
 * them.
 */
export async function seatMapFor(
  till: Till,
  performanceId: string,
  holdId?: string,
): Promise<{ readonly inventory: PerformanceInventory; readonly states: SeatStates }> {
  const marks = await till.inventory.seatMarks(performanceId);
  // The seat rows are read once too: the inventory is counted from the same states.
  const reading = seatStates(till, performanceId, holdId, marks);
  const [inventory, states] = await Promise.all([
    inventoryGiven(till, performanceId, reading),
    reading,
  ]);
  return { inventory, states };
}

/**
 * How long an answer the till already has (its own or the lease keeper's, which asks every
 * minute) stands for the performance list's counts: a list of N performances would otherwise
 * ask the server N times on every sale and every sync. This till's own sales and holds are
 * in its store and count at once; only other windows' sales show up to a minute late there,
 * never on the seat map, which always asks.
 */
export const LIST_COUNTS_MAX_AGE_MS = 65_000;

/** Seats and GA places left of a performance for the performance list. */
export async function placesLeftFor(till: Till, performanceId: string): Promise<number> {
  const marks = await till.inventory.seatMarks(performanceId, {
    maxAgeMs: LIST_COUNTS_MAX_AGE_MS,
  });
  const inv = await inventoryFor(till, performanceId, undefined, undefined, marks);
  let n = inv.availableSeatIds?.size ?? 0;
  for (const q of Object.values(inv.gaAvailable ?? {})) n += q;
  return n;
}

/** Of the given seats, those not for sale to `holdId` now (sold, or held by another cart). */
async function blockedAmong(
  till: Till,
  performanceId: string,
  seatIds: readonly string[],
  holdId: string | undefined,
): Promise<ReadonlySet<string>> {
  if (seatIds.length === 0) return new Set();
  const rows = await till.store.db.seatStates.bulkGet(
    seatIds.map((seatId): [string, string] => [performanceId, seatId]),
  );
  return blockedIn(till, rows, holdId);
}

/** Of the given seat rows, the seats not for sale to `holdId` now. */
function blockedIn(
  till: Till,
  rows: readonly (SeatStateRecord | undefined)[],
  holdId: string | undefined,
): ReadonlySet<string> {
  const now = new Date(till.ports.clock()).toISOString();
  return new Set(
    rows.flatMap((r) => (r !== undefined && blocksHolder(r, holdId, now) ? [r.seatId] : [])),
  );
}

/** The inventory of each performance a sale's or exchange's items name, read together. */
export async function inventoriesFor(
  till: Till,
  items: readonly { readonly performanceId: string; readonly seatId?: string }[],
  holdId?: string,
): Promise<Record<string, PerformanceInventory>> {
  return (await inventoriesAndCounts(till, items, holdId)).inventory;
}

/** The performances items name, each with the seats asked for (none for GA places). */
function seatsByPerformance(
  items: readonly { readonly performanceId: string; readonly seatId?: string }[],
): Map<string, string[]> {
  const seatsOf = new Map<string, string[]>();
  for (const item of items) {
    const seats = seatsOf.get(item.performanceId) ?? [];
    if (item.seatId !== undefined) seats.push(item.seatId);
    seatsOf.set(item.performanceId, seats);
  }
  return seatsOf;
}

/**
 * `inventoriesFor`, with the tier counts it was worked out from: a sale's commit writes its
 * new counts from them at once (`addTickets`' `known`) instead of after reading them again.
 */
async function inventoriesAndCounts(
  till: Till,
  items: readonly { readonly performanceId: string; readonly seatId?: string }[],
  holdId: string | undefined,
): Promise<{ inventory: Record<string, PerformanceInventory>; counts: ValidCounts }> {
  const seatsOf = seatsByPerformance(items);
  // One read-only transaction for all of them (on the raw IDBTransaction: every sale makes
  // this read before its commit), instead of one per count and per lookup.
  const stock = await readSaleStock(till.store.db, seatsOf);
  const counts = new Map<string, ReadonlyMap<string, number>>();
  const inventory: Record<string, PerformanceInventory> = {};
  for (const [id, seats] of seatsOf) {
    const { seats: rows, valid } = stock.get(id)!;
    counts.set(id, valid);
    inventory[id] = inventoryOf(till, id, blockedIn(till, rows, holdId), valid, seats);
  }
  return { inventory, counts };
}

/**
 * Inside a sale's or an exchange's commit transaction, on the counts its tickets were just
 * added to (as `addTickets` left them, in the same transaction): each GA tier's valid tickets
 * within its quota (the tier's, else the performance's GA capacity) and all GA tiers of a
 * performance within its GA capacity; else the whole commit aborts with `conflict`. The GA
 * places were counted before the transaction: counted again inside it, so two commits at once
 * (two carts, a sale and an exchange, or the feed applying another window's sale) can never
 * take the last place twice.
 */
export function recheckGaQuota(
  till: Till,
  tickets: readonly {
    readonly performanceId: string;
    readonly tierId: string;
    readonly seatId?: string;
  }[],
  counts: ValidCounts,
): void {
  const performances = new Set(
    tickets.filter((t) => t.seatId === undefined).map((t) => t.performanceId),
  );
  for (const performanceId of performances) {
    const performance = till.catalog.performance(performanceId);
    const valid = counts.get(performanceId);
    let total = 0;
    for (const tier of till.catalog.tiersFor(performanceId)) {
      if (tier.kind !== 'ga') continue;
      const n = valid?.get(tier.id) ?? 0;
      total += n;
      const quota = tier.gaQuota ?? performance?.gaCapacity;
      if (quota !== undefined && n > quota) {
        throw new StoreError('conflict', `${tier.name}: only ${quota} places; sold meanwhile.`);
      }
    }
    if (performance?.gaCapacity !== undefined && total > performance.gaCapacity) {
      throw new StoreError(
        'conflict',
        `Only ${performance.gaCapacity} standing places; sold meanwhile.`,
      );
    }
  }
}

/**
 * Claims a sale's places that its cart's holds have not claimed at the venue's inventory (GA
 * places; seats not held first), one performance after another; a refusal gives back what
 * was claimed before it. Resolves with the server holds taken.
 */
export async function claimForSale(
  till: Till,
  items: readonly SellInput['items'][number][],
  cartId: string | undefined,
): Promise<Result<string[], ClaimCode>> {
  // A till that is not enrolled has no venue inventory: nothing to claim, nothing to read.
  if (till.inventory.mode() === 'local') return ok([]);
  const wanted = new Map<string, { seatIds: string[]; ga: Record<string, number> }>();
  const seated = items.filter((i) => i.seatId !== undefined);
  // Only a cart's own holds can have claimed seats already; without a cart, none has.
  const claimed =
    cartId === undefined || seated.length === 0
      ? new Map<string, string[]>()
      : await serverHoldsOf(
          till.store.db,
          cartId,
          seated.map((i) => ({ performanceId: i.performanceId, seatId: i.seatId! })),
        );
  const claimedSeats = new Set([...claimed.values()].flat());
  for (const item of items) {
    if (till.catalog.performance(item.performanceId) === undefined) continue;
    const w = wanted.get(item.performanceId) ?? { seatIds: [], ga: {} };
    if (item.seatId === undefined) {
      w.ga[item.tierId] = (w.ga[item.tierId] ?? 0) + (item.quantity ?? 1);
    } else if (!claimedSeats.has(item.seatId)) {
      w.seatIds.push(item.seatId);
    }
    wanted.set(item.performanceId, w);
  }
  const held: string[] = [];
  const untilMs = till.ports.clock() + CLAIM_MS;
  for (const [performanceId, { seatIds, ga }] of wanted) {
    const claim = await till.inventory.claimForSale({ performanceId, seatIds, ga, untilMs });
    if (!claim.ok) {
      await Promise.all(held.map((id) => till.inventory.releaseHold(id)));
      return claim;
    }
    if (claim.value.serverHoldId !== null) held.push(claim.value.serverHoldId);
  }
  return ok(held);
}

/**
 * A sale's claim outlives the commit and the push that follows it (seconds), and lapses by
 * itself if the till dies in between.
 */
const CLAIM_MS = 5 * 60_000;

export interface CompletedSale {
  readonly sale: SalePayload;
  readonly receiptNumber: number;
  readonly output: SellOutput;
}

export function customerKeyOf(customerId: string | undefined): string {
  return (customerId ?? '').trim().toLocaleLowerCase();
}

/**
 * Tickets the named customer already holds, per performance: those of every order stored
 * under the same customer (this till's and, from the feed, other windows'), not refunded,
 * voided or exchanged. The per-customer limit (anti-scalping, `checkPurchaseLimits`) counts
 * them, in the cart's preview and in the commit alike.
 */
export async function customerHeldFor(
  till: Till,
  customerId: string | null | undefined,
): Promise<Record<string, number>> {
  const key = customerKeyOf(customerId ?? undefined);
  if (key === '') return {};
  const { db } = till.store;
  const tickets = await db.transaction('r', [db.orders, db.tickets], async () => {
    const orders = await db.orders.where('customerKey').equals(key).primaryKeys();
    return orders.length === 0 ? [] : db.tickets.where('orderId').anyOf(orders).toArray();
  });
  const held: Record<string, number> = {};
  for (const t of tickets) {
    if (holdsPlace(t.status)) held[t.performanceId] = (held[t.performanceId] ?? 0) + 1;
  }
  return held;
}

/**
 * The order and ticket records of a sale entry, whichever terminal sold it: this till's own
 * sales (in the commit) and other tills' (from the sync feed) are stored alike.
 */
export function saleRecords(entry: JournalEntry<'sale', SalePayload>): {
  readonly order: TillOrderRecord;
  readonly tickets: TillTicketRecord[];
} {
  const sale = entry.payload;
  const order: TillOrderRecord = {
    id: sale.orderId,
    terminalId: entry.terminalId,
    receiptNumber: sale.receiptNo,
    at: entry.at,
    status: 'completed',
    total: sale.totals.total,
    customerKey: customerKeyOf(sale.customerId),
    performanceIds: [...new Set(sale.tickets.map((t) => t.performanceId))],
    order: { sale, events: [] },
  };
  const tickets: TillTicketRecord[] = sale.tickets.map((t) => tillTicketRecord(sale.orderId, t));
  return { order, tickets };
}

/** At most this many codes are signed ahead for one sale (a bigger one signs the rest as it issues). */
const MAX_SIGNED_AHEAD = 50;

/**
 * The tickets a sale's items ask for: one per seat, `quantity` per GA tier. Read before the
 * command validates the input, so a quantity it would refuse signs nothing ahead.
 */
function ticketUnits(input: SellInput, issuedAt: string): TicketUnit[] {
  const count = (item: SellInput['items'][number]): number => {
    if (item.seatId !== undefined) return 1;
    const n = item.quantity ?? 1;
    return Number.isInteger(n) && n >= 1 && n <= MAX_SIGNED_AHEAD ? n : 0;
  };
  const items = Array.isArray(input.items) ? input.items.slice(0, MAX_SIGNED_AHEAD) : [];
  return items
    .flatMap((item) =>
      Array.from({ length: count(item) }, () => ({
        performanceId: item.performanceId,
        tierId: item.tierId,
        issuedAt,
        ...(item.seatId === undefined ? {} : { seatId: item.seatId }),
      })),
    )
    .slice(0, MAX_SIGNED_AHEAD);
}

/** What a sale decides on, read from the store: stock, the customer's tickets, vouchers. */
async function readBasis(
  till: Till,
  input: SellInput,
  cartId: string | undefined,
): Promise<SaleBasis> {
  const [{ inventory, counts }, customerHeld, voucherBalances] = await Promise.all([
    inventoriesAndCounts(till, input.items, cartId),
    customerHeldFor(till, input.customerId),
    voucherBalancesFor(till.store.db, input.tenders),
  ]);
  return { inventory, counts, customerHeld, voucherBalances, remembered: false };
}

/**
 * The stock a sale may decide on without reading it: every seat it asks for taken to be free
 * and every performance's counts as this till last saw them; null when one is not known, or
 * when the sale also reads something else first (the customer's tickets, a voucher).
 */
function rememberedStock(
  till: Till,
  input: SellInput,
): { inventory: Record<string, PerformanceInventory>; counts: ValidCounts } | null {
  if (customerKeyOf(input.customerId) !== '') return null;
  if (!Array.isArray(input.items) || !Array.isArray(input.tenders)) return null;
  if (input.tenders.some((t) => t.kind === 'voucher')) return null;
  const seatsOf = seatsByPerformance(input.items);
  const counts = new Map<string, ReadonlyMap<string, number>>();
  const inventory: Record<string, PerformanceInventory> = {};
  for (const [id, seats] of seatsOf) {
    const valid = till.seenStock.recall(id);
    if (valid === undefined) return null;
    counts.set(id, valid);
    inventory[id] = inventoryOf(till, id, new Set(), valid, seats);
  }
  return { inventory, counts };
}

/** What one attempt at the sale's commit decides on. */
interface SaleBasis {
  readonly inventory: Record<string, PerformanceInventory>;
  readonly counts: ValidCounts;
  readonly customerHeld: Record<string, number>;
  readonly voucherBalances: Record<string, Money>;
  /**
   * The stock was remembered, not read: the commit then refuses unless the counts stored are
   * the ones decided on (the seats are checked inside every commit anyway).
   */
  readonly remembered: boolean;
}

/**
 * Sells: runs the domain `sell` command against the inventory and commits the sale entry with
 * its order, tickets and sold seats — and the cleared cart — in one strict transaction. The
 * caller prints afterwards; a printer never undoes a sale.
 *
 * `cartId`: the cart whose holds this sale turns into sales. Its held seats are sellable to
 * it; a seat another cart holds (live) is not, checked again inside the transaction.
 *
 * The stock a sale decides on is normally read first (one read-only transaction). A cashier
 * selling a performance again needs no read: the sale decides on the counts its till's last
 * sale of it left (`till.seenStock`) and takes its seats to be free, and its commit checks both
 * against the store inside the transaction (markSeatsSold, addTickets' `onlyIfKnownIsCurrent`,
 * recheckGaQuota).
 * If anything differs (another window sold, a refund freed a place) or the command refuses,
 * nothing was written, and the sale runs again on the stock read from the store: the answer is
 * always the one the stored stock gives.
 */
export async function commitSale(
  till: Till,
  input: SellInput,
  actor: Actor,
  cartId?: string,
): Promise<Result<CompletedSale, CommandErrorCode | StoreErrorCode | ClaimCode>> {
  // The sale's instant is read once: its tickets' codes (which name it) are signed ahead, and
  // the command then issues them at that same instant.
  const at = till.ports.clock();
  const signing = presignCodes(
    ticketUnits(input, new Date(at).toISOString()),
    till.ports.ids,
    till.ports.signTicket,
  );
  const training = till.state().training;
  const remembered = training ? null : rememberedStock(till, input);
  let first: SaleBasis;
  let presigned: PresignedCodes;
  if (remembered !== null) {
    presigned = await signing;
    first = { ...remembered, customerHeld: {}, voucherBalances: {}, remembered: true };
  } else {
    try {
      // Signed while the stock is read.
      [first, presigned] = await Promise.all([readBasis(till, input, cartId), signing]);
    } catch (e) {
      // A store that cannot be read (closed, gone) refuses the sale in words; nothing was written.
      return toStoreError(e, 'unavailable');
    }
  }
  // Places no hold has claimed come from the venue's shared inventory before the commit (an
  // enrolled till: a hold at the server, or offline this till's lease); the pushed sale
  // then uses them.
  const claims = training ? ok([]) : await claimForSale(till, input.items, cartId);
  if (!claims.ok) return claims;
  let outcome = await commitSaleOn(till, input, actor, cartId, at, presigned, first);
  if (!outcome.ok && first.remembered) {
    // Decided on remembered stock that no longer holds (or refused on it): nothing was
    // written. Again on the stock as stored, which gives the answer.
    let basis: SaleBasis | undefined;
    try {
      basis = await readBasis(till, input, cartId);
    } catch (e) {
      outcome = toStoreError(e, 'unavailable');
    }
    if (basis !== undefined)
      outcome = await commitSaleOn(till, input, actor, cartId, at, presigned, basis);
  }
  if (!outcome.ok) {
    await Promise.all(
      claims.value.map((id) => till.inventory.releaseHold(id).catch(() => undefined)),
    );
  }
  return outcome;
}

/** One attempt at a sale's commit, deciding on `basis`. */
async function commitSaleOn(
  till: Till,
  input: SellInput,
  actor: Actor,
  cartId: string | undefined,
  at: number,
  presigned: PresignedCodes,
  basis: SaleBasis,
): Promise<Result<CompletedSale, CommandErrorCode | StoreErrorCode>> {
  let output: SellOutput | undefined;
  let countsAfter: ValidCounts | undefined;
  const committed = await till.commit<CommandErrorCode>(
    async (terminal) => {
      const result = await sell(
        {
          terminal,
          settings: till.settings,
          catalog: till.catalog,
          inventory: basis.inventory,
          customerHeld: basis.customerHeld,
          voucherBalances: basis.voucherBalances,
        },
        input,
        actor,
        { ...till.ports, clock: () => at, presigned },
      );
      if (!result.ok) return result;
      output = result.value;
      return ok(result.value.drafts);
    },
    async ({ db, entries, now }) => {
      for (const entry of entries) {
        if (entry.type !== 'sale') continue;
        const sale = entry.payload;
        const { order, tickets } = saleRecords(entry);
        // Issued together, awaited together: IndexedDB runs them in order within the
        // transaction anyway, and each separate await costs a trip through the event loop.
        // The two with reads go first, so their answers come back before the writes are done.
        const [, counts] = await Promise.all([
          // Replaces this cart's holds; a seat another cart took meanwhile aborts the sale.
          takeSeats(db, cartId, sale.tickets, now, sale.training),
          // Practice tickets stay out of the tickets table: they take no GA place, no seat,
          // and no door scanner or refund search of a real till can mistake them for real ones.
          sale.training ? undefined : addTickets(tickets, basis.counts, basis.remembered),
          // Straight on the commit's IDBTransaction, as the store's own commit writes.
          writeRows(currentIdbTransaction(), 'orders', [order], 'add'),
          clearCartInCommit(till.terminalId),
        ]);
        // The GA places were counted before the transaction: counted again inside it (the
        // counts addTickets read and wrote in it), so two carts committing at once can never
        // take the last place twice.
        if (counts !== undefined) recheckGaQuota(till, sale.tickets, counts);
        countsAfter = counts;
      }
    },
  );
  if (!committed.ok) return committed;
  if (output === undefined || committed.value.receiptNumber === null) {
    // The builder always runs before a successful commit; this is a programming error.
    throw new Error('sale committed without a sale entry');
  }
  // What the next sale of these performances may decide on without reading.
  if (countsAfter !== undefined) till.seenStock.remember(countsAfter);
  return ok({ sale: output.sale, receiptNumber: committed.value.receiptNumber, output });
}
