import type { JournalDraft } from '../../shared/journal/chain';
import { draft, type SalePayload } from '../../shared/journal/entry-types';
import { money, type Money } from '../../shared/money';
import { buildLines, type TicketRecord } from '../../shared/orders/records';
import { definePolicy } from '../../shared/refund-policy/policy-schema';

/**
 * A small but real sale draft for store tests (unit and the browser harness): it passes the
 * journal contract the store checks on write and read. Browser-safe (no Node imports).
 */

const policy = definePolicy({
  id: 'std',
  version: 1,
  name: 'Standard',
  currency: 'UAH',
  windows: [{ minHoursBefore: 48, refundBp: 10_000 }],
});
const uah = (amount: number): Money => money(amount, 'UAH');

/**
 * A real sale entry (it passes the journal contract the store checks on write and read):
 * order `order-<n>`, tickets `t-<n>-a` / `t-<n>-b` (codes `CODE-t-<n>-a` …) for perf-1.
 */
export function saleDraft(
  ctx: { receiptNumber: number; trainingReceiptNumber: number; now: string },
  n: number | string,
  training = false,
): JournalDraft<'sale', SalePayload> {
  // A string names the order itself (the browser harness's tags); a number makes `order-<n>`.
  const orderId = typeof n === 'string' ? n : `order-${n}`;
  const tickets: TicketRecord[] = ['a', 'b'].map((suffix) => ({
    ticketId: `t-${n}-${suffix}`,
    orderId,
    performanceId: 'perf-1',
    eventId: 'hamlet',
    tierId: 'stalls',
    price: uah(45_000),
    bookingFee: uah(0),
    taxRateBp: 0,
    base: uah(45_000),
    adjustments: [],
    checkId: false,
    code: `CODE-t-${n}-${suffix}`,
    issuedAt: ctx.now,
    policy,
  }));
  const total = uah(2 * 45_000);
  return draft('sale', ctx.now, {
    orderId,
    receiptNo: training ? ctx.trainingReceiptNumber : ctx.receiptNumber,
    shiftId: 'shift-1',
    staff: { staffId: 'olena', role: 'cashier' },
    lines: buildLines(tickets),
    tickets,
    tenders: [
      { tenderId: `tender-${n}`, kind: 'cash', amount: total, tendered: total, change: uah(0) },
    ],
    totals: {
      tickets: total,
      bookingFees: uah(0),
      total,
      rounding: uah(0),
      paid: total,
      change: uah(0),
      taxes: [],
    },
    training,
  });
}
