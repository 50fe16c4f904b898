import { z } from 'zod';
import { catalogSchema, type Catalog } from './catalog';
import { priceRuleSchema } from './price-rules';
import {
  catalogIdSchema,
  eventSchema,
  PERFORMANCE_STATUSES,
  priceTierSchema,
  venueSchema,
  type Seat,
  type Section,
} from './schemas';
import { refundPolicySchema } from '../refund-policy/policy-schema';
import { err, ok, type Result } from '../util/result';
import { instantOfWallTime, zoneOffsetMs } from '../time/venue-day';
import demoVenueJson from '../../assets/demo/demo-venue.json';

/**
 * The demo venue ships as a compact template (assets/demo/demo-venue.json): performance
 * times are offsets from "now" and seating rows are seat counts. This file turns it into a
 * real catalog, validated with shared/catalog's schema, so a newcomer always finds upcoming
 * shows and a full seat map — whatever day they first run `npm start`.
 */

const HOUR_MS = 3_600_000;

const performanceTemplateSchema = z
  .object({
    id: catalogIdSchema,
    eventId: catalogIdSchema,
    status: z.enum(PERFORMANCE_STATUSES),
    /** Days from today (venue's calendar) at `localTime` in the venue's time zone. */
    startsInDays: z.number().int().min(0).max(365).optional(),
    localTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
      .optional(),
    /** Or hours from now, rounded up to the next full hour: "tonight" whatever the time of day. */
    startsInHours: z.number().int().min(1).max(72).optional(),
    seatingPlanId: catalogIdSchema.optional(),
    gaCapacity: z.number().int().min(0).optional(),
    perCustomerLimit: z.number().int().min(1).optional(),
  })
  .refine(
    (p) =>
      (p.startsInHours !== undefined) !==
      (p.startsInDays !== undefined && p.localTime !== undefined),
    {
      message: 'Give either startsInHours, or startsInDays with localTime.',
    },
  );

const rowTemplateSchema = z.object({
  label: z.string().min(1).max(12),
  seats: z.number().int().min(1).max(200),
  categoryId: catalogIdSchema,
  /** Seat numbers (1-based) of wheelchair places and of their companion seats. */
  accessible: z.array(z.number().int().min(1)).default([]),
  companion: z.array(z.number().int().min(1)).default([]),
});

const planTemplateSchema = z.object({
  id: catalogIdSchema,
  venueId: catalogIdSchema,
  name: z.string().min(1),
  categories: z.array(z.object({ id: catalogIdSchema, name: z.string().min(1) })).min(1),
  seatPitch: z.number().positive(),
  rowPitch: z.number().positive(),
  centerX: z.number(),
  sections: z
    .array(
      z.object({
        id: catalogIdSchema,
        name: z.string().min(1),
        originY: z.number(),
        rows: z.array(rowTemplateSchema).min(1),
      }),
    )
    .min(1),
});

export const demoTemplateSchema = z.object({
  version: z.number().int().min(0),
  venue: venueSchema,
  events: z.array(eventSchema),
  performances: z.array(performanceTemplateSchema),
  tiers: z.array(priceTierSchema),
  seatingPlans: z.array(planTemplateSchema),
  priceRules: z.array(priceRuleSchema),
  refundPolicies: z.array(refundPolicySchema),
});

export type DemoTemplate = z.output<typeof demoTemplateSchema>;

/** The template as shipped; `buildDemoCatalog` validates it. */
export const DEMO_VENUE_TEMPLATE: unknown = demoVenueJson;

export type DemoErrorCode = 'invalid_demo_data';

/** Expands the template into a catalog whose performances are relative to `nowMs`. */
export function buildDemoCatalog(template: unknown, nowMs: number): Result<Catalog, DemoErrorCode> {
  const parsed = demoTemplateSchema.safeParse(template);
  if (!parsed.success)
    return err(
      'invalid_demo_data',
      `The demo venue template is invalid: ${z.prettifyError(parsed.error)}`,
    );
  const t = parsed.data;
  const tz = t.venue.timeZone;
  const candidate = {
    version: t.version,
    venue: t.venue,
    events: t.events,
    performances: t.performances.map((p) => {
      const { startsInDays, localTime, startsInHours, ...rest } = p;
      const startsAtMs =
        startsInHours !== undefined
          ? Math.ceil((nowMs + startsInHours * HOUR_MS) / HOUR_MS) * HOUR_MS
          : zonedDayTime(nowMs, startsInDays ?? 0, localTime ?? '19:00', tz);
      return { ...rest, startsAt: new Date(startsAtMs).toISOString() };
    }),
    tiers: t.tiers,
    seatingPlans: t.seatingPlans.map(expandPlan),
    priceRules: t.priceRules,
    refundPolicies: t.refundPolicies,
  };
  const checked = catalogSchema.safeParse(candidate);
  if (!checked.success)
    return err(
      'invalid_demo_data',
      `The demo catalog is invalid: ${z.prettifyError(checked.error)}`,
    );
  return ok(checked.data);
}

function expandPlan(plan: z.output<typeof planTemplateSchema>): Catalog['seatingPlans'][number] {
  const sections: Section[] = plan.sections.map((section) => ({
    id: section.id,
    name: section.name,
    rows: section.rows.map((row, ri) => {
      const seats: Seat[] = [];
      for (let n = 1; n <= row.seats; n++) {
        seats.push({
          id: `${section.id}-${row.label}-${n}`,
          label: String(n),
          // Centred rows, seat 1 on the left as seen from the stage's audience side.
          x: plan.centerX + (n - (row.seats + 1) / 2) * plan.seatPitch,
          y: section.originY + ri * plan.rowPitch,
          categoryId: row.categoryId,
          accessible: row.accessible.includes(n),
          companion: row.companion.includes(n),
        });
      }
      return { id: `${section.id}-${row.label}`, label: row.label, seats };
    }),
  }));
  return {
    id: plan.id,
    venueId: plan.venueId,
    name: plan.name,
    categories: plan.categories,
    sections,
  };
}

/** The instant of `localTime` on the venue's calendar day `days` after today's. */
export function zonedDayTime(
  nowMs: number,
  days: number,
  localTime: string,
  timeZone: string,
): number {
  const localNow = new Date(nowMs + zoneOffsetMs(nowMs, timeZone));
  const [hh, mm] = localTime.split(':').map(Number);
  const wall = Date.UTC(
    localNow.getUTCFullYear(),
    localNow.getUTCMonth(),
    localNow.getUTCDate() + days,
    hh ?? 0,
    mm ?? 0,
  );
  return instantOfWallTime(wall, timeZone);
}
