/* eslint-disable @typescript-eslint/require-await -- the fake ports implement async actor interfaces with synchronous in-memory code. */
import { fromPromise } from 'xstate';
import { indexCatalog, type CatalogIndex } from '../../shared/catalog/catalog';
import { money } from '../../shared/money/money';
import { err, ok } from '../../shared/util/result';
import { buildDemoCatalog, DEMO_VENUE_TEMPLATE } from '../../shared/catalog/demo-venue';
import { bestAvailable } from '../../src-renderer/flows/best-available';
import type { PrintOutcome } from '../../src-renderer/flows/flow-types';
import { quoteCart } from '../../src-renderer/flows/quote-cart';
import type {
  CommitActorResult,
  HoldActorResult,
  HoldSeatsInput,
  PrintActorResult,
  QuoteActorResult,
  QuoteCartInput,
  ReleaseSeatsInput,
  SellCommitInput,
  SellPrintInput,
} from '../../src-renderer/flows/sell/sell-types';
import { tenderSummary } from '../../src-renderer/flows/tender-math';

/** In-memory stand-ins for the flows' ports: unit tests only. */

export const NOW = Date.parse('2026-05-04T09:00:00Z');

export function demoIndex(): CatalogIndex {
  const built = buildDemoCatalog(DEMO_VENUE_TEMPLATE, NOW);
  if (!built.ok) throw new Error(built.error.message);
  return indexCatalog(built.value);
}

export const UAH = (major: number) => money(Math.round(major * 100), 'UAH');

/** Seat inventory of one terminal: sold seats, and holds per cart. */
export class FakeSeatInventory {
  readonly sold = new Set<string>();
  readonly holds = new Map<string, string>();
  readonly releases: ReleaseSeatsInput[] = [];

  constructor(private readonly catalog: CatalogIndex) {}

  private key(performanceId: string, seatId: string): string {
    return `${performanceId}|${seatId}`;
  }

  available(performanceId: string): Set<string> {
    const planId = this.catalog.performance(performanceId)?.seatingPlanId;
    const plan = planId ? this.catalog.plan(planId) : undefined;
    const out = new Set<string>();
    for (const s of plan?.sections ?? []) {
      for (const r of s.rows) {
        for (const seat of r.seats) {
          const k = this.key(performanceId, seat.id);
          if (!this.sold.has(k) && !this.holds.has(k)) out.add(seat.id);
        }
      }
    }
    return out;
  }

  hold(input: HoldSeatsInput): HoldActorResult {
    const performance = this.catalog.performance(input.performanceId);
    const plan = performance?.seatingPlanId
      ? this.catalog.plan(performance.seatingPlanId)
      : undefined;
    const tier = this.catalog.tier(input.tierId);
    if (!plan || !tier) return err('not_for_this_tier', 'No seating plan or tier.');
    const free = this.available(input.performanceId);
    let seatIds: readonly string[];
    let together = true;
    if (input.request.kind === 'best') {
      const best = bestAvailable(plan, free, input.request.count, {
        categoryIds: tier.seatCategoryIds ?? [],
        includeAccessible: input.includeAccessible,
      });
      if (!best)
        return err('not_enough_seats', `Fewer than ${input.request.count} seats are left.`);
      seatIds = best.seatIds;
      together = best.together;
    } else {
      seatIds = input.request.seatIds;
      const taken = seatIds.find((id) => !free.has(id));
      if (taken !== undefined)
        return err('seat_unavailable', `Seat ${taken} was just taken.`, { seatId: taken });
    }
    for (const id of seatIds) this.holds.set(this.key(input.performanceId, id), input.cartId);
    return ok({ seatIds, until: new Date(NOW + 15 * 60_000).toISOString(), together });
  }

  release(input: ReleaseSeatsInput): void {
    this.releases.push(input);
    for (const s of input.seats) this.holds.delete(this.key(s.performanceId, s.seatId));
  }
}

export interface SellFakes {
  readonly seats: FakeSeatInventory;
  readonly commits: SellCommitInput[];
  readonly prints: SellPrintInput[];
  /** Replace to refuse or fail a commit. */
  commitResult: ((input: SellCommitInput) => CommitActorResult) | null;
  /** Replace to make the printer fail. */
  printResult: (input: SellPrintInput, attempt: number) => PrintActorResult;
  readonly actors: {
    quoteCart: ReturnType<typeof fromPromise<QuoteActorResult, QuoteCartInput>>;
    holdSeats: ReturnType<typeof fromPromise<HoldActorResult, HoldSeatsInput>>;
    releaseSeats: ReturnType<typeof fromPromise<void, ReleaseSeatsInput>>;
    commitSale: ReturnType<typeof fromPromise<CommitActorResult, SellCommitInput>>;
    printSale: ReturnType<typeof fromPromise<PrintActorResult, SellPrintInput>>;
  };
}

export function sellFakes(catalog: CatalogIndex = demoIndex()): SellFakes {
  const seats = new FakeSeatInventory(catalog);
  const fakes: SellFakes = {
    seats,
    commits: [],
    prints: [],
    commitResult: null,
    printResult: () => ok<PrintOutcome>({ state: 'printed' }),
    actors: {
      quoteCart: fromPromise(async ({ input }) => quoteCart(catalog, input, { now: NOW })),
      holdSeats: fromPromise(async ({ input }) => seats.hold(input)),
      releaseSeats: fromPromise(async ({ input }) => seats.release(input)),
      commitSale: fromPromise(async ({ input }) => {
        fakes.commits.push(input);
        if (fakes.commitResult) return fakes.commitResult(input);
        const quote = quoteCart(
          catalog,
          { items: input.sell.items, promoCode: input.sell.promoCode ?? null, customerId: null },
          { now: NOW },
        );
        if (!quote.ok) return quote;
        const summary = tenderSummary(
          quote.value.total,
          input.sell.tenders,
          catalog.venue.cashRoundingIncrement,
        );
        if (!summary.settled) return err('underpaid', summary.problem?.message ?? 'underpaid');
        for (const item of input.sell.items) {
          if (item.seatId !== undefined) {
            seats.holds.delete(`${item.performanceId}|${item.seatId}`);
            seats.sold.add(`${item.performanceId}|${item.seatId}`);
          }
        }
        return ok({
          orderId: `order-${fakes.commits.length}`,
          receiptNo: fakes.commits.length,
          total: quote.value.total,
          change: summary.change,
          checkId: quote.value.checkId,
          tenderKinds: input.sell.tenders.map((t) => t.kind),
        });
      }),
      printSale: fromPromise(async ({ input }) => {
        fakes.prints.push(input);
        return fakes.printResult(input, fakes.prints.length);
      }),
    },
  };
  return fakes;
}
