import { describe, expect, it } from 'vitest';
import { approvedAs, approving } from '../support/approvals';
import {
  closeShift,
  openShift,
  refund,
  sell,
  voidSale,
  type Actor,
  type RefundInput,
  type SellInput,
} from '../../shared/commands';
import { money } from '../../shared/money';
import type { Till } from '../fixtures/domain';
import { codeOf, openTill, STAFF, uah } from '../fixtures/domain';

const cash = (major: number) => ({ kind: 'cash' as const, tendered: uah(major) });
const card = (major: number) => ({
  kind: 'card' as const,
  amount: uah(major),
  approvalCode: 'AB1234',
  last4: '4242',
});

async function sold(till: Till, input: SellInput) {
  const r = await sell(till.base(), input, STAFF.olena, till.ports);
  return till.take(r).sale;
}

function askRefund(
  till: Till,
  orderId: string,
  input: Omit<RefundInput, 'orderId'>,
  actor: Actor = STAFF.olena,
  used?: Set<string>,
) {
  return refund(
    { ...till.base(), order: till.order(orderId, used) },
    { orderId, ...input },
    actor,
    till.ports,
  );
}

describe('refund', () => {
  it('refunds under the policy snapshotted at sale, back to the original payment', async () => {
    const till = openTill(); // 1 April, 30 days before Hamlet on 1 May
    const sale = await sold(till, {
      items: [{ performanceId: 'hamlet-0501', tierId: 'hamlet-stalls', seatId: 'B1' }],
      tenders: [cash(500)],
    });
    const ticketId = sale.tickets[0]!.ticketId;
    const out = till.take(
      askRefund(till, sale.orderId, {
        ticketIds: [ticketId],
        method: 'original_tender',
        reasonCode: 'customer_request',
      }),
    );
    // 400.00 less the 20.00 maximum fee; the 10.00 booking fee is kept
    expect(out.refund).toMatchObject({
      total: uah(380),
      fees: uah(20),
      retained: uah(30),
      receiptNo: 2,
      method: 'original_tender',
      bonus: uah(0),
    });
    expect(out.refund.payouts).toEqual([
      {
        kind: 'cash',
        amount: uah(380),
        sources: [{ tenderId: sale.tenders[0]!.tenderId, amount: uah(380) }],
        rounding: uah(0),
      },
    ]);
    expect(out.refund.taxes).toEqual([
      { rateBp: 2000, gross: uah(380), tax: money(6333, 'UAH'), net: money(31667, 'UAH') },
    ]);
    expect(out.evaluation.summary).toContain('Refund 380.00 UAH for 1 ticket');
    const again = askRefund(till, sale.orderId, {
      ticketIds: [ticketId],
      method: 'original_tender',
      reasonCode: 'customer_request',
    });
    expect(again.ok || again.error).toMatchObject({
      code: 'not_refundable',
      message: 'No refund: this ticket has already been refunded.',
    });
    expect(till.order(sale.orderId).tenders[0]!.refunded).toEqual(uah(380));
  });

  it('keeps to the sale-time policy even if the catalog changes later', async () => {
    const till = openTill();
    const sale = await sold(till, {
      items: [{ performanceId: 'hamlet-0501', tierId: 'hamlet-standing', quantity: 1 }],
      tenders: [cash(155)],
    });
    (till.catalog.catalog.refundPolicies[0] as { windows: unknown }).windows = [];
    const r = askRefund(till, sale.orderId, {
      ticketIds: [sale.tickets[0]!.ticketId],
      method: 'cash',
      reasonCode: 'customer_request',
    });
    expect(r.ok && r.value.refund.total).toEqual(uah(142.5));
  });

  it('refuses used tickets and tickets from elsewhere', async () => {
    const till = openTill();
    const sale = await sold(till, {
      items: [{ performanceId: 'hamlet-0501', tierId: 'hamlet-standing', quantity: 2 }],
      tenders: [cash(310)],
    });
    const [a, b] = sale.tickets.map((t) => t.ticketId) as [string, string];
    const used = askRefund(
      till,
      sale.orderId,
      { ticketIds: [a, b], method: 'cash', reasonCode: 'customer_request' },
      STAFF.olena,
      new Set([a]),
    );
    expect(used.ok || used.error).toMatchObject({
      code: 'not_refundable',
      details: { tickets: [{ ticketId: a, reasons: ['ticket_used'] }] },
    });
    expect(
      codeOf(
        askRefund(till, sale.orderId, { ticketIds: [a, a], method: 'cash', reasonCode: 'other' }),
      ),
    ).toBe('invalid_argument');
    expect(
      codeOf(
        askRefund(till, sale.orderId, {
          ticketIds: ['017f22e2-79b0-7abc-bf01-020304050607'],
          method: 'cash',
          reasonCode: 'other',
        }),
      ),
    ).toBe('not_found');
    expect(
      codeOf(
        refund(
          { ...till.base(), order: till.order(sale.orderId) },
          {
            orderId: '017f22e2-79b0-7abc-bf01-020304050607',
            ticketIds: [a],
            method: 'cash',
            reasonCode: 'other',
          },
          STAFF.olena,
          till.ports,
        ),
      ),
    ).toBe('invalid_argument');
    expect(
      codeOf(
        askRefund(till, sale.orderId, {
          ticketIds: [a],
          method: 'cheque' as never,
          reasonCode: 'other',
        }),
      ),
    ).toBe('invalid_argument');
    expect(
      codeOf(
        askRefund(till, sale.orderId, {
          ticketIds: [a],
          method: 'cash',
          reasonCode: 'other',
          note: 'card 4111111111111111',
        }),
      ),
    ).toBe('card_number_rejected');
  });

  it('asks a supervisor above the cashier limit and journals the approval first', async () => {
    const till = openTill();
    const seats = ['A3', 'A4', 'A5', 'A6', 'B1', 'B2'].map((seatId) => ({
      performanceId: 'hamlet-0501',
      tierId: 'hamlet-stalls',
      seatId,
    }));
    const sale = await sold(till, { items: seats, tenders: [card(2460)] });
    const req = {
      ticketIds: sale.tickets.map((t) => t.ticketId),
      method: 'original_tender' as const,
      reasonCode: 'customer_request' as const,
    };
    const needs = askRefund(till, sale.orderId, req);
    expect(needs.ok || needs.error).toMatchObject({
      code: 'approval_required',
      details: { requiredRole: 'supervisor' },
    });
    expect(
      codeOf(askRefund(till, sale.orderId, { ...req, approver: approvedAs(needs, STAFF.petro) })),
    ).toBe('forbidden');
    const out = till.take(
      askRefund(till, sale.orderId, {
        ...req,
        approver: approvedAs(needs, STAFF.taras),
        cardApprovals: { [sale.tenders[0]!.tenderId]: 'RF9911' },
      }),
    );
    expect(out.drafts.map((d) => d.type)).toEqual(['approval', 'refund']);
    expect(out.refund.approvedBy).toEqual(STAFF.taras);
    expect(out.refund.payouts).toEqual([
      expect.objectContaining({
        kind: 'card',
        last4: '4242',
        approvalCode: 'RF9911',
        amount: uah(2280),
      }),
    ]);
  });

  it('lets a manager refund after the deadline with a reason', async () => {
    const till = openTill(STAFF.olena, '2026-04-29T12:00:00+03:00'); // 55 h before: 50 % window
    const sale = await sold(till, {
      items: [{ performanceId: 'hamlet-0501', tierId: 'hamlet-balcony', seatId: 'C1' }],
      tenders: [cash(250)],
    });
    till.clock.set('2026-05-01T10:00:00+03:00'); // 9 h before: refunds closed
    const base = {
      ticketIds: [sale.tickets[0]!.ticketId],
      method: 'cash' as const,
      reasonCode: 'other' as const,
    };
    const closed = askRefund(till, sale.orderId, base);
    expect(closed.ok || closed.error).toMatchObject({
      code: 'not_refundable',
      message: 'No refund: refunds closed 2 days before the performance, which is 9 hours away.',
    });
    const override = { ...base, override: { reason: 'Hospital visit, note seen' } };
    const asked = askRefund(till, sale.orderId, override);
    expect(
      codeOf(
        askRefund(till, sale.orderId, { ...override, approver: approvedAs(asked, STAFF.taras) }),
      ),
    ).toBe('forbidden');
    expect(codeOf(askRefund(till, sale.orderId, { ...base, override: { reason: 'no' } }))).toBe(
      'invalid_argument',
    );
    const out = till.take(
      askRefund(till, sale.orderId, { ...override, approver: approvedAs(asked, STAFF.iryna) }),
    );
    expect(out.drafts[0]!.payload).toMatchObject({
      action: 'refund_after_deadline',
      reason: 'Hospital visit, note seen',
      approvedBy: STAFF.iryna,
    });
    expect(out.refund).toMatchObject({
      total: uah(237.5),
      overrideReason: 'Hospital visit, note seen',
    });
  });

  it('refunds a cancelled performance in full, booking fee included', async () => {
    const till = openTill();
    const sale = await sold(till, {
      items: [{ performanceId: 'hamlet-0501', tierId: 'hamlet-stalls', seatId: 'B4' }],
      tenders: [cash(410)],
    });
    (till.catalog.performance('hamlet-0501') as { status: string }).status = 'cancelled';
    const out = till.take(
      askRefund(till, sale.orderId, {
        ticketIds: [sale.tickets[0]!.ticketId],
        method: 'original_tender',
        reasonCode: 'performance_cancelled',
      }),
    );
    expect(out.refund).toMatchObject({ total: uah(410), fees: uah(0), retained: uah(0) });
    (till.catalog.performance('hamlet-0501') as { status: string }).status = 'scheduled';
  });

  it('checks the method: cash only for cash purchases, vouchers with their bonus, no cash at kiosks', async () => {
    const till = openTill();
    const sale = await sold(till, {
      items: [{ performanceId: 'hamlet-0501', tierId: 'hamlet-standing', quantity: 2 }],
      tenders: [card(310)],
    });
    const [a, b] = sale.tickets.map((t) => t.ticketId) as [string, string];
    const byCash = askRefund(till, sale.orderId, {
      ticketIds: [a],
      method: 'cash',
      reasonCode: 'customer_request',
    });
    expect(byCash.ok || byCash.error).toMatchObject({
      code: 'limit_exceeded',
      message: 'Cash refunds are only for purchases paid in cash.',
    });
    const voucher = till.take(
      askRefund(till, sale.orderId, {
        ticketIds: [a],
        method: 'voucher',
        reasonCode: 'customer_request',
      }),
    );
    // 150 − 7.50 fee = 142.50, +10 % bonus = 14.25
    expect(voucher.refund.payouts).toEqual([
      expect.objectContaining({ kind: 'voucher', amount: uah(142.5), bonus: uah(14.25) }),
    ]);
    expect(voucher.refund.bonus).toEqual(uah(14.25));
    expect(
      codeOf(
        askRefund(till, sale.orderId, {
          ticketIds: [b],
          method: 'original_tender',
          reasonCode: 'other',
        }),
      ),
    ).toBe('ok');
  });

  it('lets a kiosk refund to the card within policy, never in cash', async () => {
    const kiosk = openTill(STAFF.kiosk, undefined, uah(0));
    const r = await sell(
      kiosk.base(),
      {
        items: [{ performanceId: 'hamlet-0501', tierId: 'hamlet-standing', quantity: 1 }],
        tenders: [card(155)],
      },
      STAFF.kiosk,
      kiosk.ports,
    );
    const sale = kiosk.take(r).sale;
    const ids = [sale.tickets[0]!.ticketId];
    expect(
      codeOf(
        askRefund(
          kiosk,
          sale.orderId,
          { ticketIds: ids, method: 'cash', reasonCode: 'other' },
          STAFF.kiosk,
        ),
      ),
    ).toBe('forbidden');
    expect(
      codeOf(
        askRefund(
          kiosk,
          sale.orderId,
          { ticketIds: ids, method: 'original_tender', reasonCode: 'other' },
          STAFF.kiosk,
        ),
      ),
    ).toBe('ok');
  });

  it('never gives a tender back more than is left on it, across partial refunds', async () => {
    const till = openTill();
    const sale = await sold(till, {
      items: [{ performanceId: 'hamlet-0501', tierId: 'hamlet-standing', quantity: 2 }],
      tenders: [card(100), cash(210)],
    });
    const [a, b] = sale.tickets.map((t) => t.ticketId) as [string, string];
    till.take(
      askRefund(till, sale.orderId, {
        ticketIds: [a],
        method: 'cash',
        reasonCode: 'customer_request',
      }),
    );
    const second = till.take(
      askRefund(till, sale.orderId, {
        ticketIds: [b],
        method: 'original_tender',
        reasonCode: 'customer_request',
      }),
    );
    // 142.50 each. Cash had 210.00, the first refund took 142.50 of it: 67.50 left, card 100.00.
    expect(second.refund.payouts.map((p) => [p.kind, p.amount.amount])).toEqual([
      ['card', 8507],
      ['cash', 5743],
    ]);
    const view = till.order(sale.orderId);
    expect(view.tenders.map((t) => [t.tender.kind, t.paid.amount, t.refunded.amount])).toEqual([
      ['card', 10000, 8507],
      ['cash', 21000, 19993],
    ]);
  });

  it('pays back only what a rounded-down cash sale took in', async () => {
    const till = openTill();
    till.settings = { ...till.settings, cashRoundingIncrement: 10 };
    Object.assign(till.inventory['hamlet-0501']!, { sold: 100, capacity: 100 });
    // Balcony 250 +10 % demand −10 % promo −25 % student = 185.62; cash pays 185.60.
    const sale = await sold(till, {
      items: [
        {
          performanceId: 'hamlet-0501',
          tierId: 'hamlet-balcony',
          seatId: 'C6',
          concessionId: 'student',
        },
      ],
      promoCode: 'SPRING10',
      tenders: [cash(200)],
    });
    expect(sale.totals).toMatchObject({
      total: uah(185.62),
      paid: uah(185.6),
      rounding: uah(-0.02),
    });
    (till.catalog.performance('hamlet-0501') as { status: string }).status = 'cancelled';
    const out = till.take(
      askRefund(till, sale.orderId, {
        ticketIds: [sale.tickets[0]!.ticketId],
        method: 'cash',
        reasonCode: 'performance_cancelled',
      }),
    );
    (till.catalog.performance('hamlet-0501') as { status: string }).status = 'scheduled';
    expect(out.refund).toMatchObject({ total: uah(185.62), shortfall: uah(0.02) });
    expect(out.refund.payouts).toEqual([
      expect.objectContaining({ kind: 'cash', amount: uah(185.6) }),
    ]);
    const view = till.order(sale.orderId);
    expect([view.netPaid, view.rounding]).toEqual([uah(0), uah(0)]);
  });

  it('refuses tickets sold under different policies in one refund', async () => {
    const till = openTill();
    const sale = await sold(till, {
      items: [
        { performanceId: 'hamlet-0501', tierId: 'hamlet-standing', quantity: 1 },
        { performanceId: 'jazz-0510', tierId: 'jazz-ga', quantity: 1 },
      ],
      tenders: [cash(455)],
    });
    const ids = sale.tickets.map((t) => t.ticketId);
    expect(
      codeOf(
        askRefund(till, sale.orderId, { ticketIds: ids, method: 'cash', reasonCode: 'other' }),
      ),
    ).toBe('invalid_argument');
    expect(
      codeOf(
        askRefund(till, sale.orderId, {
          ticketIds: [ids[1]!],
          method: 'cash',
          reasonCode: 'other',
        }),
      ),
    ).toBe('ok');
  });

  it('needs a session and an open shift', async () => {
    const till = openTill();
    const sale = await sold(till, {
      items: [{ performanceId: 'hamlet-0501', tierId: 'hamlet-standing', quantity: 1 }],
      tenders: [cash(155)],
    });
    const req = {
      ticketIds: [sale.tickets[0]!.ticketId],
      method: 'cash' as const,
      reasonCode: 'other' as const,
    };
    expect(codeOf(askRefund(till, sale.orderId, req, STAFF.petro))).toBe('not_logged_in');
    till.take(
      closeShift(
        { ...till.base(), shiftTally: till.shiftTally() },
        { counted: uah(1155) },
        STAFF.olena,
        till.ports,
      ),
    );
    expect(codeOf(askRefund(till, sale.orderId, req))).toBe('shift_not_open');
  });
});

describe('void', () => {
  it('reverses a sale of this shift exactly, with a supervisor', async () => {
    const till = openTill();
    const sale = await sold(till, {
      items: [{ performanceId: 'hamlet-0501', tierId: 'hamlet-standing', quantity: 2 }],
      tenders: [card(100), cash(300)],
    });
    const state = () => ({ ...till.base(), order: till.order(sale.orderId) });
    expect(
      codeOf(
        voidSale(state(), { orderId: sale.orderId, reason: 'Wrong date' }, STAFF.olena, till.ports),
      ),
    ).toBe('approval_required');
    const out = till.take(
      approving(STAFF.taras, (approver) =>
        voidSale(
          state(),
          { orderId: sale.orderId, reason: 'Wrong date', approver },
          STAFF.olena,
          till.ports,
        ),
      ),
    );
    expect(out.void).toMatchObject({
      total: uah(310),
      voidedReceiptNo: 1,
      receiptNo: 2,
      tickets: sale.tickets.map((t) => ({ ticketId: t.ticketId, performanceId: 'hamlet-0501' })),
    });
    expect(out.void.payouts.map((p) => [p.kind, p.amount.amount])).toEqual([
      ['card', 10000],
      ['cash', 21000],
    ]);
    const view = till.order(sale.orderId);
    expect(view.netPaid).toEqual(uah(0));
    expect(view.tickets.every((t) => t.status === 'voided')).toBe(true);
    expect(
      codeOf(
        approving(STAFF.taras, (approver) =>
          voidSale(
            state(),
            { orderId: sale.orderId, reason: 'Again', approver },
            STAFF.olena,
            till.ports,
          ),
        ),
      ),
    ).toBe('invalid_state');
  });

  it('sends older or touched orders to refund instead', async () => {
    const till = openTill(STAFF.taras);
    const sale = await sold2(till);
    const partly = till.take(
      refund(
        { ...till.base(), order: till.order(sale.orderId) },
        {
          orderId: sale.orderId,
          ticketIds: [sale.tickets[0]!.ticketId],
          method: 'cash',
          reasonCode: 'other',
        },
        STAFF.taras,
        till.ports,
      ),
    );
    expect(partly.refund.total.amount).toBeGreaterThan(0);
    expect(
      codeOf(
        voidSale(
          { ...till.base(), order: till.order(sale.orderId) },
          { orderId: sale.orderId, reason: 'Mistake' },
          STAFF.taras,
          till.ports,
        ),
      ),
    ).toBe('invalid_state');
    const other = await sold2(till);
    till.take(
      approving(STAFF.iryna, (approver) =>
        closeShift(
          { ...till.base(), shiftTally: till.shiftTally() },
          {
            counted: till.terminal.shift ? uah(0) : uah(0),
            note: 'Test close',
            approver,
          },
          STAFF.taras,
          till.ports,
        ),
      ),
    );
    till.take(openShift(till.base(), { float: uah(0) }, STAFF.taras, till.ports));
    expect(
      codeOf(
        voidSale(
          { ...till.base(), order: till.order(other.orderId) },
          { orderId: other.orderId, reason: 'Mistake' },
          STAFF.taras,
          till.ports,
        ),
      ),
    ).toBe('forbidden');
    expect(
      codeOf(
        voidSale(
          { ...till.base(), order: till.order(other.orderId) },
          { orderId: sale.orderId, reason: 'Mistake' },
          STAFF.taras,
          till.ports,
        ),
      ),
    ).toBe('invalid_argument');
    expect(
      codeOf(
        voidSale(
          { ...till.base(), order: till.order(other.orderId) },
          { orderId: other.orderId },
          STAFF.taras,
          till.ports,
        ),
      ),
    ).toBe('invalid_argument');
  });
});

async function sold2(till: Till) {
  const r = await sell(
    till.base(),
    {
      items: [{ performanceId: 'hamlet-0501', tierId: 'hamlet-standing', quantity: 2 }],
      tenders: [cash(310)],
    },
    STAFF.taras,
    till.ports,
  );
  return till.take(r).sale;
}
