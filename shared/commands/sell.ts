import { z } from 'zod';
import type { CatalogIndex } from '../catalog/catalog';
import { catalogIdSchema } from '../catalog/schemas';
import type { Performance, PriceTier } from '../catalog/schemas';
import { draft, type SalePayload } from '../journal/entry-types';
import { describeMoney, money, sum, type Money } from '../money/money';
import { taxBreakdown } from '../money/tax';
import { freeTextSchema } from '../orders/card';
import { buildLines, type TicketRecord } from '../orders/records';
import { settleTenders, tenderInputSchema } from '../orders/tenders';
import { checkPurchaseLimits } from '../pricing/purchase-limits';
import { priceTicket, type PricedTicket } from '../pricing/price-ticket';
import { err, ok, type Err, type Result } from '../util/result';
import { forbidKioskCash, nowIso, parseInput, requireSession, requireShift, staffRef } from './guards';
import { nextReceiptNo, type TerminalState } from './terminal-state';
import type { TerminalSettings } from './settings';
import type { Actor, CommandErrorCode, CommandOutput, CommandResult, IssuingPorts } from './types';

/**
 * What this terminal may sell right now, per performance: the seats and GA places it holds
 * (its offline lease, or live holds while online), and sales so far for demand pricing.
 */
export interface PerformanceInventory {
  readonly availableSeatIds?: ReadonlySet<string>;
  /** GA places this terminal may sell, per tier; a tier not listed has none. */
  readonly gaAvailable?: Readonly<Record<string, number>>;
  readonly sold: number;
  readonly capacity: number;
}

export interface SellState {
  readonly terminal: TerminalState;
  readonly settings: TerminalSettings;
  readonly catalog: CatalogIndex;
  readonly inventory: Readonly<Record<string, PerformanceInventory>>;
  /** Orders that already used each promo code. */
  readonly promoUses?: Readonly<Record<string, number>>;
  /** Tickets the customer already holds, per performance (when a customer is named). */
  readonly customerHeld?: Readonly<Record<string, number>>;
  /** Balances of vouchers offered as payment. */
  readonly voucherBalances?: Readonly<Record<string, Money>>;
}

export const sellItemSchema = z.object({
  performanceId: catalogIdSchema,
  tierId: catalogIdSchema,
  seatId: catalogIdSchema.optional(),
  /** GA only: how many places; a seated item is always one seat. */
  quantity: z.number().int().min(1).max(50).default(1),
  concessionId: catalogIdSchema.optional(),
});

export const sellInputSchema = z.object({
  items: z.array(sellItemSchema).min(1, 'Add at least one ticket.').max(100),
  promoCode: z.string().trim().max(32).optional(),
  customerId: freeTextSchema(64, 1).optional(),
  tenders: z.array(tenderInputSchema).min(1, 'Take a payment.').max(10),
});

export type SellInput = z.input<typeof sellInputSchema>;

interface Requested {
  readonly performance: Performance;
  readonly tier: PriceTier;
  readonly seatId?: string;
  readonly concessionId?: string;
}

export interface SellOutput extends CommandOutput {
  readonly sale: SalePayload;
  readonly change: Money;
  /** Some ticket is a concession the cashier must check ID for. */
  readonly checkId: boolean;
}

/**
 * Sells tickets: checks each seat/place is this terminal's to sell, prices every ticket,
 * applies purchase limits, settles the tenders, signs the tickets and returns one `sale`
 * draft. Nothing is written; the caller seals and stores the draft.
 */
export async function sell(state: SellState, input: unknown, actor: Actor, ports: IssuingPorts): Promise<CommandResult<SellOutput>> {
  const parsed = parseInput(sellInputSchema, input);
  if (!parsed.ok) return parsed;
  const session = requireSession(state.terminal, actor);
  if (!session.ok) return session;
  const shift = requireShift(state.terminal);
  if (!shift.ok) return shift;
  const { items, tenders, promoCode, customerId } = parsed.value;
  if (tenders.some((t) => t.kind === 'cash')) {
    const kiosk = forbidKioskCash(actor, 'take cash');
    if (!kiosk.ok) return kiosk;
  }
  const nowMs = ports.clock();
  const currency = state.settings.currency;

  const requested = expand(state, items, nowMs);
  if (!requested.ok) return requested;
  const limits = checkPurchaseLimits(
    requested.value.map((r) => ({ performanceId: r.performance.id, tierId: r.tier.id })),
    state.catalog,
    customerId !== undefined ? state.customerHeld ?? {} : undefined,
  );
  if (!limits.ok) return limits;

  const priced: PricedTicket[] = [];
  let promoError: Err<CommandErrorCode> | undefined;
  const cache = new Map<string, PricedTicket>();
  for (const r of requested.value) {
    const key = `${r.performance.id}|${r.tier.id}|${r.concessionId ?? ''}`;
    let p = cache.get(key);
    if (!p) {
      const inv = state.inventory[r.performance.id];
      const pricing = {
        venue: state.catalog.venue,
        performance: r.performance,
        tier: r.tier,
        rules: state.catalog.rules(),
        now: nowMs,
        demand: inv ? { sold: inv.sold, capacity: inv.capacity } : undefined,
        promoUses: promoCode ? state.promoUses?.[promoCode.trim().toUpperCase()] ?? 0 : 0,
        concessionId: r.concessionId,
      };
      let result = priceTicket({ ...pricing, promoCode });
      // A promo code may cover only some tiers: the others are priced without it, and the
      // code is refused only if it fits no ticket in the order (checked below).
      if (!result.ok && result.error.code === 'invalid_argument' && promoCode && isPromoIssue(result.error.details)) {
        promoError = result;
        result = priceTicket(pricing);
      }
      if (!result.ok) return result;
      if (result.value.price.currency !== currency) {
        return err('currency_mismatch', `Tier ${r.tier.id} is priced in ${result.value.price.currency}, this terminal sells in ${currency}.`);
      }
      p = result.value;
      cache.set(key, p);
    }
    priced.push(p);
  }

  if (promoCode && promoCode.trim() !== '' && !priced.some((p) => p.promoCode !== undefined) && promoError) return promoError;

  const ticketsTotal = sum(currency, priced.map((p) => p.price));
  const feesTotal = sum(currency, priced.map((p) => p.bookingFee));
  const total = money(ticketsTotal.amount + feesTotal.amount, currency);

  for (const t of tenders) {
    if (t.kind !== 'voucher') continue;
    const balance = state.voucherBalances?.[t.voucherId];
    if (!balance) return err('not_found', `Voucher ${t.voucherId} is not known or has no balance.`);
    if (t.amount.amount > balance.amount) {
      return err('limit_exceeded', `Voucher ${t.voucherId} has only ${describeMoney(balance)} left.`, { balance });
    }
  }
  const settlement = settleTenders(total, tenders, ports.ids, state.settings.cashRoundingIncrement);
  if (!settlement.ok) return settlement;

  const orderId = ports.ids();
  const issuedAt = new Date(nowMs).toISOString();
  const tickets: TicketRecord[] = [];
  for (let i = 0; i < requested.value.length; i++) {
    const r = requested.value[i]!;
    const p = priced[i]!;
    const ticketId = ports.ids();
    const code = await sign(ports, { ticketId, performanceId: r.performance.id, tierId: r.tier.id, issuedAt, ...(r.seatId ? { seatId: r.seatId } : {}) });
    if (!code.ok) return code;
    const policy = state.catalog.policy(r.tier.refundPolicyId);
    if (!policy) return err('not_found', `Refund policy ${r.tier.refundPolicyId} of tier ${r.tier.id} is missing from the catalog.`);
    tickets.push({
      ticketId,
      orderId,
      performanceId: r.performance.id,
      eventId: r.performance.eventId,
      tierId: r.tier.id,
      ...(r.seatId ? { seatId: r.seatId } : {}),
      price: p.price,
      bookingFee: p.bookingFee,
      taxRateBp: p.taxRateBp,
      base: p.base,
      adjustments: p.adjustments,
      ...(p.concessionId ? { concessionId: p.concessionId } : {}),
      checkId: p.checkId,
      ...(p.promoCode ? { promoCode: p.promoCode } : {}),
      code: code.value,
      issuedAt,
      policy,
    });
  }

  const s = settlement.value;
  const sale: SalePayload = {
    orderId,
    receiptNo: nextReceiptNo(state.terminal),
    shiftId: shift.value.shiftId,
    staff: staffRef(actor),
    ...(customerId !== undefined ? { customerId } : {}),
    lines: buildLines(tickets),
    tickets,
    tenders: s.tenders,
    totals: {
      tickets: ticketsTotal,
      bookingFees: feesTotal,
      total,
      rounding: s.rounding,
      paid: s.paid,
      change: s.change,
      taxes: taxBreakdown(tickets.map((t) => ({ gross: money(t.price.amount + t.bookingFee.amount, currency), rateBp: t.taxRateBp }))),
    },
    training: shift.value.training,
  };
  return ok({ drafts: [draft('sale', issuedAt, sale)], sale, change: s.change, checkId: tickets.some((t) => t.checkId) });
}

/** Resolves items against the catalog and this terminal's inventory; one entry per ticket. */
function expand(state: SellState, items: z.output<typeof sellInputSchema>['items'], nowMs: number): Result<Requested[], CommandErrorCode> {
  const out: Requested[] = [];
  const seatsTaken = new Set<string>();
  const gaTaken = new Map<string, number>();
  const accessibleIn = new Set<string>();
  const companionIn: { performanceId: string; seatId: string }[] = [];
  for (const item of items) {
    const performance = state.catalog.performance(item.performanceId);
    if (!performance) return err('not_found', `Performance ${item.performanceId} is not in the catalog.`);
    const open = salesOpen(performance, nowMs);
    if (!open.ok) return open;
    const tier = state.catalog.tier(item.tierId);
    if (!tier || tier.eventId !== performance.eventId || (tier.performanceIds && !tier.performanceIds.includes(performance.id))) {
      return err('not_found', `Tier ${item.tierId} is not on sale for this performance.`);
    }
    const inv = state.inventory[performance.id];
    if (tier.kind === 'seated') {
      if (!item.seatId) return err('invalid_argument', `Choose a seat for ${tier.name}.`);
      if (item.quantity !== 1) return err('invalid_argument', 'A seated ticket is one seat; add each seat separately.');
      const planId = performance.seatingPlanId;
      const loc = planId ? state.catalog.seat(planId, item.seatId) : undefined;
      if (!loc) return err('not_found', `Seat ${item.seatId} is not in this performance's seating plan.`);
      if (!tier.seatCategoryIds?.includes(loc.seat.categoryId)) {
        return err('invalid_argument', `Seat ${loc.seat.label} is not sold as ${tier.name}.`);
      }
      const key = `${performance.id}|${item.seatId}`;
      if (seatsTaken.has(key)) return err('invalid_argument', `Seat ${loc.seat.label} is in the order twice.`);
      if (!inv?.availableSeatIds?.has(item.seatId)) {
        return err('sold_out', `Seat ${loc.seat.label} (row ${loc.rowId}) is no longer available from this terminal.`, { seatId: item.seatId });
      }
      seatsTaken.add(key);
      if (loc.seat.accessible) accessibleIn.add(performance.id);
      if (loc.seat.companion) companionIn.push({ performanceId: performance.id, seatId: item.seatId });
      out.push({ performance, tier, seatId: item.seatId, ...(item.concessionId ? { concessionId: item.concessionId } : {}) });
    } else {
      if (item.seatId) return err('invalid_argument', `${tier.name} is general admission: no seat to choose.`);
      const key = `${performance.id}|${tier.id}`;
      const want = (gaTaken.get(key) ?? 0) + item.quantity;
      const left = inv?.gaAvailable?.[tier.id] ?? 0;
      if (want > left) {
        return err('sold_out', left === 0 ? `${tier.name} is sold out at this terminal.` : `Only ${left} ${tier.name} places are left at this terminal.`, {
          tierId: tier.id,
          available: left,
        });
      }
      gaTaken.set(key, want);
      for (let i = 0; i < item.quantity; i++) out.push({ performance, tier, ...(item.concessionId ? { concessionId: item.concessionId } : {}) });
    }
  }
  for (const c of companionIn) {
    if (!accessibleIn.has(c.performanceId)) {
      return err('invalid_argument', `Seat ${c.seatId} is a companion seat: sell it together with an accessible seat.`);
    }
  }
  return ok(out);
}

function salesOpen(p: Performance, nowMs: number): Result<void, CommandErrorCode> {
  if (p.status !== 'scheduled') return err('sales_closed', `This performance is ${p.status}; tickets cannot be sold.`);
  if (p.salesOpenAt && nowMs < Date.parse(p.salesOpenAt)) return err('sales_closed', `Sales for this performance open at ${p.salesOpenAt}.`);
  // Without an explicit close, sales stop when the performance starts.
  const close = Date.parse(p.salesCloseAt ?? p.startsAt);
  if (nowMs >= close) return err('sales_closed', 'Sales for this performance have closed.');
  return ok(undefined);
}

function isPromoIssue(details: unknown): boolean {
  return typeof details === 'object' && details !== null && (details as { field?: unknown }).field === 'promoCode';
}

async function sign(ports: IssuingPorts, payload: Parameters<IssuingPorts['signTicket']>[0]): Promise<Result<string, CommandErrorCode>> {
  try {
    return ok(await ports.signTicket(payload));
  } catch (e) {
    // The signer rejects with a coded error (bad key, unsignable id); the sale must not go ahead.
    return err('signing_failed', 'The ticket could not be signed, so nothing was sold. Check the terminal enrolment.', {
      cause: e instanceof Error ? e.message : String(e),
    });
  }
}

