import { z } from 'zod';
import { refundPolicySchema, type RefundPolicy } from '../refund-policy/policy-schema';
import { dbInt } from '../util/db-int';
import { priceRuleSchema, type PriceRule } from './price-rules';
import {
  eventSchema,
  performanceSchema,
  priceTierSchema,
  seatingPlanSchema,
  venueSchema,
  type Event,
  type Performance,
  type PriceTier,
  type Seat,
  type SeatingPlan,
  type Venue,
} from './schemas';

/** Everything a terminal needs to sell for one venue, as pulled from the server. */
export const catalogSchema = z
  .object({
    version: dbInt(),
    venue: venueSchema,
    events: z.array(eventSchema),
    performances: z.array(performanceSchema),
    tiers: z.array(priceTierSchema),
    seatingPlans: z.array(seatingPlanSchema).default([]),
    priceRules: z.array(priceRuleSchema).default([]),
    refundPolicies: z.array(refundPolicySchema),
  })
  .superRefine((c, ctx) => {
    const issue = (path: PropertyKey[], message: string): void =>
      ctx.addIssue({ code: 'custom', path, message });
    const unique = (key: string, ids: readonly string[]): Set<string> => {
      const seen = new Set<string>();
      ids.forEach((id, i) => {
        if (seen.has(id)) issue([key, i, 'id'], `${key} id ${id} is used twice.`);
        seen.add(id);
      });
      return seen;
    };
    const events = unique(
      'events',
      c.events.map((e) => e.id),
    );
    const performances = unique(
      'performances',
      c.performances.map((p) => p.id),
    );
    unique(
      'tiers',
      c.tiers.map((t) => t.id),
    );
    unique(
      'priceRules',
      c.priceRules.map((r) => r.id),
    );
    const plans = new Map(c.seatingPlans.map((p) => [p.id, p]));
    const policies = new Map<string, RefundPolicy>();
    c.refundPolicies.forEach((p, i) => {
      if (policies.has(p.id))
        issue(
          ['refundPolicies', i, 'id'],
          `Two refund policies share id ${p.id}; keep one version per catalog.`,
        );
      policies.set(p.id, p);
      if (p.currency !== c.venue.currency)
        issue(['refundPolicies', i, 'currency'], `Policy ${p.id} is not in ${c.venue.currency}.`);
    });
    c.events.forEach((e, i) => {
      if (e.venueId !== c.venue.id)
        issue(['events', i, 'venueId'], `Event ${e.id} belongs to another venue.`);
    });
    c.performances.forEach((p, i) => {
      if (!events.has(p.eventId))
        issue(
          ['performances', i, 'eventId'],
          `Performance ${p.id} names unknown event ${p.eventId}.`,
        );
      if (p.seatingPlanId && !plans.has(p.seatingPlanId)) {
        issue(
          ['performances', i, 'seatingPlanId'],
          `Performance ${p.id} names unknown seating plan ${p.seatingPlanId}.`,
        );
      }
    });
    c.tiers.forEach((t, i) => {
      const path = ['tiers', i];
      if (!events.has(t.eventId))
        issue([...path, 'eventId'], `Tier ${t.id} names unknown event ${t.eventId}.`);
      if (!policies.has(t.refundPolicyId))
        issue(
          [...path, 'refundPolicyId'],
          `Tier ${t.id} names unknown refund policy ${t.refundPolicyId}.`,
        );
      if (
        t.price.currency !== c.venue.currency ||
        (t.bookingFee && t.bookingFee.currency !== c.venue.currency)
      ) {
        issue([...path, 'price'], `Tier ${t.id} is not priced in ${c.venue.currency}.`);
      }
      for (const pid of t.performanceIds ?? []) {
        if (!performances.has(pid))
          issue([...path, 'performanceIds'], `Tier ${t.id} names unknown performance ${pid}.`);
      }
    });
    c.priceRules.forEach((r, i) => {
      if (r.adjustment.type === 'fixed' && r.adjustment.amount.currency !== c.venue.currency) {
        issue(['priceRules', i, 'adjustment'], `Rule ${r.id} is not in ${c.venue.currency}.`);
      }
    });
  });

export type Catalog = z.output<typeof catalogSchema>;
export type CatalogInput = z.input<typeof catalogSchema>;

export interface SeatLocation {
  readonly seat: Seat;
  readonly sectionId: string;
  readonly rowId: string;
}

/** Lookups over a validated catalog, built once per catalog version. */
export interface CatalogIndex {
  readonly catalog: Catalog;
  readonly venue: Venue;
  event(id: string): Event | undefined;
  performance(id: string): Performance | undefined;
  tier(id: string): PriceTier | undefined;
  policy(id: string): RefundPolicy | undefined;
  plan(id: string): SeatingPlan | undefined;
  seat(planId: string, seatId: string): SeatLocation | undefined;
  /** Tiers on sale for a performance (its event's tiers, minus those limited elsewhere). */
  tiersFor(performanceId: string): readonly PriceTier[];
  rules(): readonly PriceRule[];
}

export function indexCatalog(catalog: Catalog): CatalogIndex {
  const byId = <T extends { id: string }>(items: readonly T[]): Map<string, T> =>
    new Map(items.map((x) => [x.id, x]));
  const events = byId(catalog.events);
  const performances = byId(catalog.performances);
  const tiers = byId(catalog.tiers);
  const policies = byId(catalog.refundPolicies);
  const plans = byId(catalog.seatingPlans);
  const seats = new Map<string, Map<string, SeatLocation>>();
  for (const plan of catalog.seatingPlans) {
    const m = new Map<string, SeatLocation>();
    for (const section of plan.sections) {
      for (const row of section.rows) {
        for (const seat of row.seats)
          m.set(seat.id, { seat, sectionId: section.id, rowId: row.id });
      }
    }
    seats.set(plan.id, m);
  }
  return {
    catalog,
    venue: catalog.venue,
    event: (id) => events.get(id),
    performance: (id) => performances.get(id),
    tier: (id) => tiers.get(id),
    policy: (id) => policies.get(id),
    plan: (id) => plans.get(id),
    seat: (planId, seatId) => seats.get(planId)?.get(seatId),
    tiersFor: (performanceId) => {
      const p = performances.get(performanceId);
      if (!p) return [];
      return catalog.tiers.filter(
        (t) =>
          t.eventId === p.eventId &&
          (!t.performanceIds || t.performanceIds.includes(performanceId)),
      );
    },
    rules: () => catalog.priceRules,
  };
}
