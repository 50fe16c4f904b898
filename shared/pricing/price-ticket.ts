import type { Performance, PriceTier, Venue } from '../catalog/schemas';
import type { PriceRule } from '../catalog/price-rules';
import { money, zero, type Money } from '../money/money';
import { percentOf } from '../money/percent';
import { err, ok, type Result } from '../util/result';

export interface DemandState {
  readonly sold: number;
  readonly capacity: number;
}

export interface PricingInput {
  readonly venue: Venue;
  readonly performance: Performance;
  readonly tier: PriceTier;
  readonly rules: readonly PriceRule[];
  /** Epoch milliseconds; pricing is a pure function of this instant and the sales state. */
  readonly now: number;
  readonly demand?: DemandState | undefined;
  readonly promoCode?: string | undefined;
  /** Orders that already used the promo code (from the journal / server). */
  readonly promoUses?: number | undefined;
  readonly concessionId?: string | undefined;
}

export interface AppliedAdjustment {
  readonly ruleId: string;
  readonly kind: PriceRule['kind'];
  readonly label: string;
  /** Signed change to the price (negative = discount). */
  readonly amount: Money;
}

export interface PricedTicket {
  readonly performanceId: string;
  readonly tierId: string;
  readonly base: Money;
  readonly adjustments: readonly AppliedAdjustment[];
  /** What the customer pays for the ticket, VAT-inclusive. */
  readonly price: Money;
  readonly bookingFee: Money;
  readonly taxRateBp: number;
  /** A concession that needs the cashier to see proof (student card, pension ID). */
  readonly checkId: boolean;
  readonly concessionId?: string;
  readonly promoCode?: string;
}

export type PricingErrorCode = 'invalid_argument' | 'limit_exceeded';

const HOUR_MS = 3_600_000;
const AUTOMATIC: ReadonlySet<PriceRule['kind']> = new Set(['time_window', 'demand']);

/**
 * The price of one ticket at `now`: tier price, then automatic rules (time windows, demand)
 * in priority/id order, then the promo code, then the concession. Each change applies to the
 * running price and the price never drops below zero. Deterministic: same inputs, same price,
 * on every terminal, online or not.
 */
export function priceTicket(input: PricingInput): Result<PricedTicket, PricingErrorCode> {
  const { tier, performance, now } = input;
  const applicable = input.rules
    .filter((r) => appliesTo(r, tier.id, performance.id))
    .sort((a, b) => a.priority - b.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const chosen: PriceRule[] = applicable.filter(
    (r) => AUTOMATIC.has(r.kind) && automaticApplies(r, input),
  );

  let promoCode: string | undefined;
  if (input.promoCode !== undefined && input.promoCode.trim() !== '') {
    promoCode = input.promoCode.trim().toUpperCase();
    const promo = applicable.find((r) => r.kind === 'promo' && r.code === promoCode);
    if (!promo || promo.kind !== 'promo' || !inRange(now, promo.from, promo.until)) {
      return err(
        'invalid_argument',
        `Promo code ${promoCode} is not valid for ${tier.name} tickets at this time.`,
        {
          field: 'promoCode',
        },
      );
    }
    if (promo.maxUses !== undefined && (input.promoUses ?? 0) >= promo.maxUses) {
      return err(
        'limit_exceeded',
        `Promo code ${promoCode} has been used up (${promo.maxUses} uses).`,
        {
          field: 'promoCode',
        },
      );
    }
    chosen.push(promo);
  }

  let checkId = false;
  if (input.concessionId !== undefined) {
    const concession = applicable.find(
      (r) => r.kind === 'concession' && r.id === input.concessionId,
    );
    if (!concession || concession.kind !== 'concession') {
      return err(
        'invalid_argument',
        `The ${input.concessionId} concession does not apply to ${tier.name} tickets.`,
        {
          field: 'concessionId',
        },
      );
    }
    checkId = concession.checkId;
    chosen.push(concession);
  }

  let running = tier.price;
  const adjustments: AppliedAdjustment[] = [];
  for (const rule of chosen) {
    const delta =
      rule.adjustment.type === 'percent'
        ? percentOf(running, rule.adjustment.bp, { rounding: 'half_even' })
        : rule.adjustment.amount;
    const next = Math.max(0, running.amount + delta.amount);
    const applied = money(next - running.amount, running.currency);
    running = money(next, running.currency);
    adjustments.push({ ruleId: rule.id, kind: rule.kind, label: rule.label, amount: applied });
  }

  return ok({
    performanceId: performance.id,
    tierId: tier.id,
    base: tier.price,
    adjustments,
    price: running,
    bookingFee: tier.bookingFee ?? zero(tier.price.currency),
    taxRateBp: tier.taxRateBp,
    checkId,
    ...(input.concessionId !== undefined ? { concessionId: input.concessionId } : {}),
    ...(promoCode !== undefined ? { promoCode } : {}),
  });
}

function appliesTo(rule: PriceRule, tierId: string, performanceId: string): boolean {
  return (
    (!rule.tierIds || rule.tierIds.includes(tierId)) &&
    (!rule.performanceIds || rule.performanceIds.includes(performanceId))
  );
}

function inRange(now: number, from: string | undefined, until: string | undefined): boolean {
  return (
    (from === undefined || now >= Date.parse(from)) &&
    (until === undefined || now < Date.parse(until))
  );
}

function automaticApplies(rule: PriceRule, input: PricingInput): boolean {
  switch (rule.kind) {
    case 'time_window': {
      if (!inRange(input.now, rule.from, rule.until)) return false;
      const hoursLeft = (Date.parse(input.performance.startsAt) - input.now) / HOUR_MS;
      if (rule.minHoursBefore !== undefined && hoursLeft < rule.minHoursBefore) return false;
      if (rule.maxHoursBefore !== undefined && hoursLeft > rule.maxHoursBefore) return false;
      if (
        rule.dayOfShow &&
        localDate(input.now, input.venue.timeZone) !==
          localDate(Date.parse(input.performance.startsAt), input.venue.timeZone)
      ) {
        return false;
      }
      return true;
    }
    case 'demand': {
      const d = input.demand;
      if (!d || d.capacity <= 0) return false;
      return d.sold * 10_000 >= rule.minSoldBp * d.capacity;
    }
    case 'promo':
    case 'concession':
      return false;
  }
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date at the venue ("2026-05-01"), for "day of show" prices. */
export function localDate(epochMs: number, timeZone: string): string {
  let f = dateFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dateFormats.set(timeZone, f);
  }
  return f.format(epochMs);
}
