import { describe, expect, it } from 'vitest';
import { approving } from '../support/approvals';
import {
  drop,
  exchange,
  noSale,
  paidIn,
  paidOut,
  refund,
  sell,
  voidSale,
  xReport,
} from '../../shared/commands';
import type { EntryLike } from '../../shared/journal';
import { money } from '../../shared/money';
import { buildShiftReport } from '../../shared/shift';
import { InvariantError } from '../../shared/util/assert';
import type { Till } from '../fixtures/domain';
import { openTill, STAFF, uah } from '../fixtures/domain';

const cash = (major: number) => ({ kind: 'cash' as const, tendered: uah(major) });
const card = (major: number) => ({
  kind: 'card' as const,
  amount: uah(major),
  approvalCode: 'AB1234',
  last4: '4242',
});

async function day(): Promise<Till> {
  const till = openTill(); // float 1 000.00, 1 April
  const p = till.ports;
  const s = () => ({ ...till.base(), shiftTally: till.shiftTally() });
  const sale = async (input: Parameters<typeof sell>[1], extra = {}) =>
    till.take(await sell({ ...till.base(), ...extra }, input, STAFF.olena, p)).sale;
  // A: two stalls, cash 820.00 (paid with 1 000.00, 180.00 change)
  const a = await sale({
    items: [
      { performanceId: 'hamlet-0501', tierId: 'hamlet-stalls', seatId: 'B1' },
      { performanceId: 'hamlet-0501', tierId: 'hamlet-stalls', seatId: 'B2' },
    ],
    tenders: [cash(1000)],
  });
  // B: two standing, card 310.00
  const b = await sale({
    items: [{ performanceId: 'hamlet-0501', tierId: 'hamlet-standing', quantity: 2 }],
    tenders: [card(310)],
  });
  // C: jazz on a 300.00 voucher (7 % VAT)
  await sale(
    {
      items: [{ performanceId: 'jazz-0510', tierId: 'jazz-ga', quantity: 1 }],
      tenders: [{ kind: 'voucher', amount: uah(300), voucherId: 'V-1234' }],
    },
    { voucherBalances: { 'V-1234': uah(300) } },
  );
  // D: balcony, cash 250.00; E: standing, cash 155.00
  const d = await sale({
    items: [{ performanceId: 'hamlet-0501', tierId: 'hamlet-balcony', seatId: 'C1' }],
    tenders: [cash(250)],
  });
  const e = await sale({
    items: [{ performanceId: 'hamlet-0502', tierId: 'hamlet-standing', quantity: 1 }],
    tenders: [cash(155)],
  });
  // Refund one stall of A in cash: 380.00 out
  till.take(
    refund(
      { ...till.base(), order: till.order(a.orderId) },
      {
        orderId: a.orderId,
        ticketIds: [a.tickets[0]!.ticketId],
        method: 'cash',
        reasonCode: 'customer_request',
      },
      STAFF.olena,
      p,
    ),
  );
  // Refund one standing of B as a voucher: 142.50 (+14.25 bonus)
  till.take(
    refund(
      { ...till.base(), order: till.order(b.orderId) },
      {
        orderId: b.orderId,
        ticketIds: [b.tickets[0]!.ticketId],
        method: 'voucher',
        reasonCode: 'duplicate_purchase',
      },
      STAFF.olena,
      p,
    ),
  );
  // Upgrade D's balcony to stalls B5: 170.00 more in cash
  till.take(
    await exchange(
      { ...till.base(), order: till.order(d.orderId) },
      {
        orderId: d.orderId,
        ticketIds: [d.tickets[0]!.ticketId],
        items: [{ performanceId: 'hamlet-0501', tierId: 'hamlet-stalls', seatId: 'B5' }],
        tenders: [cash(170)],
      },
      STAFF.olena,
      p,
    ),
  );
  // Void E: 155.00 back in cash
  till.take(
    approving(STAFF.taras, (approver) =>
      voidSale(
        { ...till.base(), order: till.order(e.orderId) },
        { orderId: e.orderId, reason: 'Wrong date', approver },
        STAFF.olena,
        p,
      ),
    ),
  );
  till.take(paidIn(s(), { amount: uah(200), reason: 'Coins from safe' }, STAFF.olena, p));
  till.take(paidOut(s(), { amount: uah(100), reason: 'Printer paper' }, STAFF.olena, p));
  till.take(drop(s(), { amount: uah(500), reason: 'Safe drop' }, STAFF.olena, p));
  till.take(noSale(s(), { reason: 'Change for a note' }, STAFF.olena, p));
  return till;
}

describe('shift reports from the journal', () => {
  it('adds up a day at the window', async () => {
    const till = await day();
    const x = xReport({ ...till.base(), shiftTally: till.shiftTally() }, till.ports);
    if (!x.ok) throw new Error(x.error.message);
    const r = x.value;
    expect(r).toMatchObject({
      kind: 'X',
      zNumber: null,
      counted: null,
      overShort: null,
      training: false,
      openedBy: STAFF.olena,
    });
    expect(r.sales).toEqual({
      count: 5,
      tickets: 7,
      ticketsValue: uah(1800),
      bookingFees: uah(35),
      adjustments: uah(0),
      total: uah(1835),
    });
    expect(r.refunds).toEqual({
      count: 2,
      tickets: 2,
      total: uah(522.5),
      fees: uah(27.5),
      retained: uah(42.5),
      voucherBonus: uah(14.25),
      byReason: [
        { reasonCode: 'customer_request', count: 1, tickets: 1, total: uah(380) },
        { reasonCode: 'duplicate_purchase', count: 1, tickets: 1, total: uah(142.5) },
      ],
    });
    expect(r.exchanges).toEqual({
      count: 1,
      ticketsReturned: 1,
      ticketsIssued: 1,
      collected: uah(170),
      paidBack: uah(0),
      fees: uah(20),
    });
    expect(r.voids).toEqual({ count: 1, tickets: 1, total: uah(155) });
    expect(r.tenders).toEqual([
      { kind: 'cash', in: uah(1395), out: uah(535), net: uah(860) },
      { kind: 'card', in: uah(310), out: uah(0), net: uah(310) },
      { kind: 'voucher', in: uah(300), out: uah(142.5), net: uah(157.5) },
    ]);
    // 1000 + 1395 − 535 + 200 − 100 − 500
    expect(r.cash).toEqual({
      float: uah(1000),
      in: uah(1395),
      out: uah(535),
      paidIn: uah(200),
      paidOut: uah(100),
      drops: uah(500),
      expected: uah(1460),
    });
    expect(r.movements).toEqual({ paidIn: 1, paidOut: 1, drops: 1, noSales: 1 });
    expect(r.netTakings).toEqual(uah(1327.5));
    expect(r.performances).toEqual([
      {
        performanceId: 'hamlet-0501',
        sold: 5,
        refunded: 2,
        voided: 0,
        exchangedOut: 1,
        exchangedIn: 1,
        net: 3,
      },
      {
        performanceId: 'hamlet-0502',
        sold: 1,
        refunded: 0,
        voided: 1,
        exchangedOut: 0,
        exchangedIn: 0,
        net: 0,
      },
      {
        performanceId: 'jazz-0510',
        sold: 1,
        refunded: 0,
        voided: 0,
        exchangedOut: 0,
        exchangedIn: 0,
        net: 1,
      },
    ]);
    // 20 %: 1535 sold − 380 − 142.50 refunded + 170 exchanged − 155 voided; 7 %: 300
    expect(r.taxes.map((t) => [t.rateBp, t.gross.amount])).toEqual([
      [700, 30000],
      [2000, 102750],
    ]);
    for (const t of r.taxes) expect(t.net.amount + t.tax.amount).toBe(t.gross.amount);
    // Every unit the tenders kept is VAT-able takings: the tax base equals net takings.
    expect(r.taxes.reduce((n, t) => n + t.gross.amount, 0)).toBe(r.netTakings.amount);
  });

  it('closes with the blind count against the expected cash', async () => {
    const till = await day();
    const z = buildShiftReport(till.shiftEntries(), {
      kind: 'Z',
      generatedAt: '2026-04-01T20:00:00Z',
      zNumber: 7,
      counted: uah(1455),
    });
    expect(z).toMatchObject({ kind: 'Z', zNumber: 7, counted: uah(1455), overShort: uah(-5) });
    expect(() =>
      buildShiftReport(till.shiftEntries(), {
        kind: 'Z',
        generatedAt: 'x',
        counted: money(1, 'EUR'),
      }),
    ).toThrow(InvariantError);
    expect(() => buildShiftReport([], { kind: 'X', generatedAt: 'x' })).toThrow(InvariantError);
  });

  it('leaves out other shifts and practice entries', async () => {
    const till = await day();
    const entries = till.shiftEntries();
    const before = buildShiftReport(entries, { kind: 'X', generatedAt: 'now' });
    const noise: EntryLike[] = entries
      .filter((e) => e.type === 'sale')
      .flatMap((e) => [
        { ...e, payload: { ...e.payload, training: true } },
        { ...e, payload: { ...e.payload, shiftId: 'another-shift' } },
      ]);
    const after = buildShiftReport([...entries, ...noise], { kind: 'X', generatedAt: 'now' });
    expect(after).toEqual(before);
  });

  it('runs in one pass over 10 000 entries', async () => {
    const till = await day();
    const entries = till.shiftEntries();
    const sales = entries.filter((e) => e.type === 'sale');
    const many = [
      entries[0]!,
      ...Array.from({ length: 10_000 }, (_, i) => sales[i % sales.length]!),
    ];
    const r = buildShiftReport(many, { kind: 'X', generatedAt: 'now' });
    expect(r.sales.count).toBe(10_000);
    expect(r.entries).toBe(10_001); // the shift_open counts too
  });
});
