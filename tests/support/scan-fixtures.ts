import type { CatalogIndex } from '../../shared/catalog/catalog';
import type { OrderEvent } from '../../shared/orders/order-view';
import type { SalePayload } from '../../shared/journal/entry-types';
import type { Money } from '../../shared/money';
import { add, money, multiply, sum, zero } from '../../shared/money';
import { taxBreakdown } from '../../shared/money/tax';
import type { TicketRecord as DomainTicket } from '../../shared/orders/records';
import { buildLines } from '../../shared/orders/records';
import type { TenderRecord } from '../../shared/orders/tenders';
import type { TicketSigner } from '../../shared/tickets/ticket-code';
import type { OrderRecord, TicketRecord, TicketStatus } from '../../src-renderer/store/records';

/**
 * Stored sales for scan tests and benchmarks, shaped exactly as the till stores them
 * (src-renderer/app/sale-service.ts): an order record holding `{sale, events}` and one ticket
 * record per ticket holding the domain ticket with its policy snapshot and signed code.
 * Browser-safe (no Node imports): the benchmark builds 200,000 of these inside Chromium.
 */

export interface TicketSpec {
  readonly ticketId: string;
  readonly performanceId: string;
  readonly tierId: string;
  readonly seatId?: string;
  /** Status of the ticket row; 'valid' by default. */
  readonly status?: TicketStatus;
}

export interface StoredSaleInput {
  readonly catalog: CatalogIndex;
  readonly sign: TicketSigner;
  readonly terminalId: string;
  readonly orderId: string;
  readonly receiptNo: number;
  /** ISO instant of the sale. */
  readonly at: string;
  readonly tickets: readonly TicketSpec[];
  readonly tender: 'cash' | 'card';
  readonly tenderId: string;
  readonly events?: readonly OrderEvent[];
}

export interface StoredSale {
  readonly order: OrderRecord<{ sale: SalePayload; events: readonly OrderEvent[] }>;
  readonly tickets: TicketRecord<DomainTicket>[];
}

export async function buildStoredSale(input: StoredSaleInput): Promise<StoredSale> {
  const { catalog } = input;
  const currency = catalog.venue.currency;
  const domain: DomainTicket[] = [];
  for (const spec of input.tickets) {
    const tier = catalog.tier(spec.tierId);
    const performance = catalog.performance(spec.performanceId);
    if (tier === undefined || performance === undefined) {
      throw new Error(`fixture: unknown tier ${spec.tierId} or performance ${spec.performanceId}`);
    }
    const policy = catalog.policy(tier.refundPolicyId);
    if (policy === undefined) throw new Error(`fixture: unknown policy ${tier.refundPolicyId}`);
    const code = await input.sign({
      ticketId: spec.ticketId,
      performanceId: spec.performanceId,
      tierId: spec.tierId,
      ...(spec.seatId !== undefined ? { seatId: spec.seatId } : {}),
      issuedAt: input.at,
    });
    domain.push({
      ticketId: spec.ticketId,
      orderId: input.orderId,
      performanceId: spec.performanceId,
      eventId: performance.eventId,
      tierId: spec.tierId,
      ...(spec.seatId !== undefined ? { seatId: spec.seatId } : {}),
      price: tier.price,
      bookingFee: tier.bookingFee ?? zero(currency),
      taxRateBp: tier.taxRateBp,
      base: tier.price,
      adjustments: [],
      checkId: false,
      code,
      issuedAt: input.at,
      policy,
    });
  }
  const ticketsTotal = sum(
    currency,
    domain.map((t) => t.price),
  );
  const fees = sum(
    currency,
    domain.map((t) => t.bookingFee),
  );
  const total = add(ticketsTotal, fees);
  const tender: TenderRecord =
    input.tender === 'cash'
      ? {
          tenderId: input.tenderId,
          kind: 'cash',
          amount: total,
          tendered: roundUp(total),
          change: money(roundUp(total).amount - total.amount, currency),
        }
      : {
          tenderId: input.tenderId,
          kind: 'card',
          amount: total,
          approvalCode: 'A1B2C3',
          last4: '4242',
        };
  const sale: SalePayload = {
    orderId: input.orderId,
    receiptNo: input.receiptNo,
    shiftId: '01939d6e-0000-7000-8000-000000000001',
    staff: { staffId: 'cashier-1', role: 'cashier' },
    lines: buildLines(domain),
    tickets: domain,
    tenders: [tender],
    totals: {
      tickets: ticketsTotal,
      bookingFees: fees,
      total,
      rounding: zero(currency),
      paid: total,
      change: tender.kind === 'cash' ? tender.change : zero(currency),
      taxes: taxBreakdown(
        domain.map((t) => ({ gross: add(t.price, t.bookingFee), rateBp: t.taxRateBp })),
      ),
    },
    training: false,
  };
  const statusOf = new Map(input.tickets.map((s) => [s.ticketId, s.status ?? 'valid']));
  return {
    order: {
      id: input.orderId,
      terminalId: input.terminalId,
      receiptNumber: input.receiptNo,
      at: input.at,
      status: 'completed',
      total,
      customerKey: '',
      performanceIds: [...new Set(domain.map((t) => t.performanceId))],
      order: { sale, events: input.events ?? [] },
    },
    tickets: domain.map((t) => ({
      id: t.ticketId,
      orderId: input.orderId,
      performanceId: t.performanceId,
      code: t.code,
      status: statusOf.get(t.ticketId) ?? 'valid',
      tierId: t.tierId,
      ...(t.seatId !== undefined ? { seatId: t.seatId } : {}),
      ticket: t,
    })),
  };
}

/** Cash handed over: the total rounded up to the next 100 major units (change is due). */
function roundUp(total: Money): Money {
  const step = 10_000;
  return multiply(money(step, total.currency), Math.ceil((total.amount + 1) / step));
}

/** Every seat id of a performance's plan, in plan order. */
export function seatIdsOf(catalog: CatalogIndex, performanceId: string): string[] {
  const planId = catalog.performance(performanceId)?.seatingPlanId;
  const plan = planId !== undefined ? catalog.plan(planId) : undefined;
  return (plan?.sections ?? []).flatMap((s) =>
    s.rows.flatMap((r) => r.seats.map((seat) => seat.id)),
  );
}
