/**
 * Money is conserved through any sequence of sales, refunds, exchanges and voids run through
 * the real commands: nothing is created or lost, and no tender ever gives back more than it
 * took. Failed commands are fine (sold out, window closed…) as long as they fail with a code.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { approving, approvingAsync } from '../support/approvals';
import { exchange, refund, sell, voidSale, type CommandErrorCode } from '../../shared/commands';
import type { EntryLike } from '../../shared/journal';
import type { TenderInput } from '../../shared/orders';
import { buildShiftReport } from '../../shared/shift';
import type { Till } from '../fixtures/domain';
import { openTill, STAFF, uah } from '../fixtures/domain';

type Kind = 'standing' | 'balcony' | 'stalls' | 'jazz' | 'promo';
type Pay = { card: number; voucher: number; extraCash: number };

const itemArb = fc.record({
  kind: fc.constantFrom<Kind>('standing', 'standing', 'balcony', 'stalls', 'jazz', 'promo'),
  second: fc.boolean(),
  quantity: fc.integer({ min: 1, max: 3 }),
});
const payArb = fc.record({
  card: fc.integer({ min: 0, max: 100 }),
  voucher: fc.integer({ min: 0, max: 100 }),
  extraCash: fc.integer({ min: 0, max: 50_000 }),
});

const opArb = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('sale' as const),
      items: fc.array(itemArb, { minLength: 1, maxLength: 3 }),
      pay: payArb,
      promo: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('refund' as const),
      order: fc.nat(),
      mask: fc.integer({ min: 1, max: 63 }),
      method: fc.constantFrom('original_tender' as const, 'cash' as const, 'voucher' as const),
      override: fc.boolean(),
      // Mostly pick among tickets still valid, so refunds follow refunds on the same order.
      onlyValid: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('exchange' as const),
      order: fc.nat(),
      ticket: fc.nat(),
      item: itemArb,
      pay: payArb,
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('void' as const), order: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('wait' as const),
      hours: fc.integer({ min: 1, max: 240 }),
    }),
  },
);

const KNOWN: ReadonlySet<CommandErrorCode> = new Set<CommandErrorCode>([
  'invalid_argument',
  'card_number_rejected',
  'currency_mismatch',
  'not_logged_in',
  'forbidden',
  'approval_required',
  'shift_not_open',
  'shift_already_open',
  'invalid_state',
  'not_found',
  'sales_closed',
  'sold_out',
  'limit_exceeded',
  'underpaid',
  'overpaid',
  'not_refundable',
  'not_exchangeable',
  'signing_failed',
]);

function item(till: Till, spec: { kind: Kind; second: boolean; quantity: number }) {
  const performanceId =
    spec.kind === 'jazz' ? 'jazz-0510' : spec.second ? 'hamlet-0502' : 'hamlet-0501';
  if (spec.kind === 'balcony' || spec.kind === 'stalls') {
    const prefix = spec.kind === 'balcony' ? ['C'] : ['A', 'B'];
    const free = [...(till.inventory[performanceId]!.availableSeatIds ?? [])].filter(
      (s) => prefix.includes(s[0]!) && s !== 'A1' && s !== 'A2',
    );
    return { performanceId, tierId: `hamlet-${spec.kind}`, seatId: free[0] ?? 'C1' };
  }
  const tierId = spec.kind === 'jazz' ? 'jazz-ga' : `hamlet-${spec.kind}`;
  return { performanceId, tierId, quantity: spec.quantity };
}

/** Splits `due` over card / voucher / cash the way a customer might. */
function tenders(dueMinor: number, pay: Pay): TenderInput[] {
  const cardPart = Math.floor((dueMinor * pay.card) / 200);
  const voucherPart = Math.floor((dueMinor * pay.voucher) / 200);
  const out: TenderInput[] = [];
  if (cardPart > 0)
    out.push({
      kind: 'card',
      amount: { amount: cardPart, currency: 'UAH' },
      approvalCode: 'AP1234',
      last4: '4242',
    });
  if (voucherPart > 0)
    out.push({
      kind: 'voucher',
      amount: { amount: voucherPart, currency: 'UAH' },
      voucherId: 'V-GIFT',
    });
  const rest = dueMinor - cardPart - voucherPart;
  if (rest > 0)
    out.push({ kind: 'cash', tendered: { amount: rest + pay.extraCash + 10, currency: 'UAH' } });
  return out;
}

const BIG_CASH: TenderInput[] = [{ kind: 'cash', tendered: uah(1_000_000) }];

function expectCoded(result: { ok: boolean; error?: { code: string; message: string } }): void {
  if (!result.ok) {
    expect(KNOWN.has(result.error!.code as CommandErrorCode), result.error!.code).toBe(true);
    expect(result.error!.message.length).toBeGreaterThan(5);
  }
}

function checkInvariants(till: Till, orderIds: readonly string[]): void {
  let netPaid = 0;
  for (const id of orderIds) {
    const view = till.order(id);
    for (const t of view.tenders) {
      // Never more back than was paid, per tender.
      expect(t.refunded.amount).toBeGreaterThanOrEqual(0);
      expect(t.refunded.amount).toBeLessThanOrEqual(t.paid.amount);
    }
    // Nothing created or lost: what the tenders still hold is the value of the live tickets,
    // plus what the venue kept (fees, kept booking fees), plus cash rounding taken in.
    const live = view.tickets
      .filter((t) => t.status === 'valid' || t.status === 'used')
      .reduce((n, t) => n + t.ticket.price.amount + t.ticket.bookingFee.amount, 0);
    expect(view.netPaid.amount).toBe(live + view.retained.amount + view.rounding.amount);
    netPaid += view.netPaid.amount;
  }
  // The shift report sees the same money: tenders net = Σ orders' net paid, less the cash
  // rounding on payouts (coins that were not handed out stay in the drawer).
  const entries = till.shiftEntries();
  const report = buildShiftReport(entries, { kind: 'X', generatedAt: 'now' });
  const payoutRounding = entries.reduce((n, e: EntryLike) => {
    if (e.type !== 'refund' && e.type !== 'void' && e.type !== 'exchange') return n;
    return (
      n + e.payload.payouts.reduce((m, p) => m + (p.kind === 'cash' ? p.rounding.amount : 0), 0)
    );
  }, 0);
  expect(report.netTakings.amount).toBe(netPaid - payoutRounding);
  const cash = report.tenders[0]!;
  expect(report.cash.expected.amount).toBe(
    report.cash.float.amount + cash.in.amount - cash.out.amount,
  );
}

describe('money is conserved through every sale, refund and exchange (property)', () => {
  it('holds for random days at the window', async () => {
    // Counts what actually succeeded, so the property cannot pass by only failing commands.
    const done = {
      sale: 0,
      refund: 0,
      exchange: 0,
      void: 0,
      collect: 0,
      payBack: 0,
      cashRounding: 0,
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { minLength: 10, maxLength: 30 }),
        fc.boolean(),
        async (ops, rounding) => {
          const till = openTill(STAFF.olena, '2026-04-01T10:00:00+03:00');
          if (rounding) till.settings = { ...till.settings, cashRoundingIncrement: 10 };
          const extra = { voucherBalances: { 'V-GIFT': uah(1_000_000) } };
          const orders: string[] = [];
          const approver = STAFF.iryna;
          for (const op of ops) {
            switch (op.op) {
              case 'wait':
                till.clock.advance(op.hours * 3_600_000);
                break;
              case 'sale': {
                const input = {
                  items: op.items.map((i) => item(till, i)),
                  ...(op.promo ? { promoCode: 'SPRING10' } : {}),
                };
                const dry = await sell(
                  { ...till.base(), ...extra },
                  { ...input, tenders: BIG_CASH },
                  STAFF.olena,
                  till.ports,
                );
                expectCoded(dry);
                if (!dry.ok) break;
                const r = await sell(
                  { ...till.base(), ...extra },
                  { ...input, tenders: tenders(dry.value.sale.totals.total.amount, op.pay) },
                  STAFF.olena,
                  till.ports,
                );
                expectCoded(r);
                if (r.ok) {
                  orders.push(till.take(r).sale.orderId);
                  done.sale += 1;
                  if (r.value.sale.totals.rounding.amount !== 0) done.cashRounding += 1;
                }
                break;
              }
              case 'refund': {
                if (orders.length === 0) break;
                const orderId = orders[op.order % orders.length]!;
                const view = till.order(orderId);
                const pool = op.onlyValid
                  ? view.tickets.filter((t) => t.status === 'valid')
                  : view.tickets;
                const ids = pool
                  .filter((_, i) => op.mask & (1 << (i % 6)))
                  .map((t) => t.ticket.ticketId);
                // Tickets under different policies are refunded separately: keep the first one's.
                const first = view.tickets.find((t) => t.ticket.ticketId === ids[0])?.ticket.policy
                  .id;
                const same = ids.filter(
                  (id) =>
                    view.tickets.find((t) => t.ticket.ticketId === id)?.ticket.policy.id === first,
                );
                if (ids.length === 0) break;
                const r = approving(approver, (granted) =>
                  refund(
                    { ...till.base(), order: view },
                    {
                      orderId,
                      ticketIds: same,
                      method: op.method,
                      reasonCode: 'customer_request',
                      approver: granted,
                      ...(op.override ? { override: { reason: 'Manager exception' } } : {}),
                    },
                    STAFF.olena,
                    till.ports,
                  ),
                );
                expectCoded(r);
                if (r.ok) {
                  till.take(r);
                  done.refund += 1;
                  // A refund gives back exactly what its tickets' evaluations say (less only
                  // what a rounded-down cash sale never took in), no more.
                  const back = r.value.refund.payouts.reduce(
                    (n, p) => n + p.sources.reduce((m, s) => m + s.amount.amount, 0),
                    0,
                  );
                  expect(back).toBe(r.value.refund.total.amount - r.value.refund.shortfall.amount);
                  expect(r.value.refund.shortfall.amount).toBeLessThan(10);
                }
                break;
              }
              case 'exchange': {
                if (orders.length === 0) break;
                const orderId = orders[op.order % orders.length]!;
                const view = till.order(orderId);
                const old = view.tickets[op.ticket % view.tickets.length]!;
                const base = {
                  orderId,
                  ticketIds: [old.ticket.ticketId],
                  items: [item(till, { ...op.item, quantity: 1 })],
                };
                const dry = await approvingAsync(approver, (granted) =>
                  exchange(
                    { ...till.base(), ...extra, order: view },
                    { ...base, tenders: BIG_CASH, approver: granted },
                    STAFF.olena,
                    till.ports,
                  ),
                );
                const due = dry.ok
                  ? dry.value.quote.due.amount
                  : !dry.ok && dry.error.code === 'overpaid'
                    ? 0
                    : null;
                expectCoded(dry);
                if (due === null) break;
                const r = await approvingAsync(approver, (granted) =>
                  exchange(
                    { ...till.base(), ...extra, order: view },
                    { ...base, tenders: due > 0 ? tenders(due, op.pay) : [], approver: granted },
                    STAFF.olena,
                    till.ports,
                  ),
                );
                expectCoded(r);
                if (r.ok) {
                  till.take(r);
                  done.exchange += 1;
                  if (r.value.quote.settlement === 'collect') done.collect += 1;
                  if (r.value.quote.settlement === 'pay_back') done.payBack += 1;
                }
                break;
              }
              case 'void': {
                if (orders.length === 0) break;
                const orderId = orders[op.order % orders.length]!;
                const r = approving(STAFF.taras, (granted) =>
                  voidSale(
                    { ...till.base(), order: till.order(orderId) },
                    { orderId, reason: 'Mistake', approver: granted },
                    STAFF.olena,
                    till.ports,
                  ),
                );
                expectCoded(r);
                if (r.ok) {
                  till.take(r);
                  done.void += 1;
                }
                break;
              }
            }
            checkInvariants(till, orders);
          }
        },
      ),
      { numRuns: 60 },
    );
    for (const [what, n] of Object.entries(done)) expect(n, what).toBeGreaterThan(0);
  }, 60_000);
});
