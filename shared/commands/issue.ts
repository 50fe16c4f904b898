import { z } from 'zod';
import type { CatalogIndex } from '../catalog/catalog';
import { catalogIdSchema, type Performance, type PriceTier } from '../catalog/schemas';
import type { Currency } from '../money/currency';
import { describeMoney, type Money } from '../money/money';
import type { TicketRecord } from '../orders/records';
import type { RefundPolicy } from '../refund-policy/policy-schema';
import type { TenderInput } from '../orders/tenders';
import { priceTicket, type PricedTicket } from '../pricing/price-ticket';
import { err, ok, type Err, type Result } from '../util/result';
import type { CommandErrorCode, IssuingPorts } from './types';

/**
 * The steps sell and exchange share to put new tickets in a customer's hands: resolve the
 * requested items against the catalog and this terminal's inventory, price them, sign them.
 */

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

export interface IssueState {
  readonly catalog: CatalogIndex;
  readonly inventory: Readonly<Record<string, PerformanceInventory>>;
  /** Orders that already used each promo code. */
  readonly promoUses?: Readonly<Record<string, number>>;
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

export type SellItem = z.output<typeof sellItemSchema>;

export interface Requested {
  readonly performance: Performance;
  readonly tier: PriceTier;
  readonly seatId?: string;
  readonly concessionId?: string;
}

/** Resolves items against the catalog and this terminal's inventory; one entry per ticket. */
export function resolveItems(
  state: IssueState,
  items: readonly SellItem[],
  nowMs: number,
): Result<Requested[], CommandErrorCode> {
  const out: Requested[] = [];
  const seatsTaken = new Set<string>();
  const gaTaken = new Map<string, number>();
  const accessibleIn = new Set<string>();
  const companionIn: { performanceId: string; seatId: string }[] = [];
  for (const item of items) {
    const performance = state.catalog.performance(item.performanceId);
    if (!performance)
      return err('not_found', `Performance ${item.performanceId} is not in the catalog.`);
    const open = salesOpen(performance, nowMs);
    if (!open.ok) return open;
    const tier = state.catalog.tier(item.tierId);
    if (
      !tier ||
      tier.eventId !== performance.eventId ||
      (tier.performanceIds && !tier.performanceIds.includes(performance.id))
    ) {
      return err('not_found', `Tier ${item.tierId} is not on sale for this performance.`);
    }
    const inv = state.inventory[performance.id];
    const extra = item.concessionId ? { concessionId: item.concessionId } : {};
    if (tier.kind === 'seated') {
      if (!item.seatId) return err('invalid_argument', `Choose a seat for ${tier.name}.`);
      if (item.quantity !== 1)
        return err('invalid_argument', 'A seated ticket is one seat; add each seat separately.');
      const planId = performance.seatingPlanId;
      const loc = planId ? state.catalog.seat(planId, item.seatId) : undefined;
      if (!loc)
        return err('not_found', `Seat ${item.seatId} is not in this performance's seating plan.`);
      if (!tier.seatCategoryIds?.includes(loc.seat.categoryId)) {
        return err('invalid_argument', `Seat ${loc.seat.label} is not sold as ${tier.name}.`);
      }
      const key = `${performance.id}|${item.seatId}`;
      if (seatsTaken.has(key))
        return err('invalid_argument', `Seat ${loc.seat.label} is in the order twice.`);
      if (!inv?.availableSeatIds?.has(item.seatId)) {
        return err(
          'sold_out',
          `Seat ${loc.seat.label} (row ${loc.rowId}) is no longer available from this terminal.`,
          { seatId: item.seatId },
        );
      }
      seatsTaken.add(key);
      if (loc.seat.accessible) accessibleIn.add(performance.id);
      if (loc.seat.companion)
        companionIn.push({ performanceId: performance.id, seatId: item.seatId });
      out.push({ performance, tier, seatId: item.seatId, ...extra });
    } else {
      if (item.seatId)
        return err('invalid_argument', `${tier.name} is general admission: no seat to choose.`);
      const key = `${performance.id}|${tier.id}`;
      const want = (gaTaken.get(key) ?? 0) + item.quantity;
      const left = inv?.gaAvailable?.[tier.id] ?? 0;
      if (want > left) {
        return err(
          'sold_out',
          left === 0
            ? `${tier.name} is sold out at this terminal.`
            : `Only ${left} ${tier.name} places are left at this terminal.`,
          {
            tierId: tier.id,
            available: left,
          },
        );
      }
      gaTaken.set(key, want);
      for (let i = 0; i < item.quantity; i++) out.push({ performance, tier, ...extra });
    }
  }
  for (const c of companionIn) {
    if (!accessibleIn.has(c.performanceId)) {
      return err(
        'invalid_argument',
        `Seat ${c.seatId} is a companion seat: sell it together with an accessible seat.`,
      );
    }
  }
  return ok(out);
}

export function salesOpen(p: Performance, nowMs: number): Result<void, CommandErrorCode> {
  if (p.status !== 'scheduled')
    return err('sales_closed', `This performance is ${p.status}; tickets cannot be sold.`);
  if (p.salesOpenAt && nowMs < Date.parse(p.salesOpenAt))
    return err('sales_closed', `Sales for this performance open at ${p.salesOpenAt}.`);
  // Without an explicit close, sales stop when the performance starts.
  const close = Date.parse(p.salesCloseAt ?? p.startsAt);
  if (nowMs >= close) return err('sales_closed', 'Sales for this performance have closed.');
  return ok(undefined);
}

/**
 * Prices every requested ticket. A promo code may cover only some tiers: the others are priced
 * without it, and the code is refused only if it fits no ticket at all.
 */
export function priceRequested(
  state: IssueState,
  requested: readonly Requested[],
  nowMs: number,
  currency: Currency,
  promoCode: string | undefined,
): Result<PricedTicket[], CommandErrorCode> {
  const priced: PricedTicket[] = [];
  const cache = new Map<string, PricedTicket>();
  const code = promoCode?.trim() ? promoCode.trim().toUpperCase() : undefined;
  let promoError: Err<CommandErrorCode> | undefined;
  for (const r of requested) {
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
        promoUses: code ? (state.promoUses?.[code] ?? 0) : 0,
        concessionId: r.concessionId,
      };
      let result = priceTicket({ ...pricing, promoCode: code });
      if (
        !result.ok &&
        result.error.code === 'invalid_argument' &&
        code &&
        isPromoIssue(result.error.details)
      ) {
        promoError = result;
        result = priceTicket(pricing);
      }
      if (!result.ok) return result;
      if (result.value.price.currency !== currency) {
        return err(
          'currency_mismatch',
          `Tier ${r.tier.id} is priced in ${result.value.price.currency}; this terminal sells in ${currency}.`,
        );
      }
      p = result.value;
      cache.set(key, p);
    }
    priced.push(p);
  }
  if (code && promoError && !priced.some((p) => p.promoCode !== undefined)) return promoError;
  return ok(priced);
}

function isPromoIssue(details: unknown): boolean {
  return (
    typeof details === 'object' &&
    details !== null &&
    (details as { field?: unknown }).field === 'promoCode'
  );
}

/** Vouchers offered as payment must exist and hold enough. */
export function checkVouchers(
  state: IssueState,
  tenders: readonly TenderInput[],
): Result<void, CommandErrorCode> {
  for (const t of tenders) {
    if (t.kind !== 'voucher') continue;
    const balance = state.voucherBalances?.[t.voucherId];
    if (!balance) return err('not_found', `Voucher ${t.voucherId} is not known or has no balance.`);
    if (t.amount.amount > balance.amount) {
      return err(
        'limit_exceeded',
        `Voucher ${t.voucherId} has only ${describeMoney(balance)} left.`,
        { balance },
      );
    }
  }
  return ok(undefined);
}

/**
 * Gives each priced ticket an id and a signed code and snapshots its tier's refund policy.
 * `withoutBookingFee` is for exchanges, where the old booking fee stands in for the new one.
 */
export async function issueTickets(
  state: IssueState,
  requested: readonly Requested[],
  priced: readonly PricedTicket[],
  orderId: string,
  issuedAt: string,
  ports: IssuingPorts,
  withoutBookingFee = false,
): Promise<Result<TicketRecord[], CommandErrorCode>> {
  const tickets: TicketRecord[] = [];
  // A snapshot is a copy: a later change to the catalog object must not reach sold tickets.
  const snapshots = new Map<string, RefundPolicy>();
  for (let i = 0; i < requested.length; i++) {
    const r = requested[i]!;
    const p = priced[i]!;
    let policy = snapshots.get(r.tier.refundPolicyId);
    if (!policy) {
      const current = state.catalog.policy(r.tier.refundPolicyId);
      if (!current)
        return err(
          'not_found',
          `Refund policy ${r.tier.refundPolicyId} of tier ${r.tier.id} is missing from the catalog.`,
        );
      policy = structuredClone(current);
      snapshots.set(r.tier.refundPolicyId, policy);
    }
    const seat = r.seatId ? { seatId: r.seatId } : {};
    const unit = { performanceId: r.performance.id, tierId: r.tier.id, issuedAt, ...seat };
    const presigned = ports.presigned?.take(unit);
    const ticketId = presigned?.ticketId ?? ports.ids();
    let code: string;
    try {
      code = presigned?.code ?? (await ports.signTicket({ ticketId, ...unit }));
    } catch (e) {
      // The signer rejects with a coded error (bad key, unsignable id): nothing may be issued.
      return err(
        'signing_failed',
        'A ticket could not be signed, so nothing was issued. Check the terminal enrolment.',
        {
          cause: e instanceof Error ? e.message : String(e),
        },
      );
    }
    tickets.push({
      ticketId,
      orderId,
      performanceId: r.performance.id,
      eventId: r.performance.eventId,
      tierId: r.tier.id,
      ...seat,
      price: p.price,
      bookingFee: withoutBookingFee ? { amount: 0, currency: p.price.currency } : p.bookingFee,
      taxRateBp: p.taxRateBp,
      base: p.base,
      adjustments: p.adjustments,
      ...(p.concessionId ? { concessionId: p.concessionId } : {}),
      checkId: p.checkId,
      ...(p.promoCode ? { promoCode: p.promoCode } : {}),
      code,
      issuedAt,
      policy,
    });
  }
  return ok(tickets);
}
