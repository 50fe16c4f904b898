import type { EntryLike, RefundReasonCode, StaffRef } from '../journal/entry-types';
import type { Currency } from '../money/currency';
import { MoneyAccumulator, money, type Money } from '../money/money';
import type { TaxLine } from '../money/tax';
import type { Payout } from '../orders/payouts';
import type { TenderRecord } from '../orders/tenders';
import { strictAssert } from '../util/assert';

export type TenderKindName = TenderRecord['kind'];

export interface TenderTotals {
  readonly kind: TenderKindName;
  readonly in: Money;
  readonly out: Money;
  readonly net: Money;
}

export interface PerformanceTotals {
  readonly performanceId: string;
  readonly sold: number;
  readonly refunded: number;
  readonly voided: number;
  readonly exchangedOut: number;
  readonly exchangedIn: number;
  /** Tickets this shift added to the performance, net. */
  readonly net: number;
}

export interface ShiftReport {
  readonly kind: 'X' | 'Z';
  readonly shiftId: string;
  readonly openedAt: string;
  readonly openedBy: StaffRef;
  readonly generatedAt: string;
  readonly zNumber: number | null;
  readonly training: boolean;
  readonly currency: Currency;
  readonly entries: number;
  readonly sales: {
    readonly count: number;
    readonly tickets: number;
    readonly ticketsValue: Money;
    readonly bookingFees: Money;
    /** Σ price adjustments (negative = discounts given). */
    readonly adjustments: Money;
    readonly total: Money;
  };
  readonly refunds: {
    readonly count: number;
    readonly tickets: number;
    readonly total: Money;
    readonly fees: Money;
    readonly retained: Money;
    readonly voucherBonus: Money;
    readonly byReason: readonly {
      readonly reasonCode: RefundReasonCode;
      readonly count: number;
      readonly tickets: number;
      readonly total: Money;
    }[];
  };
  readonly exchanges: {
    readonly count: number;
    readonly ticketsReturned: number;
    readonly ticketsIssued: number;
    readonly collected: Money;
    readonly paidBack: Money;
    readonly fees: Money;
  };
  readonly voids: { readonly count: number; readonly tickets: number; readonly total: Money };
  /** VAT per rate, net of refunds, exchanges and voids. */
  readonly taxes: readonly TaxLine[];
  readonly performances: readonly PerformanceTotals[];
  readonly tenders: readonly TenderTotals[];
  readonly cash: {
    readonly float: Money;
    readonly in: Money;
    readonly out: Money;
    readonly paidIn: Money;
    readonly paidOut: Money;
    readonly drops: Money;
    /** float + in − out + paidIn − paidOut − drops. */
    readonly expected: Money;
  };
  readonly movements: {
    readonly paidIn: number;
    readonly paidOut: number;
    readonly drops: number;
    readonly noSales: number;
  };
  /** Σ tenders in − out: what the shift took. */
  readonly netTakings: Money;
  /** Blind count at close (Z only) and the difference to expected. */
  readonly counted: Money | null;
  readonly overShort: Money | null;
}

export interface ReportOptions {
  readonly kind: 'X' | 'Z';
  readonly generatedAt: string;
  readonly zNumber?: number | null;
  readonly counted?: Money | null;
}

const TENDER_KINDS: readonly TenderKindName[] = ['cash', 'card', 'voucher'];

/**
 * Tax per rate over many entries. Sums plain minor units after one currency check per line:
 * the report adds tens of thousands of these, so no Money or accumulator per addition.
 */
class TaxTotals {
  readonly #rates = new Map<number, { gross: number; tax: number; net: number }>();
  constructor(private readonly currency: Currency) {}
  add(lines: readonly TaxLine[], sign: 1 | -1): void {
    for (const l of lines) {
      strictAssert(
        l.gross.currency === this.currency,
        `tax line in ${l.gross.currency}, report in ${this.currency}`,
      );
      let acc = this.#rates.get(l.rateBp);
      if (!acc) {
        acc = { gross: 0, tax: 0, net: 0 };
        this.#rates.set(l.rateBp, acc);
      }
      acc.gross += sign * l.gross.amount;
      acc.tax += sign * l.tax.amount;
      acc.net += sign * l.net.amount;
    }
  }
  lines(): TaxLine[] {
    const c = this.currency;
    return [...this.#rates.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([rateBp, a]) => ({
        rateBp,
        gross: money(a.gross, c),
        tax: money(a.tax, c),
        net: money(a.net, c),
      }));
  }
}

class PerformanceCounter {
  readonly #map = new Map<
    string,
    { sold: number; refunded: number; voided: number; exchangedOut: number; exchangedIn: number }
  >();
  bump(
    performanceId: string,
    field: 'sold' | 'refunded' | 'voided' | 'exchangedOut' | 'exchangedIn',
    count = 1,
  ): void {
    let p = this.#map.get(performanceId);
    if (!p) {
      p = { sold: 0, refunded: 0, voided: 0, exchangedOut: 0, exchangedIn: 0 };
      this.#map.set(performanceId, p);
    }
    p[field] += count;
  }
  list(): PerformanceTotals[] {
    return [...this.#map.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([performanceId, p]) => ({
        performanceId,
        ...p,
        net: p.sold + p.exchangedIn - p.refunded - p.voided - p.exchangedOut,
      }));
  }
}

/**
 * X (any time) or Z (at close) report of one shift, computed from its journal entries only:
 * `entries` starts with the shift's `shift_open` and runs in journal order; entries of other
 * shifts, and training entries in a real shift (or real ones in a training shift), are skipped.
 * One pass, no per-entry Money allocation: 10k entries in a few milliseconds.
 */
export function buildShiftReport(
  entries: readonly EntryLike[],
  options: ReportOptions,
): ShiftReport {
  const open = entries.find((e) => e.type === 'shift_open');
  strictAssert(
    open !== undefined && open.type === 'shift_open',
    'a shift report needs the shift_open entry',
  );
  const { shiftId, training } = open.payload;
  const currency = open.payload.float.currency;
  const acc = (): MoneyAccumulator => new MoneyAccumulator(currency);

  const sales = {
    count: 0,
    tickets: 0,
    ticketsValue: acc(),
    bookingFees: acc(),
    adjustments: acc(),
    total: acc(),
  };
  const refunds = {
    count: 0,
    tickets: 0,
    total: acc(),
    fees: acc(),
    retained: acc(),
    bonus: acc(),
  };
  const byReason = new Map<
    RefundReasonCode,
    { count: number; tickets: number; total: MoneyAccumulator }
  >();
  const exchanges = {
    count: 0,
    returned: 0,
    issued: 0,
    collected: acc(),
    paidBack: acc(),
    fees: acc(),
  };
  const voids = { count: 0, tickets: 0, total: acc() };
  const tenderIn = new Map<TenderKindName, MoneyAccumulator>(TENDER_KINDS.map((k) => [k, acc()]));
  const tenderOut = new Map<TenderKindName, MoneyAccumulator>(TENDER_KINDS.map((k) => [k, acc()]));
  const cashMoves = { paidIn: acc(), paidOut: acc(), drops: acc() };
  const moves = { paidIn: 0, paidOut: 0, drops: 0, noSales: 0 };
  const taxes = new TaxTotals(currency);
  const performances = new PerformanceCounter();
  let counted = 0;

  const takeIn = (tenders: readonly TenderRecord[]): void => {
    for (const t of tenders) tenderIn.get(t.kind)!.add(t.amount);
  };
  const payOut = (payouts: readonly Payout[]): void => {
    for (const p of payouts) tenderOut.get(p.kind)!.add(p.amount);
  };

  for (const e of entries) {
    const p = e.payload;
    if (!('shiftId' in p) || p.shiftId !== shiftId || p.training !== training) continue;
    counted += 1;
    switch (e.type) {
      case 'sale': {
        // Totals and receipt lines, not tickets: a sale is one step whatever its size.
        const s = e.payload;
        sales.count += 1;
        sales.tickets += s.tickets.length;
        sales.ticketsValue.add(s.totals.tickets);
        sales.bookingFees.add(s.totals.bookingFees);
        for (const t of s.tickets) for (const a of t.adjustments) sales.adjustments.add(a.amount);
        for (const line of s.lines) performances.bump(line.performanceId, 'sold', line.quantity);
        sales.total.add(s.totals.total);
        taxes.add(s.totals.taxes, 1);
        takeIn(s.tenders);
        break;
      }
      case 'refund': {
        const r = e.payload;
        refunds.count += 1;
        refunds.tickets += r.tickets.length;
        refunds.total.add(r.total);
        refunds.fees.add(r.fees);
        refunds.retained.add(r.retained);
        refunds.bonus.add(r.bonus);
        let reason = byReason.get(r.reasonCode);
        if (!reason) {
          reason = { count: 0, tickets: 0, total: acc() };
          byReason.set(r.reasonCode, reason);
        }
        reason.count += 1;
        reason.tickets += r.tickets.length;
        reason.total.add(r.total);
        for (const t of r.tickets) performances.bump(t.performanceId, 'refunded');
        taxes.add(r.taxes, -1);
        payOut(r.payouts);
        break;
      }
      case 'exchange': {
        const x = e.payload;
        exchanges.count += 1;
        exchanges.returned += x.returned.length;
        exchanges.issued += x.issued.length;
        exchanges.fees.add(x.fee);
        for (const t of x.tenders) exchanges.collected.add(t.amount);
        for (const o of x.payouts) exchanges.paidBack.add(o.amount);
        for (const t of x.returned) performances.bump(t.performanceId, 'exchangedOut');
        for (const t of x.issued) performances.bump(t.performanceId, 'exchangedIn');
        taxes.add(x.taxes, 1);
        takeIn(x.tenders);
        payOut(x.payouts);
        break;
      }
      case 'void': {
        const v = e.payload;
        voids.count += 1;
        voids.tickets += v.tickets.length;
        for (const t of v.tickets) performances.bump(t.performanceId, 'voided');
        voids.total.add(v.total);
        taxes.add(v.taxes, -1);
        payOut(v.payouts);
        break;
      }
      case 'paid_in':
        moves.paidIn += 1;
        cashMoves.paidIn.add(e.payload.amount);
        break;
      case 'paid_out':
        moves.paidOut += 1;
        cashMoves.paidOut.add(e.payload.amount);
        break;
      case 'drop':
        moves.drops += 1;
        cashMoves.drops.add(e.payload.amount);
        break;
      case 'no_sale':
        moves.noSales += 1;
        break;
      // approval, login, logout and training_mode carry no shiftId and were skipped above;
      // they are listed so that a new entry type has to be placed here.
      case 'shift_open':
      case 'shift_close':
      case 'approval':
      case 'login':
      case 'logout':
      case 'training_mode':
        break;
    }
  }

  const tenders = TENDER_KINDS.map((kind): TenderTotals => {
    const i = tenderIn.get(kind)!.value();
    const o = tenderOut.get(kind)!.value();
    return { kind, in: i, out: o, net: money(i.amount - o.amount, currency) };
  });
  const cashIn = tenders[0]!.in;
  const cashOut = tenders[0]!.out;
  const float = open.payload.float;
  const expected = new MoneyAccumulator(currency)
    .add(float)
    .add(cashIn)
    .subtract(cashOut)
    .add(cashMoves.paidIn.value())
    .subtract(cashMoves.paidOut.value())
    .subtract(cashMoves.drops.value())
    .value();
  const net = new MoneyAccumulator(currency);
  for (const t of tenders) net.add(t.net);
  const countedCash = options.counted ?? null;
  if (countedCash)
    strictAssert(countedCash.currency === currency, 'counted cash in another currency');

  return {
    kind: options.kind,
    shiftId,
    openedAt: open.at,
    openedBy: open.payload.staff,
    generatedAt: options.generatedAt,
    zNumber: options.zNumber ?? null,
    training,
    currency,
    entries: counted,
    sales: {
      count: sales.count,
      tickets: sales.tickets,
      ticketsValue: sales.ticketsValue.value(),
      bookingFees: sales.bookingFees.value(),
      adjustments: sales.adjustments.value(),
      total: sales.total.value(),
    },
    refunds: {
      count: refunds.count,
      tickets: refunds.tickets,
      total: refunds.total.value(),
      fees: refunds.fees.value(),
      retained: refunds.retained.value(),
      voucherBonus: refunds.bonus.value(),
      byReason: [...byReason.entries()]
        .sort((a, b) => (a[0] < b[0] ? -1 : 1))
        .map(([reasonCode, r]) => ({
          reasonCode,
          count: r.count,
          tickets: r.tickets,
          total: r.total.value(),
        })),
    },
    exchanges: {
      count: exchanges.count,
      ticketsReturned: exchanges.returned,
      ticketsIssued: exchanges.issued,
      collected: exchanges.collected.value(),
      paidBack: exchanges.paidBack.value(),
      fees: exchanges.fees.value(),
    },
    voids: { count: voids.count, tickets: voids.tickets, total: voids.total.value() },
    taxes: taxes.lines(),
    performances: performances.list(),
    tenders,
    cash: {
      float,
      in: cashIn,
      out: cashOut,
      paidIn: cashMoves.paidIn.value(),
      paidOut: cashMoves.paidOut.value(),
      drops: cashMoves.drops.value(),
      expected,
    },
    movements: moves,
    netTakings: net.value(),
    counted: countedCash,
    overShort: countedCash ? money(countedCash.amount - expected.amount, currency) : null,
  };
}
