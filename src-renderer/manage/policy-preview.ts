import { indexCatalog, type Catalog } from '../../shared/catalog/catalog';
import type { PerformanceStatus, PriceTier } from '../../shared/catalog/schemas';
import { planRefund, type RefundPlan } from '../../shared/commands/plan-refund';
import type { SalePayload } from '../../shared/journal/entry-types';
import { add, zero } from '../../shared/money/money';
import { projectOrder } from '../../shared/orders/order-view';
import type { RefundPolicy } from '../../shared/refund-policy/policy-schema';

const HOUR_MS = 3_600_000;
const PREVIEW_PERFORMANCE = 'preview-performance';
const PREVIEW_ORDER = 'preview-order';
const PREVIEW_TICKET = 'preview-ticket';

export interface PreviewQuestion {
  readonly catalog: Catalog;
  /** The policy asked about: the published one, or a draft being edited. */
  readonly policy: RefundPolicy;
  readonly tier: PriceTier;
  /** How long before the show the customer asks (hours; days × 24). */
  readonly hoursBefore: number;
  readonly status: PerformanceStatus;
  /** How the ticket was paid: the methods a refund may use depend on it. */
  readonly paidBy: 'cash' | 'card';
  readonly nowMs: number;
}

/**
 * "What does a ticket of tier T get N days before the show?", answered by the till's own
 * refund decision (`planRefund`, shared): one ticket of the tier at its price and booking fee,
 * sold under `policy` and paid in full by `paidBy`, for a performance `hoursBefore` from now
 * with `status`, refunded by a cashier who did not sell it. The order and the performance are
 * made up for the question; every rule applied is the one the tills apply.
 */
export function previewRefund(q: PreviewQuestion): ReturnType<typeof planRefund> {
  const currency = q.catalog.venue.currency;
  const bookingFee = q.tier.bookingFee ?? zero(currency);
  const total = add(q.tier.price, bookingFee);
  const issuedAt = new Date(q.nowMs).toISOString();
  const startsAt = new Date(q.nowMs + q.hoursBefore * HOUR_MS).toISOString();
  const sale: SalePayload = {
    orderId: PREVIEW_ORDER,
    receiptNo: 1,
    shiftId: 'preview-shift',
    staff: { staffId: 'preview-seller', role: 'cashier' },
    lines: [
      {
        performanceId: PREVIEW_PERFORMANCE,
        tierId: q.tier.id,
        quantity: 1,
        unitPrice: q.tier.price,
        unitBookingFee: bookingFee,
        total,
        taxRateBp: q.tier.taxRateBp,
        ticketIds: [PREVIEW_TICKET],
      },
    ],
    tickets: [
      {
        ticketId: PREVIEW_TICKET,
        orderId: PREVIEW_ORDER,
        performanceId: PREVIEW_PERFORMANCE,
        eventId: q.tier.eventId,
        tierId: q.tier.id,
        price: q.tier.price,
        bookingFee,
        taxRateBp: q.tier.taxRateBp,
        base: q.tier.price,
        adjustments: [],
        checkId: false,
        code: 'preview',
        issuedAt,
        policy: q.policy,
      },
    ],
    tenders: [
      q.paidBy === 'cash'
        ? {
            tenderId: 'preview-tender',
            kind: 'cash',
            amount: total,
            tendered: total,
            change: zero(currency),
          }
        : {
            tenderId: 'preview-tender',
            kind: 'card',
            amount: total,
            approvalCode: 'PREVIEW',
            last4: '0000',
          },
    ],
    totals: {
      tickets: q.tier.price,
      bookingFees: bookingFee,
      total,
      rounding: zero(currency),
      paid: total,
      change: zero(currency),
      taxes: [],
    },
    training: false,
  };
  const catalog = indexCatalog({
    ...q.catalog,
    performances: [
      ...q.catalog.performances,
      { id: PREVIEW_PERFORMANCE, eventId: q.tier.eventId, startsAt, status: q.status },
    ],
  });
  return planRefund(
    {
      order: projectOrder(sale),
      catalog,
      settings: {},
      actorRole: 'cashier',
      actorStaffId: 'preview-refunder',
      nowMs: q.nowMs,
    },
    { ticketIds: [PREVIEW_TICKET] },
  );
}

export type PreviewPlan = RefundPlan;
