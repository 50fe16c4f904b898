import type { EntryLike, RefundReasonCode, StaffRef } from '../journal/entry-types';
import type { Currency } from '../money/currency';
import type { Money } from '../money/money';
import type { TaxLine } from '../money/tax';
import type { Payout } from '../orders/payouts';
import type { TenderRecord } from '../orders/tenders';
import { strictAssert } from '../util/assert';

/**
 * A shift's running totals: what its X and Z reports add up, kept as plain numbers (minor
 * units of the shift's currency) so the tally is cheap to copy and stores as it is.
 *
 * It is the ONE place where a journal entry becomes report figures. The store keeps the open
 * shift's tally with its checkpoint (advanced by `tallyEntry` in every commit's
 * transaction), so an X report or a drawer check reads one row, not the shift's thousands of
 * entries; the Z report folds the shift's entries with the same function (`tallyOf`), so the
 * two cannot disagree on what an entry counts for.
 */
export interface ShiftTally {
  readonly shiftId: string;
  readonly training: boolean;
  readonly currency: Currency;
  readonly openedAt: string;
  readonly openedBy: StaffRef;
  readonly float: Money;
  /** Entries of this shift counted so far (its shift_open included). */
  readonly entries: number;
  readonly sales: {
    readonly count: number;
    readonly tickets: number;
    readonly ticketsValue: number;
    readonly bookingFees: number;
    readonly adjustments: number;
    readonly total: number;
  };
  readonly refunds: {
    readonly count: number;
    readonly tickets: number;
    readonly total: number;
    readonly fees: number;
    readonly retained: number;
    readonly voucherBonus: number;
    readonly byReason: Readonly<
      Partial<Record<RefundReasonCode, { count: number; tickets: number; total: number }>>
    >;
  };
  readonly exchanges: {
    readonly count: number;
    readonly ticketsReturned: number;
    readonly ticketsIssued: number;
    readonly collected: number;
    readonly paidBack: number;
    readonly fees: number;
  };
  readonly voids: { readonly count: number; readonly tickets: number; readonly total: number };
  /** Per VAT rate (basis points), net of refunds and voids. */
  readonly taxes: Readonly<Record<string, { gross: number; tax: number; net: number }>>;
  readonly performances: Readonly<Record<string, PerformanceCounts>>;
  readonly tendersIn: Readonly<Record<TenderKindName, number>>;
  readonly tendersOut: Readonly<Record<TenderKindName, number>>;
  readonly cash: { readonly paidIn: number; readonly paidOut: number; readonly drops: number };
  readonly movements: {
    readonly paidIn: number;
    readonly paidOut: number;
    readonly drops: number;
    readonly noSales: number;
  };
}

export type TenderKindName = TenderRecord['kind'];

export const TENDER_KINDS: readonly TenderKindName[] = ['cash', 'card', 'voucher'];

export interface PerformanceCounts {
  readonly sold: number;
  readonly refunded: number;
  readonly voided: number;
  readonly exchangedOut: number;
  readonly exchangedIn: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };
type Tally = Mutable<ShiftTally>;

/** The tally of a shift that has just opened: nothing but its float. */
export function openTally(open: EntryLike): ShiftTally {
  strictAssert(open.type === 'shift_open', 'a shift tally starts at its shift_open entry');
  const p = open.payload;
  const none = { cash: 0, card: 0, voucher: 0 };
  return {
    shiftId: p.shiftId,
    training: p.training,
    currency: p.float.currency,
    openedAt: open.at,
    openedBy: p.staff,
    float: p.float,
    entries: 1,
    sales: { count: 0, tickets: 0, ticketsValue: 0, bookingFees: 0, adjustments: 0, total: 0 },
    refunds: {
      count: 0,
      tickets: 0,
      total: 0,
      fees: 0,
      retained: 0,
      voucherBonus: 0,
      byReason: {},
    },
    exchanges: {
      count: 0,
      ticketsReturned: 0,
      ticketsIssued: 0,
      collected: 0,
      paidBack: 0,
      fees: 0,
    },
    voids: { count: 0, tickets: 0, total: 0 },
    taxes: {},
    performances: {},
    tendersIn: { ...none },
    tendersOut: { ...none },
    cash: { paidIn: 0, paidOut: 0, drops: 0 },
    movements: { paidIn: 0, paidOut: 0, drops: 0, noSales: 0 },
  };
}

/** A copy of a record of plain objects, each copied one level. */
function copyEach<K extends string, V extends object>(
  record: Partial<Record<K, V>>,
): Partial<Record<K, V>> {
  const out: Partial<Record<K, V>> = {};
  for (const [k, v] of Object.entries(record) as [K, V][]) out[k] = { ...v };
  return out;
}

/** A deep copy: the tally is plain data two levels deep. */
function copy(t: ShiftTally): Tally {
  const byReason = copyEach(t.refunds.byReason) as Tally['refunds']['byReason'];
  const taxes = copyEach(t.taxes) as Tally['taxes'];
  const performances = copyEach(t.performances) as Tally['performances'];
  return {
    ...t,
    openedBy: { ...t.openedBy },
    float: { ...t.float },
    sales: { ...t.sales },
    refunds: { ...t.refunds, byReason },
    exchanges: { ...t.exchanges },
    voids: { ...t.voids },
    taxes,
    performances,
    tendersIn: { ...t.tendersIn },
    tendersOut: { ...t.tendersOut },
    cash: { ...t.cash },
    movements: { ...t.movements },
  };
}

/**
 * The tally after one more journal entry. Entries of other shifts, and training entries in a
 * real shift (or real ones in a training shift), do not count.
 */
export function tallyEntry(tally: ShiftTally, entry: EntryLike): ShiftTally {
  if (!belongs(tally, entry)) return tally;
  const next = copy(tally);
  add(next, entry);
  return next;
}

/** The tally of a shift from its entries (its shift_open first, in journal order). */
export function tallyOf(entries: readonly EntryLike[]): ShiftTally {
  const open = entries.find((e) => e.type === 'shift_open');
  strictAssert(open !== undefined, 'a shift report needs the shift_open entry');
  const tally = copy(openTally(open));
  for (const e of entries) if (e !== open && belongs(tally, e)) add(tally, e);
  return tally;
}

/** Whether `entry` counts in the shift's tally (its shift, real or training like the shift). */
export function belongs(tally: ShiftTally, entry: EntryLike): boolean {
  const p = entry.payload;
  return (
    entry.type !== 'shift_open' &&
    'shiftId' in p &&
    p.shiftId === tally.shiftId &&
    p.training === tally.training
  );
}

/** Adds `m` (asserted to be in the shift's currency) to a running sum of minor units. */
function plus(t: Tally, sum: number, m: Money, sign: 1 | -1 = 1): number {
  // The message is built only on failure: this runs ~15 times per sale of a 10,000-entry Z,
  // and a template string per call was most of the report's time.
  if (m.currency !== t.currency) strictAssert(false, `${m.currency} in a ${t.currency} shift`);
  const out = sum + sign * m.amount;
  strictAssert(Number.isSafeInteger(out), 'a shift total is beyond safe integers');
  return out;
}

function bump(t: Tally, performanceId: string, field: keyof PerformanceCounts, n = 1): void {
  const p = (t.performances[performanceId] ??= {
    sold: 0,
    refunded: 0,
    voided: 0,
    exchangedOut: 0,
    exchangedIn: 0,
  });
  p[field] += n;
}

function addTaxes(t: Tally, lines: readonly TaxLine[], sign: 1 | -1): void {
  for (const l of lines) {
    const acc = (t.taxes[String(l.rateBp)] ??= { gross: 0, tax: 0, net: 0 });
    acc.gross = plus(t, acc.gross, l.gross, sign);
    acc.tax = plus(t, acc.tax, l.tax, sign);
    acc.net = plus(t, acc.net, l.net, sign);
  }
}

function takeIn(t: Tally, tenders: readonly TenderRecord[]): void {
  for (const x of tenders) t.tendersIn[x.kind] = plus(t, t.tendersIn[x.kind], x.amount);
}

function payOut(t: Tally, payouts: readonly Payout[]): void {
  for (const x of payouts) t.tendersOut[x.kind] = plus(t, t.tendersOut[x.kind], x.amount);
}

/** What one entry of the shift adds: the rules of the X and Z reports. */
function add(t: Tally, e: EntryLike): void {
  t.entries += 1;
  switch (e.type) {
    case 'sale': {
      // Totals and receipt lines, not tickets: a sale is one step whatever its size.
      const s = e.payload;
      t.sales.count += 1;
      t.sales.tickets += s.tickets.length;
      t.sales.ticketsValue = plus(t, t.sales.ticketsValue, s.totals.tickets);
      t.sales.bookingFees = plus(t, t.sales.bookingFees, s.totals.bookingFees);
      for (const ticket of s.tickets)
        for (const a of ticket.adjustments)
          t.sales.adjustments = plus(t, t.sales.adjustments, a.amount);
      for (const line of s.lines) bump(t, line.performanceId, 'sold', line.quantity);
      t.sales.total = plus(t, t.sales.total, s.totals.total);
      addTaxes(t, s.totals.taxes, 1);
      takeIn(t, s.tenders);
      break;
    }
    case 'refund': {
      const r = e.payload;
      t.refunds.count += 1;
      t.refunds.tickets += r.tickets.length;
      t.refunds.total = plus(t, t.refunds.total, r.total);
      t.refunds.fees = plus(t, t.refunds.fees, r.fees);
      t.refunds.retained = plus(t, t.refunds.retained, r.retained);
      t.refunds.voucherBonus = plus(t, t.refunds.voucherBonus, r.bonus);
      const reason = (t.refunds.byReason[r.reasonCode] ??= { count: 0, tickets: 0, total: 0 });
      reason.count += 1;
      reason.tickets += r.tickets.length;
      reason.total = plus(t, reason.total, r.total);
      for (const ticket of r.tickets) bump(t, ticket.performanceId, 'refunded');
      addTaxes(t, r.taxes, -1);
      payOut(t, r.payouts);
      break;
    }
    case 'exchange': {
      const x = e.payload;
      t.exchanges.count += 1;
      t.exchanges.ticketsReturned += x.returned.length;
      t.exchanges.ticketsIssued += x.issued.length;
      t.exchanges.fees = plus(t, t.exchanges.fees, x.fee);
      for (const tender of x.tenders)
        t.exchanges.collected = plus(t, t.exchanges.collected, tender.amount);
      for (const o of x.payouts) t.exchanges.paidBack = plus(t, t.exchanges.paidBack, o.amount);
      for (const ticket of x.returned) bump(t, ticket.performanceId, 'exchangedOut');
      for (const ticket of x.issued) bump(t, ticket.performanceId, 'exchangedIn');
      addTaxes(t, x.taxes, 1);
      takeIn(t, x.tenders);
      payOut(t, x.payouts);
      break;
    }
    case 'void': {
      const v = e.payload;
      t.voids.count += 1;
      t.voids.tickets += v.tickets.length;
      for (const ticket of v.tickets) bump(t, ticket.performanceId, 'voided');
      t.voids.total = plus(t, t.voids.total, v.total);
      addTaxes(t, v.taxes, -1);
      payOut(t, v.payouts);
      break;
    }
    case 'paid_in':
      t.movements.paidIn += 1;
      t.cash.paidIn = plus(t, t.cash.paidIn, e.payload.amount);
      break;
    case 'paid_out':
      t.movements.paidOut += 1;
      t.cash.paidOut = plus(t, t.cash.paidOut, e.payload.amount);
      break;
    case 'drop':
      t.movements.drops += 1;
      t.cash.drops = plus(t, t.cash.drops, e.payload.amount);
      break;
    case 'no_sale':
      t.movements.noSales += 1;
      break;
    // approval, login, logout, training_mode and admission carry no shiftId and never get here; they
    // are listed so that a new entry type has to be placed here.
    case 'shift_open':
    case 'shift_close':
    case 'approval':
    case 'login':
    case 'logout':
    case 'training_mode':
    case 'admission':
      break;
  }
}

/** float + cash in − cash out + paid in − paid out − drops: what the drawer should hold. */
export function expectedCash(t: ShiftTally): Money {
  const amount =
    t.float.amount +
    t.tendersIn.cash -
    t.tendersOut.cash +
    t.cash.paidIn -
    t.cash.paidOut -
    t.cash.drops;
  return { amount: amount === 0 ? 0 : amount, currency: t.currency };
}

/**
 * The open shift's tally after an entry of the terminal's journal: a shift_open starts one,
 * a shift_close ends it (null), anything else is added to the open shift's.
 */
export function nextTally(tally: ShiftTally | null, entry: EntryLike): ShiftTally | null {
  if (entry.type === 'shift_open') return openTally(entry);
  if (entry.type === 'shift_close') return null;
  return tally === null ? null : tallyEntry(tally, entry);
}
