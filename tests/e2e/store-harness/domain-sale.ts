import { indexCatalog } from '../../../shared/catalog/catalog';
import type { SellState } from '../../../shared/commands';
import { sell } from '../../../shared/commands';
import type { TerminalState } from '../../../shared/commands/terminal-state';
import { preferredEd25519Backend } from '../../../shared/crypto/ed25519';
import type { EntryDraft } from '../../../shared/journal/entry-types';
import { money } from '../../../shared/money';
import { createIdSource } from '../../../shared/orders/ids';
import { generateSigningKey } from '../../../shared/tickets/signing-key';
import { createTicketSigner } from '../../../shared/tickets/ticket-code';
import type { Result } from '../../../shared/util/result';
import { err, ok } from '../../../shared/util/result';
import { DEMO_VENUE_TEMPLATE, buildDemoCatalog } from '../../../shared/catalog/demo-venue';
import type { ProjectionContext } from '../../../src-renderer/store';
import { addTickets } from '../../../src-renderer/store';

/**
 * Realistic sale drafts from the domain's own `sell` command over the demo venue: two GA
 * tickets, signed, paid in cash. Built before the timer starts, so the benchmark measures
 * the commit (seal + strict transaction + projections), not signing.
 */
export interface SaleFactory {
  readonly describe: { performanceId: string; tierId: string };
  sale(lastReceiptNo: number): Promise<Result<readonly EntryDraft[], string>>;
}

export async function createSaleFactory(terminalId: string): Promise<Result<SaleFactory, string>> {
  const now = Date.now();
  const built = buildDemoCatalog(DEMO_VENUE_TEMPLATE, now);
  if (!built.ok) return built;
  const catalog = indexCatalog(built.value);
  const tier = built.value.tiers.find((t) => t.kind === 'ga');
  const performance =
    tier &&
    built.value.performances.find((p) => p.eventId === tier.eventId && p.status === 'scheduled');
  if (!tier || !performance) return err('no_ga', 'The demo venue has no GA tier on sale.');
  const backend = await preferredEd25519Backend();
  const key = await generateSigningKey(backend);
  const signer = createTicketSigner(
    { privateKey: key.privateKey, publicKey: key.publicKey },
    key.keyId,
    backend,
  );
  if (!signer.ok) return signer;
  const clock = () => Date.now();
  const ports = {
    clock,
    ids: createIdSource(clock, (n: number) => crypto.getRandomValues(new Uint8Array(n))),
    signTicket: signer.value,
  };
  const currency = built.value.venue.currency;
  const staff = { staffId: 'olena', role: 'cashier' as const };
  const settings = {
    terminalId,
    currency,
    paidOutLimit: money(100_000, currency),
    overShortTolerance: money(500, currency),
  };
  return ok({
    describe: { performanceId: performance.id, tierId: tier.id },
    async sale(lastReceiptNo: number) {
      const terminal: TerminalState = {
        terminalId,
        session: staff,
        shift: {
          shiftId: 'shift-bench',
          openedAt: new Date(now).toISOString(),
          float: money(0, currency),
          staff,
          training: false,
        },
        lastReceiptNo,
        lastTrainingReceiptNo: 0,
        lastZNumber: 0,
        training: false,
      };
      const state: SellState = {
        terminal,
        settings,
        catalog,
        inventory: {
          [performance.id]: { gaAvailable: { [tier.id]: 1_000_000 }, sold: 0, capacity: 1_000_000 },
        },
      };
      const r = await sell(
        state,
        {
          items: [{ performanceId: performance.id, tierId: tier.id, quantity: 2 }],
          tenders: [{ kind: 'cash', tendered: money(10_000_000, currency) }],
        },
        staff,
        ports,
      );
      return r.ok ? ok(r.value.drafts) : r;
    },
  });
}

/**
 * The sale's read models, as a till writes them: order and tickets (the store writes entry,
 * outbox and counter). Both writes are issued before either is awaited, as projections should.
 */
export async function projectDomainSale(ctx: ProjectionContext): Promise<void> {
  const writes: Promise<unknown>[] = [];
  for (const entry of ctx.entries) {
    if (entry.type !== 'sale') continue;
    const sale = entry.payload;
    writes.push(
      ctx.db.orders.add({
        id: sale.orderId,
        terminalId: ctx.terminalId,
        receiptNumber: sale.receiptNo,
        at: entry.at,
        status: 'completed',
        total: sale.totals.total,
        customerKey: '',
        performanceIds: [...new Set(sale.tickets.map((t) => t.performanceId))],
        order: sale,
      }),
    );
    writes.push(
      addTickets(
        sale.tickets.map((t) => ({
          id: t.ticketId,
          orderId: sale.orderId,
          performanceId: t.performanceId,
          code: t.code,
          status: 'valid' as const,
          tierId: t.tierId,
          ticket: t,
        })),
      ),
    );
  }
  await Promise.all(writes);
}
