/**
 * A simulated till for the sync storm test and the sync benchmarks: a whole trading day built
 * with the real domain commands (sales, refunds, paid in/out, drops, no-sales, shifts closed
 * with a Z report and a fresh shift opened by the next cashier), each till with its own seed
 * so order and ticket ids never collide across tills, then sealed as the terminal the server
 * enrolled. The till's own Z figures come from the shared report fold (shared/shift/report).
 */
import {
  closeShift,
  drop,
  login,
  logout,
  noSale,
  openShift,
  paidIn,
  paidOut,
  refund,
  sell,
} from '../../shared/commands';
import type { CatalogIndex } from '../../shared/catalog/catalog';
import { sealEntries, type ChainHead } from '../../shared/journal/chain';
import type { DomainEntry, EntryLike } from '../../shared/journal/entry-types';
import { subtract } from '../../shared/money/money';
import { buildShiftReport, type ShiftReport } from '../../shared/shift/report';
import { expectedCash } from '../../shared/shift/tally';
import { fullInventory, STAFF, Till, uah } from '../fixtures/domain';
import { approving } from '../support/approvals';
import { cash } from '../unit/journal-day';
import { sealAs } from './harness';

export interface DayShape {
  /** Shifts in the day; every one but the last is closed with a Z report. */
  readonly shifts: number;
  readonly salesPerShift: number;
  /** Every n-th sale is followed by a refund of one of its tickets (0: none). */
  readonly refundEvery: number;
  /** Paid in, paid out, drop and no-sale once per shift. */
  readonly cashMovements: boolean;
  /** Close the last shift too. */
  readonly closeLast: boolean;
  /** Every sale one GA ticket (≈ 2.4 KB an entry: 100 fit a 256 KB push), else a mix of 1–3. */
  readonly oneTicket?: boolean;
}

export const STORM_DAY: DayShape = {
  shifts: 3,
  salesPerShift: 12,
  refundEvery: 4,
  cashMovements: true,
  closeLast: true,
};

const CASHIERS = [STAFF.olena, STAFF.petro, STAFF.taras] as const;

/** GA places never run out on a simulated till: the server does not check inventory yet. */
function restock(till: Till): void {
  for (const inv of Object.values(till.inventory)) {
    const ga = inv.gaAvailable as Record<string, number>;
    for (const tier of Object.keys(ga)) ga[tier] = 1_000_000;
  }
}

const ITEMS = [
  [{ performanceId: 'hamlet-0501', tierId: 'hamlet-standing', quantity: 2 }],
  [{ performanceId: 'jazz-0510', tierId: 'jazz-ga', quantity: 1 }],
  [{ performanceId: 'hamlet-0502', tierId: 'hamlet-standing', quantity: 1 }],
  [
    { performanceId: 'hamlet-0501', tierId: 'hamlet-standing', quantity: 1 },
    { performanceId: 'jazz-0510', tierId: 'jazz-ga', quantity: 2 },
  ],
] as const;

/** The drafts of one simulated day (unsealed: the terminal id comes from enrolment). */
export async function simulatedDay(seed: number, shape: DayShape = STORM_DAY): Promise<Till> {
  const till = new Till('2026-04-01T10:00:00+03:00', seed);
  restock(till);
  for (let s = 0; s < shape.shifts; s++) {
    const who = CASHIERS[s % CASHIERS.length]!;
    till.take(login(till.terminal, { staff: who }, till.ports));
    till.take(openShift(till.base(), { float: uah(1000 + 100 * s) }, who, till.ports));
    for (let i = 0; i < shape.salesPerShift; i++) {
      till.clock.advance(60_000);
      const items = shape.oneTicket ? ITEMS[1] : ITEMS[(i + seed) % ITEMS.length]!;
      const sale = till.take(
        await sell(till.base(), { items, tenders: [cash(2000)] }, who, till.ports),
      ).sale;
      if (shape.refundEvery > 0 && i % shape.refundEvery === shape.refundEvery - 1) {
        till.take(
          approving(STAFF.iryna, (approver) =>
            refund(
              { ...till.base(), order: till.order(sale.orderId) },
              {
                orderId: sale.orderId,
                ticketIds: [sale.tickets[0]!.ticketId],
                method: 'cash',
                reasonCode: 'customer_request',
                approver,
              },
              who,
              till.ports,
            ),
          ),
        );
      }
      if (shape.cashMovements && i === Math.floor(shape.salesPerShift / 2)) {
        const s2 = () => ({ ...till.base(), shiftTally: till.shiftTally() });
        till.take(paidIn(s2(), { amount: uah(100), reason: 'Coins from safe' }, who, till.ports));
        till.take(paidOut(s2(), { amount: uah(40), reason: 'Cleaning' }, who, till.ports));
        till.take(drop(s2(), { amount: uah(300), reason: 'Safe drop' }, who, till.ports));
        till.take(noSale(s2(), { reason: 'Check float' }, who, till.ports));
      }
    }
    if (s < shape.shifts - 1 || shape.closeLast) {
      till.clock.advance(60_000);
      // A count a little short on every other shift: over/short is part of what must agree.
      const tally = till.shiftTally();
      const short = uah(s % 2 === 0 ? 0 : 2.5);
      till.take(
        approving(STAFF.iryna, (approver) =>
          closeShift(
            { ...till.base(), shiftTally: tally },
            {
              counted: subtract(expectedCash(tally), short),
              note: short.amount > 0 ? 'Short after a busy rush' : 'Counted',
              approver,
            },
            who,
            till.ports,
          ),
        ),
      );
      till.take(logout(till.terminal, who, till.ports));
    }
  }
  return till;
}

/** A simulated day's entries sealed as the enrolled terminal. */
export async function sealedDay(
  terminalId: string,
  seed: number,
  shape: DayShape = STORM_DAY,
): Promise<DomainEntry[]> {
  return sealAs(terminalId, (await simulatedDay(seed, shape)).entries);
}

/**
 * The till's own Z reports, one per closed shift, by the shared fold over the shift's
 * entries (shift_open … shift_close), with the Z number and the count its close recorded.
 */
export function zReports(entries: readonly EntryLike[]): ShiftReport[] {
  const reports: ShiftReport[] = [];
  for (const close of entries) {
    if (close.type !== 'shift_close') continue;
    const id = close.payload.shiftId;
    const own = entries.filter(
      (e) => e !== close && 'shiftId' in e.payload && e.payload.shiftId === id,
    );
    reports.push(
      buildShiftReport(own, {
        kind: 'Z',
        generatedAt: close.at,
        zNumber: close.payload.zNumber,
        counted: close.payload.counted,
      }),
    );
  }
  return reports;
}

/**
 * A till selling chosen seats of a venue's own catalog (the demo venue's, say) as the real
 * till does: the `sell` command with the seats this till may sell right now (the ones it
 * holds at the server, or has leased), each sale sealed onto the terminal's chain after what
 * it sealed before, ready for `POST /api/sync/push`. The first batch also carries the login
 * and the shift's opening.
 */
export class SeatSellingTill {
  private readonly till: Till;
  private head: ChainHead | null = null;
  private sealed = 0;

  constructor(
    readonly terminalId: string,
    private readonly catalog: CatalogIndex,
    seed: number,
    startIso = new Date().toISOString(),
  ) {
    this.till = new Till(startIso, seed);
    // Sold seats leave the till's own view as the store would do (Till.take), so it needs the
    // venue's performances beside the fixture catalog's.
    Object.assign(this.till.inventory, fullInventory(catalog));
    const who = STAFF.olena;
    this.till.take(login(this.till.terminal, { staff: who }, this.till.ports));
    this.till.take(openShift(this.till.base(), { float: uah(1000) }, who, this.till.ports));
  }

  /** Moves the till's clock (sales are stamped with it). */
  advance(ms: number): void {
    this.till.clock.advance(ms);
  }

  /**
   * One cash sale of `seatIds` (seated tiers picked by each seat's category); the entries not
   * pushed yet, sealed. Throws when the command refuses (a companion seat alone, say).
   */
  async sellSeats(performanceId: string, seatIds: readonly string[]): Promise<DomainEntry[]> {
    const performance = this.catalog.performance(performanceId);
    const planId = performance?.seatingPlanId;
    if (!planId) throw new Error(`${performanceId} has no seating plan`);
    const tiers = this.catalog.tiersFor(performanceId);
    const items = seatIds.map((seatId) => {
      const category = this.catalog.seat(planId, seatId)?.seat.categoryId;
      const tier = tiers.find((t) => t.seatCategoryIds?.includes(category ?? ''));
      if (!tier) throw new Error(`no tier sells seat ${seatId}`);
      return { performanceId, tierId: tier.id, seatId };
    });
    const own = this.till.inventory[performanceId]!;
    const state = {
      ...this.till.base(),
      catalog: this.catalog,
      // This terminal may sell exactly these seats now: held for it, or in its lease.
      inventory: {
        [performanceId]: { ...own, availableSeatIds: new Set(seatIds), gaAvailable: {} },
      },
    };
    // Cash enough for any seat and its fees: the change is the till's business, not the sale's.
    const paid = [cash(seatIds.length * 5000)];
    this.till.take(await sell(state, { items, tenders: paid }, STAFF.olena, this.till.ports));
    const drafts = this.till.entries.slice(this.sealed);
    const entries = (await sealEntries(this.terminalId, this.head, drafts)) as DomainEntry[];
    this.sealed = this.till.entries.length;
    const last = entries[entries.length - 1]!;
    this.head = { terminalId: last.terminalId, seq: last.seq, hash: last.hash };
    return entries;
  }
}
