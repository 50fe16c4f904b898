import { createActor, fromPromise, waitFor } from 'xstate';
import { indexCatalog } from '../../shared/catalog/catalog';
import { money } from '../../shared/money/money';
import { ok } from '../../shared/util/result';
import { buildDemoCatalog, DEMO_VENUE_TEMPLATE } from '../../shared/catalog/demo-venue';
import { bestAvailable } from '../../src-renderer/flows/best-available';
import { quoteCart } from '../../src-renderer/flows/quote-cart';
import { sellMachine } from '../../src-renderer/flows/sell/sell-machine';
import type {
  CommitActorResult,
  HeldSeats,
  HoldActorResult,
  HoldSeatsInput,
  PrintActorResult,
  QuoteActorResult,
  ReleaseSeatsInput,
  SellCommitInput,
  SellPrintInput,
} from '../../src-renderer/flows/sell/sell-types';
import { median, percentile, row, type BenchRow } from './harness';

/**
 * Flow-side costs a cashier could feel (no targets in the issue; figures to watch):
 * best-available on the demo's 424-seat hall with half the seats sold, pricing a cart,
 * and one whole sell-machine run (pick → 2 seats → quote → cash → commit → print) with
 * instant in-memory actors, i.e. the machine's own overhead per sale.
 */
export default async function flowsBench(): Promise<BenchRow[]> {
  const now = Date.parse('2026-05-04T09:00:00Z');
  const built = buildDemoCatalog(DEMO_VENUE_TEMPLATE, now);
  if (!built.ok) throw new Error(built.error.message);
  const catalog = indexCatalog(built.value);
  const hall = catalog.plan('main-hall');
  if (!hall) throw new Error('no hall');
  const ids = hall.sections.flatMap((s) => s.rows.flatMap((r) => r.seats.map((x) => x.id)));
  // Every other pair sold: plenty of free seats, few long runs (a realistic half-full house).
  const free = new Set(ids.filter((_, i) => Math.floor(i / 2) % 2 === 0));

  const best: number[] = [];
  for (let i = 0; i < 2_000; i++) {
    const t0 = performance.now();
    bestAvailable(hall, free, 2, { categoryIds: ['standard'] });
    best.push(performance.now() - t0);
  }

  const items = Array.from({ length: 10 }, (_, i) => ({
    performanceId: 'forest-song-1',
    tierId: 'standard',
    seatId: `stalls-9-${i + 1}`,
    quantity: 1,
  }));
  const quotes: number[] = [];
  for (let i = 0; i < 2_000; i++) {
    const t0 = performance.now();
    quoteCart(catalog, { items, promoCode: 'KYIV10', customerId: null }, { now });
    quotes.push(performance.now() - t0);
  }

  const machine = sellMachine.provide({
    actors: {
      quoteCart: fromPromise<QuoteActorResult, Parameters<typeof quoteCart>[1]>(({ input }) =>
        Promise.resolve(quoteCart(catalog, input, { now })),
      ),
      holdSeats: fromPromise<HoldActorResult, HoldSeatsInput>(({ input }) =>
        Promise.resolve(
          ok<HeldSeats>({
            seatIds: input.request.kind === 'seats' ? input.request.seatIds : [],
            until: '2030-01-01T00:00:00Z',
            together: true,
          }),
        ),
      ),
      releaseSeats: fromPromise<void, ReleaseSeatsInput>(() => Promise.resolve()),
      commitSale: fromPromise<CommitActorResult, SellCommitInput>(() =>
        Promise.resolve(
          ok({
            orderId: 'o',
            receiptNo: 1,
            total: money(124_000, 'UAH'),
            change: money(26_000, 'UAH'),
            checkId: false,
            tenderKinds: ['cash' as const],
          }),
        ),
      ),
      printSale: fromPromise<PrintActorResult, SellPrintInput>(() =>
        Promise.resolve(ok({ state: 'printed' as const })),
      ),
    },
  });
  const runs: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    const a = createActor(machine, {
      input: { cartId: `c${i}`, staff: { staffId: 'olena', role: 'cashier' }, cashIncrement: 10 },
    });
    a.start();
    a.send({ type: 'PERFORMANCE.PICK', performanceId: 'forest-song-1' });
    a.send({ type: 'SEATS.SELECT', tierId: 'standard', seatIds: ['stalls-10-9', 'stalls-10-10'] });
    await waitFor(a, (s) => s.matches({ shopping: 'idle' }));
    a.send({ type: 'CHECKOUT' });
    await waitFor(a, (s) => s.matches('tender'));
    a.send({ type: 'TENDER.CASH', tendered: money(150_000, 'UAH') });
    a.send({ type: 'TENDER.DONE' });
    a.send({ type: 'CONFIRM' });
    await waitFor(a, (s) => s.status === 'done');
    runs.push(performance.now() - t0);
    a.stop();
  }

  return [
    row(
      'flows_best_available_p99_ms',
      percentile(best, 99),
      'ms',
      undefined,
      `424-seat hall, half sold, 2 seats; median ${median(best).toFixed(3)} ms`,
    ),
    row(
      'flows_quote_cart_p99_ms',
      percentile(quotes, 99),
      'ms',
      undefined,
      `10 seats with a promo code; median ${median(quotes).toFixed(3)} ms`,
    ),
    row(
      'flows_sell_machine_run_p99_ms',
      percentile(runs.slice(20), 99),
      'ms',
      undefined,
      `whole sale with instant in-memory actors; median ${median(runs.slice(20)).toFixed(3)} ms`,
    ),
  ];
}
