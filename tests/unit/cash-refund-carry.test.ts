import { describe, expect, it } from 'vitest';
import { planRefund, refund, sell, type RefundInput, type SellInput } from '../../shared/commands';
import type { RefundPayload } from '../../shared/journal/entry-types';
import { payoutsTotal } from '../../shared/orders/payouts';
import { expectedCash } from '../../shared/shift/tally';
import { slipLabels } from '../../shared/slips/labels';
import { SLIP_LOCALES } from '../../shared/slips/document';
import { refundVoucherViewOf } from '../../shared/slips/from-journal';
import { refundVoucher } from '../../shared/slips/layouts/refund-voucher';
import { encodeSlip } from '../../src-main/devices/escpos-encoder';
import { createGlyphSource } from '../../src-main/devices/raster-font';
import { decodeEscPos, printedText } from '../support/escpos-decoder';
import { makeCatalog, openTill, STAFF, uah, type Till } from '../fixtures/domain';

const PRINTER = {
  driver: 'epson' as const,
  cyrillic: 'wpc1251' as const,
  chinese: true,
  glyphs: createGlyphSource(),
};

/**
 * Three Balcony student tickets of a cancelled performance (₴185.62 each, ₴556.86 in all),
 * paid in cash on a till whose smallest coin is `increment` minor units. Cancelled: each
 * ticket refunds in full, no fee, so every refund owes the customer exactly ₴185.62.
 */
async function threeTicketCashSale(
  increment: number,
  tenders: SellInput['tenders'] = [{ kind: 'cash', tendered: uah(600) }],
) {
  const till = openTill();
  till.settings = { ...till.settings, cashRoundingIncrement: increment };
  Object.assign(till.inventory['hamlet-0501']!, { sold: 100, capacity: 100 });
  const sold = await sell(
    till.base(),
    {
      items: ['C4', 'C5', 'C6'].map((seatId) => ({
        performanceId: 'hamlet-0501',
        tierId: 'hamlet-balcony',
        seatId,
        concessionId: 'student',
      })),
      promoCode: 'SPRING10',
      tenders,
    },
    STAFF.olena,
    till.ports,
  );
  const sale = till.take(sold).sale;
  expect(sale.tickets.map((t) => t.price.amount + t.bookingFee.amount)).toEqual([
    18562, 18562, 18562,
  ]);
  (till.catalog.performance('hamlet-0501') as { status: string }).status = 'cancelled';
  return { till, sale };
}

/** What one refund step did: the preview's paid-out figure, and what the commit recorded. */
interface Step {
  readonly previewed: number;
  readonly entry: RefundPayload;
}

/** Refunds `ticketIds` by `method`: the screen's plan first, then the command, then the journal. */
function refundInCash(
  till: Till,
  orderId: string,
  ticketIds: string[],
  method: RefundInput['method'] = 'cash',
): Step {
  const order = till.order(orderId);
  const planned = planRefund(
    {
      order,
      catalog: till.catalog,
      settings: till.settings,
      actorRole: 'cashier',
      actorStaffId: 'olena',
      nowMs: till.clock.now(),
    },
    { ticketIds, method },
  );
  if (!planned.ok) throw new Error(planned.error.message);
  const option = planned.value.methods.find((m) => m.method === method)!;
  const input: RefundInput = {
    orderId,
    ticketIds,
    method,
    reasonCode: 'performance_cancelled',
  };
  const entry = till.take(refund({ ...till.base(), order }, input, STAFF.olena, till.ports)).refund;
  return { previewed: option.paidOut.amount, entry };
}

async function oneByOne(increment: number) {
  const { till, sale } = await threeTicketCashSale(increment);
  const drawerBefore = expectedCash(till.shiftTally()).amount;
  const steps = sale.tickets.map((t) => refundInCash(till, sale.orderId, [t.ticketId]));
  return {
    steps,
    paid: steps.map((s) => s.entry.payouts.map((p) => [p.kind, p.amount.amount])),
    rounding: steps.map((s) => s.entry.rounding.amount),
    order: till.order(sale.orderId),
    drawerOut: drawerBefore - expectedCash(till.shiftTally()).amount,
    tally: till.shiftTally(),
    sale,
  };
}

describe('cash refunds of one order round down once over the order (the carry)', () => {
  it('a ₴1 smallest coin: 185.62 ×3 pay 185 (carry .62), 186 (371.24 → 371 − 185), 185 (556.86 → 556 − 371) = 556, the whole order rounded down once', async () => {
    const r = await oneByOne(100);
    expect(r.paid).toEqual([[['cash', 18500]], [['cash', 18600]], [['cash', 18500]]]);
    // Each entry says what it owed and how it was rounded: −62, +38 (186 − 185.62: the .62
    // carried plus this refund's .62 reach a coin), −62; Σ −86, the whole order's rounding.
    expect(r.steps.map((s) => s.entry.total.amount)).toEqual([18562, 18562, 18562]);
    expect(r.rounding).toEqual([-62, 38, -62]);
    for (const s of r.steps) {
      const cash = s.entry.payouts[0]!;
      expect(cash.kind === 'cash' && cash.rounding.amount).toBe(s.entry.rounding.amount);
      // What the entry owed + its rounding = what left the drawer.
      expect(s.entry.total.amount + s.entry.rounding.amount).toBe(cash.amount.amount);
      // The screen promised what the commit paid, step by step.
      expect(s.previewed).toBe(cash.amount.amount);
    }
    // Less than one coin kept over the whole order, never a coin more than owed.
    expect(r.drawerOut).toBe(55600);
    expect(r.tally.tendersOut.cash).toBe(55600);
    // The tender records what was owed back (the sources); the journal's rounding the rest.
    expect(r.order.tenders.map((b) => [b.paid.amount, b.refunded.amount])).toEqual([
      [55700, 55686],
    ]);
    // The .86 the whole order rounded off is what the order still carries; the .14 the cash
    // sale rounded up (556.86 paid as 557) stays with the order, as it did before the carry.
    expect(r.order.cashRefundCarry.amount).toBe(86);
    expect(r.order.netPaid.amount).toBe(14);
  });

  it('a 10-kopeck coin: 185.62 ×3 pay 185.60 each — 2, 4, 6 kopecks carried never reach a coin — 556.80 = 556.86 rounded down once', async () => {
    const r = await oneByOne(10);
    expect(r.paid).toEqual([[['cash', 18560]], [['cash', 18560]], [['cash', 18560]]]);
    expect(r.rounding).toEqual([-2, -2, -2]);
    expect(r.steps.map((s) => s.previewed)).toEqual([18560, 18560, 18560]);
    expect(r.drawerOut).toBe(55680);
  });

  it('a single whole-order refund is unchanged: 556.86 pays 556 with a ₴1 coin, rounding −86', async () => {
    const { till, sale } = await threeTicketCashSale(100);
    const s = refundInCash(
      till,
      sale.orderId,
      sale.tickets.map((t) => t.ticketId),
    );
    expect(s.entry.payouts.map((p) => p.amount.amount)).toEqual([55600]);
    expect(s.entry.rounding.amount).toBe(-86);
    expect(s.previewed).toBe(55600);
  });
});

describe('the carry touches cash only, and the slip still adds up', () => {
  it('₴300 card + ₴257 cash, ₴1 coin: cash pays 185 (carry .62); "as paid" card 149.94 exact + cash roundDown(35.68 + .62) = 36; voucher 185.62 exact, carry .30 kept', async () => {
    const card = { kind: 'card' as const, amount: uah(300), approvalCode: 'AB1234', last4: '4242' };
    const { till, sale } = await threeTicketCashSale(100, [
      card,
      { kind: 'cash', tendered: uah(300) },
    ]);
    const [a, b, c] = sale.tickets.map((t) => t.ticketId);
    const steps = [
      refundInCash(till, sale.orderId, [a!], 'cash'),
      refundInCash(till, sale.orderId, [b!], 'original_tender'),
      refundInCash(till, sale.orderId, [c!], 'voucher'),
    ];
    const figures = steps.map((s) =>
      s.entry.payouts.map((p) => [
        p.kind,
        p.amount.amount,
        p.sources.reduce((n, x) => n + x.amount.amount, 0),
      ]),
    );
    // [kind, handed over, owed from the tenders]: only cash differs, by its rounding.
    expect(figures).toEqual([
      [['cash', 18500, 18562]],
      [
        ['card', 14994, 14994],
        ['cash', 3600, 3568],
      ],
      [['voucher', 18562, 18562]],
    ]);
    expect(steps.map((s) => s.entry.rounding.amount)).toEqual([-62, 32, 0]);
    // Cash owed 185.62 + 35.68 = 221.30 over the order; 221 went out, .30 still carried.
    expect(till.order(sale.orderId).cashRefundCarry.amount).toBe(30);
    for (const s of steps) {
      const bonus = s.entry.payouts.reduce(
        (n, p) => n + (p.kind === 'voucher' ? p.bonus.amount : 0),
        0,
      );
      expect(s.previewed).toBe(payoutsTotal('UAH', s.entry.payouts).amount + bonus);
    }
  });
});

/** A printed amount back in minor units: "185.62 UAH", "0,38", "-0.62", "1 234,50 грн". */
function printedUnits(line: string): number {
  const m = /([-−]?)(\d[\d ]*)[.,](\d{2})(?: \S+)?$/.exec(line.trimEnd());
  if (!m) throw new Error(`no amount in "${line}"`);
  const units = Number(m[2]!.replace(/ /g, '')) * 100 + Number(m[3]);
  return m[1] ? -units : units;
}

describe('the refund slip of a carried cash payout', () => {
  it('decoded from the printer bytes in every language: refund amount + cash rounding = cash paid back (185.62 − 0.62 = 185; 185.62 + 0.38 = 186)', async () => {
    const r = await oneByOne(100);
    for (const [step, paid] of [
      [0, 18500],
      [1, 18600],
    ] as const) {
      const entry = r.steps[step]!.entry;
      for (const locale of SLIP_LOCALES) {
        const doc = refundVoucher(
          refundVoucherViewOf(entry, {
            locale,
            columns: 48,
            timeZone: 'Europe/Kyiv',
            catalog: makeCatalog(),
            venue: { name: 'Podil Stage', address: [] },
            staffName: (id) => id,
            terminal: 'T01',
            issuedAt: '2026-04-01T10:00:00Z',
            seatOf: () => undefined,
            originalReceiptNo: 'T01-000001',
          }),
        );
        const lines = printedText(decodeEscPos(encodeSlip(doc, PRINTER).bytes));
        const labels = slipLabels(locale);
        const at = (label: string) => {
          // The label alone, then the column gap: "Cash" is not "Cash rounding".
          const line = lines.find((l) => l.trimStart().startsWith(`${label}  `));
          expect(line, `${label} in\n${lines.join('\n')}`).toBeDefined();
          return printedUnits(line!);
        };
        const amount = at(labels.refundAmount);
        const rounding = at(labels.cashRounding);
        const cash = at(labels.tender.cash);
        expect([amount, rounding, cash]).toEqual([18562, paid - 18562, paid]);
      }
    }
  });
});
